/**
 * Conversation state in Redis: a versioned envelope with an inactivity TTL, plus the inbox
 * and outbox of the conversation. All writes are single Lua scripts (queue/scripts.ts).
 */
import type { Command } from '../commands';
import { migrateState, STATE_SCHEMA_VERSION, type ConversationState } from '../state';
import { conversationKeys, type ConversationKeys } from '../../queue/keys';
import * as scripts from '../../queue/scripts';
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
    const raw = await scripts.begin(this.redis, k, { token, ttlMs });
    return raw === 0 ? null : parseSnapshot(raw);
  }

  async snapshot(key: string): Promise<Snapshot> {
    return parseSnapshot(await scripts.snapshot(this.redis, this.keys(key)));
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
  async popOutboxRun(
    key: string,
    count: number,
    head: string,
    lock?: HeldLock,
  ): Promise<Snapshot | 'released'> {
    const [, next] = await scripts.popOutboxRun(this.redis, this.keys(key), {
      count,
      head,
      ...(lock ? { lockToken: lock.token } : {}),
    });
    return next === 0 ? 'released' : parseSnapshot(next);
  }

  async popOutboxHead(key: string, raw: string): Promise<boolean> {
    return scripts.popListHead(this.redis, this.keys(key).outbox, raw);
  }

  async dropInboxMember(key: string, member: string): Promise<boolean> {
    return scripts.dropInboxMember(this.redis, this.keys(key).inbox, member);
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
    const [res, next] = await scripts.commit(this.redis, this.keys(args.key), {
      expectedVersion: args.expectedVersion,
      schema: STATE_SCHEMA_VERSION,
      stateJson: args.state === null ? null : JSON.stringify(args.state),
      ttlMs: this.ttlMs,
      consumed: args.consumed,
      ...(args.lastInboundAt ? { lastInboundAt: args.lastInboundAt } : {}),
      ...(args.contact?.waId ? { waId: args.contact.waId } : {}),
      ...(args.contact?.bsuid ? { bsuid: args.contact.bsuid } : {}),
      commandJsons: args.commands.map((c) => JSON.stringify(c)),
    });
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
