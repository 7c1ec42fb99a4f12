/**
 * The send endpoint without Express. The fake sits in the benchmark's measured loop on the same
 * two cores as the bot (docs/performance.md), and Express's router and `express.json` cost it more
 * than the send itself. A plain `POST /{version}/{phone-number-id}/messages` with a JSON body, a
 * Content-Length within 1 MB and no Content-Encoding is read and answered here through the same
 * `handleSend` (and token check) as the Express route; everything else — control routes, other
 * paths, compressed, chunked or oversized bodies — goes to the Express app unchanged.
 */
import type { RequestListener, ServerResponse } from 'node:http';
import { plainBodyLength, readBody } from '../../src/shared/plain-body';
import type { FakeContext } from './context';
import { metaErrorBody } from './meta-responses';
import { handleSend, MAX_SEND_BODY_BYTES, rejectToken, type SendReply } from './send-endpoint';

const SEND_PATH = /^\/([^/?#]+)\/([^/?#]+)\/messages$/;

export function withSendFastPath(ctx: FakeContext, app: RequestListener): RequestListener {
  return (req, res) => {
    const path = req.method === 'POST' && req.url ? SEND_PATH.exec(req.url) : null;
    const length =
      path !== null && /^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')
        ? plainBodyLength(req, MAX_SEND_BODY_BYTES)
        : undefined;
    if (path === null || length === undefined) return void app(req, res);
    const params = { version: decode(path[1]!), phoneNumberId: decode(path[2]!) };
    const reply = jsonReply(res);
    if (rejectToken(ctx, req.headers.authorization, params, reply)) return void req.resume();
    readBody(req, length)
      .then((raw) => {
        let body: unknown;
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch (err) {
          return reply(400, invalidJson((err as Error).message));
        }
        // express.json is strict: only objects and arrays are JSON bodies.
        if (typeof body !== 'object' || body === null)
          return reply(400, invalidJson('JSON body must be an object'));
        return handleSend(
          ctx,
          { ...params, headers: req.headers, body, socket: req.socket },
          reply,
        );
      })
      .catch(() => res.destroy());
  };
}

function invalidJson(details: string) {
  return metaErrorBody({ code: 100, message: '(#100) Invalid JSON in request body', details });
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function jsonReply(res: ServerResponse): SendReply {
  return (status, body, headers) => {
    if (res.headersSent || res.destroyed) return;
    const text = JSON.stringify(body);
    res
      .writeHead(status, {
        ...headers,
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(text),
      })
      .end(text);
  };
}
