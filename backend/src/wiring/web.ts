/**
 * The HTTP side of a process: the webhook (Express route + fast path), public health and the admin
 * API on PORT; /health/ready and /metrics where security/internal-endpoints.ts allows (PORT behind a
 * bearer token, the internal port, or — development and test only — PORT). Worker-only processes
 * serve health and the internal endpoints only. Every server gets the timeouts and connection caps
 * of security/connections.ts.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Express, RequestHandler } from 'express';
import type { Config } from '../config';
import type { Logger } from '../observability/logger';
import { createHealthRouter, createInternalRouter } from '../observability/health';
import { createWebhookRouter, type WebhookDeps } from '../intake/webhook-router';
import { withWebhookFastPath } from '../intake/webhook-fast-path';
import { admission } from '../intake/parse-webhook';
import { enqueueEntries, type InboxDeps } from '../queue/inbox';
import { addStatusBatch } from '../queue/status-batches';
import { bufferStatuses } from '../housekeeping/message-log-buffer';
import { createAdminRouter } from '../admin';
import { notifyProviderDecision } from '../admin/provider-notice';
import {
  bearerTokenGuard,
  createHttpGuards,
  guardConnections,
  httpServerOptions,
  internalEndpointsAccess,
} from '../security';
import type { FlagService } from '../flags';
import { createApp } from './http-app';
import type { Connections } from './connections';
import { createConsole } from './console';

export interface Web {
  app: Express;
  /** The internal port's app (readiness, metrics), or null when INTERNAL_PORT is 0. */
  internalApp: Express | null;
  /** Start listening (and the internal port, when configured); resolves with the bound public port. */
  listen(port: number): Promise<number>;
  /** Stop accepting connections and wait for open requests (idle keep-alive sockets are closed). */
  close(): Promise<void>;
  /** Cut whatever is still open (after the shutdown deadline). */
  destroySockets(): void;
}

export function createWeb(
  config: Config,
  conns: Connections,
  inbox: InboxDeps,
  log: Logger,
  o: { serving: boolean; isShuttingDown(): boolean; flags: FlagService },
): Web {
  const guards = createHttpGuards(config, conns.redis, log);
  const webhookDeps: WebhookDeps = {
    appSecret: config.whatsapp.appSecret,
    verifyToken: config.whatsapp.verifyToken,
    admission: admission({
      phoneNumberIds: config.whatsapp.phoneNumberIds,
      dedupeTtlSeconds: config.webhook.dedupeTtlSeconds,
      maxClockSkewSeconds: config.webhook.maxClockSkewSeconds,
    }),
    bodyLimit: config.webhook.bodyLimit,
    maxEvents: config.webhook.maxEvents,
    maxTextLength: config.webhook.maxTextLength,
    maxJsonDepth: config.webhook.maxJsonDepth,
    ...(guards.onInvalidSignature ? { onInvalidSignature: guards.onInvalidSignature } : {}),
    ...(guards.verifyTokenGate ? { verifyTokenGate: guards.verifyTokenGate } : {}),
    logger: log,
    enqueueMessages: (key, entries) => enqueueEntries(inbox, key, entries),
    // sent / delivered / read: appended to the buffered message log (one RPUSH); failed: a job.
    enqueueStatuses: async (statuses, correlationId) => {
      const rest = await bufferStatuses(inbox.redis, inbox.prefix, statuses);
      if (rest.length > 0) await addStatusBatch(inbox.queues, rest, correlationId);
    },
  };
  const healthDeps = {
    knex: conns.knex,
    redis: conns.redis,
    queue: inbox.queues.inbound,
    isShuttingDown: o.isShuttingDown,
  };
  const internal = createInternalRouter(healthDeps, { metricsEnabled: config.metricsEnabled });
  const access = internalEndpointsAccess(config);
  if (access.warning) log.warn({ event: 'server.internal_endpoints_closed' }, access.warning);
  const onPublicPort: { internal?: typeof internal; internalGuard?: RequestHandler } =
    access.onPublicPort === 'open'
      ? { internal }
      : access.onPublicPort === 'token'
        ? { internal, internalGuard: bearerTokenGuard(config.metricsToken) }
        : {};
  const admin = createAdminRouter({
    knex: conns.knex,
    apiKeys: config.admin.apiKeys,
    notify: (userKey, notice, data) => notifyProviderDecision(inbox, userKey, notice, data),
    flags: o.flags,
  });
  const app = createApp({
    logger: log,
    ...(o.serving
      ? {
          webhook: createWebhookRouter(webhookDeps),
          admin,
          console: createConsole(config, conns, inbox, log, o.flags),
        }
      : {}),
    health: createHealthRouter(healthDeps),
    ...onPublicPort,
    ...(guards.adminGuard ? { adminGuard: guards.adminGuard } : {}),
    trustProxy: guards.trustProxy,
  });
  const internalApp =
    access.internalPort === null
      ? null
      : createApp({
          logger: log,
          health: createHealthRouter(healthDeps),
          internal,
          trustProxy: guards.trustProxy,
        });

  const servers: http.Server[] = [];
  const sockets = new Set<Socket>();
  const start = (listener: http.RequestListener, port: number, name: string) =>
    new Promise<number>((resolve, reject) => {
      const s = http.createServer(httpServerOptions(config.http), listener);
      servers.push(s);
      guardConnections(s, guards.connectionCaps, log, name);
      s.on('connection', (socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      s.once('error', reject);
      s.listen(port, '0.0.0.0', () => resolve((s.address() as AddressInfo).port));
    });
  return {
    app,
    internalApp,
    listen: async (port) => {
      // Signed webhook POSTs skip Express (intake/webhook-fast-path.ts); the rest is the app.
      const bound = await start(
        o.serving ? withWebhookFastPath(webhookDeps, app) : app,
        port,
        'public',
      );
      if (internalApp && access.internalPort !== null)
        await start(internalApp, access.internalPort, 'internal');
      return bound;
    },
    close: async () => {
      await Promise.all(
        servers.map((s) => {
          const closed = new Promise<void>((resolve) => s.close(() => resolve()));
          s.closeIdleConnections();
          return closed;
        }),
      );
    },
    destroySockets: () => {
      for (const socket of sockets) socket.destroy();
    },
  };
}
