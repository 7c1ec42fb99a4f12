/**
 * What the chat page shows: the person's own messages (kept here as they are posted to the bot)
 * and the bot's sends to them (the fake's recorder), as plain data the browser renders.
 */
import { waIdForNumber } from '../../../src/shared/phone';
import type { CloudMessagePayload } from '../../../src/outbound/types';
import type { InboundContent } from '../payloads';
import type { RecordedMessage } from '../recorder';

export interface ChatOption {
  kind: 'button_reply' | 'list_reply' | 'template_button';
  id: string;
  title: string;
  description?: string;
}

export interface ChatMessage {
  at: number;
  from: 'me' | 'bot';
  text: string;
  /** Reply buttons or template quick replies, shown under the message. */
  buttons: ChatOption[];
  /** A list: its button text and rows (opened in a sheet). */
  list: { button: string; rows: ChatOption[] } | null;
  /** The bot asks for a location (shows a "send location" button). */
  asksLocation: boolean;
  /** wamid of a bot message (a tap replies to it). */
  messageId?: string;
  template?: string;
}

/** One bot send, for the page. */
export function botMessage(m: RecordedMessage): ChatMessage {
  const base = {
    at: m.at,
    from: 'bot' as const,
    buttons: [] as ChatOption[],
    list: null,
    asksLocation: false,
    ...(m.messageId ? { messageId: m.messageId } : {}),
  };
  const p = m.body as Partial<CloudMessagePayload>;
  if (p.type === 'text' && p.text) return { ...base, text: p.text.body };
  if (p.type === 'interactive' && p.interactive) {
    const i = p.interactive;
    const header = 'header' in i && i.header ? `${i.header.text}\n` : '';
    const text = header + i.body.text;
    if (i.type === 'location_request_message') return { ...base, text, asksLocation: true };
    if (i.type === 'button')
      return {
        ...base,
        text,
        buttons: i.action.buttons.map((b) => ({
          kind: 'button_reply',
          id: b.reply.id,
          title: b.reply.title,
        })),
      };
    return {
      ...base,
      text,
      list: {
        button: i.action.button,
        rows: i.action.sections.flatMap((s) =>
          s.rows.map((r) => ({
            kind: 'list_reply' as const,
            id: r.id,
            title: r.title,
            ...(r.description ? { description: r.description } : {}),
          })),
        ),
      },
    };
  }
  if (p.type === 'template' && p.template) {
    const t = p.template;
    const body = (t.components ?? [])
      .flatMap((c) => (c.type === 'body' ? c.parameters.map((x) => x.text) : []))
      .join(' · ');
    const buttons = (t.components ?? []).flatMap((c) =>
      c.type === 'body'
        ? []
        : [
            {
              kind: 'template_button' as const,
              id: c.parameters[0]?.payload ?? '',
              title: quickReplyTitle(c.parameters[0]?.payload ?? ''),
            },
          ],
    );
    return { ...base, text: body, buttons, template: t.name };
  }
  return { ...base, text: JSON.stringify(m.body) };
}

/** Templates carry only payloads: show a friendly title for the ones the bot uses. */
function quickReplyTitle(payload: string): string {
  if (payload.startsWith('offer:accept')) return 'Aceptar / Accept';
  if (payload.startsWith('offer:decline')) return 'Rechazar / Decline';
  if (payload.startsWith('rate:')) return `★ ${payload.split(':')[2] ?? ''}`;
  return payload;
}

/** What the person sent, for the page. */
export function myMessage(at: number, content: InboundContent): ChatMessage {
  const base = { at, from: 'me' as const, buttons: [], list: null, asksLocation: false };
  switch (content.type) {
    case 'text':
      return { ...base, text: content.body };
    case 'button_reply':
    case 'list_reply':
      return { ...base, text: content.title };
    case 'template_button':
      return { ...base, text: content.text };
    case 'location':
      return {
        ...base,
        text: `📍 ${content.name ?? `${content.latitude.toFixed(4)}, ${content.longitude.toFixed(4)}`}`,
      };
    case 'image':
      return { ...base, text: `📷 ${content.caption ?? ''}`.trim() };
    case 'sticker':
      return { ...base, text: '🙂 sticker' };
    case 'voice':
    case 'audio':
      return { ...base, text: '🎤 audio' };
    case 'video':
      return { ...base, text: `🎬 ${content.caption ?? ''}`.trim() };
    case 'document':
      return { ...base, text: `📄 ${content.filename ?? content.caption ?? ''}`.trim() };
    case 'unsupported':
      return { ...base, text: '…' };
  }
}

/** Everyone's own messages, by canonical WhatsApp id. */
export class SentLog {
  private readonly byId = new Map<string, ChatMessage[]>();

  add(waId: string, message: ChatMessage): void {
    const key = waIdForNumber(waId);
    const list = this.byId.get(key) ?? [];
    list.push(message);
    if (list.length > 500) list.splice(0, list.length - 500);
    this.byId.set(key, list);
  }

  for(waId: string): ChatMessage[] {
    return this.byId.get(waIdForNumber(waId)) ?? [];
  }
}
