/**
 * The conversation worker for one conversation: under its lock, run pending outbox commands,
 * then each inbox event in order: load state → pure step → commit (state + consumed event +
 * commands, atomically) → execute the commands. `call` results are fed back into the step
 * at once. Crash anywhere → the lock expires, the job is retried, and the work resumes from
 * what Redis holds: nothing lost, nothing done twice.
 */
import { step, type StepContext } from '../step';
import type { ConversationEvent, InternalEvent } from '../events';
import type { Logger } from '../../observability/logger';
import { metrics } from '../../observability/metrics';
import { maskKey } from '../../shared/mask';
import { reportError } from '../../observability/sentry';
import { attemptsKey, sessionsKey } from '../../queue/keys';
import type { InboxEntry } from '../../queue/inbox';
import { ConversationLock } from './lock';
import type { ConversationStore, LoadedConversation, OutboxItem, Snapshot } from './store';
import { executeCommand, type ExecutorDeps } from './effects';
import { runOperation, type OperationHandlers } from '../../operations/registry';
import { dropIfRateLimited } from './over-limit';
import type { InboundLimiter } from './inbound-limiter';
import type { StepContextBase } from './step-context';
import type { ConversationFlags } from '../../shared/feature-flags';
import { consumeIfHandedOff, type HandoffPause } from './handoff-pause';

export interface DrainDeps extends ExecutorDeps {
  store: ConversationStore;
  handlers: OperationHandlers;
  logger: Logger;
  lockTtlMs: number;
  /** Attempts for one event or command before it is dead-lettered (or answered `ok: false`). */
  maxAttempts: number;
  stepContext(base: StepContextBase): StepContext;
  /** The feature flags of this conversation, evaluated once per drain before its first step (flags/; the step does no I/O). */
  conversationFlags?(key: string): Promise<ConversationFlags>;
  deadLetter(entry: {
    key: string;
    event?: string;
    error: string;
    attempts: number;
  }): Promise<void>;
  logInbound?(key: string, entry: InboxEntry): Promise<void>;
  /** Per-user limits: user messages over them are consumed without running the step (over-limit.ts). */
  inboundLimiter?: InboundLimiter;
  /** Handoff to a person: while one is open, user messages are recorded and consumed, not answered. */
  handoff?: HandoffPause;
}

/** 'pending': work arrived faster than it was done; the caller signals the conversation again. */
export type DrainOutcome = 'drained' | 'busy' | 'pending';

export async function drainConversation(deps: DrainDeps, key: string): Promise<DrainOutcome> {
  const lock = new ConversationLock(deps.redis, deps.store.keys(key), deps.lockTtlMs);
  for (let round = 0; round < 3; round++) {
    // Lock and first look in one step. Someone else took the lock after our release: they
    // see what is pending.
    const first = await deps.store.begin(key, lock.token, lock.ttlMs);
    if (!first) return round === 0 ? 'busy' : 'drained';
    lock.held();
    let pending = 0;
    const run: DrainRun = { lock, fresh: new Set(), logs: [] };
    let next: Snapshot | null = first;
    try {
      // Keep going until inbox and outbox are empty; every step returns the next snapshot.
      while (next) next = await processNext(deps, key, next, run);
    } finally {
      await settleLogs(run);
      if (lock.holding) pending = await lock.release();
    }
    // Something arrived between our last look and the release: take another turn.
    if (pending === 0) return 'drained';
  }
  return 'pending';
}

/** One drain under one lock. */
interface DrainRun {
  lock: ConversationLock;
  /** Ids of commands committed by this drain (never executed before: no "sent" marker to look for). */
  fresh: Set<string>;
  /** Message-log appends of this drain (settled before the lock goes). */
  logs: Promise<void>[];
  /** The conversation's feature flags, read at the first step of this drain (one turn sees one set). */
  flags?: ConversationFlags;
}

/**
 * The inbound message-log rows of this drain are appended to the log buffer before the lock is
 * released, so the buffer's order is the processing order of a conversation even across worker
 * processes and Cluster nodes (the buffer and the lock may live on different nodes).
 */
async function settleLogs(run: DrainRun): Promise<void> {
  if (run.logs.length === 0) return;
  const logs = run.logs;
  run.logs = [];
  await Promise.all(logs);
}

/**
 * Process one unit of work seen in `snap`; the snapshot after it, or null when there is
 * nothing left (the lock may then have been released by the last pop).
 */
async function processNext(
  deps: DrainDeps,
  key: string,
  snap: Snapshot,
  run: DrainRun,
): Promise<Snapshot | null> {
  let next: Snapshot | 'released' | undefined;
  const out = snap.outbox[0];
  if (out) {
    const effects = leadingEffects(snap.outbox);
    const work = async () => {
      next =
        effects.length > 0
          ? await runEffects(deps, key, effects, snap, run)
          : await runCall(deps, key, out.raw, out.item, snap, run);
    };
    await guarded(deps, key, out.item.id, work, async (error, attempts) => {
      if (out.item.command.kind === 'call') {
        next = await feedResult(
          deps,
          key,
          out.raw,
          out.item,
          { ok: false, error },
          await deps.store.snapshot(key),
          run,
        );
      } else {
        await deps.deadLetter({ key, event: out.raw, error, attempts });
        await deps.store.popOutboxHead(key, out.raw);
        next = undefined;
      }
    });
  } else {
    const head = snap.inbox;
    if (!head) return null;
    await guarded(
      deps,
      key,
      head.entry.event.id,
      async () => {
        next = await processInboxEntry(deps, key, head.member, head.entry, snap, run);
      },
      async (error, attempts) => {
        await deps.deadLetter({ key, event: head.member, error, attempts });
        await deps.store.dropInboxMember(key, head.member);
        next = undefined;
      },
    );
  }
  if (next === 'released') {
    run.lock.released();
    return null;
  }
  return next ?? (await deps.store.snapshot(key));
}

/** Run `work`; count failures per item and give up on it (via `onGiveUp`) after maxAttempts. */
async function guarded(
  deps: DrainDeps,
  key: string,
  itemId: string,
  work: () => Promise<void>,
  onGiveUp: (error: string, attempts: number) => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (err) {
    const akey = attemptsKey(deps.prefix, key, itemId);
    const attempts = await deps.redis.incr(akey);
    await deps.redis.pexpire(akey, 24 * 3600 * 1000);
    const message = (err as Error).message;
    deps.logger.warn(
      { event: 'conversation.failed', key: maskKey(key), itemId, attempts, err: message },
      'processing failed',
    );
    if (attempts < deps.maxAttempts) throw err;
    deps.logger.error(
      { event: 'conversation.dead_letter', key: maskKey(key), itemId, attempts },
      'giving up on item',
    );
    reportError(err, {
      kind: 'conversation.dead_letter',
      user: maskKey(key),
      correlationId: itemId,
    });
    await onGiveUp(message, attempts);
  }
}

async function processInboxEntry(
  deps: DrainDeps,
  key: string,
  member: string,
  entry: InboxEntry,
  snap: Snapshot,
  run: DrainRun,
): Promise<Snapshot | undefined> {
  if (
    deps.inboundLimiter &&
    (await dropIfRateLimited(
      { store: deps.store, limiter: deps.inboundLimiter, logger: deps.logger },
      key,
      member,
      entry,
      snap.state,
    ))
  )
    return undefined;
  // The message log is best effort and off the reply's path (a Redis append, copied to Postgres
  // in batches; it never rejects).
  if (deps.logInbound && entry.event.source === 'user') run.logs.push(deps.logInbound(key, entry));
  if (
    deps.handoff &&
    (await consumeIfHandedOff(
      { store: deps.store, pause: deps.handoff, logger: deps.logger },
      key,
      member,
      entry,
    ))
  )
    return undefined;
  return applyEvent(
    deps,
    key,
    entry.event,
    { from: 'inbox', member },
    entry.correlationId,
    entry.receivedAt,
    snap,
    run,
    entry.contact,
  );
}

type Effect = {
  raw: string;
  item: OutboxItem & { command: Exclude<OutboxItem['command'], { kind: 'call' }> };
};

/** The run of non-`call` commands at the head of the outbox (they need no result). */
function leadingEffects(run: { raw: string; item: OutboxItem }[]): Effect[] {
  const effects: Effect[] = [];
  for (const entry of run) {
    if (entry.item.command.kind === 'call') break;
    effects.push(entry as Effect);
  }
  return effects;
}

/**
 * Execute a run of effects, then remove them from the outbox in one step (which also releases
 * the lock when nothing is left). Each effect is idempotent, so a crash before the removal only
 * repeats harmless work (a send has its "sent" marker). Replies go out directly, one after the
 * other in conversation order, as long as no earlier reply of this person waits in the outbound
 * queue (its send order, `sendq`); from the first reply that has to wait (rate limit, Cloud API
 * error), the rest are queued behind it. Timers and notices are issued together (one pipelined
 * write).
 */
async function runEffects(
  deps: DrainDeps,
  key: string,
  effects: Effect[],
  snap: Snapshot,
  run: DrainRun,
): Promise<Snapshot | 'released'> {
  let direct =
    deps.sendDirect !== undefined &&
    snap.sendqLength === 0 &&
    effects.some((e) => e.item.command.kind === 'send');
  const folded = foldReadReceipts(effects);
  const isOutbound = (c: Effect['item']['command']) => c.kind === 'send' || c.kind === 'markRead';
  const others = Promise.allSettled(
    folded
      .filter(({ item }) => !isOutbound(item.command))
      .map(({ item }) => executeCommand(deps, key, item, item.command)),
  );
  let sendFailure: { error: unknown } | null = null;
  try {
    for (const { item, readFirst } of folded) {
      const { command } = item;
      if (command.kind !== 'send' && command.kind !== 'markRead') continue;
      // What the snapshot knows spares the sender its own reads (the meta only changes in a
      // commit, under this lock).
      const known = {
        lastInboundAt: snap.lastInboundAt,
        contact: snap.contact,
        fresh: run.fresh.has(item.id),
      };
      const delivery = await executeCommand(deps, key, item, command, { readFirst, direct, known });
      if (delivery === 'queued' && command.kind === 'send') direct = false;
    }
  } catch (error) {
    sendFailure = { error };
  }
  const failed = (await others).find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (sendFailure) throw sendFailure.error;
  if (failed) throw failed.reason;
  // This pop may release the lock.
  await settleLogs(run);
  const next = await deps.store.popOutboxRun(key, effects.length, effects[0].raw, {
    key: run.lock.key,
    token: run.lock.token,
  });
  deps.logger.debug(
    {
      event: 'command.executed',
      key: maskKey(key),
      kinds: effects.map((e) => e.item.command.kind),
      correlationId: effects[0].item.correlationId,
    },
    'commands executed',
  );
  return next;
}

/**
 * A mark-as-read followed in the same run by a send travels with that send (one outbound job
 * instead of two); the receipt goes out alongside the reply, without the typing indicator.
 */
function foldReadReceipts(effects: Effect[]): { item: Effect['item']; readFirst?: string }[] {
  const out: { item: Effect['item']; readFirst?: string }[] = [];
  let pendingRead: string | undefined;
  for (const [i, { item }] of effects.entries()) {
    const { command } = item;
    if (
      command.kind === 'markRead' &&
      !pendingRead &&
      effects.slice(i + 1).some((e) => e.item.command.kind === 'send')
    ) {
      pendingRead = command.messageId;
      continue;
    }
    if (command.kind === 'send' && pendingRead) {
      out.push({ item, readFirst: pendingRead });
      pendingRead = undefined;
      continue;
    }
    out.push({ item });
  }
  return out;
}

/** Run the `call` at the outbox head and feed its result back into the step. */
async function runCall(
  deps: DrainDeps,
  key: string,
  raw: string,
  item: OutboxItem,
  snap: Snapshot,
  run: DrainRun,
): Promise<Snapshot | undefined> {
  const { command } = item;
  if (command.kind !== 'call') throw new Error(`not a call: ${command.kind}`);
  const output = await runOperation(deps.handlers, command.op, command.input, {
    key,
    contact: snap.contact,
    commandId: item.id,
    correlationId: item.correlationId,
    now: Date.now(),
  });
  return feedResult(deps, key, raw, item, { ok: true, output }, snap, run);
}

async function feedResult(
  deps: DrainDeps,
  key: string,
  raw: string,
  item: OutboxItem,
  outcome: { ok: true; output: unknown } | { ok: false; error: string },
  snap: LoadedConversation,
  run: DrainRun,
): Promise<Snapshot | undefined> {
  if (item.command.kind !== 'call') return undefined;
  const { op, tag } = item.command;
  logOperation(deps, key, item, outcome);
  const event = {
    source: 'internal',
    kind: 'result',
    id: `${item.id}>r`,
    at: Date.now(),
    op,
    ...(tag !== undefined ? { tag } : {}),
    ...outcome,
  } as InternalEvent;
  return applyEvent(
    deps,
    key,
    event,
    { from: 'outbox', member: raw },
    item.correlationId,
    item.receivedAt,
    snap,
    run,
  );
}

/**
 * Step + commit; the snapshot after the commit, or undefined when the event was gone. `first`
 * is the state the event is stepped on first (a version conflict reloads it).
 */
async function applyEvent(
  deps: DrainDeps,
  key: string,
  event: ConversationEvent,
  consumed: { from: 'inbox' | 'outbox'; member: string },
  correlationId: string,
  receivedAt: number | undefined,
  first: LoadedConversation,
  run: DrainRun,
  contact?: { waId?: string; bsuid?: string },
): Promise<Snapshot | undefined> {
  let loaded = first;
  run.flags ??= await deps.conversationFlags?.(key);
  const flags = run.flags;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (attempt > 0) loaded = await deps.store.snapshot(key);
    const now = Date.now();
    const result = step(
      loaded.state,
      event,
      deps.stepContext({ now, sessionExpired: loaded.sessionExpired, ...(flags ? { flags } : {}) }),
    );
    const commands: OutboxItem[] = result.commands.map((command, i) => ({
      id: `${event.id}#${i}`,
      command,
      correlationId,
      // Replies caused by a user's message (directly or through an operation result) carry its
      // arrival time, for the inbound-to-reply latency.
      ...(receivedAt !== undefined && (event.source === 'user' || event.kind === 'result')
        ? { receivedAt }
        : {}),
    }));
    const committed = await deps.store.commitNext({
      key,
      expectedVersion: loaded.version,
      state: result.state,
      consumed,
      lastInboundAt: event.source === 'user' ? Math.max(event.at, receivedAt ?? 0) : undefined,
      ...(contact ? { contact } : {}),
      commands,
    });
    if (committed.result !== 'ok') {
      if (committed.result === 'conflict') continue;
      return undefined;
    }
    for (const c of commands) run.fresh.add(c.id);
    const stateName = result.state?.name ?? 'none';
    metrics.transitions.inc({ state: stateName });
    deps.redis.zadd(sessionsKey(deps.prefix), now, key).catch(() => undefined);
    deps.logger.info(
      {
        event: 'conversation.transition',
        correlationId,
        key: maskKey(key),
        eventKind: event.kind,
        from: loaded.state?.name ?? 'none',
        state: stateName,
        version: loaded.version + 1,
        commands: commands.map((c) => c.command.kind),
      },
      'state committed',
    );
    return committed.next;
  }
  throw new Error('state version conflict persisted');
}

/** Business events worth a log line of their own (ids and outcomes only, never personal data). */
const OPERATION_EVENTS: Partial<Record<string, string>> = {
  offerRequest: 'offer.sent',
  answerOffer: 'offer.answered',
  expireOffer: 'offer.expired',
  createRequest: 'request.created',
  cancelRequest: 'request.cancelled',
  completeJob: 'job.completed',
  rateJob: 'job.rated',
  registerProvider: 'provider.registered',
  setProviderOnline: 'provider.online_changed',
};

function logOperation(
  deps: DrainDeps,
  key: string,
  item: OutboxItem,
  outcome: { ok: true; output: unknown } | { ok: false; error: string },
): void {
  if (item.command.kind !== 'call') return;
  const op = item.command.op;
  const status = outcome.ok ? ((outcome.output as { status?: unknown }).status ?? 'ok') : 'error';
  const fields = {
    event: OPERATION_EVENTS[op] ?? 'operation.done',
    op,
    status,
    correlationId: item.correlationId,
    key: maskKey(key),
    commandId: item.id,
  };
  if (!outcome.ok) deps.logger.warn({ ...fields, err: outcome.error }, 'operation failed');
  else if (OPERATION_EVENTS[op]) deps.logger.info(fields, 'operation done');
  else deps.logger.debug(fields, 'operation done');
}
