/**
 * `POST /:version/:phoneNumberId/messages`: validates loosely like Meta, applies planned
 * failures and latency, answers with Meta's exact shapes and records the request.
 */
import type { Request, Response } from 'express';
import type { FakeContext } from './context';
import {
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

function recordableHeaders(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name === 'authorization' || value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export function sendEndpoint(ctx: FakeContext) {
  return async (
    req: Request<{ version: string; phoneNumberId: string }>,
    res: Response,
  ): Promise<void> => {
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
        apiVersion: req.params.version,
        phoneNumberId: req.params.phoneNumberId,
        headers: recordableHeaders(req),
        body: req.body as unknown,
        ...(kind === 'message' && to !== undefined ? { to } : {}),
        ...(kind === 'message' && typeof body.type === 'string' ? { type: body.type } : {}),
        status,
        ...extra,
      });
    const fail = (spec: MetaErrorSpec) => {
      record(spec.httpStatus, { errorCode: spec.code });
      res.status(spec.httpStatus).json(metaErrorBody(spec));
    };

    const known = ctx.options.phoneNumberId;
    if (known !== undefined && req.params.phoneNumberId !== known) {
      const message = `Unsupported post request. Object with ID '${req.params.phoneNumberId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`;
      return fail({ httpStatus: 400, code: 100, message });
    }
    const invalid = validate(body);
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
      res.status(200).json({ success: true });
      return;
    }
    const target =
      typeof body.to === 'string' ? { to: body.to } : { recipient: String(body.recipient) };
    const messageId = outboundWamid(to ?? '');
    const later = failure?.async ? failure.error : undefined;
    record(200, { messageId, ...(later ? { errorCode: later.code, failsLater: true } : {}) });
    res.status(200).json(sendSuccessBody(target, messageId));
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
  };
}
