/**
 * Deterministic generation of the perf tier: `count` providers spread over Mexican metro areas
 * (seeded PRNG, so every run produces the same rows). Pure: returns column arrays ready for
 * `unnest(...)` bulk inserts.
 */
import { CITIES } from './cities';
import { FIRST_NAMES, SURNAMES } from './names';
import { createPrng, offsetKm } from './prng';
import { SERVICE_TYPES } from './service-types';

export const PERF_SEED = 20261126;
/** Perf users own the WhatsApp range 52190xxxxxxxx (521 + 10 digits), so they never collide with dev data. */
export const perfWaId = (i: number): string => `52190${String(i).padStart(8, '0')}`;

export interface PerfColumns {
  waId: string[];
  name: string[];
  status: string[];
  online: boolean[];
  lat: number[];
  lng: number[];
  radiusKm: number[];
  ratingSum: number[];
  ratingCount: number[];
  /** ISO timestamp, or '' for never. */
  lastOfferedAt: string[];
  /** Flattened provider → service pairs. */
  serviceWaId: string[];
  serviceCode: string[];
}

const STATUS = [
  { value: 'approved', weight: 85 },
  { value: 'pending', weight: 8 },
  { value: 'suspended', weight: 4 },
  { value: 'rejected', weight: 3 },
] as const;
const RADII = [3, 5, 8, 10, 15, 20].map((r, i) => ({
  value: r,
  weight: [10, 30, 25, 20, 10, 5][i]!,
}));
const CITY_WEIGHTS = CITIES.map((c) => ({ value: c, weight: c.weight }));
const SERVICE_WEIGHTS = SERVICE_TYPES.map((s) => ({ value: s.code, weight: s.popularity }));

export function generatePerfProviders(
  from: number,
  to: number,
  nowMs: number,
  seed = PERF_SEED,
): PerfColumns {
  const cols: PerfColumns = {
    waId: [],
    name: [],
    status: [],
    online: [],
    lat: [],
    lng: [],
    radiusKm: [],
    ratingSum: [],
    ratingCount: [],
    lastOfferedAt: [],
    serviceWaId: [],
    serviceCode: [],
  };
  for (let i = from; i < to; i++) {
    const rnd = createPrng(seed ^ Math.imul(i + 1, 0x9e3779b1));
    const city = rnd.weighted(CITY_WEIGHTS);
    const point = offsetKm(
      city.lat,
      city.lng,
      rnd.normal() * city.sigmaKm,
      rnd.normal() * city.sigmaKm,
    );
    const waId = perfWaId(i);
    cols.waId.push(waId);
    cols.name.push(`${rnd.pick(FIRST_NAMES)} ${rnd.pick(SURNAMES)} ${rnd.pick(SURNAMES)}`);
    cols.status.push(rnd.weighted(STATUS));
    cols.online.push(rnd.next() < 0.3);
    cols.lat.push(point.lat);
    cols.lng.push(point.lng);
    cols.radiusKm.push(rnd.weighted(RADII));
    const count = rnd.next() < 0.4 ? 0 : rnd.int(1, 120);
    cols.ratingCount.push(count);
    cols.ratingSum.push(Math.round(count * (3.5 + rnd.next() * 1.5)));
    cols.lastOfferedAt.push(
      rnd.next() < 0.3 ? '' : new Date(nowMs - rnd.int(60, 7 * 24 * 3600) * 1000).toISOString(),
    );
    const services = new Set<string>();
    const wanted = rnd.int(1, 3);
    while (services.size < wanted) services.add(rnd.weighted(SERVICE_WEIGHTS));
    for (const code of services) {
      cols.serviceWaId.push(waId);
      cols.serviceCode.push(code);
    }
  }
  return cols;
}
