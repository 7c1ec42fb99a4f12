/**
 * The conversation worker for one conversation: under its lock, run pending outbox commands,
 * then each inbox event in order: load state → pure step → commit (state + consumed event +
 * commands, atomically) → execute the commands. `call` results are fed back into the step
 * at once. Crash anywhere → the lock expires, the job is retried, and the work resumes from
 * what Redis holds: nothing lost, nothing done twice.
 */
import { step, type StepContext } from '../conversation/step';
import type { ConversationEvent, InternalEvent } from '../conversation/events';
import type { Logger } from '../observability/logger';
import { metrics } from '../observability/metrics';
import { maskKey } from '../shared/mask';
import { reportError } from '../observability/sentry';
import { attemptsKey, sessionsKey } from '../queue/keys';
import type { InboxEntry } from '../queue/inbox';
import { ConversationLock } from './conversation-lock';
import type { ConversationStore, OutboxItem } from './conversation-store';
import { executeCommand, type ExecutorDeps } from './command-executor';
import { runOperation, type OperationHandlers } from './operation-handlers';
import { dropIfRateLimited } from '../security/rate-limited-drop';
import type { InboundLimiter } from '../security/inbound-limiter';

export interface DrainDeps extends ExecutorDeps {
  store: ConversationStore;
  handlers: OperationHandlers;
  logger: Logger;
  lockTtlMs: number;
  /** Attempts for one event or command before it is dead-lettered (or answered `ok: false`). */
  maxAttempts: number;
  stepContext(base: { now: number; sessionExpired: boolean }): StepContext;
  deadLetter(entry: { key: string; event?: string; error: string; attempts: number }): Promise<void>;
  logInbound?(key: string, entry: InboxEntry): Promise<void>;
  /** Per-user limits: user messages over them are consumed without running the step (security/). */
  inboundLimiter?: InboundLimiter;
}

/** 'pending': work arrived faster than it was done; the caller signals the conversation again. */
export type DrainOutcome = 'drained' | 'busy' | 'pending';

export async function drainConversation(deps: DrainDeps, key: string): Promise<DrainOutcome> {
  const lock = new ConversationLock(deps.redis, deps.store.keys(key), deps.lockTtlMs);
  for (let round = 0; round < 3; round++) {
    // Someone else took the lock after our release: they see what is pending.
    if (!(await lock.acquire())) return round === 0 ? 'busy' : 'drained';
    let pending = 0;
    try {
      while (await processNext(deps, key)) {
        /* keep going until inbox and outbox are empty */
      }
    } finally {
      pending = await lock.release();
    }
    // Something arrived between our last look and the release: take another turn.
    if (pending === 0) return 'drained';
  }
  return 'pending';
}

/** Process one unit of work; false when there is nothing left. */
async function processNext(deps: DrainDeps, key: string): Promise<boolean> {
  const run = await deps.store.peekOutboxRun(key, OUTBOX_BATCH);
  const out = run[0];
  if (out) {
    const effects = leadingEffects(run);
    const work = effects.length > 0 ? () => runEffects(deps, key, effects) : () => runOutboxHead(deps, key, out.raw, out.item);
    await guarded(deps, key, out.item.id, work, async (error, attempts) => {
      if (out.item.command.kind === 'call') {
        await feedResult(deps, key, out.raw, out.item, { ok: false, error });
      } else {
        await deps.deadLetter({ key, event: out.raw, error, attempts });
        await deps.store.popOutboxHead(key, out.raw);
      }
    });
    return true;
  }
  const next = await deps.store.peekInbox(key);
  if (!next) return false;
  await guarded(deps, key, next.entry.event.id, () => processInboxEntry(deps, key, next.member, next.entry), async (error, attempts) => {
    await deps.deadLetter({ key, event: next.member, error, attempts });
    await deps.store.dropInboxMember(key, next.member);
  });
  return true;
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
    deps.logger.warn({ event: 'conversation.failed', key: maskKey(key), itemId, attempts, err: message }, 'processing failed');
    if (attempts < deps.maxAttempts) throw err;
    deps.logger.error({ event: 'conversation.dead_letter', key: maskKey(key), itemId, attempts }, 'giving up on item');
    reportError(err, { kind: 'conversation.dead_letter', user: maskKey(key), correlationId: itemId });
    await onGiveUp(message, attempts);
  }
}

async function processInboxEntry(deps: DrainDeps, key: string, member: string, entry: InboxEntry): Promise<void> {
  if (deps.inboundLimiter && (await dropIfRateLimited({ store: deps.store, limiter: deps.inboundLimiter, logger: deps.logger }, key, member, entry))) return;
  if (deps.logInbound && entry.event.source === 'user') await deps.logInbound(key, entry);
  await applyEvent(deps, key, entry.event, { from: 'inbox', member }, entry.correlationId, entry.receivedAt, entry.contact);
}

/** How many outbox items are looked at at once. */
const OUTBOX_BATCH = 16;

type Effect = { raw: string; item: OutboxItem & { command: Exclude<OutboxItem['command'], { kind: 'call' }> } };

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
 * Execute a run of effects, then remove them from the outbox in one step. Each effect is
 * idempotent, so a crash before the removal only repeats harmless work (a send has its "sent"
 * marker). Replies go out directly, one after the other in conversation order, as long as no
 * earlier reply of this person waits in the outbound queue (its send order, `sendq`); from the
 * first reply that has to wait (rate limit, Cloud API error), the rest are queued behind it.
 * Timers and notices are issued together (one pipelined write).
 */
async function runEffects(deps: DrainDeps, key: string, effects: Effect[]): Promise<void> {
  let direct = deps.sendDirect !== undefined && effects.some((e) => e.item.command.kind === 'send') && (await deps.store.sendqLength(key)) === 0;
  const folded = foldReadReceipts(effects);
  const isOutbound = (c: Effect['item']['command']) => c.kind === 'send' || c.kind === 'markRead';
  const others = Promise.allSettled(folded.filter(({ item }) => !isOutbound(item.command)).map(({ item }) => executeCommand(deps, key, item, item.command)));
  let sendFailure: { error: unknown } | null = null;
  try {
    for (const { item, readFirst } of folded) {
      const { command } = item;
      if (command.kind !== 'send' && command.kind !== 'markRead') continue;
      const delivery = await executeCommand(deps, key, item, command, { readFirst, direct });
      if (delivery === 'queued' && command.kind === 'send') direct = false;
    }
  } catch (error) {
    sendFailure = { error };
  }
  const failed = (await others).find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (sendFailure) throw sendFailure.error;
  if (failed) throw failed.reason;
  await deps.store.popOutboxRun(key, effects.length, effects[0].raw);
  deps.logger.debug({ event: 'command.executed', key: maskKey(key), kinds: effects.map((e) => e.item.command.kind), correlationId: effects[0].item.correlationId }, 'commands executed');
}

/**
 * A mark-as-read followed in the same run by a send travels with that send (one outbound job
 * instead of two); the receipt is still sent first.
 */
function foldReadReceipts(effects: Effect[]): { item: Effect['item']; readFirst?: string }[] {
  const out: { item: Effect['item']; readFirst?: string }[] = [];
  let pendingRead: string | undefined;
  for (const [i, { item }] of effects.entries()) {
    const { command } = item;
    if (command.kind === 'markRead' && !pendingRead && effects.slice(i + 1).some((e) => e.item.command.kind === 'send')) {
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

async function runOutboxHead(deps: DrainDeps, key: string, raw: string, item: OutboxItem): Promise<void> {
  const { command } = item;
  if (command.kind !== 'call') {
    await executeCommand(deps, key, item, command);
    await deps.store.popOutboxHead(key, raw);
    deps.logger.debug({ event: 'command.executed', key: maskKey(key), kind: command.kind, commandId: item.id, correlationId: item.correlationId }, 'command executed');
    return;
  }
  const loaded = await deps.store.load(key);
  const output = await runOperation(deps.handlers, command.op, command.input, {
    key,
    contact: loaded.contact,
    commandId: item.id,
    correlationId: item.correlationId,
    now: Date.now(),
  });
  await feedResult(deps, key, raw, item, { ok: true, output });
}

async function feedResult(
  deps: DrainDeps,
  key: string,
  raw: string,
  item: OutboxItem,
  outcome: { ok: true; output: unknown } | { ok: false; error: string },
): Promise<void> {
  if (item.command.kind !== 'call') return;
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
  await applyEvent(deps, key, event, { from: 'outbox', member: raw }, item.correlationId, item.receivedAt);
}

async function applyEvent(
  deps: DrainDeps,
  key: string,
  event: ConversationEvent,
  consumed: { from: 'inbox' | 'outbox'; member: string },
  correlationId: string,
  receivedAt: number | undefined,
  contact?: { waId?: string; bsuid?: string },
): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const loaded = await deps.store.load(key);
    const now = Date.now();
    const result = step(loaded.state, event, deps.stepContext({ now, sessionExpired: loaded.sessionExpired }));
    const commands: OutboxItem[] = result.commands.map((command, i) => ({
      id: `${event.id}#${i}`,
      command,
      correlationId,
      // Replies caused by a user's message (directly or through an operation result) carry its
      // arrival time, for the inbound-to-reply latency.
      ...(receivedAt !== undefined && (event.source === 'user' || event.kind === 'result') ? { receivedAt } : {}),
    }));
    const committed = await deps.store.commit({
      key,
      expectedVersion: loaded.version,
      state: result.state,
      consumed,
      lastInboundAt: event.source === 'user' ? Math.max(event.at, receivedAt ?? 0) : undefined,
      ...(contact ? { contact } : {}),
      commands,
    });
    if (committed === 'conflict') continue;
    if (committed === 'gone') return;
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
    return;
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
  const fields = { event: OPERATION_EVENTS[op] ?? 'operation.done', op, status, correlationId: item.correlationId, key: maskKey(key), commandId: item.id };
  if (!outcome.ok) deps.logger.warn({ ...fields, err: outcome.error }, 'operation failed');
  else if (OPERATION_EVENTS[op]) deps.logger.info(fields, 'operation done');
  else deps.logger.debug(fields, 'operation done');
}
