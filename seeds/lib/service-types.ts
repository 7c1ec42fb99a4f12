/** The service catalogue every seed tier starts from; upserted by code, so re-runs only refresh names. */
import type { Knex } from 'knex';

export interface SeedServiceType {
  code: string;
  nameEs: string;
  nameEn: string;
  /** Relative share of providers offering it (perf tier). */
  popularity: number;
}

export const SERVICE_TYPES: readonly SeedServiceType[] = [
  { code: 'plumbing', nameEs: 'Plomería', nameEn: 'Plumbing', popularity: 20 },
  { code: 'electrical', nameEs: 'Electricidad', nameEn: 'Electrical', popularity: 18 },
  { code: 'locksmith', nameEs: 'Cerrajería', nameEn: 'Locksmith', popularity: 8 },
  { code: 'gas', nameEs: 'Gas', nameEn: 'Gas', popularity: 6 },
  { code: 'carpentry', nameEs: 'Carpintería', nameEn: 'Carpentry', popularity: 8 },
  { code: 'painting', nameEs: 'Pintura', nameEn: 'Painting', popularity: 10 },
  { code: 'masonry', nameEs: 'Albañilería', nameEn: 'Masonry', popularity: 9 },
  {
    code: 'appliance_repair',
    nameEs: 'Reparación de electrodomésticos',
    nameEn: 'Appliance repair',
    popularity: 6,
  },
  {
    code: 'air_conditioning',
    nameEs: 'Aire acondicionado',
    nameEn: 'Air conditioning',
    popularity: 4,
  },
  { code: 'cleaning', nameEs: 'Limpieza', nameEn: 'Cleaning', popularity: 7 },
  { code: 'gardening', nameEs: 'Jardinería', nameEn: 'Gardening', popularity: 3 },
  { code: 'glazier', nameEs: 'Vidriería', nameEn: 'Glazier', popularity: 1 },
];

/** Upsert the first `count` service types (all by default). Returns code → id. */
export async function upsertServiceTypes(
  knex: Knex,
  count = SERVICE_TYPES.length,
): Promise<Map<string, number>> {
  const rows = SERVICE_TYPES.slice(0, count).map((s, i) => ({
    code: s.code,
    name_es: s.nameEs,
    name_en: s.nameEn,
    sort_order: (i + 1) * 10,
    active: true,
  }));
  const saved = await knex('service_types')
    .insert(rows)
    .onConflict('code')
    .merge(['name_es', 'name_en', 'sort_order'])
    .returning<{ id: number; code: string }[]>(['id', 'code']);
  return new Map(saved.map((r) => [r.code, r.id]));
}
