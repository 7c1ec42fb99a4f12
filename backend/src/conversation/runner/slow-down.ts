/**
 * The one reply a user gets when they exceed the inbound message limits (once per window).
 * Kept here, not in conversation/locales: the pure step never sees rate-limited messages.
 */
import type { OutboundMessage } from '../../shared/messages';

export type SlowDownLocale = 'es' | 'en';

export const SLOW_DOWN_TEXT: Record<SlowDownLocale, string> = {
  es: 'Recibimos muchos mensajes tuyos en poco tiempo, así que no leeremos los siguientes por un rato. Espera unos minutos y vuelve a escribirnos, por favor. 🙏',
  en: "You've sent us a lot of messages in a short time, so we'll pause reading new ones for a little while. Please wait a few minutes and write again. 🙏",
};

/** The user's language from the stored conversation state when there is one, else Spanish. */
export function localeOfState(state: unknown): SlowDownLocale {
  const locale = (state as { profile?: { locale?: unknown } } | null)?.profile?.locale;
  return locale === 'en' ? 'en' : 'es';
}

export function slowDownMessage(locale: SlowDownLocale): OutboundMessage {
  return { type: 'text', body: SLOW_DOWN_TEXT[locale] };
}
