/**
 * The worker role: the ready-stream consumer (conversation drains) and the BullMQ workers for
 * status batches, timers (conversation timers and scheduled housekeeping) and queued sends; the
 * message-log flusher and the periodic gauges.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { Worker, type WorkerOptions } from 'bullmq';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import type { Config } from '../config';
import type { Logger } from '../observability/logger';
import { bullPrefix, rateLimitPrefix } from '../queue/keys';
import { QUEUE, type OutboundJob, type StatusJob, type TimerJob } from '../queue/jobs';
import type { InboxDeps } from '../queue/inbox';
import { ReadyConsumer } from '../queue/ready-consumer';
import { deadLetterOnFinalFailure, deadLetterSend, addDeadLetter } from '../queue/dead-letter';
import { ConversationStore } from '../conversation/runner/store';
import { drainConversation, type DrainDeps } from '../conversation/runner/drain';
import { fireTimer } from '../conversation/runner/fire-timer';
import { buildStepContext } from '../conversation/runner/step-context';
import { InboundLimiter } from '../conversation/runner/inbound-limiter';
import { createOperationHandlers } from '../operations';
import { createMediaService } from '../media';
import { createCloudApiClient } from '../outbound/cloud-api-client';
import { processOutbound, sendDirect, type SenderDeps } from '../outbound/sender';
import { handleStatuses } from '../outbound/statuses';
import { cloudBackoff, directSendRetryDelay } from '../outbound/retry-policy';
import { createMessageLog } from '../housekeeping/message-log-buffer';
import { runRetention } from '../housekeeping/retention';
import { sweepDueOffers } from '../housekeeping/offer-sweep';
import {
  OFFER_SWEEP_EVERY_MS,
  OFFER_SWEEP_GRACE_MS,
  runHousekeepingJob,
  scheduleHousekeeping,
} from '../housekeeping/schedules';
import { startGauges } from '../housekeeping/gauges';
import type { FlagService } from '../flags';
import type { Connections } from './connections';
import type { SystemOptions } from './options';
import { careDepsOf } from './care';
import {
  acknowledgementDue,
  closeHandoffBy,
  pausedFor,
  recordPersonMessage,
} from '../care/handoffs';
import { optedOutByKey } from '../care/opt-out';
import { ERASE_REDIS_JOB, runEraseRedisJob, type EraseRedisData } from '../care/erase-redis';

export interface Workers {
  all: Worker[];
  ready: ReadyConsumer;
  /** Stop taking work, let in-flight jobs finish, flush the message log, close the API client. */
  close(): Promise<void>;
}

export async function startWorkerRole(
  config: Config,
  conns: Connections,
  inbox: InboxDeps,
  log: Logger,
  flags: FlagService,
  options: SystemOptions = {},
): Promise<Workers> {
  const { redis } = conns;
  const { prefix } = inbox;
  const q = config.queue;
  const api = createCloudApiClient({
    baseUrl: config.whatsapp.apiBaseUrl,
    apiVersion: config.whatsapp.apiVersion,
    phoneNumberId: config.whatsapp.phoneNumberId,
    accessToken: config.whatsapp.accessToken,
    timeoutMs: config.whatsapp.timeoutMs,
  });
  const media = createMediaService(config, conns.knex, log);
  const messageLog = createMessageLog(conns.logKnex, log, {
    redis,
    prefix,
    everyMs: config.retention.messageLogFlushMs,
  });
  const care = careDepsOf(config, conns, inbox, log);
  const sender: SenderDeps = {
    redis,
    prefix,
    api,
    logger: log,
    phoneNumberId: config.whatsapp.phoneNumberId,
    templates: config.whatsapp.templates,
    templateLanguage: config.whatsapp.templateLanguage,
    windowMarginMs: config.outbound.windowMarginSeconds * 1000,
    businessLimiter: new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: rateLimitPrefix(prefix, 'biz'),
      points: config.outbound.ratePerSecond,
      duration: 1,
    }),
    recipientLimiter:
      config.outbound.perRecipientPerMinute > 0
        ? new RateLimiterRedis({
            storeClient: redis,
            keyPrefix: rateLimitPrefix(prefix, 'rcpt'),
            points: config.outbound.perRecipientPerMinute,
            duration: 60,
          })
        : null,
    logOutbound: messageLog.logOutbound,
    queue: inbox.queues.outbound,
    isOptedOut: (key) => optedOutByKey(conns.knex, key),
  };
  const inboundLimiter = new InboundLimiter({
    redis,
    prefix,
    answers: { perMinute: config.limits.answersPerMinute, perHour: config.limits.answersPerHour },
    free: { perMinute: config.limits.inboundPerMinute, perHour: config.limits.inboundPerHour },
    ...(options.inboundLimitWindowSeconds
      ? { windowSeconds: options.inboundLimitWindowSeconds }
      : {}),
  });
  const retryDelay = directSendRetryDelay(q.retryBaseDelayMs);
  const drain: DrainDeps = {
    ...inbox,
    store: new ConversationStore(redis, prefix, config.session.ttlSeconds * 1000),
    handlers: createOperationHandlers({
      knex: conns.knex,
      config,
      logger: log,
      media,
      ...(config.marketplace.providerListCacheSeconds > 0
        ? { cache: { redis, prefix, ttlSeconds: config.marketplace.providerListCacheSeconds } }
        : {}),
      care,
    }),
    logger: log,
    lockTtlMs: q.conversationLockMs,
    maxAttempts: q.inboundMaxAttempts,
    outboundAttempts: q.outboundMaxAttempts,
    stepContext: (base) => buildStepContext(config, base),
    conversationFlags: (key) => flags.conversationFlags(key),
    deadLetter: (d) =>
      addDeadLetter(inbox.queues, {
        origin: 'inbound',
        key: d.key,
        event: d.event,
        error: d.error,
        attempts: d.attempts,
        failedAt: Date.now(),
      }),
    sendDirect: (job, known) => sendDirect(sender, job, retryDelay, known),
    deadLetterSend: (job, err) => deadLetterSend(inbox.queues, log, job, err),
    logInbound: messageLog.logInbound,
    ...(inboundLimiter.enabled ? { inboundLimiter } : {}),
    handoff: {
      pausedFor: (key) => pausedFor(care, key),
      record: (handoffId, eventId, body) => recordPersonMessage(care, handoffId, eventId, body),
      leave: async (handoffId) => {
        await closeHandoffBy(care, handoffId, { kind: 'person' });
      },
      acknowledgeDue: (key) => acknowledgementDue(care, key),
    },
  };

  const ready = new ReadyConsumer({
    blocking: conns.ready!,
    redis,
    prefix,
    consumer: `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
    concurrency: q.workerConcurrency,
    // Pending entries idle longer than the conversation lock belong to a dead consumer.
    claimIdleMs: q.conversationLockMs + q.stalledIntervalMs,
    claimEveryMs: q.stalledIntervalMs,
    retryBaseDelayMs: 250,
    logger: log,
    drain: (key) => drainConversation(drain, key),
  });
  await ready.start();

  const base: WorkerOptions = {
    connection: conns.bull,
    prefix: bullPrefix(prefix),
    stalledInterval: q.stalledIntervalMs,
    lockDuration: q.lockDurationMs,
    maxStalledCount: 1000,
    settings: { backoffStrategy: cloudBackoff(q.retryBaseDelayMs) },
  };
  const housekeeping = {
    retention: () =>
      runRetention(conns.knex, redis, prefix, {
        messageLogDays: config.retention.messageLogDays,
        operationResultsDays: config.retention.operationResultsDays,
        handoffDays: config.retention.handoffDays,
        sessionTtlMs: config.session.ttlSeconds * 1000,
      }),
    offerSweep: () => sweepDueOffers(conns.knex, inbox, OFFER_SWEEP_GRACE_MS),
    mediaRetention: () => media.runRetention(),
    logger: log,
  };
  const statusDeps = {
    redis,
    queues: inbox.queues,
    prefix,
    logger: log,
    outboundAttempts: q.outboundMaxAttempts,
    templates: config.whatsapp.templates,
    templateLanguage: config.whatsapp.templateLanguage,
    recordStatus: messageLog.recordStatus,
  };
  const statuses = new Worker<StatusJob>(
    QUEUE.inbound,
    async (job) => handleStatuses(statusDeps, job.data),
    { ...base, concurrency: q.workerConcurrency },
  );
  const timers = new Worker<TimerJob>(
    QUEUE.timers,
    async (job) => {
      if (await runHousekeepingJob(job.name, housekeeping)) return;
      if (job.name === ERASE_REDIS_JOB) {
        await runEraseRedisJob(care, job.data.data as unknown as EraseRedisData, {
          made: job.attemptsMade,
          max: job.opts.attempts ?? 1,
        });
        return;
      }
      await fireTimer(inbox, job.data, job.id);
    },
    { ...base, concurrency: Math.max(1, Math.floor(q.workerConcurrency / 4)) },
  );
  const outbound: Worker<OutboundJob> = new Worker<OutboundJob>(
    QUEUE.outbound,
    async (job, token): Promise<string> => processOutbound(sender, job, token, outbound),
    {
      ...base,
      concurrency: q.senderConcurrency,
    },
  );
  deadLetterOnFinalFailure(statuses, inbox.queues, log, 'inbound');
  deadLetterOnFinalFailure(timers, inbox.queues, log, 'timers');
  deadLetterOnFinalFailure(outbound, inbox.queues, log, 'outbound');
  const all = [statuses, timers, outbound] as Worker[];
  for (const w of all)
    w.on('error', (err) => log.error({ event: 'worker.error', err: err.message }, 'worker error'));

  await scheduleHousekeeping(inbox.queues, {
    retentionEveryMs: config.retention.intervalMinutes * 60_000,
    offerSweepEveryMs: OFFER_SWEEP_EVERY_MS,
  });
  const stopGauges = startGauges({
    redis,
    knex: conns.knex,
    queues: inbox.queues,
    prefix,
    sessionTtlMs: config.session.ttlSeconds * 1000,
    logger: log,
  });
  // Buffered message-log rows go to Postgres in batches (one flusher holds the lease at a time).
  messageLog.start();

  return {
    all,
    ready,
    close: async () => {
      stopGauges();
      await Promise.all([ready.close(), ...all.map((w) => w.close())]);
      await messageLog.stop();
      api.close();
      media.close();
    },
  };
}
