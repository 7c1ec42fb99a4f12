/**
 * Per-user inbound limits: at most N processed messages per minute and M per hour for one
 * conversation, counted in Redis (rate-limiter-flexible), so they hold across every worker
 * process. Used by the conversation worker before the pure step (see rate-limited-drop.ts);
 * the webhook keeps acknowledging every valid delivery with 200.
 *
 * Counting: the short window is consumed first; only a message it lets through is counted in
 * the long window, so messages dropped by the minute limit do not eat into the hour budget.
 * The "slow down" notice is deduplicated with one Redis key per user (`SET NX PX`) that lives
 * as long as the window that blocked: one notice per window, never one per message.
 */
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RedisClient } from '../../queue/redis';
import { limitNoticeKey, rateLimitPrefix } from '../../queue/keys';

/** Label values of `inbound_rate_limited_total{window}`. */
export type LimitWindow = 'minute' | 'hour';

export interface WindowSpec {
  window: LimitWindow;
  /** Messages allowed per window; 0 disables the window. */
  points: number;
  durationSeconds: number;
}

export type LimitDecision =
  | { allowed: true }
  | {
      allowed: false;
      /** The window that blocked (the longest one exhausted). */
      window: LimitWindow;
      /** Until the blocking window reopens. */
      retryAfterMs: number;
      /** True for the first dropped message of this block: send the "slow down" notice. */
      notify: boolean;
    };

export interface InboundLimiterOptions {
  redis: RedisClient;
  prefix: string;
  perMinute: number;
  perHour: number;
  /** Override the windows (tests use second-long windows). Ordered shortest first. */
  windows?: WindowSpec[];
}

interface Bound {
  spec: WindowSpec;
  limiter: RateLimiterRedis;
}

export class InboundLimiter {
  private readonly bound: Bound[];
  private readonly redis: RedisClient;
  private readonly prefix: string;

  constructor(opts: InboundLimiterOptions) {
    this.redis = opts.redis;
    this.prefix = opts.prefix;
    const specs = opts.windows ?? [
      { window: 'minute', points: opts.perMinute, durationSeconds: 60 },
      { window: 'hour', points: opts.perHour, durationSeconds: 3600 },
    ];
    this.bound = specs
      .filter((spec) => spec.points > 0)
      .map((spec) => ({
        spec,
        limiter: new RateLimiterRedis({
          storeClient: opts.redis,
          keyPrefix: rateLimitPrefix(opts.prefix, `in:${spec.window}`),
          points: spec.points,
          duration: spec.durationSeconds,
        }),
      }));
  }

  /** False when every window is disabled (0): the worker can skip the check entirely. */
  get enabled(): boolean {
    return this.bound.length > 0;
  }

  /** Count one inbound user message of `key` and say whether it may be processed. */
  async check(key: string): Promise<LimitDecision> {
    const exhausted: { spec: WindowSpec; ms: number }[] = [];
    for (let i = 0; i < this.bound.length; i++) {
      const { spec, limiter } = this.bound[i]!;
      const res = await consume(limiter, key);
      if (res.ok) continue;
      exhausted.push({ spec, ms: res.msBeforeNext });
      // Not counted in the longer windows, but report them if they are already used up.
      for (const later of this.bound.slice(i + 1)) {
        const seen = await later.limiter.get(key);
        if (seen && seen.consumedPoints >= later.spec.points) exhausted.push({ spec: later.spec, ms: seen.msBeforeNext });
      }
      break;
    }
    if (exhausted.length === 0) return { allowed: true };
    const blocking = exhausted.reduce((a, b) => (b.spec.durationSeconds > a.spec.durationSeconds ? b : a));
    const retryAfterMs = Math.max(1, blocking.ms);
    const won = await this.redis.set(limitNoticeKey(this.prefix, key), blocking.spec.window, 'PX', retryAfterMs, 'NX');
    return { allowed: false, window: blocking.spec.window, retryAfterMs, notify: won === 'OK' };
  }
}


async function consume(limiter: RateLimiterRedis, key: string): Promise<{ ok: true } | { ok: false; msBeforeNext: number }> {
  try {
    await limiter.consume(key);
    return { ok: true };
  } catch (err) {
    if (err instanceof RateLimiterRes) return { ok: false, msBeforeNext: err.msBeforeNext };
    throw err; // Redis error: the drain job fails and is retried like any other Redis failure
  }
}
