/**
 * Where the marketplace works: the one definition of coverage. A point is covered when it lies
 * within the radius of a served metro (cities.ts: centre + radius). Outside, the verdict names the
 * known city the point is in, if any ("Aún no llegamos a Monterrey"). Pure.
 *
 * To open a new metro: add its id here (and its row in cities.ts if it is not there yet).
 */
import { CITIES, cityAt, distanceKm, type City } from './cities';

/** Metros we serve today (ids of cities.ts). Seeds and demo data live in Mexico City. */
export const SERVED_CITY_IDS: readonly string[] = ['cdmx'];

export const SERVED_METROS: readonly City[] = SERVED_CITY_IDS.map((id) => {
  const c = CITIES.find((x) => x.id === id);
  if (!c) throw new Error(`coverage: unknown city id ${id}`);
  return c;
});

export type CoverageVerdict =
  | { covered: true; metro: City }
  | {
      covered: false;
      /** The known city the point is in (for "Aún no llegamos a …"), or null. */
      city: City | null;
    };

export function coverageAt(lat: number, lng: number): CoverageVerdict {
  for (const m of SERVED_METROS)
    if (distanceKm(lat, lng, m.lat, m.lng) <= m.radiusKm) return { covered: true, metro: m };
  return { covered: false, city: cityAt(lat, lng) };
}

export function isServed(city: City): boolean {
  return SERVED_CITY_IDS.includes(city.id);
}
