/**
 * The Express application: webhook, health, internal endpoints (readiness, metrics), admin. One
 * central error handler: clients get a status and a short message, never a stack trace, SQL or a
 * secret. The same function builds the internal port's app (health and internal endpoints only).
 */
import express, {
  type Express,
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
  type Router,
} from 'express';
import helmet from 'helmet';
import type { Logger } from '../observability/logger';
import { httpMetrics } from '../observability/http-metrics';

export interface AppParts {
  logger: Logger;
  /** Absent in worker-only processes and on the internal port. */
  webhook?: Router;
  /** Public health: /health, /health/live. */
  health: Router;
  /** /health/ready and /metrics; absent where they are not served (security/internal-endpoints.ts). */
  internal?: Router;
  /** Runs before `internal` (bearer token on the public port). */
  internalGuard?: RequestHandler;
  /** Its own body parsing, after its own authentication (admin/router.ts). */
  admin?: Router;
  /** Runs first on /admin (per-IP rate limit, security/ip-limiter.ts). */
  adminGuard?: RequestHandler;
  /** Express `trust proxy` (security/trusted-proxies.ts); default: no proxy is trusted. */
  trustProxy?: number | ((address: string, hop: number) => boolean);
  /** The ops console (console/), mounted at /console by web roles. */
  console?: Router;
}

/** What `internal` serves (observability/health.ts, createInternalRouter). */
const INTERNAL_PATHS = ['/health/ready', '/metrics'];

export function createApp(parts: AppParts): Express {
  const app = express();
  app.disable('x-powered-by');
  // JSON API answers are not cached: no ETag hashing of every response.
  app.set('etag', false);
  app.set('trust proxy', parts.trustProxy ?? false);
  app.use(helmet());
  app.use(httpMetrics);
  // The webhook first: it is nearly all the traffic, and every router layer in front of it
  // costs on each delivery.
  if (parts.webhook) app.use(parts.webhook);
  app.use(parts.health);
  if (parts.internal) {
    if (parts.internalGuard) app.get(INTERNAL_PATHS, parts.internalGuard);
    app.use(parts.internal);
  }
  if (parts.admin) app.use('/admin', ...(parts.adminGuard ? [parts.adminGuard] : []), parts.admin);
  if (parts.console) app.use('/console', parts.console);
  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const e = err as { status?: number; statusCode?: number; type?: string; message?: string };
    const status = e.status ?? e.statusCode ?? 500;
    if (status >= 500)
      parts.logger.error({ event: 'http.error', err: e.message }, 'unhandled request error');
    // Failed mid-response: nothing more can be said; cut the connection (never Express's default handler, which prints the stack).
    if (res.headersSent) return void res.destroy();
    const message =
      status === 413
        ? 'payload too large'
        : status === 400
          ? 'bad request'
          : status < 500
            ? 'request rejected'
            : 'internal error';
    res.status(status >= 400 && status < 600 ? status : 500).json({ error: message });
  });
  return app;
}
