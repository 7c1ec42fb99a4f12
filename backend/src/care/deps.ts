/**
 * What the human-help and privacy services need. Built once by the wiring and shared by the
 * conversation's operations (WhatsApp), the console and the admin API, so the three do the same
 * thing the same way.
 */
import type { Knex } from 'knex';
import type { Logger } from '../observability/logger';
import type { InboxDeps } from '../queue/inbox';

/**
 * Media storage of received photos, voice notes and documents (media/): erasure deletes the
 * person's files and rows through it (`care/erasure.ts`; wired in wiring/care.ts with
 * media/ `deleteMediaOf`). Without it, erasure records that there was no media store to clear.
 */
export interface MediaEraser {
  /** Delete every stored file and row of the person; `failed` files stay marked for the next retention run. */
  deleteFor(person: {
    userId: number;
    conversationKeys: string[];
  }): Promise<{ deleted: number; failed: number }>;
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
