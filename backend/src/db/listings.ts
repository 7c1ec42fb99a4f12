/** Filtered, paginated listings for the admin API (providers and service requests). */
import type { Knex } from 'knex';
import type { ProviderStatus, RequestStatus } from '../shared/marketplace-status';
import { PROVIDER_SELECT, type Provider } from './providers';
import { REQUEST_SELECT, type ServiceRequest } from './requests';

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface ProviderFilter {
  status?: ProviderStatus;
  /** Service type code. */
  service?: string;
  online?: boolean;
  limit: number;
  offset: number;
}

export type ProviderListItem = Provider & { services: string[] };

export async function listProviders(
  knex: Knex,
  f: ProviderFilter,
): Promise<Page<ProviderListItem>> {
  const base = knex('providers as p').whereNull('p.deleted_at');
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
  const [{ total }] = await base.clone().count<{ total: string }[]>('* as total');
  const items = await base
    .clone()
    .select(
      ...PROVIDER_SELECT.map((c) => `p.${c}`),
      knex.raw(
        `coalesce((select array_agg(st.code order by st.sort_order, st.code) from provider_services ps
                   join service_types st on st.id = ps.service_type_id where ps.provider_id = p.id), '{}') as services`,
      ),
    )
    .orderBy('p.id', 'desc')
    .limit(f.limit)
    .offset(f.offset);
  return {
    items: items as ProviderListItem[],
    total: Number(total),
    limit: f.limit,
    offset: f.offset,
  };
}

export interface RequestFilter {
  status?: RequestStatus;
  service?: string;
  customerId?: number;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

export type RequestListItem = ServiceRequest & { serviceCode: string };

export async function listRequests(knex: Knex, f: RequestFilter): Promise<Page<RequestListItem>> {
  const base = knex('service_requests as r').join(
    'service_types as st',
    'st.id',
    'r.service_type_id',
  );
  if (f.status) base.where('r.status', f.status);
  if (f.service) base.where('st.code', f.service);
  if (f.customerId !== undefined) base.where('r.customer_id', f.customerId);
  if (f.from) base.where('r.created_at', '>=', f.from);
  if (f.to) base.where('r.created_at', '<', f.to);
  const [{ total }] = await base.clone().count<{ total: string }[]>('* as total');
  const items = await base
    .clone()
    .select(...REQUEST_SELECT.map((c) => `r.${c}`), 'st.code as serviceCode')
    .orderBy([
      { column: 'r.created_at', order: 'desc' },
      { column: 'r.id', order: 'desc' },
    ])
    .limit(f.limit)
    .offset(f.offset);
  return {
    items: items as RequestListItem[],
    total: Number(total),
    limit: f.limit,
    offset: f.offset,
  };
}
