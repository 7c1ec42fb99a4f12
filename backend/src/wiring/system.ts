/**
 * Composition root: builds every part from the config, for one of three roles —
 * `all` (webhook + workers, the default), `web` (webhook only) or `worker` (workers only) —
 * and knows how to shut them down in order.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { Knex } from 'knex';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import type { Config } from '../config';
import { createApp } from './http-app';
import { createLogger, type Logger } from '../observability/logger';
import { createHealthRouter } from '../observability/health';
import { startCollectors } from '../housekeeping/gauges';
import { createWebhookRouter, type WebhookDeps } from '../intake/webhook-router';
import { withWebhookFastPath } from '../intake/webhook-fast-path';
import { createRedis, waitReady, type RedisClient } from '../queue/redis';
import { withScripts, type ScriptedRedis } from '../queue/scripts';
import { createQueues, type Queues } from '../queue/queues';
import { enqueueEntries, type InboxDeps } from '../queue/inbox';
import { addDeadLetter } from '../queue/dead-letter';
import { ConversationStore } from '../conversation/runner/store';
import { OFFER_SWEEP_JOB, RETENTION_JOB, cloudBackoff, deadLetterSend, startWorkers, type Workers } from './workers';
import { sendDirect, type SenderDeps } from '../outbound/sender';
import { sweepDueOffers } from '../housekeeping/offer-sweep';
import { runRetention } from '../housekeeping/retention';
import { createOperationHandlers } from '../operations';
import { invalidateProviderLists } from '../operations/candidate-cache';
import { buildStepContext } from '../conversation/runner/step-context';
import { createMessageLog } from '../housekeeping/message-log';
import { createCloudApiClient } from '../outbound/cloud-api-client';
import { createKnex } from '../db/knex';
import { createAdminRouter } from '../admin';
import { createSecurity } from '../security';

export type Role = 'all' | 'web' | 'worker';

export interface System {
  config: Config;
  logger: Logger;
  app: Express;
  redis: ScriptedRedis;
  knex: Knex;
  queues: Queues;
  workers: Workers | null;
  inbox: InboxDeps;
  /** Start listening (web roles); resolves with the bound port. */
  listen(port?: number): Promise<number>;
  /** Stop taking work, finish in-flight jobs, close pools. Bounded by config.shutdownTimeoutMs. */
  stop(): Promise<void>;
}

export async function createSystem(config: Config, role: Role = 'all', logger?: Logger): Promise<System> {
  const log = logger ?? createLogger({ level: config.log.level, pretty: config.log.pretty });
  const prefix = config.redis.prefix;
  const redis = withScripts(createRedis(config.redis, 'command', `ub-${role}`));
  // The queues (producers) on their own connection, not on the auto-pipelined command one (queue/redis.ts).
  const producerConnection: RedisClient = createRedis(config.redis, 'producer', `ub-${role}-producer`);
  const bullConnection: RedisClient = createRedis(config.redis, 'blocking', `ub-${role}-bull`);
  const readyConnection: RedisClient | null = role === 'web' ? null : createRedis(config.redis, 'blocking', `ub-${role}-ready`);
  await Promise.all([waitReady(redis), waitReady(producerConnection)]);
  const knex = createKnex({ url: config.db.url, schema: config.db.schema, poolMax: config.db.poolMax });
  const queues = createQueues(producerConnection, prefix, (err) => log.warn({ event: 'queue.error', err: err.message }, 'queue connection error'));
  const inbox: InboxDeps = { redis, queues, prefix, dedupeTtlMs: config.webhook.dedupeTtlSeconds * 1000 };
  // The message log is best-effort (buffered rows copied in batches, delivery statuses one by
  // one): its own small pool commits without waiting for the WAL flush.
  const logKnex = createKnex({ url: config.db.url, schema: config.db.schema, poolMax: 4, synchronousCommit: false });
  const messageLog = createMessageLog(logKnex, log, { redis, prefix, everyMs: config.retention.messageLogFlushMs });
  let shuttingDown = false;

  const security = createSecurity(config, redis, log);
  const webhookDeps: WebhookDeps = {
    appSecret: config.whatsapp.appSecret,
    verifyToken: config.whatsapp.verifyToken,
    bodyLimit: config.webhook.bodyLimit,
    maxEvents: config.webhook.maxEvents,
    maxTextLength: config.webhook.maxTextLength,
    ...security.webhook,
    logger: log,
    enqueueMessages: (key, entries) => enqueueEntries(inbox, key, entries),
    enqueueStatuses: async (statuses, correlationId) => {
      await queues.inbound.add('statuses', { statuses, correlationId }, { removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 }, attempts: 5, backoff: { type: 'exponential', delay: 500, jitter: 0.5 } });
    },
  };
  const webhook = createWebhookRouter(webhookDeps);
  const health = createHealthRouter({ knex, redis, queue: queues.inbound, isShuttingDown: () => shuttingDown });
  const admin = createAdminRouter({
    knex,
    apiKeys: config.admin.apiKeys,
    notify: async (userKey: string, notice: string, data: Record<string, unknown>) => {
      // Every admin notice is a provider status change: provider lists shown to customers change too.
      await invalidateProviderLists(redis, prefix);
      const now = Date.now();
      const id = `admin:${notice}:${userKey}:${now}`;
      await enqueueEntries(inbox, userKey, [{ event: { source: 'internal', kind: 'notice', id, at: now, notice, data }, correlationId: id, receivedAt: now }]);
    },
  });
  const serving = role !== 'worker';
  const app = createApp({ logger: log, webhook: serving ? webhook : undefined, health, admin: serving ? admin : undefined, adminGuard: security.adminGuard, trustProxyHops: security.trustProxyHops, metricsEnabled: config.metricsEnabled });

  let workers: Workers | null = null;
  let closeApi: () => void = () => undefined;
  let stopCollectors: () => void = () => undefined;
  if (role !== 'web') {
    const api = createCloudApiClient({
      baseUrl: config.whatsapp.apiBaseUrl,
      apiVersion: config.whatsapp.apiVersion,
      phoneNumberId: config.whatsapp.phoneNumberId,
      accessToken: config.whatsapp.accessToken,
      timeoutMs: config.whatsapp.timeoutMs,
    });
    closeApi = () => api.close();
    const store = new ConversationStore(redis, prefix, config.session.ttlSeconds * 1000);
    const deadLetter = async (d: { key: string; event?: string; error: string; attempts: number }) =>
      addDeadLetter(queues, { origin: 'inbound', key: d.key, event: d.event, error: d.error, attempts: d.attempts, failedAt: Date.now() });
    const sender: SenderDeps = {
      redis,
      prefix,
      api,
      logger: log,
      phoneNumberId: config.whatsapp.phoneNumberId,
      templates: config.whatsapp.templates,
      templateLanguage: config.whatsapp.templateLanguage,
      windowMarginMs: config.outbound.windowMarginSeconds * 1000,
      businessLimiter: new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}:rl:biz`, points: config.outbound.ratePerSecond, duration: 1 }),
      recipientLimiter:
        config.outbound.perRecipientPerMinute > 0
          ? new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}:rl:rcpt`, points: config.outbound.perRecipientPerMinute, duration: 60 })
          : null,
      logOutbound: messageLog.logOutbound,
      queue: queues.outbound,
    };
    workers = await startWorkers(
      {
        connection: bullConnection,
        readyConnection: readyConnection!,
        readyCommands: redis,
        consumerName: `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
        claimIdleMs: config.queue.conversationLockMs + config.queue.stalledIntervalMs,
        prefix,
        concurrency: config.queue.workerConcurrency,
        senderConcurrency: config.queue.senderConcurrency,
        retryBaseDelayMs: config.queue.retryBaseDelayMs,
        stalledIntervalMs: config.queue.stalledIntervalMs,
        lockDurationMs: config.queue.lockDurationMs,
        logger: log,
        queues,
      },
      {
        inbox,
        retention: () =>
          runRetention(knex, redis, prefix, {
            messageLogDays: config.retention.messageLogDays,
            operationResultsDays: config.retention.operationResultsDays,
            sessionTtlMs: config.session.ttlSeconds * 1000,
          }),
        offerSweep: () => sweepDueOffers(knex, inbox, 60_000),
        drain: {
          ...inbox,
          store,
          handlers: createOperationHandlers({
            knex,
            config,
            logger: log,
            ...(config.marketplace.providerListCacheSeconds > 0 ? { cache: { redis, prefix, ttlSeconds: config.marketplace.providerListCacheSeconds } } : {}),
          }),
          logger: log,
          lockTtlMs: config.queue.conversationLockMs,
          maxAttempts: config.queue.inboundMaxAttempts,
          outboundAttempts: config.queue.outboundMaxAttempts,
          stepContext: (base) => buildStepContext(config, base),
          deadLetter,
          sendDirect: (job, known) => sendDirect(sender, job, (err) => cloudBackoff(config.queue.retryBaseDelayMs)(1, undefined, err), known),
          deadLetterSend: (job, err) => deadLetterSend(queues, log, job, err),
          logInbound: messageLog.logInbound,
          inboundLimiter: security.inboundLimiter,
        },
        status: {
          redis,
          queues,
          prefix,
          logger: log,
          outboundAttempts: config.queue.outboundMaxAttempts,
          templates: config.whatsapp.templates,
          templateLanguage: config.whatsapp.templateLanguage,
          recordStatus: messageLog.recordStatus,
        },
        sender,
      },
    );
    await queues.timers.upsertJobScheduler(RETENTION_JOB, { every: config.retention.intervalMinutes * 60_000 }, { name: RETENTION_JOB, data: {} as never, opts: { removeOnComplete: true, removeOnFail: 100 } });
    await queues.timers.upsertJobScheduler(OFFER_SWEEP_JOB, { every: 60_000 }, { name: OFFER_SWEEP_JOB, data: {} as never, opts: { removeOnComplete: true, removeOnFail: 100 } });
    stopCollectors = startCollectors({ redis, knex, queues, prefix, sessionTtlMs: config.session.ttlSeconds * 1000, logger: log });
    // Buffered message-log rows go to Postgres in batches (one flusher holds the lease at a time).
    messageLog.start();
  }

  let server: http.Server | null = null;
  const sockets = new Set<import('node:net').Socket>();
  return {
    config,
    logger: log,
    app,
    redis,
    knex,
    queues,
    workers,
    inbox,
    listen: (port = config.port) =>
      new Promise<number>((resolve, reject) => {
        // Signed webhook POSTs skip Express (intake/webhook-fast-path.ts); the rest is the app.
        server = http.createServer({ keepAliveTimeout: 65_000 }, serving ? withWebhookFastPath(webhookDeps, app) : app);
        server.on('connection', (s) => {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
        });
        server.once('error', reject);
        server.listen(port, '0.0.0.0', () => resolve((server!.address() as AddressInfo).port));
      }),
    stop: async () => {
      shuttingDown = true;
      const deadline = new Promise<void>((resolve) => setTimeout(resolve, config.shutdownTimeoutMs).unref());
      const orderly = (async () => {
        if (server) {
          const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
          server.closeIdleConnections();
          await closed;
        }
        stopCollectors();
        if (workers) {
          await workers.close();
          await messageLog.stop();
        }
        await queues.close();
        closeApi();
      })();
      await Promise.race([orderly.catch((e: Error) => log.error({ event: 'shutdown.error', err: e.message }, 'shutdown error')), deadline]);
      for (const s of sockets) s.destroy();
      await Promise.allSettled([redis.quit(), producerConnection.quit(), bullConnection.quit(), ...(readyConnection ? [readyConnection.quit()] : []), knex.destroy(), logKnex.destroy()]);
    },
  };
}
