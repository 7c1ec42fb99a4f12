/**
 * The fake's state: options, recorded requests, planned failures, latency and the
 * webhooks it owes the bot (inbound messages, delivery statuses).
 */
import { waIdForNumber } from '../../src/shared/phone';
import { FailurePlan } from './failures';
import { MediaStore } from './media-store';
import {
  inboundEnvelope,
  statusEnvelope,
  type InboundContent,
  type InboundUser,
  type StatusSpec,
} from './payloads';
import type { AddMediaSpec, FakeMedia } from './media-store';
import { Recorder } from './recorder';
import { postSignedWebhook, type WebhookPostResult } from './webhook-poster';
import type { DeliveryStatus } from './webhook-types';
import type { DemoPerson } from './chat/routes';

export interface FakeCloudApiOptions {
  /** 0 (default) = a random free port. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** Expected bearer token; unset = any non-empty bearer token is accepted. */
  accessToken?: string;
  /** Only this phone-number id is known (others get Meta's "object does not exist"); unset = any. */
  phoneNumberId?: string;
  /** The bot's `POST /webhook` URL, for inbound messages and statuses. */
  webhookUrl?: string;
  /** App secret that signs webhooks. */
  appSecret?: string;
  /** After each accepted send, post `sent`, `delivered` and `read` statuses to the bot. */
  autoStatuses?: boolean;
  /** Delay between automatic statuses, ms (default 20). */
  statusDelayMs?: number;
  /**
   * Batch automatic statuses the way Meta does under load: statuses that fall due within this
   * many ms go to the bot in one webhook (`statuses[]` with several entries), at most
   * `statusBatchMax` per webhook. 0 (default) = one webhook per status.
   */
  statusBatchMs?: number;
  /** Statuses per batched webhook at most (default 25). */
  statusBatchMax?: number;
  /** Records kept (oldest dropped first); default 100,000. */
  maxRecorded?: number;
  /** People offered by the demo chat page (`/chat`), e.g. the dev seed's customers and providers. */
  demoPeople?: DemoPerson[];
}

export class FakeContext {
  readonly recorder: Recorder;
  readonly failures = new FailurePlan();
  /** Media users sent and media the bot uploaded (kept across `reset`, like files at Meta). */
  readonly media = new MediaStore();
  /** Every successful media download, in order. */
  readonly mediaDownloads: { id: string; at: number }[] = [];
  latencyMs = 0;
  webhookUrl: string | undefined;
  /** Problems posting automatic webhooks (the bot was down, answered non-2xx…). */
  readonly webhookErrors: string[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;
  /** Statuses waiting for the next batched webhook (statusBatchMs > 0). */
  private pendingStatuses: { spec: StatusSpec; done: (r: WebhookPostResult | Error) => void }[] =
    [];
  private statusFlush: NodeJS.Timeout | null = null;
  /** While set, requests to the send endpoint wait here before anything is checked or recorded. */
  held: Promise<void> | null = null;
  private releaseHeld: (() => void) | null = null;

  /**
   * Hold every send-endpoint request unanswered and unrecorded until the returned function is
   * called. A request whose client went away meanwhile is dropped, never recorded: the model of
   * a send that never reached Meta (the client died before it was processed).
   */
  holdSends(): () => void {
    if (!this.held) this.held = new Promise<void>((resolve) => (this.releaseHeld = resolve));
    return () => this.release();
  }

  private release(): void {
    this.releaseHeld?.();
    this.held = null;
    this.releaseHeld = null;
  }

  constructor(readonly options: FakeCloudApiOptions) {
    this.webhookUrl = options.webhookUrl;
    this.recorder = new Recorder(options.maxRecorded);
  }

  /** Resolves after `ms` (cancelled silently on stop). */
  delay(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  /** Sign and POST a webhook to the bot. */
  async postInbound(payload: unknown): Promise<WebhookPostResult> {
    if (!this.webhookUrl) throw new Error('fake Cloud API: no webhookUrl configured');
    return postSignedWebhook(this.webhookUrl, this.options.appSecret ?? '', payload);
  }

  /**
   * A user sends a photo, voice note, video, document or sticker: the file is registered (so the
   * bot can look it up and download it) and the signed webhook naming it is posted.
   */
  async sendInboundMedia(user: InboundUser, spec: InboundMediaSpec): Promise<InboundMediaResult> {
    const media = this.media.add(spec);
    const sha256 = Buffer.from(media.sha256, 'hex').toString('base64');
    const common = { mediaId: media.id, mimeType: spec.mimeType, sha256 };
    const content: InboundContent =
      spec.type === 'image' || spec.type === 'video'
        ? { type: spec.type, ...common, ...(spec.caption ? { caption: spec.caption } : {}) }
        : spec.type === 'document'
          ? {
              type: 'document',
              ...common,
              ...(spec.caption ? { caption: spec.caption } : {}),
              ...(spec.filename ? { filename: spec.filename } : {}),
            }
          : { type: spec.type, ...common };
    const payload = inboundEnvelope(user, content);
    const messageId = payload.entry[0]!.changes[0]!.value.messages![0]!.id;
    const result = await this.postInbound(payload);
    return { media, messageId, status: result.status, body: result.body };
  }

  /** Statuses for an accepted send: sent → delivered → read (autoStatuses) or a single `failed`. */
  scheduleStatuses(
    messageId: string,
    to: { to?: string; recipient?: string },
    failure?: { code: number; title: string; details?: string },
  ): void {
    if (!this.webhookUrl) return;
    const recipient: InboundUser =
      to.to !== undefined ? { waId: waIdForNumber(to.to) } : { userId: to.recipient ?? '' };
    const sequence: DeliveryStatus[] = failure
      ? ['failed']
      : this.options.autoStatuses
        ? ['sent', 'delivered', 'read']
        : [];
    if (sequence.length === 0) return;
    const step = this.options.statusDelayMs ?? 20;
    void (async () => {
      for (const status of sequence) {
        await this.delay(step);
        if (this.stopped) return;
        const spec: StatusSpec = {
          messageId,
          status,
          recipient,
          ...(failure ? { error: failure } : {}),
        };
        try {
          const res = await this.postStatus(spec);
          if (res.status >= 300)
            this.webhookErrors.push(
              `${status} status for ${messageId}: bot answered ${res.status}`,
            );
        } catch (err) {
          if (!this.stopped)
            this.webhookErrors.push(`${status} status for ${messageId}: ${(err as Error).message}`);
        }
      }
    })();
  }

  /** One status to the bot: its own webhook, or the next batch (statusBatchMs). */
  private postStatus(spec: StatusSpec): Promise<WebhookPostResult> {
    const windowMs = this.options.statusBatchMs ?? 0;
    if (windowMs <= 0) return this.postInbound(statusEnvelope(spec));
    return new Promise<WebhookPostResult>((resolve, reject) => {
      this.pendingStatuses.push({
        spec,
        done: (r) => (r instanceof Error ? reject(r) : resolve(r)),
      });
      if (this.pendingStatuses.length >= (this.options.statusBatchMax ?? 25)) this.flushStatuses();
      else if (!this.statusFlush) {
        this.statusFlush = setTimeout(() => this.flushStatuses(), windowMs);
        this.timers.add(this.statusFlush);
      }
    });
  }

  private flushStatuses(): void {
    if (this.statusFlush) {
      clearTimeout(this.statusFlush);
      this.timers.delete(this.statusFlush);
      this.statusFlush = null;
    }
    const max = this.options.statusBatchMax ?? 25;
    while (this.pendingStatuses.length > 0) {
      const batch = this.pendingStatuses.splice(0, max);
      this.postInbound(statusEnvelope(batch.map((b) => b.spec))).then(
        (r) => batch.forEach((b) => b.done(r)),
        (err: Error) => batch.forEach((b) => b.done(err)),
      );
    }
  }

  reset(): void {
    this.release();
    this.recorder.reset();
    this.failures.clear();
    this.latencyMs = 0;
    this.webhookErrors.length = 0;
  }

  stop(): void {
    this.release();
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

export type InboundMediaSpec = AddMediaSpec & {
  type: 'image' | 'voice' | 'audio' | 'video' | 'document' | 'sticker';
  caption?: string;
  filename?: string;
};

export interface InboundMediaResult {
  media: FakeMedia;
  /** wamid of the inbound message. */
  messageId: string;
  /** The bot's answer to the webhook. */
  status: number;
  body: string;
}
