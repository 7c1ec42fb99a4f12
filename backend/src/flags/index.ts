/**
 * Feature flags of one process: the Redis-backed OpenFeature provider bound to a domain of its
 * own (two systems in one process, as in tests, never share one), a client that counts every
 * evaluation, and the service the admin API, the console and the runner use.
 * Rules, defaults and rollout: shared/feature-flags.ts, redis-provider.ts, rollout.ts.
 */
import { randomUUID } from 'node:crypto';
import {
  NOOP_PROVIDER,
  OpenFeature,
  type Logger as OpenFeatureLogger,
} from '@openfeature/server-sdk';
import type { Knex } from 'knex';
import type { Logger } from '../observability/logger';
import type { RedisClient } from '../queue/redis';
import type { FlagKey, FlagRule } from '../shared/feature-flags';
import { countEvaluations } from './metrics-hook';
import { RedisFlagProvider } from './redis-provider';
import { FlagService } from './service';
import { FlagStore } from './store';

export { FlagService, type FlagView } from './service';

export interface FlagsOptions {
  redis: RedisClient;
  prefix: string;
  knex: Knex;
  /** config.flags.defaults */
  defaults: Record<FlagKey, FlagRule>;
  /** config.flags.cacheMs */
  cacheMs: number;
  logger: Logger;
}

export interface Flags {
  service: FlagService;
  /** Unbind the provider (the Redis connection belongs to the caller). */
  close(): Promise<void>;
}

export function createFlags(o: FlagsOptions): Flags {
  const store = new FlagStore(o.redis, o.prefix);
  const provider = new RedisFlagProvider({
    store,
    defaults: o.defaults,
    cacheMs: o.cacheMs,
    logger: o.logger,
  });
  const domain = `ubermench:${o.prefix}:${randomUUID()}`;
  OpenFeature.setProvider(domain, provider);
  const client = OpenFeature.getClient(domain);
  client.setLogger(sdkLogger(o.logger));
  client.addHooks(countEvaluations);
  return {
    service: new FlagService({ knex: o.knex, store, defaults: o.defaults, client }),
    close: () => OpenFeature.setProviderAndWait(domain, NOOP_PROVIDER),
  };
}

/** The SDK's own messages (hook or provider errors) as log lines of ours. */
function sdkLogger(log: Logger): OpenFeatureLogger {
  const line =
    (level: 'error' | 'warn' | 'info' | 'debug') =>
    (...args: unknown[]) =>
      log[level](
        {
          event: 'flags.sdk',
          detail: args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '),
        },
        'openfeature',
      );
  return { error: line('error'), warn: line('warn'), info: line('info'), debug: line('debug') };
}
