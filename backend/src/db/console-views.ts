/**
 * Read models of the ops console: a request's timeline, a provider's recent jobs and reviews,
 * people search, and today's key figures. Read-only; the console's writes go through the same
 * services as the admin API and WhatsApp.
 */
import type { Knex } from 'knex';
import type { OfferStatus, RequestStatus } from '../shared/marketplace-status';
import { listMediaOfRequest } from './media';
import { isUrgent } from './requests';

export interface TimelineEntry {
  at: Date;
  kind:
    | 'created'
    | 'offer.sent'
    | `offer.${OfferStatus}`
    | 'accepted'
    | 'completed'
    | 'cancelled'
    | 'rating'
    | 'message.in'
    | 'message.out'
    | 'media';
  /** Short facts (provider name, stars, message type and status); never message text. */
  detail: Record<string, string | number | null>;
}

export interface RequestView {
  id: number;
  status: RequestStatus;
  serviceCode: string;
  serviceNameEs: string;
  serviceNameEn: string;
  customerId: number;
  customerName: string | null;
  customerWaId: string | null;
  providerId: number | null;
  providerName: string | null;
  address: string | null;
  lat: number;
  lng: number;
  offersCount: number;
  createdAt: Date;
  acceptedAt: Date | null;
  completedAt: Date | null;
  cancelledAt: Date | null;
  /** The customer said it is urgent. */
  urgent: boolean;
}

export async function getRequestView(knex: Knex, id: number): Promise<RequestView | null> {
  const row = await knex('service_requests as r')
    .join('service_types as st', 'st.id', 'r.service_type_id')
    .leftJoin('users as u', 'u.id', 'r.customer_id')
    .leftJoin('providers as p', 'p.id', 'r.provider_id')
    .select(
      'r.id',
      'r.status',
      'st.code as serviceCode',
      'st.name_es as serviceNameEs',
      'st.name_en as serviceNameEn',
      'r.customer_id as customerId',
      'u.name as customerName',
      'u.wa_id as customerWaId',
      'r.provider_id as providerId',
      'p.display_name as providerName',
      'r.address',
      'r.lat',
      'r.lng',
      'r.offers_count as offersCount',
      'r.created_at as createdAt',
      'r.accepted_at as acceptedAt',
      'r.completed_at as completedAt',
      'r.cancelled_at as cancelledAt',
    )
    .where('r.id', id)
    .first<Omit<RequestView, 'urgent'> | undefined>();
  return row ? { ...row, urgent: await isUrgent(knex, id) } : null;
}

/**
 * What happened to a request, in time order: created, each offer (sent, then its answer),
 * accepted / done / cancelled, the rating, and the customer's messages (metadata only) between
 * its creation and its end (+ 1 h).
 */
export async function requestTimeline(knex: Knex, r: RequestView): Promise<TimelineEntry[]> {
  const out: TimelineEntry[] = [
    { at: r.createdAt, kind: 'created', detail: { service: r.serviceCode } },
  ];
  const offers: {
    id: number;
    status: OfferStatus;
    offeredAt: Date;
    answeredAt: Date | null;
    expiresAt: Date;
    provider: string;
  }[] = await knex('offers as o')
    .join('providers as p', 'p.id', 'o.provider_id')
    .select(
      'o.id',
      'o.status',
      'o.offered_at as offeredAt',
      'o.answered_at as answeredAt',
      'o.expires_at as expiresAt',
      'p.display_name as provider',
    )
    .where('o.request_id', r.id)
    .orderBy('o.id');
  for (const o of offers) {
    out.push({
      at: o.offeredAt,
      kind: 'offer.sent',
      detail: { offer: o.id, provider: o.provider },
    });
    if (o.status !== 'offered')
      out.push({
        at: o.answeredAt ?? o.expiresAt,
        kind: `offer.${o.status}`,
        detail: { offer: o.id, provider: o.provider },
      });
  }
  if (r.acceptedAt)
    out.push({ at: r.acceptedAt, kind: 'accepted', detail: { provider: r.providerName } });
  if (r.completedAt) out.push({ at: r.completedAt, kind: 'completed', detail: {} });
  if (r.cancelledAt) out.push({ at: r.cancelledAt, kind: 'cancelled', detail: {} });
  const rating = await knex('ratings')
    .select('stars', 'created_at as at', knex.raw('comment is not null as "hasComment"'))
    .where({ request_id: r.id })
    .first<{ stars: number; at: Date; hasComment: boolean } | undefined>();
  if (rating)
    out.push({
      at: rating.at,
      kind: 'rating',
      detail: { stars: rating.stars, comment: rating.hasComment ? 'yes' : 'no' },
    });
  const end = r.completedAt ?? r.cancelledAt ?? new Date();
  const messages: { at: Date; direction: 'in' | 'out'; type: string; status: string }[] =
    await knex('message_log')
      .select('created_at as at', 'direction', 'message_type as type', 'status')
      .where('user_id', r.customerId)
      .whereBetween('created_at', [r.createdAt, new Date(end.getTime() + 3600_000)])
      .orderBy('id')
      .limit(200);
  for (const m of messages)
    out.push({
      at: m.at,
      kind: m.direction === 'in' ? 'message.in' : 'message.out',
      detail: { type: m.type, status: m.status },
    });
  for (const m of await listMediaOfRequest(knex, r.id)) {
    out.push({
      at: m.createdAt,
      kind: 'media',
      detail: { type: m.mediaType, size: m.sizeBytes, caption: m.caption ? 'yes' : 'no' },
    });
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

export interface ProviderJob {
  id: number;
  status: RequestStatus;
  serviceCode: string;
  createdAt: Date;
  completedAt: Date | null;
  stars: number | null;
}

export async function listProviderRecentJobs(
  knex: Knex,
  providerId: number,
  limit = 10,
): Promise<ProviderJob[]> {
  return knex('service_requests as r')
    .join('service_types as st', 'st.id', 'r.service_type_id')
    .leftJoin('ratings as rt', 'rt.request_id', 'r.id')
    .select(
      'r.id',
      'r.status',
      'st.code as serviceCode',
      'r.created_at as createdAt',
      'r.completed_at as completedAt',
      'rt.stars',
    )
    .where('r.provider_id', providerId)
    .orderBy([
      { column: 'r.created_at', order: 'desc' },
      { column: 'r.id', order: 'desc' },
    ])
    .limit(limit);
}

export interface ProviderSearchRow {
  id: number;
  userId: number;
  displayName: string;
  userName: string | null;
  waId: string | null;
  status: string;
  online: boolean;
  ratingSum: number;
  ratingCount: number;
  services: string[];
  createdAt: Date;
}

/** Providers by status / service / online, and a free search on name or number digits. */
export async function searchProviders(
  knex: Knex,
  f: {
    q?: string;
    status?: string;
    service?: string;
    online?: boolean;
    limit: number;
    offset: number;
  },
): Promise<{ items: ProviderSearchRow[]; total: number }> {
  const base = knex('providers as p')
    .join('users as u', 'u.id', 'p.user_id')
    .whereNull('p.deleted_at');
  if (f.status) base.where('p.status', f.status);
  if (f.online !== undefined) base.where('p.online', f.online);
  if (f.service) {
    base.whereExists((q) =>
      q
        .select(knex.raw('1'))
        .from('provider_services as ps')
        .join('service_types as st', 'st.id', 'ps.service_type_id')
        .whereRaw('ps.provider_id = p.id')
        .where('st.code', f.service!),
    );
  }
  const q = f.q?.trim();
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const digits = q.replace(/\D/g, '');
    base.where((w) => {
      w.whereILike('p.display_name', pattern).orWhereILike('u.name', pattern);
      if (digits.length >= 4) w.orWhere('u.wa_id', 'like', `%${digits}%`);
    });
  }
  const [{ total }] = await base.clone().count<{ total: string }[]>('* as total');
  const items = await base
    .clone()
    .select(
      'p.id',
      'p.user_id as userId',
      'p.display_name as displayName',
      'u.name as userName',
      'u.wa_id as waId',
      'p.status',
      'p.online',
      'p.rating_sum as ratingSum',
      'p.rating_count as ratingCount',
      'p.created_at as createdAt',
      knex.raw(
        `coalesce((select array_agg(st.code order by st.sort_order, st.code) from provider_services ps
                   join service_types st on st.id = ps.service_type_id where ps.provider_id = p.id), '{}') as services`,
      ),
    )
    .orderBy([
      { column: 'p.created_at', order: 'asc' },
      { column: 'p.id', order: 'asc' },
    ])
    .limit(f.limit)
    .offset(f.offset);
  return { items: items as ProviderSearchRow[], total: Number(total) };
}

export interface PersonRow {
  id: number;
  name: string | null;
  waId: string | null;
  bsuid: string | null;
  locale: 'es' | 'en';
  createdAt: Date;
  optedOutAt: Date | null;
  isProvider: boolean;
}

/** People (customers and providers) by name or number digits, for privacy requests. */
export async function searchPeople(knex: Knex, q: string, limit = 50): Promise<PersonRow[]> {
  const pattern = `%${q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const digits = q.replace(/\D/g, '');
  return knex('users as u')
    .select(
      'u.id',
      'u.name',
      'u.wa_id as waId',
      'u.bsuid',
      'u.locale',
      'u.created_at as createdAt',
      'u.opted_out_at as optedOutAt',
      knex.raw('exists (select 1 from providers p where p.user_id = u.id) as "isProvider"'),
    )
    .whereNull('u.deleted_at')
    .where((w) => {
      w.whereILike('u.name', pattern);
      if (digits.length >= 4) w.orWhere('u.wa_id', 'like', `%${digits}%`);
      if (/^\d+$/.test(q.trim()))
        w.orWhere('u.id', Number(q.trim()) <= 2_147_483_647 ? Number(q.trim()) : -1);
    })
    .orderBy('u.id', 'desc')
    .limit(limit);
}

export async function getPerson(knex: Knex, id: number): Promise<PersonRow | null> {
  const row = await knex('users as u')
    .select(
      'u.id',
      'u.name',
      'u.wa_id as waId',
      'u.bsuid',
      'u.locale',
      'u.created_at as createdAt',
      'u.opted_out_at as optedOutAt',
      knex.raw('exists (select 1 from providers p where p.user_id = u.id) as "isProvider"'),
    )
    .where('u.id', id)
    .first<PersonRow | undefined>();
  return row ?? null;
}

export interface DailyFigures {
  requests: number;
  accepted: number;
  /** accepted (or done) / requests, 0..1; null without requests. */
  fillRate: number | null;
  /** Median seconds from creation to acceptance, of today's accepted requests. */
  medianSecondsToAccept: number | null;
  openHandoffs: number;
  pendingProviders: number;
  onlineByService: { service: string; n: number }[];
}

/** Key figures since `since` (the start of today in the console's time zone). */
export async function dailyFigures(
  knex: Knex,
  since: Date,
): Promise<Omit<DailyFigures, 'onlineByService'>> {
  const { rows } = await knex.raw<{
    rows: {
      requests: number;
      accepted: number;
      median: number | null;
      handoffs: number;
      pending: number;
    }[];
  }>(
    `select
       (select count(*)::int from service_requests where created_at >= :since) as requests,
       (select count(*)::int from service_requests where created_at >= :since and accepted_at is not null) as accepted,
       (select percentile_cont(0.5) within group (order by extract(epoch from accepted_at - created_at))
          from service_requests where created_at >= :since and accepted_at is not null) as median,
       (select count(*)::int from handoffs where status = 'open') as handoffs,
       (select count(*)::int from providers where status = 'pending' and deleted_at is null) as pending`,
    { since },
  );
  const r = rows[0]!;
  return {
    requests: r.requests,
    accepted: r.accepted,
    fillRate: r.requests > 0 ? r.accepted / r.requests : null,
    medianSecondsToAccept: r.median === null ? null : Math.round(Number(r.median)),
    openHandoffs: r.handoffs,
    pendingProviders: r.pending,
  };
}
