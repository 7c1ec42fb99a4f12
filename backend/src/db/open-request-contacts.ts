/**
 * Who has something open with us right now: customers with a request still in progress
 * (searching, offered, accepted) and providers with an accepted job. The status broadcast
 * (broadcast/) writes to them; opt-out is reported per person (db/opt-out.ts), not filtered, so
 * the caller can say how many it skipped.
 */
import type { Knex } from 'knex';
import { IN_PROGRESS } from '../shared/marketplace-status';
import type { Locale } from './users';
import { optedOutSql } from './opt-out';

export interface OpenRequestContact {
  userId: number;
  waId: string | null;
  bsuid: string | null;
  locale: Locale;
  /** A customer with a request in progress. */
  customer: boolean;
  /** A provider with an accepted job. */
  provider: boolean;
  optedOut: boolean;
}

/** Every (not deleted) user with an open request or an accepted job, once, by user id. */
export async function listOpenRequestContacts(knex: Knex): Promise<OpenRequestContact[]> {
  const customers = knex('service_requests as r')
    .select('r.customer_id')
    .whereIn('r.status', IN_PROGRESS);
  const providers = knex('service_requests as r')
    .join('providers as p', 'p.id', 'r.provider_id')
    .select('p.user_id')
    .where('r.status', 'accepted');
  return knex('users as u')
    .select(
      'u.id as userId',
      'u.wa_id as waId',
      'u.bsuid as bsuid',
      'u.locale as locale',
      knex.raw('u.id in (?) as customer', [customers]),
      knex.raw('u.id in (?) as provider', [providers]),
      knex.raw('? as "optedOut"', [optedOutSql(knex, 'u')]),
    )
    .whereNull('u.deleted_at')
    .where((q) => q.whereIn('u.id', customers.clone()).orWhereIn('u.id', providers.clone()))
    .orderBy('u.id');
}
