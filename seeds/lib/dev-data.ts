/**
 * The dev tier's people, generated deterministically: providers spread over Mexico City colonias
 * (WhatsApp numbers 52155… = 521 + 55 + 8 digits), customers (two with only a BSUID, as
 * username users whose number Meta withholds), and a few finished, rated jobs.
 */
import { COLONIAS } from './colonias';
import { FIRST_NAMES, SURNAMES } from './names';
import { createPrng, offsetKm } from './prng';
import { SERVICE_TYPES } from './service-types';
import type { SeedProvider, SeedUser } from './upsert';

export const DEV_SEED = 5215;
const TRADE_PREFIX: Record<string, string> = {
  plumbing: 'Plomería',
  electrical: 'Electricidad',
  locksmith: 'Cerrajería',
  gas: 'Gas',
  carpentry: 'Carpintería',
  painting: 'Pintura',
  masonry: 'Albañilería',
  appliance_repair: 'Reparaciones',
  air_conditioning: 'Climas',
  cleaning: 'Limpieza',
  gardening: 'Jardinería',
  glazier: 'Vidriería',
};

const statusOf = (i: number): SeedProvider['status'] =>
  i % 8 === 7 ? 'pending' : i % 19 === 18 ? 'suspended' : 'approved';

export interface DevProvider extends SeedProvider {
  waId: string;
  colonia: string;
}

export function devProviders(count = 40): DevProvider[] {
  const rnd = createPrng(DEV_SEED);
  return Array.from({ length: count }, (_, i) => {
    const colonia = COLONIAS[i % COLONIAS.length]!;
    const main = SERVICE_TYPES[i % SERVICE_TYPES.length]!.code;
    const extra = rnd.next() < 0.4 ? [rnd.pick(SERVICE_TYPES).code] : [];
    const surname = rnd.pick(SURNAMES);
    const place = offsetKm(
      colonia.lat,
      colonia.lng,
      (rnd.next() - 0.5) * 1.5,
      (rnd.next() - 0.5) * 1.5,
    );
    return {
      waId: `52155${String(10_000_000 + i * 7919).slice(-8)}`,
      colonia: colonia.name,
      displayName:
        rnd.next() < 0.5
          ? `${TRADE_PREFIX[main]} ${surname}`
          : `${rnd.pick(FIRST_NAMES)} ${surname}`,
      ...place,
      radiusKm: rnd.pick([3, 5, 8, 10, 12]),
      status: statusOf(i),
      online: statusOf(i) === 'approved' && i % 3 !== 2,
      services: [...new Set([main, ...extra])],
    };
  });
}

export function devCustomers(): SeedUser[] {
  return [
    { waId: '5215511110001', name: 'Ana Sofía Ramírez' },
    { waId: '5215511110002', name: 'Diego Torres' },
    { waId: '5215511110003', name: 'Mariana Flores' },
    { waId: '5215511110004', name: 'Emily Johnson', locale: 'en' },
    { bsuid: 'MX.7f3a9c21d04e', name: 'Valeria Cruz' },
    { bsuid: 'MX.b81e44f0a9c2', name: 'Rodrigo Méndez' },
  ];
}

export interface DevJob {
  key: string;
  customer: number;
  provider: number;
  service: string;
  address: string;
  stars: number;
  comment: string;
}

/** Finished jobs (customer and provider are indexes into devCustomers / devProviders). */
export const DEV_JOBS: readonly DevJob[] = [
  {
    key: 'seed:dev:job:1',
    customer: 0,
    provider: 0,
    service: 'plumbing',
    address: 'Colima 143, Roma Norte',
    stars: 5,
    comment: 'Llegó rápido y arregló la fuga.',
  },
  {
    key: 'seed:dev:job:2',
    customer: 1,
    provider: 1,
    service: 'electrical',
    address: 'Amsterdam 210, Condesa',
    stars: 4,
    comment: 'Buen trabajo, un poco tarde.',
  },
  {
    key: 'seed:dev:job:3',
    customer: 2,
    provider: 0,
    service: 'plumbing',
    address: 'Av. Álvaro Obregón 99, Roma Norte',
    stars: 5,
    comment: 'Muy profesional.',
  },
  {
    key: 'seed:dev:job:4',
    customer: 3,
    provider: 2,
    service: 'locksmith',
    address: 'Versalles 15, Juárez',
    stars: 3,
    comment: 'Quick, but pricey.',
  },
  {
    key: 'seed:dev:job:5',
    customer: 4,
    provider: 12,
    service: 'plumbing',
    address: 'Francisco Sosa 200, Coyoacán',
    stars: 4,
    comment: 'Todo bien.',
  },
];
