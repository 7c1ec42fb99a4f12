/** Providers across Mexico City colonias and a few customers (see lib/dev-data.ts). */
import type { Knex } from 'knex';
import { devCustomers, devProviders } from '../lib/dev-data';
import { upsertProvider, upsertUser } from '../lib/upsert';

export async function seed(knex: Knex): Promise<void> {
  const serviceIds = new Map<string, number>(
    (await knex('service_types').select('id', 'code')).map((r: { id: number; code: string }) => [
      r.code,
      r.id,
    ]),
  );
  for (const p of devProviders()) {
    const userId = await upsertUser(knex, { waId: p.waId, name: p.displayName });
    await upsertProvider(knex, userId, p, serviceIds);
  }
  for (const c of devCustomers()) await upsertUser(knex, c);
}
