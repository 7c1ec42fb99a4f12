/**
 * Admin authentication: `Authorization: Bearer <key>` or `X-Api-Key: <key>`, checked against
 * every configured key (several at once during a rotation). The presented key and each configured
 * key are hashed to equal-length digests and compared with `timingSafeEqual`, always against all
 * keys, so neither the position nor a prefix of a valid key leaks through timing.
 * The caller is identified in audit rows by a short hash of its key, never the key itself.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const digest = (key: string): Buffer => createHash('sha256').update(key, 'utf8').digest();

/** How audit rows name a key: a 12-hex-digit prefix of its SHA-256. */
export const actorOf = (key: string): string => `key:${digest(key).toString('hex').slice(0, 12)}`;

export function presentedKey(req: Request): string | null {
  const auth = req.get('authorization');
  if (auth) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    return m ? m[1]! : null;
  }
  const header = req.get('x-api-key');
  return header ? header.trim() : null;
}

/** Index of the matching key, or -1. Runs in time independent of which key (if any) matches. */
export function matchKey(digests: readonly Buffer[], presented: string): number {
  const candidate = digest(presented);
  let found = -1;
  for (let i = 0; i < digests.length; i++) {
    const equal = timingSafeEqual(digests[i]!, candidate);
    found = equal && found === -1 ? i : found;
  }
  return found;
}

export function apiKeyAuth(apiKeys: readonly string[]) {
  const keys = apiKeys.map((k) => k.trim()).filter((k) => k.length > 0);
  const digests = keys.map(digest);
  const actors = keys.map(actorOf);
  return (req: Request, res: Response, next: NextFunction): void => {
    const key = presentedKey(req);
    const index = key === null || digests.length === 0 ? -1 : matchKey(digests, key);
    if (index < 0) {
      res
        .status(401)
        .set('WWW-Authenticate', 'Bearer realm="admin"')
        .json({ error: 'unauthorized', message: 'a valid admin API key is required' });
      return;
    }
    res.locals.actor = actors[index];
    next();
  };
}

export const actorFrom = (res: Response): string => String(res.locals.actor);
