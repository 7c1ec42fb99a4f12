/**
 * `POST /:version/:phoneNumberId/messages`: validates loosely like Meta, applies planned
 * failures and latency, answers with Meta's exact shapes and records the request.
 *
 * `handleSend` knows nothing of the HTTP framework: the Express route (`app.ts`) and the plain
 * Node fast path (`send-fast-path.ts`) both call it with the parsed request.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Request, Response } from 'express';
import type { FakeContext } from './context';
import {
  FAILURE_PRESETS,
  metaErrorBody,
  outboundWamid,
  sendSuccessBody,
  type MetaErrorSpec,
} from './meta-responses';
import type { RecordedMessage } from './recorder';

const MESSAGE_TYPES = new Set([
  'text',
  'interactive',
  'template',
  'image',
  'audio',
  'video',
  'document',
  'sticker',
  'location',
  'contacts',
  'reaction',
]);

type Body = Record<string, unknown>;

/** Meta's checks, loosely: the first missing/invalid parameter, as a code-100 error. */
function validate(body: Body): MetaErrorSpec | undefined {
  const invalid = (message: string): MetaErrorSpec => ({
    httpStatus: 400,
    code: 100,
    message: `(#100) ${message}`,
    details: message,
  });
  if (body.messaging_product !== 'whatsapp')
    return invalid('The parameter messaging_product is required.');
  if (body.status !== undefined) {
    if (body.status !== 'read') return invalid('Invalid parameter status.');
    return typeof body.message_id === 'string' && body.message_id !== ''
      ? undefined
      : invalid('The parameter message_id is required.');
  }
  if (typeof body.to !== 'string' && typeof body.recipient !== 'string')
    return invalid('The parameter to is required.');
  if (typeof body.type !== 'string') return invalid('The parameter type is required.');
  if (!MESSAGE_TYPES.has(body.type)) return invalid(`Invalid parameter type: ${body.type}.`);
  const content = body[body.type];
  if (typeof content !== 'object' || content === null)
    return invalid(`The parameter ${body.type} is required.`);
  if (body.type === 'text' && typeof (content as Body).body !== 'string')
    return invalid("The parameter text['body'] is required.");
  if (body.type === 'interactive' && typeof (content as Body).type !== 'string')
    return invalid("The parameter interactive['type'] is required.");
  return undefined;
}

const MEDIA_MESSAGE_TYPES = new Set(['image', 'audio', 'video', 'document', 'sticker']);

/** A media message must name an uploaded media id the fake knows, or an https link. */
function unknownMedia(ctx: FakeContext, body: Body): MetaErrorSpec | undefined {
  if (typeof body.type !== 'string' || !MEDIA_MESSAGE_TYPES.has(body.type)) return undefined;
  const media = body[body.type] as Body;
  const invalid = (message: string): MetaErrorSpec => ({
    httpStatus: 400,
    code: 100,
    message: `(#100) ${message}`,
    details: message,
  });
  if (typeof media.id === 'string')
    return ctx.media.get(media.id)
      ? undefined
      : invalid(`Invalid parameter ${body.type}['id']: media ${media.id} does not exist.`);
  if (typeof media.link === 'string')
    return /^https:\/\//.test(media.link)
      ? undefined
      : invalid(`Invalid parameter ${body.type}['link'].`);
  return invalid(`The parameter ${body.type}['id'] or ${body.type}['link'] is required.`);
}

function recordableHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name === 'authorization' || value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** A send-endpoint request, parsed. */
export interface SendRequest {
  version: string;
  phoneNumberId: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (anything else: `{}`). */
  body: unknown;
  /** The connection: a planned `disconnect` destroys it; a held request whose client left is dropped. */
  socket: { readonly destroyed: boolean; destroy(): void };
}

/** How the answer is written: status, a JSON body, extra headers. */
export type SendReply = (status: number, body: unknown, headers?: Record<string, string>) => void;

/** The largest request body the send endpoint takes (Express route and fast path alike). */
export const MAX_SEND_BODY_BYTES = 1024 * 1024;

/** A SendReply written through Express's response. */
export function expressReply(res: Response): SendReply {
  return (status, body, headers) => {
    if (headers) res.set(headers);
    res.status(status).json(body);
  };
}

/** The bearer token check, in Meta's shape (401, code 190); records the rejected request. */
export function rejectToken(
  ctx: FakeContext,
  authorization: string | undefined,
  params: { version: string; phoneNumberId: string },
  reply: SendReply,
): boolean {
  const header = authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
  const expected = ctx.options.accessToken;
  if (token !== '' && (expected === undefined || token === expected)) return false;
  const err = FAILURE_PRESETS.token;
  ctx.recorder.add({
    at: Date.now(),
    kind: 'message',
    apiVersion: params.version,
    phoneNumberId: params.phoneNumberId,
    headers: {},
    body: undefined,
    status: err.httpStatus,
    errorCode: err.code,
  });
  reply(err.httpStatus, metaErrorBody(err), {
    'WWW-Authenticate': 'OAuth "Facebook Platform" "invalid_token"',
  });
  return true;
}

/** The Express route's handler (after the bearer check and `express.json`). */
export function sendEndpoint(ctx: FakeContext) {
  return (req: Request<{ version: string; phoneNumberId: string }>, res: Response): Promise<void> =>
    handleSend(
      ctx,
      {
        version: req.params.version,
        phoneNumberId: req.params.phoneNumberId,
        headers: req.headers,
        body: req.body as unknown,
        socket: req.socket,
      },
      expressReply(res),
    );
}

export async function handleSend(
  ctx: FakeContext,
  req: SendRequest,
  reply: SendReply,
): Promise<void> {
  if (ctx.held) {
    await ctx.held;
    // The client went away while held: the request never reached "Meta".
    if (req.socket.destroyed) return;
  }
  const at = Date.now();
  await ctx.delay(ctx.latencyMs);
  const body: Body =
    typeof req.body === 'object' && req.body !== null && !Array.isArray(req.body)
      ? (req.body as Body)
      : {};
  const kind: RecordedMessage['kind'] = body.status !== undefined ? 'read' : 'message';
  const to =
    typeof body.to === 'string'
      ? body.to
      : typeof body.recipient === 'string'
        ? body.recipient
        : undefined;
  const record = (status: number, extra: Partial<RecordedMessage> = {}) =>
    ctx.recorder.add({
      at,
      kind,
      apiVersion: req.version,
      phoneNumberId: req.phoneNumberId,
      headers: recordableHeaders(req.headers),
      body: req.body as unknown,
      ...(kind === 'message' && to !== undefined ? { to } : {}),
      ...(kind === 'message' && typeof body.type === 'string' ? { type: body.type } : {}),
      status,
      ...extra,
    });
  const fail = (spec: MetaErrorSpec) => {
    record(spec.httpStatus, { errorCode: spec.code });
    reply(spec.httpStatus, metaErrorBody(spec));
  };

  const known = ctx.options.phoneNumberId;
  if (known !== undefined && req.phoneNumberId !== known) {
    const message = `Unsupported post request. Object with ID '${req.phoneNumberId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`;
    return fail({ httpStatus: 400, code: 100, message });
  }
  const invalid = validate(body) ?? unknownMedia(ctx, body);
  if (invalid) return fail(invalid);

  const failure = ctx.failures.take(kind === 'read' ? 'read' : 'send', to);
  if (failure?.kind === 'disconnect') {
    record(0);
    req.socket.destroy();
    return;
  }
  if (failure && !failure.async) return fail(failure.error);

  if (kind === 'read') {
    record(200);
    reply(200, { success: true });
    return;
  }
  const target =
    typeof body.to === 'string' ? { to: body.to } : { recipient: String(body.recipient) };
  const messageId = outboundWamid(to ?? '');
  const later = failure?.async ? failure.error : undefined;
  record(200, { messageId, ...(later ? { errorCode: later.code, failsLater: true } : {}) });
  reply(200, sendSuccessBody(target, messageId));
  ctx.scheduleStatuses(
    messageId,
    target,
    later
      ? {
          code: later.code,
          title: later.message.replace(/^\(#\d+\)\s*/, ''),
          ...(later.details ? { details: later.details } : {}),
        }
      : undefined,
  );
}
