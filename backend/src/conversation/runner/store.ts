/**
 * Conversation state in Redis: a versioned envelope with an inactivity TTL, plus the inbox
 * and outbox of the conversation. All writes are single Lua scripts (queue/scripts.ts).
 */
import type { Command } from '../commands';
import { migrateState, STATE_SCHEMA_VERSION, type ConversationState } from '../state';
import { conversationKeys, type ConversationKeys } from '../../queue/keys';
import type { ScriptedRedis, SnapshotReply } from '../../queue/scripts';
import type { InboxEntry } from '../../queue/inbox';

export interface LoadedConversation {
  version: number;
  state: ConversationState | null;
  /** There was a session before and it expired (state gone, meta remains). */
  sessionExpired: boolean;
  lastInboundAt: number | null;
  contact: { waId?: string; bsuid?: string };
}

/** A command as queued in the outbox, with its idempotency id and the context of its event. */
export interface OutboxItem {
  id: string;
  command: Command;
  correlationId: string;
  receivedAt?: number;
}

export type CommitResult = 'ok' | 'conflict' | 'gone';

/**
 * Everything the worker needs for its next step, read atomically with the write before it
 * (lock, commit, pop): state + meta, the inbox head, the start of the outbox, the sendq length.
 */
export interface Snapshot extends LoadedConversation {
  inbox: { member: string; entry: InboxEntry } | null;
  /** The first outbox items (up to 16), oldest first. */
  outbox: { raw: string; item: OutboxItem }[];
  /** Replies of this person still waiting in the outbound queue. */
  sendqLength: number;
}

/** The lock a pop may release when it leaves nothing to do. */
export interface HeldLock {
  key: string;
  token: string;
}

export type CommitNext = { result: 'ok'; next: Snapshot } | { result: 'conflict' | 'gone' };

export function parseSnapshot(raw: SnapshotReply): Snapshot {
  const [[v, s, d], [hadSession, lastInboundAt, waId, bsuid], head, outbox, sendqLength] = raw;
  const member = head[0];
  return {
    version: v ? Number(v) : 0,
    state: d ? migrateState(JSON.parse(d), Number(s)) : null,
    sessionExpired: !d && hadSession === '1',
    lastInboundAt: lastInboundAt ? Number(lastInboundAt) : null,
    contact: { waId: waId || undefined, bsuid: bsuid || undefined },
    inbox: member ? { member, entry: JSON.parse(member) as InboxEntry } : null,
    outbox: outbox.map((r) => ({ raw: r, item: JSON.parse(r) as OutboxItem })),
    sendqLength: Number(sendqLength),
  };
}

export class ConversationStore {
  constructor(
    private readonly redis: ScriptedRedis,
    private readonly prefix: string,
    private readonly ttlMs: number,
  ) {}

  keys(key: string): ConversationKeys {
    return conversationKeys(this.prefix, key);
  }

  /** State and meta of a conversation (the snapshot's first part: one read path for both). */
  async load(key: string): Promise<LoadedConversation> {
    return this.snapshot(key);
  }

  /** Take the conversation lock; the snapshot when it was free, null when someone holds it. */
  async begin(key: string, token: string, ttlMs: number): Promise<Snapshot | null> {
    const k = this.keys(key);
    const raw = await this.redis.ubBegin(k.lock, k.state, k.meta, k.inbox, k.outbox, k.sendq, token, ttlMs);
    return raw === 0 ? null : parseSnapshot(raw);
  }

  async snapshot(key: string): Promise<Snapshot> {
    const k = this.keys(key);
    return parseSnapshot(await this.redis.ubSnapshot(k.state, k.meta, k.inbox, k.outbox, k.sendq));
  }

  /** Oldest pending inbox member (raw JSON) and its parsed entry. */
  async peekInbox(key: string): Promise<{ member: string; entry: InboxEntry } | null> {
    return (await this.snapshot(key)).inbox;
  }

  /** The outbox head (raw JSON) and its parsed item. */
  async peekOutbox(key: string): Promise<{ raw: string; item: OutboxItem } | null> {
    return (await this.snapshot(key)).outbox[0] ?? null;
  }

  /**
   * Remove the first `count` outbox items, if the head is still `head`. With `lock`: when that
   * leaves nothing to do, the lock is released in the same step ('released'); otherwise the
   * snapshot after the pop.
   */
  async popOutboxRun(key: string, count: number, head: string, lock?: HeldLock): Promise<Snapshot | 'released'> {
    const k = this.keys(key);
    const [, next] = await this.redis.ubPopOutboxRun(k.outbox, k.lock, k.state, k.meta, k.inbox, k.sendq, count, head, lock?.token ?? '');
    return next === 0 ? 'released' : parseSnapshot(next);
  }

  async popOutboxHead(key: string, raw: string): Promise<boolean> {
    return (await this.redis.ubPopOutboxHead(this.keys(key).outbox, raw)) === 1;
  }

  async dropInboxMember(key: string, member: string): Promise<boolean> {
    return (await this.redis.ubDropInboxMember(this.keys(key).inbox, member)) === 1;
  }



  /**
   * Atomically: check the version, write the new state (or delete it), consume the event
   * (inbox member or outbox head) and append the commands to the outbox.
   */
  async commit(args: CommitArgs): Promise<CommitResult> {
    return (await this.commitNext(args)).result;
  }

  /** `commit`, also returning the snapshot right after it (the worker's next step). */
  async commitNext(args: CommitArgs): Promise<CommitNext> {
    const k = this.keys(args.key);
    const [res, next] = await this.redis.ubCommit(
      k.state,
      k.inbox,
      k.outbox,
      k.meta,
      k.sendq,
      String(args.expectedVersion),
      String(args.expectedVersion + 1),
      String(STATE_SCHEMA_VERSION),
      args.state === null ? '' : JSON.stringify(args.state),
      this.ttlMs,
      args.consumed.from,
      args.consumed.member,
      args.lastInboundAt ? String(args.lastInboundAt) : '',
      args.contact?.waId ?? '',
      args.contact?.bsuid ?? '',
      ...args.commands.map((c) => JSON.stringify(c)),
    );
    if (res === 1 && next) return { result: 'ok', next: parseSnapshot(next) };
    return { result: res === 0 ? 'conflict' : 'gone' };
  }
}

export interface CommitArgs {
  key: string;
  expectedVersion: number;
  state: ConversationState | null;
  consumed: { from: 'inbox' | 'outbox'; member: string };
  lastInboundAt?: number;
  /** Where to reach the user, as received with this event (kept in the conversation meta). */
  contact?: { waId?: string; bsuid?: string };
  commands: OutboxItem[];
}
