/** The context handed to the pure step: the clock, the settings and the flags it needs, nothing else. */
import type { Config } from '../../config';
import type { ConversationFlags } from '../../shared/feature-flags';
import type { StepContext } from '../step';

/** What the drain knows per step: the clock, whether the session expired, the conversation's flags. */
export interface StepContextBase {
  now: number;
  sessionExpired: boolean;
  flags?: ConversationFlags;
}

export function buildStepContext(config: Config, base: StepContextBase): StepContext {
  return {
    now: base.now,
    sessionExpired: base.sessionExpired,
    offerTimeoutMs: config.marketplace.offerTimeoutSeconds * 1000,
    maxOffersPerRequest: config.marketplace.maxOffersPerRequest,
    rateReminderMs: config.marketplace.rateReminderMinutes * 60_000,
    ...(base.flags ? { flags: base.flags } : {}),
    care: {
      privacyNoticeUrl: config.care.privacyNoticeUrl,
      handoffTimeoutMs: config.care.handoffTimeoutMinutes * 60_000,
      expectedWaitMinutes: config.care.expectedWaitMinutes,
      hours: config.care.businessHours,
      utcOffsetMinutes: config.care.utcOffsetMinutes,
    },
  };
}
