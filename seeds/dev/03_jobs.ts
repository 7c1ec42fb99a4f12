/** A few finished, rated jobs so providers have history; aggregates are recomputed from the rows. */
import type { Knex } from 'knex';
import { DEV_JOBS, devCustomers, devProviders } from '../lib/dev-data';
import { recomputeRatingAggregates } from '../lib/upsert';

export async function seed(knex: Knex): Promise<void> {
  const providers = devProviders();
  const customers = devCustomers();
  for (const job of DEV_JOBS) {
    const p = providers[job.provider]!;
    const c = customers[job.customer]!;
    const customer = await knex('users')
      .select('id')
      .where(c.waId ? { wa_id: c.waId } : { bsuid: c.bsuid! })
      .first<{ id: number }>();
    const provider = await knex('providers as p')
      .join('users as u', 'u.id', 'p.user_id')
      .where('u.wa_id', p.waId)
      .select('p.id')
      .first<{ id: number }>();
    const service = await knex('service_types')
      .select('id')
      .where({ code: job.service })
      .first<{ id: number }>();
    await knex('service_requests')
      .insert({
        customer_id: customer.id,
        service_type_id: service.id,
        lat: p.lat,
        lng: p.lng,
        address: job.address,
        status: 'done',
        provider_id: provider.id,
        idempotency_key: job.key,
        offers_count: 1,
        accepted_at: knex.fn.now(),
        completed_at: knex.fn.now(),
      })
      .onConflict('idempotency_key')
      .ignore();
    const request = await knex('service_requests')
      .select('id')
      .where({ idempotency_key: job.key })
      .first<{ id: number }>();
    await knex('ratings')
      .insert({
        request_id: request.id,
        customer_id: customer.id,
        provider_id: provider.id,
        stars: job.stars,
        comment: job.comment,
      })
      .onConflict('request_id')
      .ignore();
  }
  await recomputeRatingAggregates(knex);
}
