/**
 * Timers the step starts with `startTimer`; they come back as internal `timer` events in the
 * same conversation. Validated with `parseTimer` like notices.
 */
import type { InternalEvent } from './events';

export type Timers = {
  /** The provider did not answer the offer in time (started when the offer is sent). */
  offerTimeout: { requestId: number; offerId: number };
  /**
   * Claiming the next provider failed (temporary error): try again. `previousOfferId` /
   * `setOffline` (0/1): the expired offer whose provider is still to be told what became of it.
   */
  offerRetry: { requestId: number; attempt: number; previousOfferId?: number; setOffline?: number };
  /** A finished job not rated yet: ask once more (a template outside the 24 h window). */
  rateReminder: { requestId: number };
  /** Nobody in the console answered an open handoff in time: back to the bot (flows/care.ts). */
  handoffTimeout: { handoffId: number };
};

export type TimerName = keyof Timers;
export type TypedTimer = { [K in TimerName]: { timer: K; data: Timers[K] } }[TimerName];

export const TIMER_NAMES = [
  'offerTimeout',
  'offerRetry',
  'rateReminder',
  'handoffTimeout',
] as const satisfies readonly TimerName[];

const isInt = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v);

/** Required integer fields, then optional ones (integers when present). */
const SHAPES: Record<TimerName, { required: string[]; optional?: string[] }> = {
  offerTimeout: { required: ['requestId', 'offerId'] },
  offerRetry: { required: ['requestId', 'attempt'], optional: ['previousOfferId', 'setOffline'] },
  rateReminder: { required: ['requestId'] },
  handoffTimeout: { required: ['handoffId'] },
};

/** Timer ids are unique per conversation. */
export const timerIds = {
  offer: (offerId: number): string => `offer:${offerId}`,
  offerRetry: (requestId: number, attempt: number): string => `offer-retry:${requestId}:${attempt}`,
  rateReminder: (requestId: number): string => `rate-reminder:${requestId}`,
  handoff: (handoffId: number): string => `handoff:${handoffId}`,
};

/**
 * The event a fired timer delivers to its conversation. Its id depends only on the timer id, so a
 * timer delivered twice (its delayed job, and the offer sweep's safety net) is processed once.
 */
export function timerFiredEvent(
  timerId: string,
  timer: string,
  data: Record<string, unknown>,
  at: number,
): InternalEvent {
  return { source: 'internal', kind: 'timer', id: `timer:${timerId}`, at, timer, data };
}

export function parseTimer(timer: string, data: unknown): TypedTimer | null {
  if (!Object.prototype.hasOwnProperty.call(SHAPES, timer)) return null;
  const name = timer as TimerName;
  if (typeof data !== 'object' || data === null) return null;
  const record = data as Record<string, unknown>;
  const { required, optional = [] } = SHAPES[name];
  if (!required.every((k) => isInt(record[k]))) return null;
  if (!optional.every((k) => record[k] === undefined || isInt(record[k]))) return null;
  return { timer: name, data: record as never };
}
