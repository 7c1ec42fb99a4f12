/**
 * Data retention, run by the worker on a schedule (a BullMQ job scheduler, so exactly one
 * worker runs it per period however many are up):
 * - message log rows older than MESSAGE_LOG_RETENTION_DAYS (90 by default);
 * - idempotency records of finished operations older than OPERATION_RESULTS_RETENTION_DAYS;
 * - handoffs closed more than HANDOFF_RETENTION_DAYS ago, with their transcripts (what a person
 *   wrote to an agent is kept only as long as someone might need to look back at it);
 * - the active-sessions index entries past the session TTL.
 * Conversation state, dedupe sets and markers expire by their own Redis TTLs.
 */
import type { Knex } from 'knex';
import { deleteMessageLogOlderThan } from '../db/message-log';
import { deleteOperationResultsOlderThan } from '../db/operation-results';
import { deleteClosedHandoffsOlderThan } from '../db/handoffs';
import type { RedisClient } from '../queue/redis';
import { sessionsKey } from '../queue/keys';

export interface RetentionSettings {
  messageLogDays: number;
  operationResultsDays: number;
  handoffDays: number;
  sessionTtlMs: number;
}

export interface RetentionReport {
  messageLog: number;
  operationResults: number;
  handoffs: number;
  sessions: number;
}

const DAY_MS = 24 * 3600 * 1000;

export async function runRetention(
  knex: Knex,
  redis: RedisClient,
  prefix: string,
  s: RetentionSettings,
  now = Date.now(),
): Promise<RetentionReport> {
  const messageLog = await deleteMessageLogOlderThan(
    knex,
    new Date(now - s.messageLogDays * DAY_MS),
  );
  const operationResults = await deleteOperationResultsOlderThan(
    knex,
    new Date(now - s.operationResultsDays * DAY_MS),
  );
  const handoffs = await deleteClosedHandoffsOlderThan(
    knex,
    new Date(now - s.handoffDays * DAY_MS),
  );
  const sessions = await redis.zremrangebyscore(sessionsKey(prefix), '-inf', now - s.sessionTtlMs);
  return { messageLog, operationResults, handoffs, sessions };
}
