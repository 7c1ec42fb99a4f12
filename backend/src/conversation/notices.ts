/**
 * Notices: messages from one conversation (or the admin API) to another, delivered by the
 * processing layer as an internal `notice` event. The sender emits a typed `notify` command;
 * the receiver validates the data (it crossed a queue, and the admin API sends some of them)
 * with `parseNotice` before acting on it.
 */
import type { LocalizedText } from './operations';

export type Notices = {
  /** Customer → provider: you have a pending offer. */
  offerReceived: {
    offerId: number;
    requestId: number;
    serviceName: LocalizedText;
    distanceKm: number;
    area: string | null;
    /** Minutes the provider has to answer (may be fractional: 1.5 for a 90 s timer). */
    answerWithinMinutes: number;
    /** What the customer said is wrong, or null/absent. */
    problem?: string | null;
    /** Photos and voice notes of the problem (absent = none). */
    mediaCount?: number;
  };
  /** Provider → customer: I accepted. */
  offerAccepted: {
    requestId: number;
    offerId: number;
    serviceName: LocalizedText;
    provider: { name: string; phone: string | null };
  };
  /** Provider → customer: I declined (the customer's conversation offers the next one). */
  offerDeclined: { requestId: number; offerId: number; providerName: string };
  /** Customer → provider: your offer expired before you answered. */
  offerExpired: { offerId: number; requestId: number };
  /** Customer → provider: the customer cancelled (your pending offer or accepted job). */
  requestCancelled: { requestId: number; offerId: number | null; serviceName: LocalizedText };
  /** Provider → customer: the job is done; please rate. */
  jobCompleted: { requestId: number; providerName: string; serviceName: LocalizedText };
  /** Customer → provider: you were rated. */
  ratingReceived: {
    requestId: number;
    stars: number;
    ratingAvg: number | null;
    ratingCount: number;
  };
  /** Admin API → provider (data `{}`). */
  providerApproved: Record<string, never>;
  providerRejected: Record<string, never>;
  providerSuspended: Record<string, never>;
};

export type NoticeName = keyof Notices;
export type TypedNotice = { [K in NoticeName]: { notice: K; data: Notices[K] } }[NoticeName];

export const NOTICE_NAMES = [
  'offerReceived',
  'offerAccepted',
  'offerDeclined',
  'offerExpired',
  'requestCancelled',
  'jobCompleted',
  'ratingReceived',
  'providerApproved',
  'providerRejected',
  'providerSuspended',
] as const satisfies readonly NoticeName[];

type Check = (v: unknown) => boolean;
const int: Check = (v) => typeof v === 'number' && Number.isSafeInteger(v);
const num: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const str: Check = (v) => typeof v === 'string';
const nullable =
  (c: Check): Check =>
  (v) =>
    v === null || c(v);
const obj =
  (shape: Record<string, Check>): Check =>
  (v) =>
    typeof v === 'object' &&
    v !== null &&
    Object.entries(shape).every(([k, c]) => c((v as Record<string, unknown>)[k]));
const optional =
  (c: Check): Check =>
  (v) =>
    v === undefined || c(v);
const localized = obj({ es: str, en: str });
const any: Check = () => true;

const SHAPES: Record<NoticeName, Check> = {
  offerReceived: obj({
    offerId: int,
    requestId: int,
    serviceName: localized,
    distanceKm: num,
    area: nullable(str),
    answerWithinMinutes: num,
    problem: optional(nullable(str)),
    mediaCount: optional(int),
  }),
  offerAccepted: obj({
    requestId: int,
    offerId: int,
    serviceName: localized,
    provider: obj({ name: str, phone: nullable(str) }),
  }),
  offerDeclined: obj({ requestId: int, offerId: int, providerName: str }),
  offerExpired: obj({ offerId: int, requestId: int }),
  requestCancelled: obj({ requestId: int, offerId: nullable(int), serviceName: localized }),
  jobCompleted: obj({ requestId: int, providerName: str, serviceName: localized }),
  ratingReceived: obj({ requestId: int, stars: int, ratingAvg: nullable(num), ratingCount: int }),
  providerApproved: any,
  providerRejected: any,
  providerSuspended: any,
};

/** Validate an incoming notice; null when the name is unknown or the data malformed. */
export function parseNotice(notice: string, data: unknown): TypedNotice | null {
  if (!Object.prototype.hasOwnProperty.call(SHAPES, notice)) return null;
  const name = notice as NoticeName;
  if (!SHAPES[name](data ?? {})) return null;
  return { notice: name, data: (data ?? {}) as never };
}
