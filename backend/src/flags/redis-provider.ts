/**
 * Our OpenFeature provider: boolean flags whose rules live in Redis (FlagStore), with the
 * environment's rules (FEATURE_FLAGS) for flags Redis has no value for, and percentage rollout
 * hashed on the evaluation's targeting key (the conversation key).
 *
 * Hot path: the rules are one Redis hash read at most once per `cacheMs` per process (single
 * flight); evaluations in between are CPU only. So a change written to Redis is seen by every
 * process within `cacheMs` plus one Redis round trip (FEATURE_FLAGS_CACHE_MS, default 1 s).
 * If Redis cannot be read, the last rules read are kept (reason STALE), or the environment's
 * rules when there are none yet: an evaluation never throws.
 */
import {
  ErrorCode,
  StandardResolutionReasons,
  type EvaluationContext,
  type JsonValue,
  type Provider,
  type ResolutionDetails,
} from '@openfeature/server-sdk';
import type { Logger } from '../observability/logger';
import { formatFlagRule, isFlagKey, type FlagKey, type FlagRule } from '../shared/feature-flags';
import { ruleIsOn } from './rollout';
import type { FlagStore, Overrides } from './store';

export interface RedisFlagProviderOptions {
  store: FlagStore;
  /** The environment's rule of every flag (config.flags.defaults). */
  defaults: Record<FlagKey, FlagRule>;
  /** How long rules read from Redis are reused (ms); 0 = read on every evaluation. */
  cacheMs: number;
  logger: Logger;
  /** The clock (tests). */
  now?: () => number;
}

interface Snapshot {
  overrides: Overrides;
  readAt: number;
  /** The last read failed: these are older rules (or none). */
  stale: boolean;
}

export class RedisFlagProvider implements Provider {
  readonly metadata = { name: 'ubermench-redis' } as const;
  readonly runsOn = 'server' as const;

  private snapshot: Snapshot | null = null;
  private reading: Promise<Snapshot> | null = null;
  private readonly now: () => number;

  constructor(private readonly o: RedisFlagProviderOptions) {
    this.now = o.now ?? Date.now;
  }

  async resolveBooleanEvaluation(
    flagKey: string,
    defaultValue: boolean,
    context: EvaluationContext,
  ): Promise<ResolutionDetails<boolean>> {
    if (!isFlagKey(flagKey)) {
      return {
        value: defaultValue,
        reason: StandardResolutionReasons.ERROR,
        errorCode: ErrorCode.FLAG_NOT_FOUND,
        errorMessage: `no flag ${flagKey}`,
      };
    }
    const snap = await this.rules();
    const override = snap.overrides[flagKey];
    const rule = override ?? this.o.defaults[flagKey];
    const value = ruleIsOn(rule, flagKey, context.targetingKey);
    const partial = rule.percent > 0 && rule.percent < 100;
    const reason = snap.stale
      ? StandardResolutionReasons.STALE
      : partial
        ? StandardResolutionReasons.SPLIT
        : override
          ? StandardResolutionReasons.STATIC
          : StandardResolutionReasons.DEFAULT;
    return {
      value,
      variant: value ? 'on' : 'off',
      reason,
      flagMetadata: { source: override ? 'redis' : 'environment', rule: formatFlagRule(rule) },
    };
  }

  resolveStringEvaluation(
    _flagKey: string,
    defaultValue: string,
  ): Promise<ResolutionDetails<string>> {
    return Promise.resolve(notBoolean(defaultValue));
  }

  resolveNumberEvaluation(
    _flagKey: string,
    defaultValue: number,
  ): Promise<ResolutionDetails<number>> {
    return Promise.resolve(notBoolean(defaultValue));
  }

  resolveObjectEvaluation<T extends JsonValue>(
    _flagKey: string,
    defaultValue: T,
  ): Promise<ResolutionDetails<T>> {
    return Promise.resolve(notBoolean(defaultValue));
  }

  /** The rules in force: the cached ones while fresh, else one (shared) read of Redis. */
  private rules(): Promise<Snapshot> {
    const snap = this.snapshot;
    if (snap && this.o.cacheMs > 0 && this.now() - snap.readAt < this.o.cacheMs)
      return Promise.resolve(snap);
    this.reading ??= this.read().finally(() => {
      this.reading = null;
    });
    return this.reading;
  }

  private async read(): Promise<Snapshot> {
    try {
      const overrides = await this.o.store.readAll();
      this.snapshot = { overrides, readAt: this.now(), stale: false };
    } catch (err) {
      if (!this.snapshot?.stale)
        this.o.logger.warn(
          { event: 'flags.read_failed', err: (err as Error).message },
          'feature flags: Redis read failed; keeping the last rules',
        );
      // Try again after the cache period, not on every evaluation.
      this.snapshot = {
        overrides: this.snapshot?.overrides ?? {},
        readAt: this.now(),
        stale: true,
      };
    }
    return this.snapshot;
  }
}

/** Every flag of ours is boolean. */
function notBoolean<T>(defaultValue: T): ResolutionDetails<T> {
  return {
    value: defaultValue,
    reason: StandardResolutionReasons.ERROR,
    errorCode: ErrorCode.TYPE_MISMATCH,
    errorMessage: 'flags are boolean',
  };
}
