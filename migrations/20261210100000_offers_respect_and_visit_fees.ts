/**
 * Offers that respect people, and visit fees (issue 14, items 4–5). Additive only: new nullable
 * columns, or columns with a default, so the previous release keeps working on this schema.
 *
 * providers
 * - `missed_offers`: offers in a row the provider let expire (reset by any answer and by going
 *   online); at the configured number they are set offline.
 * - `visit_fee`: what the provider charges to come and look (whole MXN pesos, 0–10,000);
 *   0 = no visit fee, null = to be agreed.
 *
 * service_requests
 * - `chosen_provider_id`: the provider the customer chose from the list; only they are offered
 *   the request until the customer agrees to someone else (then it is cleared).
 * - `original_request_id`: for a "try again" request, the first request of the chain, so nobody
 *   who declined or let it expire is offered it again.
 * - `cancel_reason` / `cancel_note`: why the customer cancelled an accepted job.
 * - `done_claimed_at`: the provider tapped "Terminado" too soon after accepting; the job waits
 *   for the customer to confirm it is done.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('providers', (t) => {
    t.integer('missed_offers').notNullable().defaultTo(0);
    t.integer('visit_fee');
    t.check('missed_offers >= 0', [], 'providers_missed_offers_check');
    t.check('visit_fee is null or visit_fee between 0 and 10000', [], 'providers_visit_fee_check');
  });
  await knex.schema.alterTable('service_requests', (t) => {
    t.integer('chosen_provider_id').references('id').inTable('providers').onDelete('set null');
    t.integer('original_request_id')
      .references('id')
      .inTable('service_requests')
      .onDelete('set null');
    t.string('cancel_reason', 32);
    t.text('cancel_note');
    t.timestamp('done_claimed_at', { useTz: true });
  });
  // The requests of one retry chain (who already passed on it).
  await knex.raw(
    'create index service_requests_original_idx on service_requests (original_request_id) where original_request_id is not null',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index service_requests_original_idx');
  await knex.schema.alterTable('service_requests', (t) => {
    t.dropColumn('done_claimed_at');
    t.dropColumn('cancel_note');
    t.dropColumn('cancel_reason');
    t.dropColumn('original_request_id');
    t.dropColumn('chosen_provider_id');
  });
  await knex.schema.alterTable('providers', (t) => {
    t.dropChecks(['providers_visit_fee_check', 'providers_missed_offers_check']);
    t.dropColumn('visit_fee');
    t.dropColumn('missed_offers');
  });
}
