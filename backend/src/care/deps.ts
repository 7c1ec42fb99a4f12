/**
 * What the human-help and privacy services need. Built once by the wiring and shared by the
 * conversation's operations (WhatsApp), the console and the admin API, so the three do the same
 * thing the same way.
 */
import type { Knex } from 'knex';
import type { Logger } from '../observability/logger';
import type { InboxDeps } from '../queue/inbox';

/**
 * Media storage of received photos and voice notes. The media module does not exist yet: when it
 * lands it implements this, and erasure calls it (`care/erasure.ts`); until then erasure records
 * in the audit log that there was no media store to clear.
 */
export interface MediaEraser {
  /** Delete every stored file of the person; how many were deleted. */
  deleteFor(person: { userId: number; conversationKeys: string[] }): Promise<number>;
}

export interface CareDeps {
  knex: Knex;
  /** Redis, the BullMQ queues and the key prefix (notices go into conversations' inboxes). */
  inbox: InboxDeps;
  logger: Logger;
  /** How long the "handed to a person" marker lives at most (a safety net: the handoff timer closes it first). */
  handoffMarkerTtlMs: number;
  media?: MediaEraser;
}
