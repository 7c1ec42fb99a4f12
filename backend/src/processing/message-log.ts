/** Message log writes from the worker: inbound messages, outbound sends, delivery statuses. */
import type { Knex } from 'knex';
import type { Logger } from '../observability/logger';
import type { InboxEntry } from '../queue/inbox';
import type { StatusUpdate } from '../queue/jobs';

export interface MessageLog {
  logInbound(key: string, entry: InboxEntry): Promise<void>;
  logOutbound(row: { key: string; wamid: string; type: string; correlationId: string }): Promise<void>;
  recordStatus(update: StatusUpdate): Promise<void>;
}

export function createMessageLog(knex: Knex, logger: Logger): MessageLog {
  void knex;
  void logger;
  return {
    logInbound: async () => undefined,
    logOutbound: async () => undefined,
    recordStatus: async () => undefined,
  };
}
