/**
 * GET /webhook: Meta's subscription handshake. POST /webhook: verify the signature over the
 * raw bytes, parse, durably enqueue every event, and only then answer 200.
 * No business logic here.
 */
import express, { type Request, type Response, Router } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { Logger } from '../observability/logger';
import { metrics } from '../observability/metrics';
import { verifySignature } from '../shared/signature';
import { maskKey } from '../shared/mask';
import { parseWebhook, safeType, type Admission, type ParsedWebhook } from './parse-webhook';
import type { InboxEntry } from '../queue/inbox';
import { jsonDepthExceeds } from './json-depth';

export interface WebhookDeps {
  appSecret: string;
  verifyToken: string;
  /** Our business numbers and the window of message times we process (parse-webhook.ts `admission`). */
  admission: Admission;
  bodyLimit: string;
  maxEvents: number;
  maxTextLength: number;
  /** Max array/object nesting of the body, checked on the bytes before parsing (intake/json-depth.ts). */
  maxJsonDepth?: number;
  logger: Logger;
  /** Durably enqueue one conversation's entries; resolves once Redis acknowledged them. */
  enqueueMessages(key: string, entries: InboxEntry[]): Promise<number>;
  enqueueStatuses(statuses: ParsedWebhook['statuses'], correlationId: string): Promise<void>;
  /** Called for requests failing the signature check (per-IP limiting hooks in here); true → 429. */
  onInvalidSignature?(req: Request): Promise<boolean>;
  /** Per-IP budget of failed handshakes (a guessed verify token); over it → 429 before checking. */
  verifyTokenGate?: {
    blocked(req: Request): Promise<boolean>;
    failed(req: Request): Promise<boolean>;
  };
}

export function createWebhookRouter(deps: WebhookDeps): Router {
  const router = Router();
  router.get('/webhook', (req, res, next) => handshake(deps, req, res).catch(next));
  router.post('/webhook', express.raw({ type: () => true, limit: deps.bodyLimit }), (req, res) =>
    receive(deps, req, res, {
      onInvalid: deps.onInvalidSignature ? () => deps.onInvalidSignature!(req) : undefined,
    }),
  );
  return router;
}

async function handshake(deps: WebhookDeps, req: Request, res: Response): Promise<void> {
  const mode = req.query['hub.mode'];
  const token = req.query['hub.verify_token'];
  const challenge = req.query['hub.challenge'];
  const gate = deps.verifyTokenGate;
  const tooMany = () => void res.status(429).json({ error: 'too many failed verifications' });
  // A client over its budget is refused before its token is looked at: guessing right then tells it nothing.
  if (gate && (await gate.blocked(req))) return tooMany();
  if (
    mode === 'subscribe' &&
    typeof token === 'string' &&
    safeEqual(token, deps.verifyToken) &&
    typeof challenge === 'string'
  ) {
    res.status(200).type('text/plain').send(challenge);
    return;
  }
  // Every failed handshake counts as a guess of the verify token.
  if (gate && (await gate.failed(req))) return tooMany();
  res.status(403).json({ error: 'verification failed' });
}

/** A request whose raw body has been read (`body`: the bytes). */
export type ReadRequest = IncomingMessage & { body?: unknown };

/**
 * The POST itself, on Node's request/response (used by the Express route and by the fast path,
 * webhook-fast-path.ts). `verified`: the caller already checked the signature over these bytes.
 */
export async function receive(
  deps: WebhookDeps,
  req: ReadRequest,
  res: ServerResponse,
  opts: { verified?: boolean; onInvalid?: () => Promise<boolean> } = {},
): Promise<void> {
  const started = process.hrtime.bigint();
  const done = (status: number, outcome: string, body: unknown): void => {
    metrics.webhookRequests.inc({ outcome });
    metrics.webhookProcessingDuration.observe(
      { outcome },
      Number(process.hrtime.bigint() - started) / 1e9,
    );
    // Straight to Node (headers set earlier, e.g. helmet's, are kept): Express's send path
    // (content negotiation, ETag hashing) is measurable at thousands of webhooks per second.
    const json = JSON.stringify(body);
    res
      .writeHead(status, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(json),
      })
      .end(json);
  };
  const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  if (!opts.verified && !verifySignature(raw, header(req, 'x-hub-signature-256'), deps.appSecret)) {
    const limited = opts.onInvalid ? await opts.onInvalid() : false;
    if (limited) return done(429, 'rate_limited', { error: 'too many invalid requests' });
    return done(401, 'invalid_signature', { error: 'invalid signature' });
  }
  if (deps.maxJsonDepth !== undefined && jsonDepthExceeds(raw, deps.maxJsonDepth)) {
    deps.logger.warn(
      { event: 'webhook.malformed', reason: 'nested too deeply' },
      'malformed webhook rejected',
    );
    return done(400, 'malformed', { error: 'body nested too deeply' });
  }
  const receivedAt = Date.now();
  const parsed = parseWebhook(
    raw,
    { maxEvents: deps.maxEvents, maxTextLength: deps.maxTextLength, admission: deps.admission },
    receivedAt,
  );
  if (!parsed.ok) {
    deps.logger.warn(
      { event: 'webhook.malformed', reason: parsed.reason },
      'malformed webhook rejected',
    );
    return done(400, 'malformed', { error: parsed.reason });
  }
  const correlationId = header(req, 'x-request-id') ?? randomUUID();
  const { result } = parsed;
  countRefused(deps.logger, result.refused, correlationId);
  const byKey = groupByConversation(result, correlationId, receivedAt);
  try {
    const accepted = await Promise.all([
      ...[...byKey].map(([key, entries]) => deps.enqueueMessages(key, entries)),
      result.statuses.length > 0
        ? deps.enqueueStatuses(result.statuses, correlationId).then(() => 0)
        : Promise.resolve(0),
    ]);
    const fresh = accepted.reduce((a, b) => a + b, 0);
    countReceived(result, fresh);
    // Debug, not info: one line per delivery on the hot path. Each message is logged at info
    // by the worker (`conversation.transition`, same correlationId).
    if (deps.logger.isLevelEnabled('debug'))
      deps.logger.debug(
        {
          event: 'webhook.received',
          correlationId,
          messages: result.messages.length,
          fresh,
          statuses: result.statuses.length,
          skipped: result.skipped.length,
          from: [...byKey.keys()].map(maskKey),
        },
        'webhook accepted',
      );
    if (result.skipped.length > 0)
      deps.logger.warn(
        { event: 'webhook.skipped', correlationId, reasons: result.skipped.slice(0, 10) },
        'items skipped',
      );
    if (result.systemErrors.length > 0)
      deps.logger.error(
        { event: 'webhook.system_errors', correlationId, codes: result.systemErrors },
        'Meta reported errors',
      );
    done(200, 'accepted', { ok: true });
  } catch (err) {
    deps.logger.error(
      { event: 'webhook.enqueue_failed', correlationId, err: (err as Error).message },
      'enqueue failed: answering 503',
    );
    res.setHeader('Retry-After', '5');
    done(503, 'unavailable', { error: 'temporarily unavailable' });
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function groupByConversation(
  result: ParsedWebhook,
  correlationId: string,
  receivedAt: number,
): Map<string, InboxEntry[]> {
  const byKey = new Map<string, InboxEntry[]>();
  for (const { identity, event } of result.messages) {
    const entry: InboxEntry = {
      event,
      correlationId,
      receivedAt,
      contact: { waId: identity.waId, bsuid: identity.bsuid },
    };
    const list = byKey.get(identity.key);
    if (list) list.push(entry);
    else byKey.set(identity.key, [entry]);
  }
  return byKey;
}

function countReceived(result: ParsedWebhook, fresh: number): void {
  for (const { event } of result.messages) {
    metrics.messagesReceived.inc({
      type:
        event.kind === 'unsupported'
          ? safeType(event.messageType)
          : event.kind === 'media'
            ? event.mediaType
            : event.kind,
    });
  }
  const dupes = result.messages.length - fresh;
  if (dupes > 0) metrics.duplicatesDropped.inc(dupes);
  for (const s of result.statuses) metrics.statusesReceived.inc({ status: s.status });
}

/** Refused events (foreign number, too old, from the future): counted and logged, never processed. */
function countRefused(
  logger: Logger,
  refused: ParsedWebhook['refused'],
  correlationId: string,
): void {
  let any = false;
  for (const [reason, n] of Object.entries(refused)) {
    if (n === 0) continue;
    metrics.webhookEventsRefused.inc({ reason }, n);
    any = true;
  }
  if (any)
    logger.warn(
      { event: 'webhook.refused', correlationId, ...refused },
      'webhook events refused (acknowledged, not processed)',
    );
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
