/** A handful of providers around Roma Norte and one customer: enough for CI to run a whole flow. */
import type { Knex } from 'knex';
import { upsertProvider, upsertUser, type SeedProvider } from '../lib/upsert';

const PROVIDERS: (SeedProvider & { waId: string })[] = [
  {
    waId: '5215500000001',
    displayName: 'Plomería Hernández',
    lat: 19.4194,
    lng: -99.1617,
    radiusKm: 8,
    status: 'approved',
    online: true,
    services: ['plumbing', 'gas'],
  },
  {
    waId: '5215500000002',
    displayName: 'Electricista García',
    lat: 19.4111,
    lng: -99.1733,
    radiusKm: 10,
    status: 'approved',
    online: true,
    services: ['electrical'],
  },
  {
    waId: '5215500000003',
    displayName: 'Cerrajería López',
    lat: 19.427,
    lng: -99.158,
    radiusKm: 6,
    status: 'approved',
    online: true,
    services: ['locksmith', 'carpentry'],
  },
  {
    waId: '5215500000004',
    displayName: 'Servicios Martínez',
    lat: 19.395,
    lng: -99.15,
    radiusKm: 5,
    status: 'pending',
    online: false,
    services: ['plumbing'],
  },
];

export async function seed(knex: Knex): Promise<void> {
  const serviceIds = new Map<string, number>(
    (await knex('service_types').select('id', 'code')).map((r: { id: number; code: string }) => [
      r.code,
      r.id,
    ]),
  );
  for (const p of PROVIDERS) {
    const userId = await upsertUser(knex, { waId: p.waId, name: p.displayName });
    await upsertProvider(knex, userId, p, serviceIds);
  }
  await upsertUser(knex, { waId: '5215500000100', name: 'Cliente de Prueba' });
}
