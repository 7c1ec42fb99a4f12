/**
 * The one reply a person gets when messages are dropped by the per-user limits (once per window
 * and budget): short, kind, and stating the real wait. The words live in conversation/locales
 * (`limit.*`); the numbers and units go through the platform's i18n formatter (ICU plural rules:
 * "1 minuto" / "2 minutos"). Built here, not in the pure step: the step never sees dropped messages.
 */
import type { OutboundMessage } from '../../shared/messages';
import type { Locale } from '../locale-types';
import { t } from '../locales';
import { formatDuration } from '../render/format';

/** The user's language from the stored conversation state when there is one, else Spanish. */
export function localeOfState(state: unknown): Locale {
  const locale = (state as { profile?: { locale?: unknown } } | null)?.profile?.locale;
  return locale === 'en' ? 'en' : 'es';
}

/** `n` whole units in words, through the one duration formatter (render/format.ts). */
function amount(locale: Locale, n: number, unit: 'second' | 'minute' | 'hour'): string {
  return formatDuration(locale, n * { second: 1000, minute: 60_000, hour: 3_600_000 }[unit]);
}

/**
 * `ms` as a wait a person reads, never shorter than the real one: under a minute in tens of
 * seconds, approximate ("unos 40 segundos"); then whole minutes ("2 minutos"); then whole hours
 * ("1 hora"). Rounded up, so coming back after the stated wait always works.
 */
export function waitText(locale: Locale, ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  const tens = Math.ceil(seconds / 10) * 10;
  if (tens < 60) return t(locale, 'limit.waitAbout', { duration: amount(locale, tens, 'second') });
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return amount(locale, minutes, 'minute');
  return amount(locale, Math.ceil(seconds / 3600), 'hour');
}

export function slowDownMessage(locale: Locale, retryAfterMs: number): OutboundMessage {
  return {
    type: 'text',
    body: t(locale, 'limit.slowDown', { wait: waitText(locale, retryAfterMs) }),
  };
}
