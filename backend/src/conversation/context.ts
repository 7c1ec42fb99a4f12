import { CONVERSATION_FLAG_DEFAULTS, type ConversationFlags } from '../shared/feature-flags';

/** What the processing layer passes into every step besides the state and the event. */
export interface StepContext {
  /** Epoch ms; the clock of this step. */
  now: number;
  /** True when there was a stored state for this user that expired (session timed out). */
  sessionExpired: boolean;
  /** How long a provider has to answer an offer (config OFFER_TIMEOUT_SECONDS × 1000). Default 300 000. */
  offerTimeoutMs?: number;
  /** Offers made for one request before telling the customer nobody is available (config MAX_OFFERS_PER_REQUEST). Default 5. */
  maxOffersPerRequest?: number;
  /** After "done", how long before an unrated customer is asked once more (config RATE_REMINDER_MINUTES). Default 4 h. */
  rateReminderMs?: number;
  /** Providers shown in the list (1–9; one row is kept for "let the app choose"). Default 9. */
  candidateLimit?: number;
  /** Reviews shown on a provider's profile (0–5). Default 3. */
  reviewsShown?: number;
  /**
   * Feature flags evaluated for this conversation by the runner (flags/, shared/feature-flags.ts).
   * A flag not given takes its declared default.
   */
  flags?: Partial<ConversationFlags>;
  /** Human help and privacy (flows/care.ts); defaults in CARE_DEFAULTS. */
  care?: CareSettings;
}

export interface CareSettings {
  /** Privacy notice linked on first contact (config PRIVACY_NOTICE_URL); '' = no link. */
  privacyNoticeUrl: string;
  /** An open handoff nobody answered goes back to the bot after this long (ms). */
  handoffTimeoutMs: number;
  /** Expected wait for a person in business hours (minutes), told when a handoff opens. */
  expectedWaitMinutes: number;
  /** Business hours: ISO weekdays (1 = Monday) and minutes of the day [open, close). */
  hours: { days: number[]; openMinute: number; closeMinute: number };
  /** Offset of the business's local time from UTC (minutes; Mexico City −360). */
  utcOffsetMinutes: number;
}

export const CARE_DEFAULTS: CareSettings = {
  privacyNoticeUrl: '',
  handoffTimeoutMs: 2 * 3600_000,
  expectedWaitMinutes: 15,
  hours: { days: [1, 2, 3, 4, 5, 6], openMinute: 9 * 60, closeMinute: 19 * 60 },
  utcOffsetMinutes: -360,
};

export type Ctx = Required<Omit<StepContext, 'flags'>> & { flags: ConversationFlags };

export const STEP_DEFAULTS = {
  offerTimeoutMs: 300_000,
  maxOffersPerRequest: 5,
  candidateLimit: 9,
  reviewsShown: 3,
  rateReminderMs: 4 * 3600_000,
} as const;

const clamp = (v: number, lo: number, hi: number): number =>
  Math.min(hi, Math.max(lo, Math.floor(v)));

export function resolveContext(ctx: StepContext): Ctx {
  return {
    now: ctx.now,
    sessionExpired: ctx.sessionExpired,
    offerTimeoutMs: Math.max(1000, ctx.offerTimeoutMs ?? STEP_DEFAULTS.offerTimeoutMs),
    maxOffersPerRequest: clamp(
      ctx.maxOffersPerRequest ?? STEP_DEFAULTS.maxOffersPerRequest,
      1,
      100,
    ),
    candidateLimit: clamp(ctx.candidateLimit ?? STEP_DEFAULTS.candidateLimit, 1, 9),
    reviewsShown: clamp(ctx.reviewsShown ?? STEP_DEFAULTS.reviewsShown, 0, 5),
    rateReminderMs: Math.max(60_000, ctx.rateReminderMs ?? STEP_DEFAULTS.rateReminderMs),
    flags: { ...CONVERSATION_FLAG_DEFAULTS, ...ctx.flags },
    care: ctx.care ?? CARE_DEFAULTS,
  };
}
