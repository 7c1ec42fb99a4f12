/**
 * Composition root: builds every part from the config for one role (wiring/role.ts) and knows how
 * to shut them down in order. Construction only: the rules live in the stage folders.
 */
import type { Express } from 'express';
import type { Knex } from 'knex';
import type { Config } from '../config';
import { createLogger, type Logger } from '../observability/logger';
import { createFlags, type FlagService } from '../flags';
import { createQueues, type Queues } from '../queue/queues';
import type { InboxDeps } from '../queue/inbox';
import type { ScriptedRedis } from '../queue/scripts';
import { openConnections } from './connections';
import type { Role } from './role';
import type { SystemOptions } from './options';
import { createWeb } from './web';
import { startWorkerRole, type Workers } from './worker';

export type { Role } from './role';
export type { SystemOptions } from './options';

export interface System {
  config: Config;
  logger: Logger;
  app: Express;
  redis: ScriptedRedis;
  knex: Knex;
  queues: Queues;
  workers: Workers | null;
  inbox: InboxDeps;
  /** Feature flags (admin API, console, conversation runner). */
  flags: FlagService;
  /** Start listening (web roles); resolves with the bound port. */
  listen(port?: number): Promise<number>;
  /** Stop taking work, finish in-flight jobs, close pools. Bounded by config.shutdownTimeoutMs. */
  stop(): Promise<void>;
}

export async function createSystem(
  config: Config,
  role: Role = 'all',
  logger?: Logger,
  options: SystemOptions = {},
): Promise<System> {
  const log = logger ?? createLogger({ level: config.log.level, pretty: config.log.pretty });
  const conns = await openConnections(config, role);
  const queues = createQueues(conns.producer, config.redis.prefix, (err) =>
    log.warn({ event: 'queue.error', err: err.message }, 'queue connection error'),
  );
  const inbox: InboxDeps = {
    redis: conns.redis,
    queues,
    prefix: config.redis.prefix,
    dedupeTtlMs: config.webhook.dedupeTtlSeconds * 1000,
  };
  const flags = createFlags({
    redis: conns.redis,
    prefix: config.redis.prefix,
    knex: conns.knex,
    defaults: config.flags.defaults,
    cacheMs: config.flags.cacheMs,
    logger: log,
  });
  let shuttingDown = false;
  const web = createWeb(config, conns, inbox, log, {
    serving: role !== 'worker',
    isShuttingDown: () => shuttingDown,
    flags: flags.service,
  });
  const workers =
    role === 'web'
      ? null
      : await startWorkerRole(config, conns, inbox, log, flags.service, options);

  return {
    config,
    logger: log,
    app: web.app,
    redis: conns.redis,
    knex: conns.knex,
    queues,
    workers,
    inbox,
    flags: flags.service,
    listen: (port = config.port) => web.listen(port),
    stop: async () => {
      shuttingDown = true;
      const deadline = new Promise<void>((resolve) =>
        setTimeout(resolve, config.shutdownTimeoutMs).unref(),
      );
      const orderly = (async () => {
        await web.close();
        await workers?.close();
        await queues.close();
      })();
      await Promise.race([
        orderly.catch((e: Error) =>
          log.error({ event: 'shutdown.error', err: e.message }, 'shutdown error'),
        ),
        deadline,
      ]);
      web.destroySockets();
      await flags.close();
      await conns.close();
    },
  };
}
