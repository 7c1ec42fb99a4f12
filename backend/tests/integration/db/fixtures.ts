/** Small builders for integration tests (one schema per test file, see helpers/db.ts). */
import type { Knex } from 'knex';
import {
  changeProviderStatus,
  getProviderById,
  insertPendingProvider,
  setProviderOnline,
  setProviderServices,
  type Provider,
} from '../../../src/db/providers';
import { createRequest, type ServiceRequest } from '../../../src/db/requests';
import { createServiceType } from '../../../src/db/service-types';
import { findOrCreateByIdentity, type User } from '../../../src/db/users';
import { offsetKm } from '../../../../seeds/lib/prng';

/** Roma Norte, Mexico City. */
export const ROMA = { lat: 19.4194, lng: -99.1617 };

let seq = 0;
export const nextWaId = (): string =>
  `52155${String(++seq + Math.floor(Math.random() * 1e6) * 100)
    .padStart(8, '0')
    .slice(-8)}`;

/** A point `northKm` / `eastKm` away from `from` (Roma by default). */
export const near = (northKm: number, eastKm = 0, from = ROMA): { lat: number; lng: number } =>
  offsetKm(from.lat, from.lng, northKm, eastKm);

export async function makeServiceType(knex: Knex, code = `svc_${++seq}`): Promise<number> {
  const r = await createServiceType(knex, {
    code,
    nameEs: `Servicio ${code}`,
    nameEn: `Service ${code}`,
  });
  if (!r.ok) throw new Error(`service type ${code} exists`);
  return r.serviceType.id;
}

export async function makeUser(knex: Knex, name = 'Cliente'): Promise<User> {
  return (await findOrCreateByIdentity(knex, { waId: nextWaId(), profileName: name })).user;
}

export interface ProviderSpec {
  at?: { lat: number; lng: number };
  radiusKm?: number;
  status?: 'pending' | 'approved' | 'rejected' | 'suspended';
  online?: boolean;
  services: number[];
  name?: string;
}

export async function makeProvider(knex: Knex, spec: ProviderSpec): Promise<Provider> {
  const user = await makeUser(knex, spec.name ?? 'Proveedor');
  return providerOf(knex, user.id, { ...spec, name: spec.name ?? `Proveedor ${user.id}` });
}

/**
 * A provider for `userId` through the bot's own writes (registration, admin status change, the
 * online toggle). Online while not approved is a state the bot never writes: put straight into
 * the table.
 */
export async function providerOf(
  knex: Knex,
  userId: number,
  spec: ProviderSpec & { name: string },
): Promise<Provider> {
  const at = spec.at ?? ROMA;
  const id = await insertPendingProvider(
    knex,
    userId,
    { displayName: spec.name, lat: at.lat, lng: at.lng, radiusKm: spec.radiusKm ?? 10 },
    new Date(),
  );
  await setProviderServices(knex, id, spec.services);
  const status = spec.status ?? 'approved';
  if (status !== 'pending') {
    const r = await changeProviderStatus(
      knex,
      id,
      status === 'approved' ? 'approve' : status === 'rejected' ? 'reject' : 'suspend',
    );
    if (!r.ok) throw new Error(`could not make provider ${status}`);
  }
  const online = spec.online ?? status === 'approved';
  if (online && status !== 'approved')
    await knex('providers').update({ online: true, last_online_at: new Date() }).where({ id });
  else await setProviderOnline(knex, id, online);
  return (await getProviderById(knex, id))!;
}

export async function makeRequest(
  knex: Knex,
  spec: {
    customerId: number;
    serviceTypeId: number;
    at?: { lat: number; lng: number };
    key?: string;
  },
): Promise<ServiceRequest> {
  const at = spec.at ?? ROMA;
  const { request } = await createRequest(knex, {
    customerId: spec.customerId,
    serviceTypeId: spec.serviceTypeId,
    lat: at.lat,
    lng: at.lng,
    address: 'Colima 143, Roma Norte',
    idempotencyKey: spec.key ?? `wamid.test.${++seq}.${Math.random().toString(36).slice(2)}`,
  });
  return request;
}
