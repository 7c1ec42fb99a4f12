/** What the console needs: the same services as WhatsApp and the admin API, plus its own settings. */
import type { Knex } from 'knex';
import type { CareDeps } from '../care/deps';
import type { Notify } from '../admin/types';
import type { FlagService } from '../flags';
import type { Logger } from '../observability/logger';
import type { SessionStore } from './sessions';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';

export interface ConsoleDeps {
  knex: Knex;
  /** Handoffs, erasure; its `inbox` holds Redis, the queues and the key prefix. */
  care: CareDeps;
  /** Tell a provider about a decision (admin/provider-notice.ts). */
  notify: Notify;
  /** Feature flags: the Flags page lists and changes them; the `console` flag gates the console. */
  flags: FlagService;
  sessions: SessionStore;
  /** Failed sign-ins per client IP and per user name. */
  loginLimits: { ip: RateLimiterAbstract; user: RateLimiterAbstract };
  logger: Logger;
  settings: {
    grafanaUrl: string;
    /** Operator replies outside the 24 h window: the approved `notice` template. */
    templates: Record<string, string>;
    templateLanguage: { es: string; en: string };
    windowMarginMs: number;
    outboundAttempts: number;
    /** For "today" in the key figures. */
    utcOffsetMinutes: number;
  };
}
