/** An OpenFeature hook counting every evaluation by flag and variant (feature_flag_evaluations_total). */
import type { EvaluationDetails, FlagValue, Hook, HookContext } from '@openfeature/server-sdk';
import { metrics } from '../observability/metrics';
import { isFlagKey } from '../shared/feature-flags';

export const countEvaluations: Hook = {
  finally(hookContext: Readonly<HookContext>, details: EvaluationDetails<FlagValue>): void {
    // Labels stay bounded: only declared flags, and the provider's variants (or `default`).
    const flag = isFlagKey(hookContext.flagKey) ? hookContext.flagKey : 'unknown';
    const variant =
      details.errorCode || details.variant === undefined ? 'default' : details.variant;
    metrics.flagEvaluations.inc({ flag, variant });
  },
};
