/**
 * Per-user inbound limits: at most N processed messages per minute and M per hour for one
 * person, counted in Redis (rate-limiter-flexible), so they hold across every worker process.
 * Used by the conversation worker before the pure step (see over-limit.ts); the webhook keeps
 * acknowledging every valid delivery with 200.
 *
 * Two budgets, each with its own windows: `answers` (taps on the bot's buttons and rows, shared
 * locations, typed text the open question asks for: see conversation/expected-input.ts) is
 * generous, so a person following the bot at human speed is never throttled; `free` (text the
 * conversation did not ask for, unsupported types) is strict, so a flood is still stopped.
 *
 * The point counted is the person's normalised number: the `521…` and `52…` forms of one
 * Mexican mobile (and `549…`/`54…` in Argentina) share one budget even when they arrive as two
 * conversation keys.
 *
 * Counting: the short window is consumed first; only a message it lets through is counted in
 * the long window, so messages dropped by the minute limit do not eat into the hour budget.
 * The "slow down" notice is deduplicated with one Redis key per person and budget (`SET NX PX`)
 * that lives as long as the window that blocked: one notice per window, never one per message.
 */
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RedisClient } from '../../queue/redis';
import { limitNoticeKey, rateLimitPrefix } from '../../queue/keys';
import { contactFromKey, conversationKeyOf } from '../../shared/conversation-key';
import { sendToNumber } from '../../shared/phone';

/** Label values of `inbound_rate_limited_total{budget,window}`. */
export type LimitBudget = 'answers' | 'free';
export type LimitWindow = 'minute' | 'hour';

export const LIMIT_BUDGETS: readonly LimitBudget[] = ['answers', 'free'];

export interface WindowSpec {
  window: LimitWindow;
  /** Messages allowed per window; 0 disables the window. */
  points: number;
  durationSeconds: number;
}

export interface BudgetLimits {
  perMinute: number;
  perHour: number;
}

export type LimitDecision =
  | { allowed: true }
  | {
      allowed: false;
      budget: LimitBudget;
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
  answers: BudgetLimits;
  free: BudgetLimits;
  /** Lengths of the windows in seconds (tests shorten them; default 60 and 3600). */
  windowSeconds?: Partial<Record<LimitWindow, number>>;
  /** Override a budget's windows entirely (tests). Ordered shortest first. */
  windows?: Partial<Record<LimitBudget, WindowSpec[]>>;
}

interface Bound {
  spec: WindowSpec;
  limiter: RateLimiterRedis;
}

/** The point a conversation key is counted under: `wa:` + the dialable number, else the key. */
export function limitPoint(key: string): string {
  const { waId } = contactFromKey(key);
  return waId ? (conversationKeyOf({ waId: sendToNumber(waId) }) ?? key) : key;
}

export class InboundLimiter {
  private readonly bound: Record<LimitBudget, Bound[]>;
  private readonly redis: RedisClient;
  private readonly prefix: string;

  constructor(opts: InboundLimiterOptions) {
    this.redis = opts.redis;
    this.prefix = opts.prefix;
    const minute = opts.windowSeconds?.minute ?? 60;
    const hour = opts.windowSeconds?.hour ?? 3600;
    const bind = (budget: LimitBudget): Bound[] => {
      const specs = opts.windows?.[budget] ?? [
        { window: 'minute', points: opts[budget].perMinute, durationSeconds: minute },
        { window: 'hour', points: opts[budget].perHour, durationSeconds: hour },
      ];
      return specs
        .filter((spec) => spec.points > 0)
        .map((spec) => ({
          spec,
          limiter: new RateLimiterRedis({
            storeClient: opts.redis,
            keyPrefix: rateLimitPrefix(opts.prefix, `in:${budget}:${spec.window}`),
            points: spec.points,
            duration: spec.durationSeconds,
          }),
        }));
    };
    this.bound = { answers: bind('answers'), free: bind('free') };
  }

  /** False when every window of every budget is disabled (0): the worker can skip the check. */
  get enabled(): boolean {
    return LIMIT_BUDGETS.some((b) => this.bound[b].length > 0);
  }

  /** Count one inbound user message of conversation `key` against `budget`; may it be processed? */
  async check(key: string, budget: LimitBudget): Promise<LimitDecision> {
    const point = limitPoint(key);
    const bound = this.bound[budget];
    const exhausted: { spec: WindowSpec; ms: number }[] = [];
    for (let i = 0; i < bound.length; i++) {
      const { spec, limiter } = bound[i]!;
      const res = await consume(limiter, point);
      if (res.ok) continue;
      exhausted.push({ spec, ms: res.msBeforeNext });
      // Not counted in the longer windows, but report them if they are already used up.
      for (const later of bound.slice(i + 1)) {
        const seen = await later.limiter.get(point);
        if (seen && seen.consumedPoints >= later.spec.points)
          exhausted.push({ spec: later.spec, ms: seen.msBeforeNext });
      }
      break;
    }
    if (exhausted.length === 0) return { allowed: true };
    const blocking = exhausted.reduce((a, b) =>
      b.spec.durationSeconds > a.spec.durationSeconds ? b : a,
    );
    const retryAfterMs = Math.max(1, blocking.ms);
    const won = await this.redis.set(
      limitNoticeKey(this.prefix, point, budget),
      blocking.spec.window,
      'PX',
      retryAfterMs,
      'NX',
    );
    return {
      allowed: false,
      budget,
      window: blocking.spec.window,
      retryAfterMs,
      notify: won === 'OK',
    };
  }
}

async function consume(
  limiter: RateLimiterRedis,
  point: string,
): Promise<{ ok: true } | { ok: false; msBeforeNext: number }> {
  try {
    await limiter.consume(point);
    return { ok: true };
  } catch (err) {
    if (err instanceof RateLimiterRes) return { ok: false, msBeforeNext: err.msBeforeNext };
    throw err; // Redis error: the drain job fails and is retried like any other Redis failure
  }
}
