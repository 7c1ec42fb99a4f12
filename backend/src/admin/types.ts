import type { Knex } from 'knex';
import type { FlagService } from '../flags';

/** Tell a user something outside their current conversation (enqueued as an internal notice). */
export type Notify = (
  userKey: string,
  notice: string,
  data: Record<string, unknown>,
) => Promise<void>;

export interface AdminDeps {
  knex: Knex;
  /** Accepted API keys; more than one during a rotation. Empty: every call is refused. */
  apiKeys: string[];
  notify: Notify;
  /** Feature flags (GET/PUT/DELETE /flags); the routes exist only when given. */
  flags?: FlagService;
}
