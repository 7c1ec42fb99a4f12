/**
 * Start the local Cloud API fake. Tests, the demo and load tests use it; it refuses to run in production.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFakeApp } from './app';
import {
  FakeContext,
  type FakeCloudApiOptions,
  type InboundMediaResult,
  type InboundMediaSpec,
} from './context';
import type { AddMediaSpec, FakeMedia } from './media-store';
import type { InboundUser } from './payloads';
import type { FailureSpec } from './failures';
import type { RecordedMessage } from './recorder';
import { withSendFastPath } from './send-fast-path';
import type { WebhookPostResult } from './webhook-poster';
import type { DemoPerson } from './chat/routes';

export interface FakeCloudApi {
  /** `http://127.0.0.1:<port>`: use as WHATSAPP_API_BASE_URL. */
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Every request to the send endpoint (sends and reads), optionally only those after `since` (seq). */
  received(since?: number): RecordedMessage[];
  /** Sends to one recipient (`521…` and `52…` match each other). */
  receivedFor(to: string, since?: number): RecordedMessage[];
  /** Clear records, planned failures and latency. */
  reset(): void;
  /** First request (already received or future) matching `predicate`; rejects after `timeoutMs` (default 5000). */
  waitFor(predicate: (m: RecordedMessage) => boolean, timeoutMs?: number): Promise<RecordedMessage>;
  /** The next `n` sends fail as `spec`. */
  failNext(n: number, spec: FailureSpec): void;
  /** Sends to `to` fail as `spec` (`times` times; forever by default). */
  failFor(to: string, spec: FailureSpec, times?: number): void;
  clearFailures(): void;
  /** Delay every send-endpoint response by `ms`. */
  setLatency(ms: number): void;
  /**
   * Hold send-endpoint requests unanswered and unrecorded until the returned function is called;
   * a request whose client disconnected meanwhile is dropped without being recorded.
   */
  holdSends(): () => void;
  setWebhookUrl(url: string): void;
  /** Sign (app secret) and POST a webhook to the bot; objects are encoded like Meta, strings sent as-is. */
  postInbound(payload: unknown): Promise<WebhookPostResult>;
  /** Problems posting automatic status webhooks. */
  webhookErrors(): string[];
  /** People the chat page (`/chat`) offers to pick. */
  setDemoPeople(people: DemoPerson[]): void;
  /** Register a file a user "sent" (its id goes in an inbound media message); kept across `reset`. */
  addMedia(spec: AddMediaSpec): FakeMedia;
  /** A registered or uploaded file by media id (undefined once deleted). */
  media(id: string): FakeMedia | undefined;
  /** Files the bot uploaded (`POST /{phone-number-id}/media`), in order. */
  mediaUploads(): FakeMedia[];
  /** Successful downloads of media bytes, in order. */
  mediaDownloads(): { id: string; at: number }[];
  /** Register a file and post the signed webhook of `user` sending it (photo, voice note …). */
  sendInboundMedia(user: InboundUser, spec: InboundMediaSpec): Promise<InboundMediaResult>;
}

export type { FakeCloudApiOptions, InboundMediaSpec, InboundMediaResult };

export function assertNotProduction(env: NodeJS.ProcessEnv = process.env): void {
  if (env.NODE_ENV === 'production')
    throw new Error('The fake Cloud API must never run with NODE_ENV=production');
}

export async function startFakeCloudApi(options: FakeCloudApiOptions = {}): Promise<FakeCloudApi> {
  assertNotProduction();
  const ctx = new FakeContext(options);
  const app = createFakeApp(ctx);
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<http.Server>((resolve, reject) => {
    const s = http.createServer(withSendFastPath(ctx, app));
    s.once('error', reject);
    s.listen(options.port ?? 0, host, () => resolve(s));
  });
  // Outlive clients' keep-alive reuse, so a reused socket is not closed under a request.
  server.keepAliveTimeout = 30_000;
  server.headersTimeout = 31_000;
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    port,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        ctx.stop();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
    received: (since) => ctx.recorder.all(since),
    receivedFor: (to, since) => ctx.recorder.for(to, since),
    reset: () => ctx.reset(),
    waitFor: (predicate, timeoutMs = 5000) => ctx.recorder.waitFor(predicate, timeoutMs),
    failNext: (n, spec) => ctx.failures.failNext(n, spec),
    failFor: (to, spec, times) => ctx.failures.failFor(to, spec, times),
    clearFailures: () => ctx.failures.clear(),
    setLatency: (ms) => {
      ctx.latencyMs = Math.max(0, ms);
    },
    holdSends: () => ctx.holdSends(),
    setWebhookUrl: (webhookUrl) => {
      ctx.webhookUrl = webhookUrl;
    },
    postInbound: (payload) => ctx.postInbound(payload),
    webhookErrors: () => [...ctx.webhookErrors],
    setDemoPeople: (people) => {
      ctx.options.demoPeople = people;
    },
    addMedia: (spec) => ctx.media.add(spec),
    media: (id) => ctx.media.get(id),
    mediaUploads: () => ctx.media.uploads(),
    mediaDownloads: () => [...ctx.mediaDownloads],
    sendInboundMedia: (user, spec) => ctx.sendInboundMedia(user, spec),
  };
}
