/**
 * The Express application: webhook, health, metrics, admin. One central error handler:
 * clients get a status and a short message, never a stack trace, SQL or a secret.
 */
import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import helmet from 'helmet';
import type { Logger } from '../observability/logger';
import { registry } from '../observability/metrics';
import { httpMetrics } from '../observability/http-metrics';

export interface AppParts {
  logger: Logger;
  /** Absent in worker-only processes, which serve only health and metrics. */
  webhook?: Router;
  health: Router;
  admin?: Router;
  /** Runs before body parsing on /admin (per-IP rate limit, security/ip-limiter.ts). */
  adminGuard?: RequestHandler;
  /** Proxy hops whose X-Forwarded-For is trusted for req.ip (default 1). */
  trustProxyHops?: number;
  metricsEnabled: boolean;
  /** The ops console (console/), mounted at /console by web roles. */
  console?: Router;
}

export function createApp(parts: AppParts): Express {
  const app = express();
  app.disable('x-powered-by');
  // JSON API answers are not cached: no ETag hashing of every response.
  app.set('etag', false);
  app.set('trust proxy', parts.trustProxyHops ?? 1);
  app.use(helmet());
  app.use(httpMetrics);
  // The webhook first: it is nearly all the traffic, and every router layer in front of it
  // costs on each delivery.
  if (parts.webhook) app.use(parts.webhook);
  app.use(parts.health);
  if (parts.metricsEnabled) {
    app.get('/metrics', async (_req, res) => {
      res.set('Content-Type', registry.contentType).send(await registry.metrics());
    });
  }
  if (parts.admin) app.use('/admin', ...(parts.adminGuard ? [parts.adminGuard] : []), express.json({ limit: '100kb' }), parts.admin);
  if (parts.console) app.use('/console', parts.console);
  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const e = err as { status?: number; statusCode?: number; type?: string; message?: string };
    const status = e.status ?? e.statusCode ?? 500;
    if (status >= 500) parts.logger.error({ event: 'http.error', err: e.message }, 'unhandled request error');
    // Failed mid-response: nothing more can be said; cut the connection (never Express's default handler, which prints the stack).
    if (res.headersSent) return void res.destroy();
    const message =
      status === 413 ? 'payload too large' : status === 400 ? 'bad request' : status < 500 ? 'request rejected' : 'internal error';
    res.status(status >= 400 && status < 600 ? status : 500).json({ error: message });
  });
  return app;
}
