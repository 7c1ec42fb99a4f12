/**
 * Delivery statuses (sent / delivered / read / failed): recorded against the message log
 * (never downgraded), counted, and a `failed` with 131047 (outside the 24 h window, which can
 * arrive after an accepted send) triggers the template fallback remembered at send time.
 */
import type { Logger } from '../observability/logger';
import { metrics } from '../observability/metrics';
import { fallbackKey } from '../queue/keys';
import { outboundJobOptions } from '../queue/job-options';
import type { RedisClient } from '../queue/redis';
import type { OutboundJob, StatusJob, StatusUpdate } from '../queue/jobs';
import type { Queues } from '../queue/queues';
import type { TemplateFallback } from '../conversation/commands';
import { templateOf } from './template-fallback';

export interface StatusDeps {
  redis: RedisClient;
  queues: Queues;
  prefix: string;
  logger: Logger;
  outboundAttempts: number;
  templates: Record<string, string>;
  templateLanguage: { es: string; en: string };
  recordStatus?(update: StatusUpdate): Promise<void>;
}

export const RE_ENGAGEMENT = 131047;

export async function handleStatuses(deps: StatusDeps, job: StatusJob): Promise<void> {
  for (const s of job.statuses) {
    if (deps.recordStatus) await deps.recordStatus(s);
    if (s.status !== 'failed') continue;
    metrics.sendErrors.inc({ code: String(s.errorCode ?? 'unknown'), retryable: 'false' });
    deps.logger.warn(
      {
        event: 'status.failed',
        correlationId: job.correlationId,
        code: s.errorCode,
        wamid: s.wamid,
      },
      'message failed after acceptance',
    );
    if (s.errorCode === RE_ENGAGEMENT) await sendFallback(deps, s.wamid, job.correlationId);
  }
}

async function sendFallback(deps: StatusDeps, wamid: string, correlationId: string): Promise<void> {
  const raw = await deps.redis.get(fallbackKey(deps.prefix, wamid));
  if (!raw) return;
  const { key, commandId, fallback } = JSON.parse(raw) as {
    key: string;
    commandId: string;
    fallback: TemplateFallback;
  };
  const job: OutboundJob = {
    commandId: `${commandId}/fallback`,
    key,
    correlationId,
    action: { kind: 'send', message: templateOf(deps, fallback) },
  };
  await deps.queues.outbound.add(
    'send',
    job,
    outboundJobOptions(job.commandId, deps.outboundAttempts),
  );
}
