/**
 * The sender: one outbound job = one message (or mark-as-read) to one user.
 * Order of checks: already sent? → 24 h window (template fallback) → limits (business number,
 * recipient) → build + validate payload → Cloud API. Retryable errors are thrown for BullMQ to
 * retry with backoff; permanent ones become UnrecoverableError and end in the dead-letter queue.
 */
import { DelayedError, type Job, type Queue, UnrecoverableError, Worker } from 'bullmq';
import type { OutboundMessage } from '../shared/messages';
import type { Logger } from '../observability/logger';
import { metrics } from '../observability/metrics';
import { maskKey } from '../shared/mask';
import { contactFromKey } from '../shared/conversation-key';
import { conversationKeys, fallbackKey, jobIdOf, sentKey } from '../queue/keys';
import { popListHead, type ScriptedRedis } from '../queue/scripts';
import type { OutboundJob } from '../queue/jobs';
import { buildMarkRead, buildPayload } from './builders';
import { MessageLimitError } from './limits';
import { CloudApiError } from './cloud-api-errors';
import type { CloudMessagePayload, MarkReadPayload } from './types';
import { insideServiceWindow } from './service-window';
import { passRateGate, type RateGate } from './rate-gate';
import { templateOf } from './template-fallback';

export interface CloudApi {
  send(payload: CloudMessagePayload): Promise<{ messageId: string; waId?: string }>;
  markRead(payload: MarkReadPayload): Promise<unknown>;
}

export interface SenderDeps extends RateGate {
  redis: ScriptedRedis;
  prefix: string;
  api: CloudApi;
  logger: Logger;
  templates: Record<string, string>;
  templateLanguage: { es: string; en: string };
  windowMarginMs: number;
  logOutbound?(row: {
    key: string;
    wamid: string;
    type: string;
    correlationId: string;
  }): Promise<void>;
  /** The outbound queue, to tell a pending earlier reply from a finished one. */
  queue?: Queue<OutboundJob>;
  /**
   * Whether the person of a conversation opted out ("STOP", "baja"; care/opt-out.ts). Asked only
   * for proactive sends: templates, and messages that carry a template fallback (those caused by
   * notices, timers and background results rather than by the person's own message).
   */
  isOptedOut?(key: string): Promise<boolean>;
}

const MARKER_TTL_S = 2 * 24 * 3600;
/** How long a write after an accepted send keeps retrying (a Redis restart or failover). */
const AFTER_SEND_RETRY_MS = 30_000;

/**
 * A Redis write that must follow a send Meta already accepted (the "sent" marker). Failing the
 * job here would make BullMQ retry it and send the message a second time, so a transient Redis
 * error (restart, failover) is retried for a while instead of being thrown at once.
 */
async function afterSend(write: () => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + AFTER_SEND_RETRY_MS;
  for (let delay = 25; ; delay = Math.min(delay * 2, 200)) {
    try {
      await write();
      return;
    } catch (err) {
      if (Date.now() + delay > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

export async function processOutbound(
  deps: SenderDeps,
  job: Job<OutboundJob>,
  token: string | undefined,
  worker: Worker,
): Promise<string> {
  const { data } = job;
  const gate: Gate = (key) => limit(deps, job, token, worker, key);
  if (!data.ordered) return sendOne(deps, data, gate);
  const sendq = conversationKeys(deps.prefix, data.key).sendq;
  await waitForTurn(deps, job, token, sendq);
  let done = false;
  try {
    const outcome = await sendOne(deps, data, gate);
    done = true;
    return outcome;
  } catch (err) {
    // A permanent failure will not be retried: let the next reply go.
    if (err instanceof UnrecoverableError) done = true;
    throw err;
  } finally {
    if (done) await afterSend(() => popListHead(deps.redis, sendq, data.commandId));
  }
}

/**
 * Replies to one person leave in the order the conversation produced them: a reply waits
 * (re-delayed, not counted as an attempt) while an earlier one is still pending — e.g. retrying
 * after a 429. Entries of replies that already went out or failed for good are cleared.
 */
async function waitForTurn(
  deps: SenderDeps,
  job: Job<OutboundJob>,
  token: string | undefined,
  sendq: string,
): Promise<void> {
  for (let i = 0; i < 10; i++) {
    const head = await deps.redis.lindex(sendq, 0);
    if (head === null || head === job.data.commandId) return;
    if (await finished(deps, head)) {
      await popListHead(deps.redis, sendq, head);
      continue;
    }
    await job.moveToDelayed(Date.now() + 300 + Math.floor(Math.random() * 200), token);
    throw new DelayedError();
  }
}

async function finished(deps: SenderDeps, commandId: string): Promise<boolean> {
  if (await deps.redis.exists(sentKey(deps.prefix, commandId))) return true;
  if (!deps.queue) return false;
  const state = await deps.queue.getJobState(jobIdOf(commandId));
  return state === 'completed' || state === 'failed' || state === 'unknown';
}

/**
 * Checks the business and recipient limits for a send (`key` = recipient, null for a read
 * receipt); throws to put the send off (BullMQ: delay or rate-limit the job; direct: queue it).
 */
type Gate = (key: string | null) => Promise<void>;

/**
 * What the conversation worker already knows when it sends directly: the conversation meta (read
 * under its lock, atomically with its last commit) and whether the command was committed by
 * this very drain (`fresh`: never tried before, so it cannot have a "sent" marker yet).
 */
export interface KnownRecipient {
  lastInboundAt: number | null;
  contact: { waId?: string; bsuid?: string };
  fresh: boolean;
}

async function readRecipient(
  deps: SenderDeps,
  data: OutboundJob,
  marker: string,
  known?: KnownRecipient,
): Promise<[number, (string | null)[]]> {
  if (known) {
    const meta = [
      known.lastInboundAt === null ? null : String(known.lastInboundAt),
      known.contact.waId ?? null,
      known.contact.bsuid ?? null,
    ];
    return [known.fresh ? 0 : await deps.redis.exists(marker), meta];
  }
  // Both reads in one round trip (auto-pipelined).
  return Promise.all([
    deps.redis.exists(marker),
    deps.redis.hmget(
      conversationKeys(deps.prefix, data.key).meta,
      'lastInboundAt',
      'waId',
      'bsuid',
    ),
  ]);
}

async function sendOne(
  deps: SenderDeps,
  data: OutboundJob,
  gate: Gate,
  known?: KnownRecipient,
): Promise<string> {
  const marker = sentKey(deps.prefix, data.commandId);
  const [already, meta] = await readRecipient(deps, data, marker, known);
  if (already) {
    metrics.messagesSent.inc({
      type: data.action.kind === 'send' ? data.action.message.type : 'read',
      outcome: 'skipped_duplicate',
    });
    return 'duplicate';
  }
  const lastInboundAt = meta[0] ? Number(meta[0]) : null;
  const fromKey = contactFromKey(data.key);
  const recipient = { phone: meta[1] ?? fromKey.waId, bsuid: meta[2] ?? fromKey.bsuid };
  const inside = insideServiceWindow(lastInboundAt, Date.now(), deps.windowMarginMs);

  if (data.action.kind === 'markRead') {
    if (!inside) return 'skipped_window';
    await gate(null);
    await callApi(() =>
      deps.api.markRead(
        buildMarkRead(data.action.kind === 'markRead' ? data.action.messageId : '', {
          typing: true,
        }),
      ),
    );
    await afterSend(() => deps.redis.set(marker, 'read', 'EX', MARKER_TTL_S));
    return 'read';
  }

  const { fallback, readFirst } = data.action;
  // Opt-out: no template ever reaches a person who said STOP (nothing business-initiated outside
  // the 24 h window). Inside the window they opened by writing, replies and news about what they
  // asked for (their provider accepted, the job is done) still go out as ordinary messages.
  const optedOut = (): Promise<boolean> =>
    deps.isOptedOut ? deps.isOptedOut(data.key) : Promise.resolve(false);
  const refuse = (type: string): string => {
    metrics.messagesSent.inc({ type, outcome: 'opted_out' });
    deps.logger.info(
      {
        event: 'send.opted_out',
        key: maskKey(data.key),
        correlationId: data.correlationId,
        commandId: data.commandId,
      },
      'the person opted out: no template sent',
    );
    return 'opted_out';
  };
  if ((data.action.message.type === 'template' || (fallback && !inside)) && (await optedOut()))
    return refuse(data.action.message.type);
  if (readFirst && inside) {
    // The reply is ready, so no typing indicator (it would show after a reply that overtook it),
    // and the receipt goes out alongside the reply rather than one Cloud API round trip before
    // it. Best effort: a receipt that fails must not hold up (or repeat) the reply.
    deps.api
      .markRead(buildMarkRead(readFirst))
      .catch((err: Error) =>
        deps.logger.debug(
          { event: 'send.read_receipt_failed', err: err.message },
          'read receipt failed',
        ),
      );
  }
  let message: OutboundMessage = data.action.message;
  let outcome = 'sent';
  if (!inside && message.type !== 'template') {
    if (!fallback) {
      metrics.messagesSent.inc({ type: message.type, outcome: 'window_closed' });
      deps.logger.warn(
        { event: 'send.window_closed', key: maskKey(data.key), correlationId: data.correlationId },
        'outside the 24 h window and no template: not sent',
      );
      return 'window_closed';
    }
    message = templateOf(deps, fallback);
    outcome = 'template_fallback';
  }
  await gate(data.key);
  let result: { messageId: string };
  try {
    result = await callApi(() => deps.api.send(payloadOf(recipient, message)));
  } catch (err) {
    if (
      err instanceof CloudApiError &&
      err.kind === 'window_closed' &&
      fallback &&
      message.type !== 'template'
    ) {
      if (await optedOut()) return refuse(message.type);
      message = templateOf(deps, fallback);
      outcome = 'template_fallback';
      result = await callApi(() => deps.api.send(payloadOf(recipient, message)));
    } else throw err;
  }
  const sentId = result.messageId;
  await afterSend(() => deps.redis.set(marker, sentId, 'EX', MARKER_TTL_S));
  if (fallback && message.type !== 'template') {
    await afterSend(() =>
      deps.redis.set(
        fallbackKey(deps.prefix, sentId),
        JSON.stringify({ key: data.key, commandId: data.commandId, fallback }),
        'EX',
        MARKER_TTL_S,
      ),
    );
  }
  metrics.messagesSent.inc({ type: message.type, outcome });
  if (data.receivedAt) metrics.inboundToReply.observe((Date.now() - data.receivedAt) / 1000);
  deps.logger.info(
    {
      event: 'send.ok',
      key: maskKey(data.key),
      correlationId: data.correlationId,
      type: message.type,
      outcome,
      commandId: data.commandId,
    },
    'message sent',
  );
  // Best effort, in the background (group-committed; the reply does not wait for Postgres).
  if (deps.logOutbound) {
    deps
      .logOutbound({
        key: data.key,
        wamid: result.messageId,
        type: message.type,
        correlationId: data.correlationId,
      })
      .catch((e: Error) =>
        deps.logger.warn(
          { event: 'message_log.failed', err: e.message },
          'message log write failed',
        ),
      );
  }
  return outcome;
}

/** What became of a send tried directly by the conversation worker. */
export type DirectOutcome =
  | { kind: 'done'; outcome: string }
  /** Not sent now (rate limit, retryable Cloud API error): queue it to be retried after `delayMs`. */
  | { kind: 'later'; delayMs: number; reason: string }
  /** Permanent failure: dead-letter it (with Meta's code), do not retry. */
  | { kind: 'failed'; error: Error & { code?: number } };

class SendLater extends Error {
  constructor(readonly delayMs: number) {
    super('rate limited');
  }
}

/**
 * One attempt at a send from the conversation worker itself (no job): the common case costs no
 * queue round trips. Anything that needs waiting (limits, retries) is handed back to be queued.
 * Errors that are not the Cloud API's (Redis) are thrown: the drain retries the command.
 */
export async function sendDirect(
  deps: SenderDeps,
  data: OutboundJob,
  retryDelay: (err: Error) => number,
  known?: KnownRecipient,
): Promise<DirectOutcome> {
  try {
    return {
      kind: 'done',
      outcome: await sendOne(deps, data, (key) => consumeOrLater(deps, key), known),
    };
  } catch (err) {
    if (err instanceof SendLater)
      return { kind: 'later', delayMs: err.delayMs, reason: 'rate_limited' };
    if (err instanceof UnrecoverableError)
      return { kind: 'failed', error: err as Error & { code?: number } };
    if (err instanceof CloudApiError)
      return { kind: 'later', delayMs: retryDelay(err), reason: err.kind };
    throw err;
  }
}

/** Direct sends: over a limit, the send is handed back to be queued after the wait. */
async function consumeOrLater(deps: SenderDeps, key: string | null): Promise<void> {
  const decision = await passRateGate(deps, key);
  if (!decision.ok) throw new SendLater(decision.waitMs);
}

function payloadOf(
  recipient: { phone?: string; bsuid?: string },
  message: OutboundMessage,
): CloudMessagePayload {
  try {
    return buildPayload(recipient, message);
  } catch (err) {
    if (err instanceof MessageLimitError)
      throw new UnrecoverableError(`invalid message: ${err.message}`);
    throw err;
  }
}

/** Count Cloud API errors by code, and turn permanent ones into UnrecoverableError. */
async function callApi<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof CloudApiError)) throw err;
    const retryable = err.kind === 'retryable';
    metrics.sendErrors.inc({
      code: String(err.code ?? err.httpStatus ?? 'network'),
      retryable: String(retryable),
    });
    if (retryable || err.kind === 'window_closed') throw err;
    const permanent = new UnrecoverableError(
      `Cloud API ${err.kind} error ${err.code ?? err.httpStatus ?? ''}: ${err.message}`,
    );
    Object.assign(permanent, { code: err.code });
    throw permanent;
  }
}

/**
 * Queued sends: over the business limit the whole outbound worker pauses (BullMQ rate limit);
 * over one recipient's pair rate only this job is delayed.
 */
async function limit(
  deps: SenderDeps,
  job: Job<OutboundJob>,
  token: string | undefined,
  worker: Worker,
  key: string | null,
): Promise<void> {
  const decision = await passRateGate(deps, key);
  if (decision.ok) return;
  if (decision.scope === 'business') {
    await worker.rateLimit(decision.waitMs);
    throw Worker.RateLimitError();
  }
  await job.moveToDelayed(Date.now() + decision.waitMs, token);
  throw new DelayedError();
}
