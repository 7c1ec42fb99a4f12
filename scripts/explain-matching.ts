/**
 * Show how Postgres runs the candidate query, and how fast it is, on whatever database
 * DATABASE_URL / DATABASE_SCHEMA point to (seed it with `tsx scripts/seed.ts perf` first).
 *
 *   tsx scripts/explain-matching.ts [--service plumbing] [--lat=19.4194 --lng=-99.1617] [--bench 500]
 *
 * Prints EXPLAIN (ANALYZE, BUFFERS) for one query, then with --bench N runs N queries at
 * deterministic random points around the seeded cities (random services) on a warm pool and
 * prints latency percentiles of `findCandidates` as the application calls it.
 */
import { parseArgs } from 'node:util';
import type { Knex } from 'knex';
import { createKnex } from '../backend/src/db/knex';
import { candidateQuery, findCandidates, type CandidateQuery } from '../backend/src/db/candidates';
import { CITIES } from '../seeds/lib/cities';
import { createPrng, offsetKm } from '../seeds/lib/prng';

async function explain(knex: Knex, q: CandidateQuery): Promise<string[]> {
  return knex.transaction(async (trx) => {
    await trx.raw('set local enable_bitmapscan = off');
    const { sql, bindings } = candidateQuery(trx, q).toSQL();
    const res = await trx.raw<{ rows: { 'QUERY PLAN': string }[] }>(
      `explain (analyze, buffers) ${sql}`,
      bindings,
    );
    return res.rows.map((r) => r['QUERY PLAN']);
  });
}

async function bench(knex: Knex, n: number, services: { id: number }[]): Promise<void> {
  const rnd = createPrng(7);
  const cityWeights = CITIES.map((c) => ({ value: c, weight: c.weight }));
  const timings: number[] = [];
  let found = 0;
  for (let i = 0; i < n + 20; i++) {
    const city = rnd.weighted(cityWeights);
    const p = offsetKm(
      city.lat,
      city.lng,
      rnd.normal() * city.sigmaKm * 1.5,
      rnd.normal() * city.sigmaKm * 1.5,
    );
    const started = process.hrtime.bigint();
    const rows = await findCandidates(knex, {
      serviceTypeId: rnd.pick(services).id,
      lat: p.lat,
      lng: p.lng,
      requestId: 1,
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (i >= 20) {
      timings.push(ms); // the first 20 warm the pool and caches
      found += rows.length;
    }
  }
  timings.sort((a, b) => a - b);
  const pct = (p: number): string =>
    timings[Math.min(timings.length - 1, Math.floor((p / 100) * timings.length))]!.toFixed(2);
  console.log(
    `\n${n} queries: p50 ${pct(50)} ms, p95 ${pct(95)} ms, p99 ${pct(99)} ms, max ${pct(100)} ms; ${(found / n).toFixed(1)} candidates on average`,
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      service: { type: 'string', default: 'plumbing' },
      lat: { type: 'string', default: '19.4194' },
      lng: { type: 'string', default: '-99.1617' },
      bench: { type: 'string', default: '0' },
    },
  });
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const schema = process.env.DATABASE_SCHEMA || 'public';
  const knex = createKnex({ url, schema, poolMax: 2 });
  try {
    const services = await knex('service_types').select('id', 'code').where({ active: true });
    const service = services.find((s: { code: string }) => s.code === values.service);
    if (!service)
      throw new Error(`unknown service type ${values.service} (seeded? schema ${schema})`);
    const [{ n }] = await knex('providers').count<{ n: string }[]>('* as n');
    console.log(
      `schema ${schema}: ${n} providers; service ${values.service}; origin ${values.lat},${values.lng}\n`,
    );
    const plan = await explain(knex, {
      serviceTypeId: service.id,
      lat: Number(values.lat),
      lng: Number(values.lng),
      requestId: 1,
    });
    console.log(plan.join('\n'));
    const n2 = Number(values.bench);
    if (n2 > 0) await bench(knex, n2, services);
  } finally {
    await knex.destroy();
  }
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
