/**
 * The Lua scripts (queue/lua/*.lua), each a single atomic step on one conversation's keys or on
 * one lease, and one typed wrapper per script: callers pass named keys and arguments, and the
 * wrapper is the only place that knows their positional order in KEYS and ARGV.
 *
 * Scripts are read once at start-up and registered with ioredis `defineCommand` (EVALSHA, with
 * EVAL on NOSCRIPT). A line `--@include lib/<file>.lua` is replaced by that file (shared Lua
 * functions such as the conversation snapshot); nothing else is assembled at run time.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ConversationKeys } from './keys';
import type { RedisClient } from './redis';

const LUA_DIR = path.join(__dirname, 'lua');

/** A script's text with its `--@include` lines resolved (one level: libraries include nothing). */
export function loadLua(name: string): string {
  const text = fs.readFileSync(path.join(LUA_DIR, `${name}.lua`), 'utf8');
  return text.replace(/^--@include (\S+)$/gm, (_line, file: string) =>
    fs.readFileSync(path.join(LUA_DIR, file), 'utf8').trimEnd(),
  );
}

/**
 * Every script command: its file in lua/ and its number of keys (fixed per command, so ioredis
 * knows the keys: Redis Cluster routing and auto-pipelining group commands by their keys' slot).
 * `enqueue.lua` serves two commands: without and with the ready-stream key.
 */
const SCRIPTS = {
  enqueue: { file: 'enqueue', keys: 3 },
  enqueueAndSignal: { file: 'enqueue', keys: 4 },
  snapshot: { file: 'snapshot', keys: 5 },
  begin: { file: 'begin', keys: 6 },
  commit: { file: 'commit', keys: 5 },
  popListHead: { file: 'pop-list-head', keys: 1 },
  popOutboxRun: { file: 'pop-outbox-run', keys: 6 },
  sendqPush: { file: 'sendq-push', keys: 1 },
  dropInboxMember: { file: 'drop-inbox-member', keys: 1 },
  lock: { file: 'lock', keys: 1 },
  renew: { file: 'renew', keys: 1 },
  releaseAndPeek: { file: 'release-and-peek', keys: 3 },
  lease: { file: 'lease', keys: 1 },
  trimLeased: { file: 'trim-leased', keys: 2 },
  unlease: { file: 'unlease', keys: 1 },
} as const satisfies Record<string, { file: string; keys: number }>;

type ScriptName = keyof typeof SCRIPTS;
type Arg = string | number;

/** ioredis command name of a script command. */
const commandOf = (name: ScriptName): string => `ub${name[0]!.toUpperCase()}${name.slice(1)}`;

/** A client with the scripts defined (see `withScripts`); call them through the wrappers below. */
export type ScriptedRedis = RedisClient & { readonly __ubScripts: true };

type Invoke = (...args: Arg[]) => Promise<unknown>;

function call<T>(redis: ScriptedRedis, name: ScriptName, args: Arg[]): Promise<T> {
  const fn = (redis as unknown as Record<string, Invoke>)[commandOf(name)];
  return fn.apply(redis, args) as Promise<T>;
}

/** Define every script on this client (once per client). */
export function withScripts(client: RedisClient): ScriptedRedis {
  for (const [name, { file, keys }] of Object.entries(SCRIPTS) as [
    ScriptName,
    { file: string; keys: number },
  ][]) {
    const command = commandOf(name);
    if (command in client) continue;
    client.defineCommand(command, { lua: loadLua(file), numberOfKeys: keys });
  }
  return client as ScriptedRedis;
}

/** The raw snapshot reply (lua/lib/snapshot.lua); parsed by conversation/runner/store.ts. */
export type SnapshotReply = [
  [string | null, string | null, string | null],
  [string | null, string | null, string | null, string | null],
  string[],
  string[],
  number,
];

type SnapshotKeys = Pick<ConversationKeys, 'state' | 'meta' | 'inbox' | 'outbox' | 'sendq'>;

/** How long a conversation's send order lives without a write (a week). */
const SENDQ_TTL_MS = 7 * 24 * 3600 * 1000;

/**
 * Accept events into an inbox at most once per id. With `ready` (single Redis), the conversation is
 * signalled on the ready stream in the same step when anything is pending.
 */
export function enqueue(
  redis: ScriptedRedis,
  keys: Pick<ConversationKeys, 'seen' | 'inbox' | 'seq'> & { ready?: string },
  a: {
    nowMs: number;
    dedupeTtlMs: number;
    conversationKey: string;
    events: { id: string; atSeconds: number; json: string }[];
  },
): Promise<[accepted: number, pending: number]> {
  const args: Arg[] = [a.nowMs, a.dedupeTtlMs, a.conversationKey];
  for (const e of a.events) args.push(e.id, e.atSeconds, e.json);
  if (keys.ready === undefined)
    return call(redis, 'enqueue', [keys.seen, keys.inbox, keys.seq, ...args]);
  return call(redis, 'enqueueAndSignal', [keys.seen, keys.inbox, keys.seq, keys.ready, ...args]);
}

export function snapshot(redis: ScriptedRedis, k: SnapshotKeys): Promise<SnapshotReply> {
  return call(redis, 'snapshot', [k.state, k.meta, k.inbox, k.outbox, k.sendq]);
}

/** Take the conversation lock; the snapshot when it was free, 0 when someone holds it. */
export function begin(
  redis: ScriptedRedis,
  k: SnapshotKeys & { lock: string },
  a: { token: string; ttlMs: number },
): Promise<SnapshotReply | 0> {
  return call(redis, 'begin', [
    k.lock,
    k.state,
    k.meta,
    k.inbox,
    k.outbox,
    k.sendq,
    a.token,
    a.ttlMs,
  ]);
}

export interface CommitScriptArgs {
  expectedVersion: number;
  schema: number;
  /** null deletes the state. */
  stateJson: string | null;
  ttlMs: number;
  consumed: { from: 'inbox' | 'outbox'; member: string };
  /** Each undefined field keeps what the meta holds. */
  lastInboundAt?: number;
  waId?: string;
  bsuid?: string;
  commandJsons: string[];
}

/** Version check, new state, consume the event, queue its commands: [1, next snapshot] | [0] conflict | [-1] gone. */
export function commit(
  redis: ScriptedRedis,
  k: SnapshotKeys,
  a: CommitScriptArgs,
): Promise<[number, SnapshotReply?]> {
  return call(redis, 'commit', [
    k.state,
    k.inbox,
    k.outbox,
    k.meta,
    k.sendq,
    String(a.expectedVersion),
    String(a.expectedVersion + 1),
    String(a.schema),
    a.stateJson ?? '',
    a.ttlMs,
    a.consumed.from,
    a.consumed.member,
    a.lastInboundAt ? String(a.lastInboundAt) : '',
    a.waId ?? '',
    a.bsuid ?? '',
    ...a.commandJsons,
  ]);
}

/** Pop a list's head if it is `head` (outbox item, or a command id in a send order). */
export async function popListHead(
  redis: ScriptedRedis,
  list: string,
  head: string,
): Promise<boolean> {
  return (await call<number>(redis, 'popListHead', [list, head])) === 1;
}

/**
 * Pop the first `count` outbox items if the head is still `head`; with a lock token, release the
 * lock in the same step when nothing is left to do. [popped, 0 = released | next snapshot].
 */
export function popOutboxRun(
  redis: ScriptedRedis,
  k: SnapshotKeys & { lock: string },
  a: { count: number; head: string; lockToken?: string },
): Promise<[number, SnapshotReply | 0]> {
  return call(redis, 'popOutboxRun', [
    k.outbox,
    k.lock,
    k.state,
    k.meta,
    k.inbox,
    k.sendq,
    a.count,
    a.head,
    a.lockToken ?? '',
  ]);
}

/** Append a reply's command id to the conversation's send order, once. */
export async function sendqPush(
  redis: ScriptedRedis,
  sendq: string,
  commandId: string,
): Promise<void> {
  await call(redis, 'sendqPush', [sendq, commandId, SENDQ_TTL_MS]);
}

export async function dropInboxMember(
  redis: ScriptedRedis,
  inbox: string,
  member: string,
): Promise<boolean> {
  return (await call<number>(redis, 'dropInboxMember', [inbox, member])) === 1;
}

export async function lock(
  redis: ScriptedRedis,
  key: string,
  a: { token: string; ttlMs: number },
): Promise<boolean> {
  return (await call<number>(redis, 'lock', [key, a.token, a.ttlMs])) === 1;
}

/** Extend a lock we own; false when it is no longer ours. */
export async function renew(
  redis: ScriptedRedis,
  key: string,
  a: { token: string; ttlMs: number },
): Promise<boolean> {
  return (await call<number>(redis, 'renew', [key, a.token, a.ttlMs])) === 1;
}

/** Release the conversation lock (if ours); how many events and commands still wait. */
export function releaseAndPeek(
  redis: ScriptedRedis,
  k: Pick<ConversationKeys, 'lock' | 'inbox' | 'outbox'>,
  token: string,
): Promise<number> {
  return call(redis, 'releaseAndPeek', [k.lock, k.inbox, k.outbox, token]);
}

/** Take a lease or extend ours; true when held. */
export async function lease(
  redis: ScriptedRedis,
  key: string,
  a: { token: string; ttlMs: number },
): Promise<boolean> {
  return (await call<number>(redis, 'lease', [key, a.token, a.ttlMs])) === 1;
}

/** Drop the first `count` entries of `list` only while holding `leaseKey`; true when trimmed. */
export async function trimLeased(
  redis: ScriptedRedis,
  k: { lease: string; list: string },
  a: { token: string; count: number; ttlMs: number },
): Promise<boolean> {
  return (
    (await call<number>(redis, 'trimLeased', [k.lease, k.list, a.token, a.count, a.ttlMs])) === 1
  );
}

export async function unlease(redis: ScriptedRedis, key: string, token: string): Promise<void> {
  await call(redis, 'unlease', [key, token]);
}
