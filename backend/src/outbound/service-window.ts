/**
 * The 24-hour customer-service window: free-form messages only within 24 h of the user's
 * last message (minus a safety margin); outside it, only templates. Evaluated at send time.
 */
export const WINDOW_MS = 24 * 3600 * 1000;

export function insideServiceWindow(
  lastInboundAt: number | null,
  now: number,
  marginMs: number,
): boolean {
  return lastInboundAt !== null && now - lastInboundAt < WINDOW_MS - marginMs;
}
