/**
 * The one rate gate of every send: the business number's throughput (Meta's per-number limit,
 * OUTBOUND_RATE_PER_SECOND) always, and the per-recipient pair rate (error 131056) for messages to
 * a person (not for read receipts). It only decides; the caller waits its own way (a queued job is
 * rate-limited or delayed, a direct send is handed back to the queue).
 */
import { RateLimiterRes, type RateLimiterRedis } from 'rate-limiter-flexible';

export interface RateGate {
  businessLimiter: RateLimiterRedis | null;
  recipientLimiter: RateLimiterRedis | null;
  phoneNumberId: string;
}

export type RateDecision =
  { ok: true } | { ok: false; scope: 'business' | 'recipient'; waitMs: number };

/** Count one send to `recipientKey` (null for a read receipt); say whether it may go now. */
export async function passRateGate(
  gate: RateGate,
  recipientKey: string | null,
): Promise<RateDecision> {
  const checks: ['business' | 'recipient', RateLimiterRedis | null, string][] = [
    ['business', gate.businessLimiter, gate.phoneNumberId],
  ];
  if (recipientKey) checks.push(['recipient', gate.recipientLimiter, recipientKey]);
  for (const [scope, limiter, point] of checks) {
    if (!limiter) continue;
    try {
      await limiter.consume(point);
    } catch (res) {
      if (!(res instanceof RateLimiterRes)) throw res; // Redis error: the send is retried like any other
      return { ok: false, scope, waitMs: Math.max(1, res.msBeforeNext) };
    }
  }
  return { ok: true };
}
