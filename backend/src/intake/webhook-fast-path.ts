/**
 * The webhook's hot path without Express: nearly every request the web process gets is a
 * signed POST /webhook, and Express's router, body parser and a dozen helmet middlewares cost
 * more than verifying, parsing and enqueueing the delivery itself (docs/performance.md, Run 5).
 *
 * Only the plain case is taken here: POST to exactly `/webhook`, a Content-Length within the
 * body limit, no Content-Encoding. After the body is read:
 * - signature valid → `receive` (the same code the Express route runs), with the same security
 *   headers helmet sets and the same HTTP metric;
 * - signature invalid → handed to the Express app with the body already read (the raw parser
 *   skips a finished request), so the per-IP limit on failed signatures, which needs Express's
 *   `req.ip` (trust proxy), answers it exactly as before.
 * Everything else (handshake, health, admin, gzip, chunked or oversized bodies) goes to Express.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import helmet from 'helmet';
import { metrics } from '../observability/metrics';
import type { Logger } from '../observability/logger';
import { plainBodyLength, readBody } from '../shared/plain-body';
import { verifySignature } from '../shared/signature';
import { receive, type ReadRequest, type WebhookDeps } from './webhook-router';

/** The headers helmet's defaults set, computed once (helmet's middlewares only set headers). */
export function helmetHeaders(): [string, string][] {
  const headers = new Map<string, string>();
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) =>
      headers.set(name, String(value)),
    removeHeader: (name: string) => headers.delete(name),
  };
  helmet()({} as IncomingMessage, res as unknown as ServerResponse, () => undefined);
  return [...headers];
}

/** '3mb' / '100kb' (the config's format) in bytes. */
export function limitBytes(limit: string): number {
  const m = /^(\d+)(kb|mb)?$/i.exec(limit.trim());
  if (!m) throw new Error(`invalid body limit: ${limit}`);
  const unit = (m[2] ?? '').toLowerCase();
  return Number(m[1]) * (unit === 'mb' ? 1024 * 1024 : unit === 'kb' ? 1024 : 1);
}

export function withWebhookFastPath(
  deps: WebhookDeps & { logger: Logger },
  app: RequestListener,
): RequestListener {
  const maxBytes = limitBytes(deps.bodyLimit);
  const security = helmetHeaders();
  return (req, res) => {
    const length =
      req.method === 'POST' && req.url === '/webhook' ? plainBodyLength(req, maxBytes) : undefined;
    if (length === undefined) return void app(req, res);
    readBody(req, length)
      .then((raw) => {
        (req as ReadRequest).body = raw;
        if (!verifySignature(raw, single(req.headers['x-hub-signature-256']), deps.appSecret))
          return void app(req, res);
        const started = process.hrtime.bigint();
        for (const [name, value] of security) res.setHeader(name, value);
        res.once('finish', () =>
          metrics.httpRequestDuration.observe(
            { method: 'POST', route: '/webhook', status: String(res.statusCode) },
            Number(process.hrtime.bigint() - started) / 1e9,
          ),
        );
        return receive(deps, req as ReadRequest, res, { verified: true });
      })
      .catch((err: Error) => {
        // Aborted or broken upload (nothing to answer), or a bug in receive (500, as Express would).
        if (res.headersSent || req.destroyed) return void res.destroy();
        deps.logger.error({ event: 'http.error', err: err.message }, 'unhandled request error');
        res
          .writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' })
          .end('{"error":"internal error"}');
      });
  };
}

function single(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
