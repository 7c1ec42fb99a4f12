/** The waiting list of places the marketplace does not reach yet (migration create_coverage_waitlist). */
import type { Knex } from 'knex';

export interface WaitlistEntry {
  userId: number;
  /** Code of a known city, or 'other'. */
  city: string;
  /** Area of the request, already rounded (~1 km). */
  lat: number;
  lng: number;
}

/** Add the entry; false when the user was already waiting for that city. */
export async function addToWaitlist(
  knex: Knex,
  e: WaitlistEntry,
  now: Date = new Date(),
): Promise<boolean> {
  const rows = await knex('coverage_waitlist')
    .insert({ user_id: e.userId, city: e.city, lat: e.lat, lng: e.lng, created_at: now })
    .onConflict(['user_id', 'city'])
    .ignore()
    .returning<{ id: string }[]>('id');
  return rows.length > 0;
}

/** How many people wait for each city, most first (for the console and product decisions). */
export async function waitlistByCity(knex: Knex): Promise<{ city: string; people: number }[]> {
  const rows = await knex('coverage_waitlist')
    .select('city')
    .count<{ city: string; people: string }[]>('* as people')
    .groupBy('city')
    .orderBy([{ column: 'people', order: 'desc' }, { column: 'city' }]);
  return rows.map((r) => ({ city: r.city, people: Number(r.people) }));
}
