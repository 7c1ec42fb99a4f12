/** The seed tiers load into a fresh schema, and a second run adds nothing. */
import path from 'node:path';
import type { Knex } from 'knex';
import { createTestDb, type TestDb } from '../../helpers/db';
import { generatePerfProviders } from '../../../../seeds/lib/perf-providers';

const SEEDS = path.resolve(__dirname, '../../../../seeds');

async function counts(knex: Knex): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of [
    'users',
    'service_types',
    'providers',
    'provider_services',
    'service_requests',
    'ratings',
  ]) {
    const [{ n }] = await knex(t).count<{ n: string }[]>('* as n');
    out[t] = Number(n);
  }
  return out;
}

const run = (knex: Knex, tier: string) =>
  knex.seed.run({ directory: path.join(SEEDS, tier), loadExtensions: ['.ts'] });

describe('seeds', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    delete process.env.PERF_PROVIDERS;
    await db.destroy();
  });

  it('smoke, dev and a small perf run are idempotent', async () => {
    await run(db.knex, 'smoke');
    const smoke = await counts(db.knex);
    expect(smoke).toMatchObject({ service_types: 5, providers: 4 });
    await run(db.knex, 'dev');
    const dev = await counts(db.knex);
    expect(dev.providers).toBeGreaterThanOrEqual(44);
    expect(dev.ratings).toBeGreaterThanOrEqual(5);
    process.env.PERF_PROVIDERS = '2000';
    await run(db.knex, 'perf');
    const all = await counts(db.knex);
    expect(all.providers).toBe(dev.providers + 2000);

    await run(db.knex, 'smoke');
    await run(db.knex, 'dev');
    await run(db.knex, 'perf');
    expect(await counts(db.knex)).toEqual(all);
  });

  it('keeps rating aggregates equal to the ratings rows', async () => {
    const { rows } = await db.knex.raw<{ rows: unknown[] }>(`
      select p.id from providers p join (select provider_id, sum(stars) s, count(*) n from ratings group by 1) r on r.provider_id = p.id
      where p.rating_sum <> r.s or p.rating_count <> r.n`);
    expect(rows).toEqual([]);
  });

  it('uses WhatsApp-form Mexican numbers and real BSUID-only customers in dev', async () => {
    const waIds = await db.knex('users').whereNotNull('wa_id').pluck('wa_id');
    expect(waIds.every((w: string) => /^521\d{10}$/.test(w))).toBe(true);
    expect(await db.knex('users').whereNull('wa_id').pluck('bsuid')).toEqual(
      expect.arrayContaining(['MX.7f3a9c21d04e']),
    );
  });

  it('generates the perf tier deterministically', () => {
    const now = Date.parse('2026-11-26T12:00:00Z');
    expect(generatePerfProviders(100, 150, now)).toEqual(generatePerfProviders(100, 150, now));
    expect(generatePerfProviders(0, 200, now).waId.slice(100, 150)).toEqual(
      generatePerfProviders(100, 150, now).waId,
    );
  });
});
