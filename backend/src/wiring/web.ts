/**
 * The web role: the webhook (Express route + fast path), health, metrics and the admin API on one
 * HTTP server. Worker-only processes serve health and metrics only.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Express } from 'express';
import type { Config } from '../config';
import type { Logger } from '../observability/logger';
import { createHealthRouter } from '../observability/health';
import { createWebhookRouter, type WebhookDeps } from '../intake/webhook-router';
import { withWebhookFastPath } from '../intake/webhook-fast-path';
import { enqueueEntries, type InboxDeps } from '../queue/inbox';
import { addStatusBatch } from '../queue/status-batches';
import { createAdminRouter } from '../admin';
import { notifyProviderDecision } from '../admin/provider-notice';
import { createHttpGuards } from '../security';
import type { FlagService } from '../flags';
import { createApp } from './http-app';
import type { Connections } from './connections';

export interface Web {
  app: Express;
  /** Start listening; resolves with the bound port. */
  listen(port: number): Promise<number>;
  /** Stop accepting connections and wait for open requests (idle keep-alive sockets are closed). */
  close(): Promise<void>;
  /** Cut whatever is still open (after the shutdown deadline). */
  destroySockets(): void;
}

export function createWeb(config: Config, conns: Connections, inbox: InboxDeps, log: Logger, o: { serving: boolean; isShuttingDown(): boolean; flags: FlagService }): Web {
  const guards = createHttpGuards(config, conns.redis, log);
  const webhookDeps: WebhookDeps = {
    appSecret: config.whatsapp.appSecret,
    verifyToken: config.whatsapp.verifyToken,
    bodyLimit: config.webhook.bodyLimit,
    maxEvents: config.webhook.maxEvents,
    maxTextLength: config.webhook.maxTextLength,
    maxJsonDepth: config.webhook.maxJsonDepth,
    ...(guards.onInvalidSignature ? { onInvalidSignature: guards.onInvalidSignature } : {}),
    logger: log,
    enqueueMessages: (key, entries) => enqueueEntries(inbox, key, entries),
    enqueueStatuses: (statuses, correlationId) => addStatusBatch(inbox.queues, statuses, correlationId),
  };
  const health = createHealthRouter({ knex: conns.knex, redis: conns.redis, queue: inbox.queues.inbound, isShuttingDown: o.isShuttingDown });
  const admin = createAdminRouter({
    knex: conns.knex,
    apiKeys: config.admin.apiKeys,
    notify: (userKey, notice, data) => notifyProviderDecision(inbox, userKey, notice, data),
    flags: o.flags,
  });
  const app = createApp({
    logger: log,
    ...(o.serving ? { webhook: createWebhookRouter(webhookDeps), admin } : {}),
    health,
    ...(guards.adminGuard ? { adminGuard: guards.adminGuard } : {}),
    trustProxyHops: guards.trustProxyHops,
    metricsEnabled: config.metricsEnabled,
  });

  let server: http.Server | null = null;
  const sockets = new Set<Socket>();
  return {
    app,
    listen: (port) =>
      new Promise<number>((resolve, reject) => {
        // Signed webhook POSTs skip Express (intake/webhook-fast-path.ts); the rest is the app.
        const s = http.createServer({ keepAliveTimeout: 65_000 }, o.serving ? withWebhookFastPath(webhookDeps, app) : app);
        server = s;
        s.on('connection', (socket) => {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
        });
        s.once('error', reject);
        s.listen(port, '0.0.0.0', () => resolve((s.address() as AddressInfo).port));
      }),
    close: async () => {
      const s = server;
      if (!s) return;
      const closed = new Promise<void>((resolve) => s.close(() => resolve()));
      s.closeIdleConnections();
      await closed;
    },
    destroySockets: () => {
      for (const socket of sockets) socket.destroy();
    },
  };
}
