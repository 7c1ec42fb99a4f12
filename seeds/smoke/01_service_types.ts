import type { Knex } from 'knex';
import { upsertServiceTypes } from '../lib/service-types';

/** The five most common trades. */
export async function seed(knex: Knex): Promise<void> {
  await upsertServiceTypes(knex, 5);
}
