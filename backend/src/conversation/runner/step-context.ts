/** The context handed to the pure step: the clock and the settings it needs, nothing else. */
import type { Config } from '../../config';
import type { StepContext } from '../step';

export function buildStepContext(config: Config, base: { now: number; sessionExpired: boolean }): StepContext {
  return {
    now: base.now,
    sessionExpired: base.sessionExpired,
    offerTimeoutMs: config.marketplace.offerTimeoutSeconds * 1000,
    maxOffersPerRequest: config.marketplace.maxOffersPerRequest,
    rateReminderMs: config.marketplace.rateReminderMinutes * 60_000,
    care: {
      privacyNoticeUrl: config.care.privacyNoticeUrl,
      handoffTimeoutMs: config.care.handoffTimeoutMinutes * 60_000,
      expectedWaitMinutes: config.care.expectedWaitMinutes,
      hours: config.care.businessHours,
      utcOffsetMinutes: config.care.utcOffsetMinutes,
    },
  };
}
