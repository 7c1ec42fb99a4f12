/**
 * HTTP guards, built from the config: per-IP limits on failed webhook signatures, on wrong
 * verify-token handshakes and on the admin API (ip-limiter.ts), the client IP behind trusted
 * proxies only (trusted-proxies.ts, client-ip.ts), connection timeouts and caps (connections.ts),
 * and who may read /metrics and /health/ready (internal-endpoints.ts). docs/security.md maps every
 * threat to its control and its test.
 */
import type { RequestHandler, Request } from 'express';
import type { Config } from '../config';
import type { Logger } from '../observability/logger';
import type { RedisClient } from '../queue/redis';
import { rateLimitPrefix } from '../queue/keys';
import {
  createIpLimiter,
  guessGate,
  invalidSignatureGuard,
  ipRateLimit,
  type GuessGate,
} from './ip-limiter';
import { addressMatcher, trustProxy } from './trusted-proxies';
import type { ConnectionCaps } from './connections';

export { guardConnections, httpServerOptions } from './connections';
export { bearerTokenGuard, internalEndpointsAccess } from './internal-endpoints';

export interface HttpGuards {
  /** Called on a failed webhook signature; true once the client IP is over its limit (→ 429). */
  onInvalidSignature?: (req: Request) => Promise<boolean>;
  /** Per-IP budget of wrong verify-token handshakes (→ 429, checked before the token). */
  verifyTokenGate?: GuessGate;
  /** Mounted before body parsing on /admin; undefined when disabled. */
  adminGuard?: RequestHandler;
  /** Express `trust proxy`: X-Forwarded-For only from TRUSTED_PROXIES, at most TRUST_PROXY_HOPS. */
  trustProxy: (address: string, hop: number) => boolean;
  /** Caps of every HTTP server (connections.ts). */
  connectionCaps: ConnectionCaps;
}

export function createHttpGuards(config: Config, redis: RedisClient, logger: Logger): HttpGuards {
  const prefix = config.redis.prefix;
  const { limits } = config;
  const perMinute = (name: `ip:${string}`, points: number) =>
    points > 0
      ? createIpLimiter({
          redis,
          keyPrefix: rateLimitPrefix(prefix, name),
          points,
          durationSeconds: 60,
          logger,
        })
      : null;
  const badSignatures = perMinute('ip:badsig', limits.invalidSignaturePerMinute);
  const badVerifyTokens = perMinute('ip:badverify', limits.invalidVerifyTokenPerMinute);
  const admin = perMinute('ip:admin', limits.adminPerMinute);
  const proxies = addressMatcher(config.trustedProxies);
  return {
    ...(badSignatures ? { onInvalidSignature: invalidSignatureGuard(badSignatures, logger) } : {}),
    ...(badVerifyTokens
      ? { verifyTokenGate: guessGate(badVerifyTokens, logger, 'webhook.verify_token_limited') }
      : {}),
    ...(admin ? { adminGuard: ipRateLimit(admin, logger, 'admin') } : {}),
    trustProxy: trustProxy(config.trustProxyHops, proxies),
    connectionCaps: {
      maxConnections: config.http.maxConnections,
      maxPerIp: config.http.maxConnectionsPerIp,
      exempt: proxies,
    },
  };
}
