/**
 * Who may read /metrics and /health/ready (readiness names the failing dependency with its error,
 * e.g. an internal address). /health and /health/live are always public.
 *
 * - INTERNAL_PORT set: both are served there without a token (publish that port on the internal
 *   network only);
 * - METRICS_TOKEN set: both are also served on PORT, to `Authorization: Bearer <token>` only (401
 *   otherwise);
 * - neither: in production nobody gets them (404 on PORT, and a warning at start: fail closed, the
 *   bot itself keeps running); in development and test they stay open on PORT (local tools, tests).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';

export type PublicAccess = 'open' | 'token' | 'closed';

export interface InternalEndpointsAccess {
  /** How PORT serves /metrics and /health/ready. */
  onPublicPort: PublicAccess;
  /** The internal port, or null when there is none. */
  internalPort: number | null;
  /** Something the operator should know at start (null = nothing). */
  warning: string | null;
}

export function internalEndpointsAccess(c: {
  env: string;
  internalPort: number;
  metricsToken: string;
}): InternalEndpointsAccess {
  const internalPort = c.internalPort > 0 ? c.internalPort : null;
  if (c.metricsToken !== '') return { onPublicPort: 'token', internalPort, warning: null };
  if (internalPort !== null) return { onPublicPort: 'closed', internalPort, warning: null };
  if (c.env === 'production')
    return {
      onPublicPort: 'closed',
      internalPort: null,
      warning:
        '/metrics and /health/ready are served nowhere: set INTERNAL_PORT (internal network) or METRICS_TOKEN',
    };
  return { onPublicPort: 'open', internalPort: null, warning: null };
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** Passes requests carrying `Authorization: Bearer <token>` (compared in constant time); 401 otherwise. */
export function bearerTokenGuard(token: string): RequestHandler {
  const expected = digest(token);
  return (req, res, next) => {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    if (m && timingSafeEqual(digest(m[1]!), expected)) return next();
    res
      .status(401)
      .set('WWW-Authenticate', 'Bearer realm="internal"')
      .json({ error: 'unauthorized' });
  };
}
