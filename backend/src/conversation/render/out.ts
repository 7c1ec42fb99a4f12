/**
 * Builders for the messages the step sends. Bodies are cut to WhatsApp's limit as a last
 * safety net (catalogue strings are checked to fit by a unit test; variable content such as
 * reviews and names is truncated where it is inserted).
 */
import type { ListRow, OutboundMessage, ReplyButton } from '../../shared/messages';
import type { Command, TemplateFallback } from '../commands';
import type { Locale } from '../locale-types';
import type { MessageKey, ParamArgs } from '../locales';
import { t } from '../locales';
import { truncate } from '../text/sanitize';
import { LIMITS } from './limits';

export function textMessage(body: string): OutboundMessage {
  return { type: 'text', body: truncate(body, LIMITS.text) };
}

export function buttonsMessage(body: string, buttons: ReplyButton[]): OutboundMessage {
  return {
    type: 'buttons',
    body: truncate(body, LIMITS.body),
    buttons: buttons.slice(0, LIMITS.buttons),
  };
}

export function listMessage(body: string, button: string, rows: ListRow[]): OutboundMessage {
  return {
    type: 'list',
    body: truncate(body, LIMITS.body),
    button,
    sections: [{ rows: rows.slice(0, LIMITS.rows) }],
  };
}

export function locationRequestMessage(body: string): OutboundMessage {
  return { type: 'locationRequest', body: truncate(body, LIMITS.body) };
}

export function send(message: OutboundMessage, fallback?: TemplateFallback): Command {
  return fallback ? { kind: 'send', message, fallback } : { kind: 'send', message };
}

/** A text message from one catalogue key. */
export function say<K extends MessageKey>(
  locale: Locale,
  key: K,
  ...params: ParamArgs<K>
): Command {
  return send(textMessage(t(locale, key, ...params)));
}

/** Join non-empty paragraphs. */
export function paragraphs(...parts: (string | null | undefined | false)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join('\n\n');
}

/** Body of a message as a single-line template parameter (templates reject newlines). */
export function templateParam(body: string): string {
  return truncate(body.replace(/\s*\n+\s*/g, ' · ').replace(/ {4,}/g, ' '), 900);
}

/**
 * Add the generic `notice` template fallback to messages that may go out when the user has
 * not written in 24 h (messages caused by notices and timers).
 */
export function withNoticeFallback(locale: Locale, commands: Command[]): Command[] {
  return commands.map((c) => {
    // Templates need none; media messages have no body to put in one (outside the window they are not sent).
    if (c.kind !== 'send' || c.fallback || !('body' in c.message)) return c;
    return {
      ...c,
      fallback: { template: 'notice', params: [templateParam(c.message.body)], locale },
    };
  });
}
