/**
 * Abuse controls, built from the config for the composition root (wiring/system.ts):
 * - per-user inbound limits for the conversation worker (inbound-limiter.ts, rate-limited-drop.ts);
 * - per-IP limits on failed webhook signatures and on the admin API (ip-limiter.ts);
 * - the JSON nesting limit of the webhook (json-depth.ts).
 * docs/security.md maps every threat to its control and its test.
 */
import type { RequestHandler, Request } from 'express';
import type { Config } from '../config';
import type { Logger } from '../observability/logger';
import type { RedisClient } from '../queue/redis';
import { InboundLimiter } from '../conversation/runner/inbound-limiter';
import { createIpLimiter, invalidSignatureGuard, ipRateLimit } from './ip-limiter';

export interface Security {
  /** Spread into the webhook router's deps. */
  webhook: { maxJsonDepth: number; onInvalidSignature?: (req: Request) => Promise<boolean> };
  /** Mounted before body parsing on /admin; undefined when disabled. */
  adminGuard?: RequestHandler;
  trustProxyHops: number;
  /** For the conversation worker; undefined when both windows are 0. */
  inboundLimiter?: InboundLimiter;
}

export function createSecurity(config: Config, redis: RedisClient, logger: Logger): Security {
  const prefix = config.redis.prefix;
  const { limits } = config;
  const inbound = new InboundLimiter({ redis, prefix, perMinute: limits.inboundPerMinute, perHour: limits.inboundPerHour });
  const badSignatures =
    limits.invalidSignaturePerMinute > 0
      ? createIpLimiter({ redis, keyPrefix: `${prefix}:rl:ip:badsig`, points: limits.invalidSignaturePerMinute, durationSeconds: 60, logger })
      : null;
  const admin =
    limits.adminPerMinute > 0
      ? createIpLimiter({ redis, keyPrefix: `${prefix}:rl:ip:admin`, points: limits.adminPerMinute, durationSeconds: 60, logger })
      : null;
  return {
    webhook: {
      maxJsonDepth: config.webhook.maxJsonDepth,
      ...(badSignatures ? { onInvalidSignature: invalidSignatureGuard(badSignatures, logger) } : {}),
    },
    ...(admin ? { adminGuard: ipRateLimit(admin, logger, 'admin') } : {}),
    trustProxyHops: config.trustProxyHops,
    ...(inbound.enabled ? { inboundLimiter: inbound } : {}),
  };
}
