/**
 * Notices: messages from one conversation (or the admin API) to another, delivered by the
 * processing layer as an internal `notice` event. The sender emits a typed `notify` command;
 * the receiver validates the data (it crossed a queue, and the admin API sends some of them)
 * with `parseNotice` before acting on it.
 */
import type { CancelReason, LocalizedText } from './operations';

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
    /** The customer said it is urgent (absent = not said). */
    urgent?: boolean;
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
  /**
   * Customer → provider: your offer expired before you answered. `passedOn`: the request went on
   * to another provider (absent = not known); `setOffline`: too many offers in a row expired, so
   * you were set offline.
   */
  offerExpired: { offerId: number; requestId: number; passedOn?: boolean; setOffline?: boolean };
  /** Provider → customer: the provider went offline, their pending offer was withdrawn. */
  offerWithdrawn: { requestId: number; offerId: number; providerName: string };
  /**
   * Customer → provider: the customer cancelled (your pending offer or accepted job), with the
   * reason they gave for an accepted job.
   */
  requestCancelled: {
    requestId: number;
    offerId: number | null;
    serviceName: LocalizedText;
    reason?: CancelReason | null;
    /** The customer asked for someone else (the request goes on without this provider). */
    replaced?: boolean;
  };
  /** Provider → customer: the provider says it is done, too soon after accepting: please confirm. */
  jobDoneClaimed: { requestId: number; providerName: string; serviceName: LocalizedText };
  /** Customer → provider: the customer confirmed the job is done (your numbers after it). */
  jobDoneConfirmed: {
    requestId: number;
    ratingAvg: number | null;
    ratingCount: number;
    jobsDone: number;
  };
  /** Customer → provider: the customer says the job is not done yet. */
  jobNotDone: { requestId: number; serviceName: LocalizedText };
  /** Provider → customer: the provider can no longer go; the request is offered to someone else. */
  jobDropped: { requestId: number; serviceName: LocalizedText; providerName: string };
  /** Customer → provider: the customer sent a pin for their accepted job (the job moved there). */
  jobPin: {
    requestId: number;
    serviceName: LocalizedText;
    lat: number;
    lng: number;
    /** What WhatsApp says the pin is, or null. */
    label: string | null;
    customerName: string;
  };
  /** Provider → customer: the job is done; please rate. */
  jobCompleted: { requestId: number; providerName: string; serviceName: LocalizedText };
  /** Provider → customer: on the way (in about `etaMinutes`) or at the door. */
  providerProgress: {
    requestId: number;
    providerName: string;
    serviceName: LocalizedText;
    progress: 'onTheWay' | 'arrived';
    etaMinutes?: number;
  };
  /** Customer → provider: you were rated. */
  ratingReceived: {
    requestId: number;
    stars: number;
    ratingAvg: number | null;
    ratingCount: number;
    /** The customer changed the stars they gave (within the edit window). */
    updated?: boolean;
  };
  /** Customer → provider: the comment of their rating. */
  ratingComment: { requestId: number; stars: number; comment: string };
  /** Customer → provider: the job marked done is not finished (it is yours again). */
  jobReopened: { requestId: number; serviceName: LocalizedText };
  /** Admin API / console → provider; `reason` in the admin's plain words, when given. */
  providerApproved: { reason?: string };
  providerRejected: { reason?: string };
  providerSuspended: { reason?: string };
  /** Console → person: an operator handed the conversation back to the bot. */
  handoffReturned: { handoffId: number };
};

export type NoticeName = keyof Notices;
export type TypedNotice = { [K in NoticeName]: { notice: K; data: Notices[K] } }[NoticeName];

export const NOTICE_NAMES = [
  'offerReceived',
  'offerAccepted',
  'offerDeclined',
  'offerExpired',
  'offerWithdrawn',
  'requestCancelled',
  'jobCompleted',
  'jobDoneClaimed',
  'jobDoneConfirmed',
  'jobNotDone',
  'jobDropped',
  'jobPin',
  'ratingReceived',
  'ratingComment',
  'jobReopened',
  'providerProgress',
  'providerApproved',
  'providerRejected',
  'providerSuspended',
  'handoffReturned',
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
const bool: Check = (v) => typeof v === 'boolean';
const optional =
  (c: Check): Check =>
  (v) =>
    v === undefined || c(v);
const localized = obj({ es: str, en: str });
const CANCEL_CODES = new Set(['solved', 'too_slow', 'price', 'found_other', 'not_needed', 'other']);
const cancelReason = obj({
  code: (v) => typeof v === 'string' && CANCEL_CODES.has(v),
  note: nullable(str),
});
/** Approval notices: anything, with an optional string `reason`. */
const decision: Check = (v) =>
  v === undefined ||
  v === null ||
  (typeof v === 'object' &&
    ((v as { reason?: unknown }).reason === undefined ||
      typeof (v as { reason?: unknown }).reason === 'string'));

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
    urgent: optional(bool),
  }),
  offerAccepted: obj({
    requestId: int,
    offerId: int,
    serviceName: localized,
    provider: obj({ name: str, phone: nullable(str) }),
  }),
  offerDeclined: obj({ requestId: int, offerId: int, providerName: str }),
  offerExpired: obj({
    offerId: int,
    requestId: int,
    passedOn: optional(bool),
    setOffline: optional(bool),
  }),
  offerWithdrawn: obj({ requestId: int, offerId: int, providerName: str }),
  requestCancelled: obj({
    requestId: int,
    offerId: nullable(int),
    serviceName: localized,
    reason: optional(nullable(cancelReason)),
    replaced: optional(bool),
  }),
  jobCompleted: obj({ requestId: int, providerName: str, serviceName: localized }),
  jobDoneClaimed: obj({ requestId: int, providerName: str, serviceName: localized }),
  jobDoneConfirmed: obj({
    requestId: int,
    ratingAvg: nullable(num),
    ratingCount: int,
    jobsDone: int,
  }),
  jobNotDone: obj({ requestId: int, serviceName: localized }),
  jobDropped: obj({ requestId: int, serviceName: localized, providerName: str }),
  jobPin: obj({
    requestId: int,
    serviceName: localized,
    lat: num,
    lng: num,
    label: nullable(str),
    customerName: str,
  }),
  ratingReceived: obj({
    requestId: int,
    stars: int,
    ratingAvg: nullable(num),
    ratingCount: int,
    updated: optional((v) => typeof v === 'boolean'),
  }),
  ratingComment: obj({ requestId: int, stars: int, comment: str }),
  jobReopened: obj({ requestId: int, serviceName: localized }),
  providerProgress: obj({
    requestId: int,
    providerName: str,
    serviceName: localized,
    progress: (v) => v === 'onTheWay' || v === 'arrived',
    etaMinutes: optional((v) => int(v) && (v as number) >= 1 && (v as number) <= 240),
  }),
  providerApproved: decision,
  providerRejected: decision,
  providerSuspended: decision,
  handoffReturned: obj({ handoffId: int }),
};

/** Validate an incoming notice; null when the name is unknown or the data malformed. */
export function parseNotice(notice: string, data: unknown): TypedNotice | null {
  if (!Object.prototype.hasOwnProperty.call(SHAPES, notice)) return null;
  const name = notice as NoticeName;
  if (!SHAPES[name](data ?? {})) return null;
  return { notice: name, data: (data ?? {}) as never };
}
