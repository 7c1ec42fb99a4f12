/** Express middleware: request duration by route template (bounded) and status. */
import type { NextFunction, Request, Response } from 'express';
import { metrics } from './metrics';

export function httpMetrics(req: Request, res: Response, next: NextFunction): void {
  const start = process.hrtime.bigint();
  res.on('finish', () => {
    const routePath = (req.route as { path?: string } | undefined)?.path;
    const route = routePath ? `${req.baseUrl}${routePath}` : 'unmatched';
    metrics.httpRequestDuration.observe(
      { method: req.method, route, status: String(res.statusCode) },
      Number(process.hrtime.bigint() - start) / 1e9,
    );
  });
  next();
}
