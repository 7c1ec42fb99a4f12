/** The ops console's dependencies (construction only): sessions and sign-in limits in Redis, the shared services. */
import { RateLimiterRedis } from 'rate-limiter-flexible';
import type { Router } from 'express';
import type { Config } from '../config';
import type { FlagService } from '../flags';
import { createConsoleRouter, redisSessions } from '../console';
import { notifyProviderDecision } from '../admin/provider-notice';
import type { Logger } from '../observability/logger';
import type { InboxDeps } from '../queue/inbox';
import { consoleLoginLimitPrefix } from '../queue/keys';
import type { Connections } from './connections';
import { careDepsOf } from './care';

export function createConsole(
  config: Config,
  conns: Connections,
  inbox: InboxDeps,
  log: Logger,
  flags: FlagService,
): Router {
  const limiter = (by: 'ip' | 'user') =>
    new RateLimiterRedis({
      storeClient: conns.redis,
      keyPrefix: consoleLoginLimitPrefix(inbox.prefix, by),
      points: config.console.loginAttemptsPer15Minutes,
      duration: 15 * 60,
    });
  return createConsoleRouter({
    knex: conns.knex,
    care: careDepsOf(config, conns, inbox, log),
    notify: (userKey, notice, data) => notifyProviderDecision(inbox, userKey, notice, data),
    flags,
    sessions: redisSessions(conns.redis, inbox.prefix, config.console.sessionHours * 3600_000),
    loginLimits: { ip: limiter('ip'), user: limiter('user') },
    logger: log,
    settings: {
      grafanaUrl: config.console.grafanaUrl,
      templates: config.whatsapp.templates,
      templateLanguage: config.whatsapp.templateLanguage,
      windowMarginMs: config.outbound.windowMarginSeconds * 1000,
      outboundAttempts: config.queue.outboundMaxAttempts,
      utcOffsetMinutes: config.care.utcOffsetMinutes,
    },
  });
}
