/**
 * How sends are retried. One policy for every Cloud API call, whether it failed in a queued job
 * (BullMQ's custom backoff type `cloud`) or in a direct send from the conversation worker (which
 * then queues the send to be retried after the first delay).
 */

/** Longest wait between two attempts. */
const MAX_DELAY_MS = 5 * 60_000;

/**
 * Exponential backoff with ±50 % jitter; an error's minimum delay wins (e.g. 131056, Meta's pair
 * rate: at least 6 s before writing to the same person again).
 */
export function cloudBackoff(baseMs: number) {
  return (attemptsMade: number, _type?: string, err?: Error): number => {
    const exp = Math.min(baseMs * 2 ** Math.max(0, attemptsMade - 1), MAX_DELAY_MS);
    const jittered = Math.round(exp * (0.5 + Math.random()));
    const min = (err as { minRetryDelayMs?: number } | undefined)?.minRetryDelayMs ?? 0;
    return Math.max(jittered, min);
  };
}

/** Delay before the queued retry of a direct send that failed with `err` (its first retry). */
export function directSendRetryDelay(baseMs: number): (err: Error) => number {
  const backoff = cloudBackoff(baseMs);
  return (err) => backoff(1, undefined, err);
}
