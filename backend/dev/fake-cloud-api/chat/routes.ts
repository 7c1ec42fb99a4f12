/**
 * The demo chat page (never in production): `GET /chat` on the fake Cloud API. Pick or create a
 * person, chat with the bot with real buttons and lists, share a location on a drawn map of
 * Mexico City (no map tiles: the demo runs offline) or by colonia, send a photo, switch to a
 * provider in the other pane and accept the offer — both sides at once.
 *
 *   GET  /chat                       the page (+ /chat/app.js, /chat/app.css)
 *   GET  /chat/api/config            colonias, the map's bounds, people to pick from
 *   GET  /chat/api/messages?waId=    one person's conversation (their messages + the bot's sends)
 *   POST /chat/api/send {waId, name, content, contextId?}   a message from that person to the bot
 *        (a photo: content {type: 'image', caption}, plus photo {base64, mimeType}: the bytes are
 *        kept in the fake's media store, so the bot can download them like from Meta)
 */
import express, { Router } from 'express';
import { COLONIAS } from '../../../../seeds/lib/colonias';
import { isPlausibleWaId, sendToNumber } from '../../../src/shared/phone';
import type { FakeContext } from '../context';
import { inboundEnvelope, newWamid, type InboundContent } from '../payloads';
import { botMessage, myMessage, SentLog } from './messages';
import { CHAT_CSS, CHAT_JS, chatPage } from './page';

export interface DemoPerson {
  waId: string;
  name: string;
  role: 'customer' | 'provider';
  note?: string;
}

/** The map's bounds: Mexico City's colonias with a margin. */
export const MAP_BOUNDS = { north: 19.5, south: 19.27, west: -99.22, east: -99.08 };

const CONTENT_TYPES = new Set([
  'text',
  'button_reply',
  'list_reply',
  'template_button',
  'location',
  'image',
  'sticker',
  'voice',
]);

function validContent(c: unknown): c is InboundContent {
  if (typeof c !== 'object' || c === null) return false;
  const x = c as Record<string, unknown>;
  if (typeof x.type !== 'string' || !CONTENT_TYPES.has(x.type)) return false;
  switch (x.type) {
    case 'text':
      return typeof x.body === 'string' && x.body.length > 0 && x.body.length <= 4096;
    case 'button_reply':
    case 'list_reply':
      return typeof x.id === 'string' && typeof x.title === 'string';
    case 'template_button':
      return typeof x.payload === 'string' && typeof x.text === 'string';
    case 'location':
      return typeof x.latitude === 'number' && typeof x.longitude === 'number';
    default:
      return true;
  }
}

export function chatRoutes(ctx: FakeContext, people: () => DemoPerson[]): Router {
  const r = Router();
  const sent = new SentLog();

  r.get('/chat', (_req, res) => {
    res.type('html').send(chatPage());
  });
  r.get('/chat/app.js', (_req, res) => {
    res.type('application/javascript').send(CHAT_JS);
  });
  r.get('/chat/app.css', (_req, res) => {
    res.type('text/css').send(CHAT_CSS);
  });

  r.get('/chat/api/config', (_req, res) => {
    res.json({
      colonias: COLONIAS.map(({ name, lat, lng }) => ({ name, lat, lng })),
      bounds: MAP_BOUNDS,
      people: people(),
    });
  });

  r.get('/chat/api/messages', (req, res) => {
    const waId = typeof req.query.waId === 'string' ? req.query.waId : '';
    if (!isPlausibleWaId(waId)) {
      res.status(400).json({ error: 'waId must be digits (8–15)' });
      return;
    }
    const bot = ctx.recorder
      .for(sendToNumber(waId))
      .filter((m) => m.status === 200)
      .map(botMessage);
    const messages = [...sent.for(waId), ...bot].sort((a, b) => a.at - b.at);
    res.json({ messages });
  });

  r.post('/chat/api/send', express.json({ limit: '8mb' }), async (req, res) => {
    const { waId, name, contextId, photo } = (req.body ?? {}) as Record<string, unknown>;
    let { content } = (req.body ?? {}) as Record<string, unknown>;
    if (typeof waId !== 'string' || !isPlausibleWaId(waId) || !validContent(content)) {
      res.status(400).json({ error: 'waId (digits) and a valid content are required' });
      return;
    }
    if (!ctx.webhookUrl) {
      res.status(409).json({ error: 'the fake has no webhook URL (is the bot running?)' });
      return;
    }
    const profileName = typeof name === 'string' && name.trim() ? name.trim().slice(0, 60) : 'Demo';
    const file = photo as { base64?: unknown; mimeType?: unknown } | undefined;
    if (
      content.type === 'image' &&
      typeof file?.base64 === 'string' &&
      typeof file.mimeType === 'string' &&
      /^image\/(jpeg|png|webp)$/.test(file.mimeType)
    ) {
      const media = ctx.media.add({
        bytes: Buffer.from(file.base64, 'base64'),
        mimeType: file.mimeType,
      });
      content = {
        ...content,
        mediaId: media.id,
        mimeType: file.mimeType,
        sha256: Buffer.from(media.sha256, 'hex').toString('base64'),
      };
    }
    const at = Date.now();
    const message = content as InboundContent;
    sent.add(waId, myMessage(at, message));
    try {
      const result = await ctx.postInbound(
        inboundEnvelope({ waId, name: profileName }, message, {
          id: newWamid(),
          ...(typeof contextId === 'string' ? { contextId } : {}),
        }),
      );
      res
        .status(result.status >= 200 && result.status < 300 ? 200 : 502)
        .json({ status: result.status });
    } catch (err) {
      res.status(502).json({ error: `the bot is not reachable: ${(err as Error).message}` });
    }
  });

  return r;
}
