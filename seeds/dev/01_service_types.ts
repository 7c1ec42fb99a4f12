import type { Knex } from 'knex';
import { upsertServiceTypes } from '../lib/service-types';

export async function seed(knex: Knex): Promise<void> {
  await upsertServiceTypes(knex);
}
