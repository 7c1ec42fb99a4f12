/** Formatting of numbers, times, names and links inside messages. */
import type { Locale } from '../locale-types';
import type { LocalizedText, ProviderStatus, RequestStatus } from '../operations';
import { t } from '../locales';
import { displayName } from '../text/sanitize';

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

/** "★4.8 (52 reseñas)" or "Sin reseñas todavía". */
export function formatRating(locale: Locale, avg: number | null, count: number): string {
  if (avg === null || count <= 0) return t(locale, 'rating.none');
  return t(locale, 'rating.value', { rating: formatAverage(avg), count: formatCount(count) });
}

/** Row description of a candidate: "★4.8 (52) · 1.2 km" or "Nuevo · 1.2 km". */
export function candidateDescription(
  locale: Locale,
  avg: number | null,
  count: number,
  km: number,
): string {
  const distance = formatDistance(km);
  if (avg === null || count <= 0) return t(locale, 'desc.providerNew', { distance });
  return t(locale, 'desc.provider', {
    rating: formatAverage(avg),
    count: formatCount(count),
    distance,
  });
}

export function stars(n: number): string {
  const k = Math.min(5, Math.max(0, Math.round(n)));
  return '★'.repeat(k) + '☆'.repeat(5 - k);
}

/** "hace 5 min" / "5 min ago" relative to `now`. */
export function formatAgo(locale: Locale, now: number, at: number): string {
  const minutes = Math.floor(Math.max(0, now - at) / 60_000);
  if (minutes < 1) return t(locale, 'time.justNow');
  if (minutes < 60) return t(locale, 'time.minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t(locale, 'time.hours', { n: hours });
  return t(locale, 'time.days', { n: Math.min(9999, Math.floor(hours / 24)) });
}

/** A service type's name in the user's language, cleaned and cut to `max`. */
export function serviceName(locale: Locale, name: LocalizedText, max = 40): string {
  return displayName(name[locale] || name.es || name.en || '', max);
}

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
