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

export type GeocodeResult =
  { status: 'found'; lat: number; lng: number; label: string } | { status: 'not_found' };

const found = (p: Place): GeocodeResult => ({
  status: 'found',
  lat: p.lat,
  lng: p.lng,
  label: p.name,
});

export function geocodePostalCode(code: string): GeocodeResult {
  const cp = code.trim();
  if (!/^\d{5}$/.test(cp)) return { status: 'not_found' };
  const exact = POSTAL_CODES[cp];
  if (exact) return found(exact);
  const prefix = cp.slice(0, 2);
  const area = CDMX_ALCALDIAS[prefix] ?? METRO_PREFIXES[prefix];
  return area ? found(area) : { status: 'not_found' };
}

const BY_LENGTH = [...NEIGHBOURHOODS].sort((a, b) => b[0].length - a[0].length);

export function geocodeAddress(query: string): GeocodeResult {
  const text = ` ${fold(query)} `;
  const cp = /\b(\d{5})\b/.exec(text);
  if (cp) {
    const byCode = geocodePostalCode(cp[1]);
    if (byCode.status === 'found') return byCode;
  }
  for (const [name, place] of BY_LENGTH) if (text.includes(` ${name} `)) return found(place);
  const city = cityInText(query);
  if (city && !isServed(city)) return found({ name: city.name.es, lat: city.lat, lng: city.lng });
  return { status: 'not_found' };
}
