/** Marketplace fixtures for e2e tests: service types and providers put straight into the test schema. */
import type { Knex } from 'knex';
import { upsertServiceTypes } from '../../../seeds/lib/service-types';
import { upsertProvider, upsertUser, type SeedProvider } from '../../../seeds/lib/upsert';

export const ROMA_NORTE = { lat: 19.4195, lng: -99.1617 };

export async function seedServiceTypes(knex: Knex): Promise<Map<string, number>> {
  await upsertServiceTypes(knex, 5);
  return new Map(
    (await knex('service_types').select('id', 'code')).map((r: { id: number; code: string }) => [
      r.code,
      r.id,
    ]),
  );
}

export interface TestProvider extends Partial<SeedProvider> {
  waId: string;
  displayName: string;
}

/** An approved, online plumber near Roma Norte unless told otherwise. */
export async function addProvider(
  knex: Knex,
  services: Map<string, number>,
  p: TestProvider,
): Promise<{ userId: number; providerId: number }> {
  const userId = await upsertUser(knex, { waId: p.waId, name: p.displayName });
  const providerId = await upsertProvider(
    knex,
    userId,
    {
      displayName: p.displayName,
      lat: p.lat ?? ROMA_NORTE.lat,
      lng: p.lng ?? ROMA_NORTE.lng,
      radiusKm: p.radiusKm ?? 10,
      status: p.status ?? 'approved',
      online: p.online ?? true,
      services: p.services ?? ['plumbing'],
    },
    services,
  );
  return { userId, providerId };
}
