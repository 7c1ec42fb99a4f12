/** Builders for the operation tests: rows through the repositories, operations through their handlers. */
import type { Knex } from 'knex';
import type { OperationName, Operations } from '../../../src/conversation/operations';
import type { Provider } from '../../../src/db/providers';
import { createServiceType } from '../../../src/db/service-types';
import { findOrCreateByIdentity, type User } from '../../../src/db/users';
import { metrics } from '../../../src/observability/metrics';
import type { OperationContext, OperationHandlers } from '../../../src/operations/registry';
import { createOperationHandlers } from '../../../src/operations';
import { providerOf } from '../db/fixtures';

/** Roma Norte, Mexico City. */
export const ROMA = { lat: 19.4194, lng: -99.1617 };
export const OFFER_TIMEOUT_S = 60;

let seq = 0;
const unique = (): number => ++seq * 1000 + Math.floor(Math.random() * 1000);

/** A Mexican mobile as WhatsApp sends it (`521` + 10 digits). */
export const nextWaId = (): string => `52155${String(unique()).padStart(8, '0').slice(-8)}`;
export const nextKey = (label = 'evt'): string =>
  `wamid.${label}.${unique()}.${Math.random().toString(36).slice(2, 8)}`;

/** A point `northKm` north and `eastKm` east of `from`. */
export function near(northKm: number, eastKm = 0, from = ROMA): { lat: number; lng: number } {
  return {
    lat: from.lat + northKm / 110.574,
    lng: from.lng + eastKm / (111.32 * Math.cos((from.lat * Math.PI) / 180)),
  };
}

export function handlersFor(knex: Knex): OperationHandlers {
  return createOperationHandlers({
    knex,
    config: {
      marketplace: {
        offerTimeoutSeconds: OFFER_TIMEOUT_S,
        maxOffersPerRequest: 5,
        missedOffersBeforeOffline: 3,
        jobDoneMinMinutes: 0,
        rateReminderMinutes: 240,
        providerListCacheSeconds: 0,
      },
    },
  });
}

export function ctxFor(
  user: { waId: string | null; bsuid?: string | null },
  over: Partial<OperationContext> = {},
): OperationContext {
  const key = user.waId ? `wa:${user.waId}` : `bs:${user.bsuid}`;
  return {
    key,
    contact: {
      ...(user.waId ? { waId: user.waId } : {}),
      ...(user.bsuid ? { bsuid: user.bsuid } : {}),
    },
    commandId: nextKey('cmd'),
    correlationId: nextKey('corr'),
    now: Date.now(),
    ...over,
  };
}

/** Run one operation as `user` would (a fresh command id each time unless given). */
export function runner(handlers: OperationHandlers) {
  return <K extends OperationName>(
    op: K,
    input: Operations[K]['input'],
    as: { waId: string | null; bsuid?: string | null },
    over: Partial<OperationContext> = {},
  ) =>
    (
      handlers[op] as (
        i: Operations[K]['input'],
        c: OperationContext,
      ) => Promise<Operations[K]['output']>
    )(input, ctxFor(as, over));
}

export async function makeServiceType(
  knex: Knex,
  code = `svc_${unique()}`,
  sortOrder = 0,
): Promise<{ id: number; code: string }> {
  const r = await createServiceType(knex, {
    code,
    nameEs: `Servicio ${code}`,
    nameEn: `Service ${code}`,
    sortOrder,
  });
  if (!r.ok) throw new Error(`service type ${code} exists`);
  return { id: r.serviceType.id, code };
}

export async function makeUser(
  knex: Knex,
  name: string | null = 'Ana López',
  identity?: { waId?: string; bsuid?: string },
): Promise<User> {
  const { user } = await findOrCreateByIdentity(knex, identity ?? { waId: nextWaId() });
  if (name !== null) await knex('users').update({ name }).where({ id: user.id });
  return { ...user, name };
}

export interface ProviderSpec {
  services: number[];
  at?: { lat: number; lng: number };
  radiusKm?: number;
  status?: 'pending' | 'approved' | 'rejected' | 'suspended';
  online?: boolean;
  name?: string;
  /** Give the provider existing ratings: [sum, count]. */
  rating?: [number, number];
  lastOfferedAt?: Date;
}

export interface TestProvider {
  provider: Provider;
  user: User;
}

export async function makeProvider(knex: Knex, spec: ProviderSpec): Promise<TestProvider> {
  const user = await makeUser(knex, spec.name ?? 'Pedro Ramírez');
  const provider = await providerOf(knex, user.id, {
    ...spec,
    at: spec.at ?? ROMA,
    name: spec.name ?? `Proveedor ${user.id}`,
  });
  const patch: Record<string, unknown> = {};
  if (spec.rating)
    Object.assign(patch, { rating_sum: spec.rating[0], rating_count: spec.rating[1] });
  if (spec.lastOfferedAt) patch.last_offered_at = spec.lastOfferedAt;
  if (Object.keys(patch).length) await knex('providers').update(patch).where({ id: provider.id });
  return { provider, user };
}

/** A counter's current value for one label set (0 when never incremented). */
export async function counterValue(
  name: keyof typeof metrics,
  labels: Record<string, string>,
): Promise<number> {
  const metric = metrics[name] as unknown as {
    get(): Promise<{
      values: { value: number; labels: Record<string, string | number>; metricName?: string }[];
    }>;
  };
  const { values } = await metric.get();
  const match = values.find(
    (v) =>
      (v.metricName === undefined || !v.metricName.endsWith('_bucket')) &&
      Object.entries(labels).every(([k, val]) => String(v.labels[k]) === val) &&
      Object.keys(v.labels).length === Object.keys(labels).length,
  );
  return match?.value ?? 0;
}

/** How many observations a histogram holds for one label set. */
export async function histogramCount(
  name: keyof typeof metrics,
  labels: Record<string, string>,
): Promise<number> {
  const metric = metrics[name] as unknown as {
    get(): Promise<{
      values: { value: number; labels: Record<string, string | number>; metricName?: string }[];
    }>;
  };
  const { values } = await metric.get();
  const match = values.find(
    (v) =>
      v.metricName?.endsWith('_count') &&
      Object.entries(labels).every(([k, val]) => String(v.labels[k]) === val),
  );
  return match?.value ?? 0;
}
