/**
 * Typed address / postal code → coordinates, from the offline gazetteer (mx-places.ts).
 * Pure. Postal codes resolve to the exact code, else the CDMX alcaldía, else a metro area;
 * addresses resolve by a postal code in them, else the longest neighbourhood name they mention,
 * else a city we do not serve yet (cities.ts: "Monterrey", "New York"), found at its centre so the
 * conversation can say "Aún no llegamos a Monterrey". A served city alone ("CDMX") is too vague
 * to place anyone and stays not found.
 */
import { cityInText, fold } from './cities';
import { isServed } from './coverage';
import {
  CDMX_ALCALDIAS,
  METRO_PREFIXES,
  NEIGHBOURHOODS,
  POSTAL_CODES,
  type Place,
} from './mx-places';

/** How a place was found: the exact postal code, a neighbourhood named, a broader area, a city. */
export type MatchedBy = 'postalCode' | 'neighbourhood' | 'area' | 'city';

export type GeocodeResult =
  | { status: 'found'; lat: number; lng: number; label: string; matchedBy: MatchedBy }
  | { status: 'not_found' };

const found = (p: Place, matchedBy: MatchedBy): GeocodeResult => ({
  status: 'found',
  lat: p.lat,
  lng: p.lng,
  label: p.name,
  matchedBy,
});

export function geocodePostalCode(code: string): GeocodeResult {
  const cp = code.trim();
  if (!/^\d{5}$/.test(cp)) return { status: 'not_found' };
  const exact = POSTAL_CODES[cp];
  if (exact) return found(exact, 'postalCode');
  const prefix = cp.slice(0, 2);
  const area = CDMX_ALCALDIAS[prefix] ?? METRO_PREFIXES[prefix];
  return area ? found(area, 'area') : { status: 'not_found' };
}

const BY_LENGTH = [...NEIGHBOURHOODS].sort((a, b) => b[0].length - a[0].length);

export function geocodeAddress(query: string): GeocodeResult {
  const text = ` ${fold(query)} `;
  const cp = /\b(\d{5})\b/.exec(text);
  if (cp) {
    const byCode = geocodePostalCode(cp[1]);
    if (byCode.status === 'found') return byCode;
  }
  for (const [name, place] of BY_LENGTH)
    if (text.includes(` ${name} `)) return found(place, 'neighbourhood');
  const city = cityInText(query);
  if (city && !isServed(city))
    return found({ name: city.name.es, lat: city.lat, lng: city.lng }, 'city');
  return { status: 'not_found' };
}

/** km between two points (haversine). */
function km(aLat: number, aLng: number, bLat: number, bLng: number): number {
  const r = Math.PI / 180;
  const h =
    Math.sin(((bLat - aLat) * r) / 2) ** 2 +
    Math.cos(aLat * r) * Math.cos(bLat * r) * Math.sin(((bLng - aLng) * r) / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(h));
}

/**
 * The neighbourhood a point is in, roughly: the nearest known neighbourhood centre within
 * 2.5 km, or null. What providers see of a request before they accept it (never the street).
 */
export function nearestArea(lat: number, lng: number): string | null {
  let best: { name: string; d: number } | null = null;
  for (const [, place] of NEIGHBOURHOODS) {
    const d = km(lat, lng, place.lat, place.lng);
    if (d <= 2.5 && (!best || d < best.d)) best = { name: place.name, d };
  }
  return best?.name ?? null;
}
