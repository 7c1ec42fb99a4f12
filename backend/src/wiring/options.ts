/**
 * Knobs of the composition that are not configuration: only tests set them (main.ts never does),
 * to run in seconds what takes minutes in production.
 */
import type { LimitWindow } from '../conversation/runner/inbound-limiter';

export interface SystemOptions {
  /** Shorter per-user limit windows (seconds) with the configured budgets: time runs faster. */
  inboundLimitWindowSeconds?: Partial<Record<LimitWindow, number>>;
}
