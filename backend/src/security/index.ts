/**
 * HTTP guards, built from the config: per-IP limits on failed webhook signatures and on the admin
 * API (ip-limiter.ts), and the client IP behind trusted proxies (client-ip.ts). docs/security.md
 * maps every threat to its control and its test.
 */
import type { RequestHandler, Request } from 'express';
import type { Config } from '../config';
import type { Logger } from '../observability/logger';
import type { RedisClient } from '../queue/redis';
import { rateLimitPrefix } from '../queue/keys';
import { createIpLimiter, invalidSignatureGuard, ipRateLimit } from './ip-limiter';

export interface HttpGuards {
  /** Called on a failed webhook signature; false once the client IP is over its limit. */
  onInvalidSignature?: (req: Request) => Promise<boolean>;
  /** Mounted before body parsing on /admin; undefined when disabled. */
  adminGuard?: RequestHandler;
  trustProxyHops: number;
}

export function createHttpGuards(config: Config, redis: RedisClient, logger: Logger): HttpGuards {
  const prefix = config.redis.prefix;
  const { limits } = config;
  const badSignatures =
    limits.invalidSignaturePerMinute > 0
      ? createIpLimiter({ redis, keyPrefix: rateLimitPrefix(prefix, 'ip:badsig'), points: limits.invalidSignaturePerMinute, durationSeconds: 60, logger })
      : null;
  const admin =
    limits.adminPerMinute > 0 ? createIpLimiter({ redis, keyPrefix: rateLimitPrefix(prefix, 'ip:admin'), points: limits.adminPerMinute, durationSeconds: 60, logger }) : null;
  return {
    ...(badSignatures ? { onInvalidSignature: invalidSignatureGuard(badSignatures, logger) } : {}),
    ...(admin ? { adminGuard: ipRateLimit(admin, logger, 'admin') } : {}),
    trustProxyHops: config.trustProxyHops,
  };
}
