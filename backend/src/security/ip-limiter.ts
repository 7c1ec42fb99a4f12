/**
 * Per-IP limits for HTTP: on webhook requests that FAIL the signature check (Meta's valid
 * traffic is never counted) and on every admin API request. Over the limit → 429 with
 * `Retry-After`. Counters live in Redis (shared by every web process); if Redis errors, an
 * in-memory limiter of the same size takes over in this process (rate-limiter-flexible
 * `insuranceLimiter`), so a Redis outage neither opens the door nor turns into 500s.
 */
import type { Request, RequestHandler } from 'express';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Logger } from '../observability/logger';
import type { RedisClient } from '../queue/redis';
import { clientIp } from './client-ip';

export interface IpLimiter {
  /** Count one request from `ip`. */
  consume(ip: string): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }>;
  /** Whether `ip` has used up its budget, without counting anything. */
  peek(ip: string): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }>;
}

export interface IpLimiterOptions {
  redis: RedisClient;
  /** Key prefix, e.g. `${prefix}:rl:ip:badsig`. */
  keyPrefix: string;
  points: number;
  durationSeconds: number;
  logger: Logger;
}

export function createIpLimiter(opts: IpLimiterOptions): IpLimiter {
  const limiter = new RateLimiterRedis({
    storeClient: opts.redis,
    keyPrefix: opts.keyPrefix,
    points: opts.points,
    duration: opts.durationSeconds,
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory({
      keyPrefix: `${opts.keyPrefix}:mem`,
      points: opts.points,
      duration: opts.durationSeconds,
    }),
  });
  return {
    consume: async (ip) => {
      try {
        await limiter.consume(ip);
        return { ok: true };
      } catch (err) {
        if (err instanceof RateLimiterRes)
          return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(err.msBeforeNext / 1000)) };
        // Both stores failed (should not happen with the in-memory insurance): let the request through.
        opts.logger.warn(
          { event: 'ratelimit.error', limiter: opts.keyPrefix, err: (err as Error).message },
          'per-IP limiter unavailable',
        );
        return { ok: true };
      }
    },
    peek: async (ip) => {
      try {
        const res = await limiter.get(ip);
        if (res === null || res.consumedPoints < opts.points) return { ok: true };
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
      } catch (err) {
        opts.logger.warn(
          { event: 'ratelimit.error', limiter: opts.keyPrefix, err: (err as Error).message },
          'per-IP limiter unavailable',
        );
        return { ok: true };
      }
    },
  };
}

/**
 * For `WebhookDeps.onInvalidSignature`: counts the failure for the client IP and answers
 * whether the router should reply 429 (instead of 401). Sets `Retry-After` when it does.
 */
export function invalidSignatureGuard(
  limiter: IpLimiter,
  logger: Logger,
): (req: Request) => Promise<boolean> {
  return async (req) => {
    const res = await limiter.consume(clientIp(req));
    if (res.ok) return false;
    req.res?.set('Retry-After', String(res.retryAfterSeconds));
    logger.warn(
      { event: 'webhook.invalid_signature_limited', ip: clientIp(req) },
      'too many invalid webhook signatures from one address',
    );
    return true;
  };
}

/** A secret a client could guess one try at a time (the verify token), per client IP. */
export interface GuessGate {
  /** True (Retry-After set) when the client used up its failures: refuse before checking its attempt. */
  blocked(req: Request): Promise<boolean>;
  /** Count a failed attempt; true (Retry-After set) when that used up the budget. */
  failed(req: Request): Promise<boolean>;
}

/**
 * Once a client is over its budget of failures, every attempt is refused before it is checked, so
 * a right guess made after the limit cannot be told apart from a wrong one.
 */
export function guessGate(limiter: IpLimiter, logger: Logger, event: string): GuessGate {
  const refuse = (req: Request, retryAfterSeconds: number): true => {
    req.res?.set('Retry-After', String(retryAfterSeconds));
    logger.warn({ event, ip: clientIp(req) }, 'too many failed attempts from one address');
    return true;
  };
  return {
    blocked: async (req) => {
      const r = await limiter.peek(clientIp(req));
      return r.ok ? false : refuse(req, r.retryAfterSeconds);
    },
    failed: async (req) => {
      const r = await limiter.consume(clientIp(req));
      return r.ok ? false : refuse(req, r.retryAfterSeconds);
    },
  };
}

/** Express middleware: every request counts; over the limit → 429 JSON + Retry-After. */
export function ipRateLimit(limiter: IpLimiter, logger: Logger, name: string): RequestHandler {
  return (req, res, next) => {
    limiter.consume(clientIp(req)).then(
      (r) => {
        if (r.ok) return next();
        logger.warn(
          { event: 'http.rate_limited', limiter: name, ip: clientIp(req) },
          'per-IP limit reached',
        );
        res
          .set('Retry-After', String(r.retryAfterSeconds))
          .status(429)
          .json({ error: 'too many requests' });
      },
      (err: unknown) => next(err),
    );
  };
}
