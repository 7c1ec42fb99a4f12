/** Formatting of numbers, times, names and links inside messages. */
import { LANGUAGE_TAGS, type Locale } from '../locale-types';
import type { LocalizedText, ProviderStatus, RequestStatus } from '../operations';
import { t } from '../locales';
import { displayName, truncateWords } from '../text/sanitize';

export function formatDistance(km: number): string {
  if (!Number.isFinite(km) || km < 0) return '? km';
  if (km < 1) return `${Math.max(10, Math.round((km * 1000) / 10) * 10)} m`;
  if (km < 100) return `${(Math.round(km * 10) / 10).toFixed(1)} km`;
  return `${Math.round(Math.min(km, 99999))} km`;
}

export function formatAverage(avg: number): string {
  return (Math.round(Math.min(5, Math.max(0, avg)) * 10) / 10).toFixed(1);
}

export function formatCount(n: number): string {
  return n > 99999 ? '99999+' : String(Math.max(0, Math.floor(n)));
}

/** "★4.8 (1 reseña)", "★4.8 (52 reseñas)" or "Sin reseñas todavía". */
export function formatRating(locale: Locale, avg: number | null, count: number): string {
  if (isNew(avg, count)) return t(locale, 'rating.none');
  return t(locale, 'rating.value', {
    rating: formatAverage(avg as number),
    count: wholeCount(count),
  });
}

/** A count for a plural message: a whole number, never negative. */
export function wholeCount(n: number): number {
  return Number.isFinite(n) ? Math.max(0, Math.floor(n)) : 0;
}

/** A provider nobody has rated yet: shown as "Nuevo", never ranked as "the best". */
export function isNew(avg: number | null, count: number): boolean {
  return avg === null || count <= 0;
}

/** Row description of a candidate: "★4.8 (52) · 1.2 km" or "Nuevo · 1.2 km". */
export function candidateDescription(
  locale: Locale,
  avg: number | null,
  count: number,
  km: number,
): string {
  const distance = formatDistance(km);
  if (isNew(avg, count)) return t(locale, 'desc.providerNew', { distance });
  return t(locale, 'desc.provider', {
    rating: formatAverage(avg as number),
    count: formatCount(count),
    distance,
  });
}

export function stars(n: number): string {
  const k = Math.min(5, Math.max(0, Math.round(n)));
  return '★'.repeat(k) + '☆'.repeat(5 - k);
}

/** "hace 5 minutos", "hace 1 hora", "ayer", "hace 3 días" relative to `now`. */
export function formatAgo(locale: Locale, now: number, at: number): string {
  const minutes = Math.floor(Math.max(0, now - at) / 60_000);
  if (minutes < 1) return t(locale, 'time.justNow');
  if (minutes < 60) return t(locale, 'time.minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t(locale, 'time.hours', { n: hours });
  return t(locale, 'time.days', { n: Math.min(9999, Math.floor(hours / 24)) });
}

/**
 * How long something lasts, in words, rounded the way a person would say it — the one place
 * durations are written: "10 segundos", "45 segundos", "1 minuto y medio" (90 s), "5 minutos",
 * "2 horas y 15 minutos". Under a minute: seconds (to 5 s above 10 s); under 10 minutes: to the
 * half minute; under an hour: whole minutes; then hours and 5-minute steps.
 */
export function formatDuration(locale: Locale, ms: number): string {
  const s = Math.max(1, Math.round(Number.isFinite(ms) ? ms / 1000 : 1));
  const seconds = s <= 10 ? s : Math.round(s / 5) * 5;
  if (seconds < 60) return t(locale, 'duration.seconds', { n: seconds });
  if (s < 600) {
    const halves = Math.round(s / 30);
    const whole = Math.floor(halves / 2);
    return halves % 2 === 1
      ? t(locale, 'duration.minutesHalf', { n: whole })
      : t(locale, 'duration.minutes', { n: whole });
  }
  const minutes = Math.round(s / 60);
  if (minutes < 60) return t(locale, 'duration.minutes', { n: minutes });
  const total = Math.round(minutes / 5) * 5;
  const h = Math.floor(total / 60);
  const m = total % 60;
  return m === 0
    ? t(locale, 'duration.hours', { n: h })
    : t(locale, 'duration.hoursMinutes', { h, m });
}

const listFormats = new Map<Locale, Intl.ListFormat>();

/** "Ciudad de México", "Ciudad de México y Guadalajara", "A, B y C" (or "A, B, and C"). */
export function formatList(locale: Locale, items: readonly string[]): string {
  let f = listFormats.get(locale);
  if (!f) {
    f = new Intl.ListFormat(LANGUAGE_TAGS[locale], { type: 'conjunction' });
    listFormats.set(locale, f);
  }
  return f.format(items);
}

/** A name stored in both languages (service type, city) in the user's, cleaned and cut between words to `max`. */
export function localName(locale: Locale, name: LocalizedText, max = 40): string {
  return truncateWords(displayName(name[locale] || name.es || name.en || '', 200), max);
}

/** A service type's name in the user's language ("Reparación de electrodomésticos"). */
export const serviceName = localName;

export function requestStatus(locale: Locale, status: RequestStatus): string {
  switch (status) {
    case 'searching':
      return t(locale, 'status.searching');
    case 'accepted':
      return t(locale, 'status.accepted');
    case 'offered':
      return t(locale, 'status.offered');
    case 'done':
      return t(locale, 'status.done');
    case 'cancelled':
      return t(locale, 'status.cancelled');
    case 'no_providers':
      return t(locale, 'status.noProviders');
  }
}

export function providerStatus(locale: Locale, status: ProviderStatus): string {
  switch (status) {
    case 'pending':
      return t(locale, 'pstatus.pending');
    case 'approved':
      return t(locale, 'pstatus.approved');
    case 'rejected':
      return t(locale, 'pstatus.rejected');
    case 'suspended':
      return t(locale, 'pstatus.suspended');
  }
}

/** Click-to-chat link, only for a plausible phone (8–15 digits). */
export function waLink(phone: string | null): string | null {
  if (phone === null) return null;
  const digits = phone.replace(/^\+/, '');
  return /^\d{8,15}$/.test(digits) ? `https://wa.me/${digits}` : null;
}

export function mapsLink(lat: number, lng: number): string {
  return `https://maps.google.com/?q=${lat.toFixed(6)},${lng.toFixed(6)}`;
}
