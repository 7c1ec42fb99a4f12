/**
 * `/__fake/…`: drive the fake over HTTP from another process (the demo chat, load tests).
 *   GET    /__fake/received?since=<seq>&to=<phone>   → { messages: RecordedMessage[] } (`&brief=1`: seq, at, kind, to)
 *   DELETE /__fake/received | /__fake/reset            → clear records, failures, latency
 *   POST   /__fake/failures { spec, next?, to?, times? } (DELETE clears them)
 *   POST   /__fake/latency  { ms }
 *   POST   /__fake/webhook  { url }                     → where webhooks go
 *   POST   /__fake/statuses { auto, batchMs?, batchMax? } → automatic sent/delivered/read on or off, batching
 *   POST   /__fake/inbound  <webhook JSON>              → signed and posted to the bot (`?raw=1`: bytes as given)
 *   POST   /__fake/media    { mimeType, base64, reportedSize?, failDownloads? } → { id, sha256, fileSize }
 *   GET    /__fake/media/uploads                        → { uploads: [{ id, mimeType, size, filename, phoneNumberId, at }] }
 *   POST   /__fake/inbound-media { waId | userId, type: image|voice|audio|video|document|sticker,
 *          mimeType, base64, caption?, filename? }      → file registered + signed webhook posted:
 *                                                         { mediaId, messageId, status, body }
 *   GET    /__fake/health
 */
import express, { Router, type Request, type Response } from 'express';
import type { FakeContext } from './context';
import { isFailureSpec } from './failures';

const num = (v: unknown): number | undefined => {
  const n = typeof v === 'string' || typeof v === 'number' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
};

export function controlRoutes(ctx: FakeContext): Router {
  const r = Router();
  const json = express.json({ limit: '5mb' });

  r.get('/health', (_req, res) => {
    res.json({ ok: true });
  });

  r.get('/received', (req, res) => {
    const since = num(req.query.since) ?? 0;
    const to = typeof req.query.to === 'string' ? req.query.to : undefined;
    const messages = to ? ctx.recorder.for(to, since) : ctx.recorder.all(since);
    // `brief=1`: only what a load generator needs to match replies (no bodies, no headers).
    if (req.query.brief === '1')
      res.json({
        messages: messages.map(({ seq, at, kind, to: recipient }) => ({
          seq,
          at,
          kind,
          to: recipient,
        })),
      });
    else res.json({ messages });
  });

  const reset = (_req: Request, res: Response) => {
    ctx.reset();
    res.status(204).end();
  };
  r.delete('/received', reset);
  r.delete('/reset', reset);

  r.post('/failures', json, (req, res) => {
    const { spec, next, to, times } = (req.body ?? {}) as Record<string, unknown>;
    if (!isFailureSpec(spec)) {
      res.status(400).json({ error: 'spec must be a preset name or an object' });
      return;
    }
    if (typeof to === 'string') ctx.failures.failFor(to, spec, num(times));
    else ctx.failures.failNext(num(next) ?? 1, spec);
    res.status(204).end();
  });
  r.delete('/failures', (_req, res) => {
    ctx.failures.clear();
    res.status(204).end();
  });

  r.post('/latency', json, (req, res) => {
    const ms = num((req.body as Record<string, unknown> | undefined)?.ms);
    if (ms === undefined || ms < 0) {
      res.status(400).json({ error: 'ms must be a number ≥ 0' });
      return;
    }
    ctx.latencyMs = ms;
    res.status(204).end();
  });

  r.post('/statuses', json, (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const batchMs = body.batchMs === undefined ? undefined : num(body.batchMs);
    const batchMax = body.batchMax === undefined ? undefined : num(body.batchMax);
    if (
      typeof body.auto !== 'boolean' ||
      (batchMs !== undefined && batchMs < 0) ||
      (batchMax !== undefined && batchMax < 1) ||
      (body.batchMs !== undefined && batchMs === undefined) ||
      (body.batchMax !== undefined && batchMax === undefined)
    ) {
      res.status(400).json({ error: 'auto must be true or false; batchMs ≥ 0, batchMax ≥ 1' });
      return;
    }
    ctx.options.autoStatuses = body.auto;
    if (batchMs !== undefined) ctx.options.statusBatchMs = batchMs;
    if (batchMax !== undefined) ctx.options.statusBatchMax = Math.floor(batchMax);
    res.status(204).end();
  });

  r.post('/webhook', json, (req, res) => {
    const url = (req.body as Record<string, unknown> | undefined)?.url;
    if (typeof url !== 'string' || !/^https?:\/\//.test(url)) {
      res.status(400).json({ error: 'url must be an http(s) URL' });
      return;
    }
    ctx.webhookUrl = url;
    res.status(204).end();
  });

  const mediaSpec = (body: Record<string, unknown>) => {
    const bytes = typeof body.base64 === 'string' ? Buffer.from(body.base64, 'base64') : undefined;
    const mimeType =
      typeof body.mimeType === 'string' && body.mimeType !== '' ? body.mimeType : undefined;
    if (!bytes || !mimeType) return undefined;
    const reportedSize = num(body.reportedSize);
    const failDownloads = num(body.failDownloads);
    return {
      bytes,
      mimeType,
      ...(reportedSize === undefined ? {} : { reportedSize }),
      ...(failDownloads === undefined ? {} : { failDownloads }),
    };
  };
  const mediaJson = express.json({ limit: '150mb' });

  r.post('/media', mediaJson, (req, res) => {
    const spec = mediaSpec((req.body ?? {}) as Record<string, unknown>);
    if (!spec) {
      res.status(400).json({ error: 'mimeType and base64 are required' });
      return;
    }
    const media = ctx.media.add(spec);
    res.json({
      id: media.id,
      sha256: Buffer.from(media.sha256, 'hex').toString('base64'),
      fileSize: media.bytes.length,
    });
  });

  r.get('/media/uploads', (_req, res) => {
    res.json({
      uploads: ctx.media.uploads().map((m) => ({
        id: m.id,
        mimeType: m.mimeType,
        size: m.bytes.length,
        filename: m.filename,
        phoneNumberId: m.phoneNumberId,
        at: m.at,
      })),
    });
  });

  r.post('/inbound-media', mediaJson, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const spec = mediaSpec(body);
    const type = body.type;
    const types = ['image', 'voice', 'audio', 'video', 'document', 'sticker'] as const;
    const user = {
      ...(typeof body.waId === 'string' ? { waId: body.waId } : {}),
      ...(typeof body.userId === 'string' ? { userId: body.userId } : {}),
    };
    if (!spec || !types.includes(type as (typeof types)[number]) || (!user.waId && !user.userId)) {
      res.status(400).json({
        error:
          'waId or userId, type (image|voice|audio|video|document|sticker), mimeType and base64 are required',
      });
      return;
    }
    if (!ctx.webhookUrl) {
      res
        .status(409)
        .json({ error: 'no webhook URL configured (FAKE_WEBHOOK_URL or POST /__fake/webhook)' });
      return;
    }
    try {
      const out = await ctx.sendInboundMedia(user, {
        ...spec,
        type: type as (typeof types)[number],
        ...(typeof body.caption === 'string' ? { caption: body.caption } : {}),
        ...(typeof body.filename === 'string' ? { filename: body.filename } : {}),
      });
      res.json({
        mediaId: out.media.id,
        messageId: out.messageId,
        status: out.status,
        body: out.body,
      });
    } catch (err) {
      res
        .status(502)
        .json({ error: `could not reach the bot at ${ctx.webhookUrl}: ${(err as Error).message}` });
    }
  });

  r.post('/inbound', express.text({ type: () => true, limit: '5mb' }), async (req, res) => {
    const text = typeof req.body === 'string' ? req.body : '';
    let payload: unknown = text;
    if (req.query.raw === undefined) {
      try {
        payload = JSON.parse(text);
      } catch {
        res.status(400).json({ error: 'body must be JSON (or use ?raw=1)' });
        return;
      }
    }
    if (!ctx.webhookUrl) {
      res
        .status(409)
        .json({ error: 'no webhook URL configured (FAKE_WEBHOOK_URL or POST /__fake/webhook)' });
      return;
    }
    try {
      const result = await ctx.postInbound(payload);
      res.json({ status: result.status, body: result.body });
    } catch (err) {
      res
        .status(502)
        .json({ error: `could not reach the bot at ${ctx.webhookUrl}: ${(err as Error).message}` });
    }
  });

  return r;
}
