/**
 * "Mi perfil de proveedor": the provider's numbers, their settings (services, base, radius, visit
 * fee), the latest comments of their ratings (stars and words, never who wrote them), and a list
 * of what they can change.
 */
import type { ListRow } from '../../shared/messages';
import type { Command } from '../commands';
import { tapId } from '../ids';
import type { Locale } from '../locale-types';
import { t } from '../locales';
import type { ProviderOwnProfile, ProviderStats, RatingComment } from '../operations';
import { displayName, truncate } from '../text/sanitize';
import { feeValue } from './fees';
import {
  formatList,
  formatRating,
  mapsLink,
  providerStatus,
  serviceName,
  stars,
  wholeCount,
} from './format';
import { listMessage, paragraphs, send } from './out';

/** Room for each part, so the whole profile (with a lead) stays within one message body. */
const SERVICES_MAX = 160;
const AREA_MAX = 80;
const COMMENT_MAX = 110;
const COMMENTS_MAX = 3;

/** A radius as people say it: "10", "2.5". */
export function formatKm(km: number): string {
  return String(Math.round(km * 10) / 10);
}

export function profileMessage(
  locale: Locale,
  profile: { stats: ProviderStats; own: ProviderOwnProfile; comments: RatingComment[] },
  lead?: string,
): Command {
  const { stats, own, comments } = profile;
  const body = paragraphs(
    lead,
    statsText(locale, stats),
    settingsText(locale, own),
    commentsText(locale, comments),
  );
  return send(listMessage(body, t(locale, 'list.profile'), profileRows(locale, stats, own)));
}

/** Name, status, rating and jobs done. */
export function statsText(locale: Locale, stats: ProviderStats): string {
  return t(locale, 'provider.stats', {
    name: displayName(stats.name, 60),
    status: providerStatus(locale, stats.status),
    online: t(locale, stats.online ? 'online.yes' : 'online.no'),
    rating: formatRating(locale, stats.ratingAvg, stats.ratingCount),
    jobs: wholeCount(stats.jobsDone),
  });
}

function settingsText(locale: Locale, own: ProviderOwnProfile): string {
  const services = own.services.length
    ? truncate(
        formatList(
          locale,
          own.services.map((s) => serviceName(locale, s.name, 30)),
        ),
        SERVICES_MAX,
      )
    : t(locale, 'provider.noServices');
  return t(locale, 'provider.settings', {
    services,
    place: own.area ? displayName(own.area, AREA_MAX) : mapsLink(own.lat, own.lng),
    km: formatKm(own.radiusKm),
    fee: feeValue(locale, own.visitFee),
  });
}

/** "💬 Los últimos 2 comentarios de tus clientes:" and each one with its stars. */
function commentsText(locale: Locale, comments: RatingComment[]): string {
  const shown = comments
    .slice(0, COMMENTS_MAX)
    .map((c) => ({
      stars: Math.min(5, Math.max(1, Math.round(c.stars))),
      text: displayName(c.comment, COMMENT_MAX),
    }))
    .filter((c) => c.text !== '?');
  if (shown.length === 0) return t(locale, 'provider.commentsNone');
  return [
    t(locale, 'provider.commentsHead', { count: shown.length }),
    ...shown.map((c) => `${stars(c.stars)} “${c.text}”`),
  ].join('\n');
}

function profileRows(locale: Locale, stats: ProviderStats, own: ProviderOwnProfile): ListRow[] {
  const rows: ListRow[] = [
    {
      id: tapId({ kind: 'prof.services' }),
      title: t(locale, 'row.editServices'),
      description: t(locale, 'desc.editServices', { count: own.services.length }),
    },
    {
      id: tapId({ kind: 'prof.base' }),
      title: t(locale, 'row.editBase'),
      description: t(locale, 'desc.editBase'),
    },
    {
      id: tapId({ kind: 'prof.radius' }),
      title: t(locale, 'row.editRadius'),
      description: t(locale, 'desc.editRadius', { km: formatKm(own.radiusKm) }),
    },
    {
      id: tapId({ kind: 'menu.fee' }),
      title: t(locale, 'row.visitFee'),
      description: t(locale, 'desc.feeNow', { fee: feeValue(locale, own.visitFee) }),
    },
  ];
  if (stats.status === 'approved')
    rows.push(
      stats.online
        ? {
            id: tapId({ kind: 'prov.offline' }),
            title: t(locale, 'row.goOffline'),
            description: t(locale, 'desc.goOffline'),
          }
        : {
            id: tapId({ kind: 'prov.online' }),
            title: t(locale, 'row.goOnline'),
            description: t(locale, 'desc.goOnline'),
          },
    );
  rows.push({
    id: tapId({ kind: 'menu.open' }),
    title: t(locale, 'row.menu'),
    description: t(locale, 'desc.menu'),
  });
  return rows;
}
