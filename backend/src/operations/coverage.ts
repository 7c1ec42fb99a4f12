/** Coverage verdicts for the conversation, and the waiting list of places we do not serve yet. */
import type { Knex } from 'knex';
import type { Coverage, LocalizedText } from '../conversation/operations';
import { addToWaitlist } from '../db/coverage-waitlist';
import type { City } from '../geo/cities';
import { coverageAt, SERVED_METROS } from '../geo/coverage';
import type { OperationHandler } from './registry';

const named = (c: City): LocalizedText => ({ es: c.name.es, en: c.name.en });

/** The verdict of geo/coverage.ts in the contract's terms. */
export function coverageOf(lat: number, lng: number): Coverage {
  const v = coverageAt(lat, lng);
  if (v.covered) return { covered: true };
  return { covered: false, place: v.city ? named(v.city) : null, served: SERVED_METROS.map(named) };
}

/** About 1 km: where someone waits, never their exact point. */
const area = (deg: number): number => Math.round(deg * 100) / 100;

export function joinWaitlist(knex: Knex): OperationHandler<'joinWaitlist'> {
  return async (input, ctx) => {
    const v = coverageAt(input.lat, input.lng);
    const city = v.covered ? v.metro : v.city;
    const added = await addToWaitlist(
      knex,
      {
        userId: input.userId,
        city: city?.id ?? 'other',
        lat: area(input.lat),
        lng: area(input.lng),
      },
      new Date(ctx.now),
    );
    return { status: added ? 'joined' : 'already', place: city ? named(city) : null };
  };
}
