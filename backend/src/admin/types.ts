import type { Knex } from 'knex';

/** Tell a user something outside their current conversation (enqueued as an internal notice). */
export type Notify = (userKey: string, notice: string, data: Record<string, unknown>) => Promise<void>;

export interface AdminDeps {
  knex: Knex;
  /** Accepted API keys; more than one during a rotation. Empty: every call is refused. */
  apiKeys: string[];
  notify: Notify;
}
