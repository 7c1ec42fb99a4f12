/**
 * Feature flags against real Redis and Postgres: the environment's rule when Redis has none, a
 * Redis rule for every process (two flag instances = two processes, each with its own cache),
 * percentage stickiness, an audit row per change, the evaluation metric, evaluations that
 * survive a Redis outage, and the admin routes (same auth and audit as the other admin routes).
 */
import { NOOP_PROVIDER, OpenFeature } from '@openfeature/server-sdk';
import Redis from 'ioredis';
import type { Knex } from 'knex';
import request from 'supertest';
import { actorOf } from '../../../src/admin/auth';
import { listAudit } from '../../../src/db/audit-log';
import { createFlags, type Flags } from '../../../src/flags';
import { countEvaluations } from '../../../src/flags/metrics-hook';
import { RedisFlagProvider } from '../../../src/flags/redis-provider';
import { FlagStore } from '../../../src/flags/store';
import { flagsKey } from '../../../src/queue/keys';
import { registry } from '../../../src/observability/metrics';
import { createLogger } from '../../../src/observability/logger';
import { parseFlagDefaults } from '../../../src/shared/feature-flags';
import { createTestDb, type TestDb } from '../../helpers/db';
import { deleteByPrefix, eventually, sleep, testPrefix } from '../../helpers/redis';
import { adminApp, bearer, KEYS } from '../admin/app';

const url = process.env.REDIS_URL!;
const logger = createLogger({ level: 'silent', pretty: false });
const keys = (n: number, tag = 'k') =>
  Array.from({ length: n }, (_, i) => `wa:5215${tag}${String(i).padStart(7, '0')}`);

let db: TestDb;
let knex: Knex;
let redis: Redis;
const open: Flags[] = [];
const prefixes: string[] = [];

beforeAll(async () => {
  db = await createTestDb({ poolMax: 4 });
  knex = db.knex;
  redis = new Redis(url);
});

afterAll(async () => {
  await Promise.all(open.map((f) => f.close()));
  redis.disconnect();
  await Promise.all(prefixes.map((p) => deleteByPrefix(url, p)));
  await db.destroy();
});

/** One process's flags: its own prefix unless given, its own cache. */
function flagsFor(
  o: { prefix?: string; env?: Record<string, string>; cacheMs?: number; client?: Redis } = {},
): { flags: Flags; prefix: string } {
  const prefix = o.prefix ?? testPrefix();
  prefixes.push(prefix);
  const flags = createFlags({
    redis: o.client ?? redis,
    prefix,
    knex,
    defaults: parseFlagDefaults(o.env ?? {}),
    cacheMs: o.cacheMs ?? 0,
    logger,
  });
  open.push(flags);
  return { flags, prefix };
}

async function counted(flag: string, variant: string): Promise<number> {
  const m = await registry.getSingleMetric('feature_flag_evaluations_total')!.get();
  return m.values.find((v) => v.labels.flag === flag && v.labels.variant === variant)?.value ?? 0;
}

describe('evaluation', () => {
  it('without a Redis value, each flag follows the environment (FEATURE_FLAGS), else its declared default (on)', async () => {
    const { flags } = flagsFor({ env: { understanding: 'off' } });
    expect(await flags.service.isEnabled('understanding', 'wa:5215500000001')).toBe(false);
    expect(await flags.service.isEnabled('handoff', 'wa:5215500000001')).toBe(true);
    expect(await flags.service.conversationFlags('wa:5215500000001')).toEqual({
      understanding: false,
      job_lifecycle: true,
      handoff: true,
    });
    const listed = await flags.service.list();
    expect(listed.find((f) => f.key === 'understanding')).toMatchObject({
      rule: 'off',
      source: 'environment',
      environment: 'off',
      override: null,
    });
    expect(listed.map((f) => f.key)).toEqual([
      'understanding',
      'job_lifecycle',
      'console',
      'handoff',
    ]);
  });

  it('a Redis value wins over the environment; clearing it brings the environment back', async () => {
    const { flags } = flagsFor({ env: { handoff: 'on' } });
    await flags.service.set('handoff', { percent: 0 }, 'key:test');
    expect(await flags.service.isEnabled('handoff', 'wa:5215500000002')).toBe(false);
    expect(await flags.service.get('handoff')).toMatchObject({
      rule: 'off',
      source: 'redis',
      environment: 'on',
      override: { rule: 'off', by: 'key:test' },
    });
    expect(await flags.service.clear('handoff', 'key:test')).toMatchObject({
      cleared: true,
      flag: { rule: 'on', source: 'environment' },
    });
    expect(await flags.service.isEnabled('handoff', 'wa:5215500000002')).toBe(true);
  });

  it('a change made by one process reaches another within its cache period, without restarting it', async () => {
    const admin = flagsFor({ cacheMs: 0 });
    const other = flagsFor({ prefix: admin.prefix, cacheMs: 300 });
    expect(await other.flags.service.isEnabled('understanding', 'wa:5215500000003')).toBe(true); // read now, cached for 300 ms
    await admin.flags.service.set('understanding', { percent: 0 }, 'key:test');
    const changedAt = Date.now();
    await eventually(
      async () =>
        (await other.flags.service.isEnabled('understanding', 'wa:5215500000003')) === false,
      2000,
      20,
    );
    expect(Date.now() - changedAt).toBeLessThan(300 + 250);
  });

  it('a percentage rollout is sticky per conversation key, and close to the percentage over many keys', async () => {
    const { flags } = flagsFor();
    const many = keys(4000);
    await flags.service.set('job_lifecycle', { percent: 30 }, 'key:test');
    const first = await Promise.all(many.map((k) => flags.service.isEnabled('job_lifecycle', k)));
    const again = await Promise.all(many.map((k) => flags.service.isEnabled('job_lifecycle', k)));
    expect(again).toEqual(first);
    const share = first.filter(Boolean).length / many.length;
    expect(share).toBeGreaterThan(0.27);
    expect(share).toBeLessThan(0.33);
    // Another process (no shared memory) gives each key the same variant.
    const other = flagsFor();
    await other.flags.service.set('job_lifecycle', { percent: 30 }, 'key:test');
    expect(
      await Promise.all(many.map((k) => other.flags.service.isEnabled('job_lifecycle', k))),
    ).toEqual(first);
    // Going to 60 % keeps everyone who had it.
    await flags.service.set('job_lifecycle', { percent: 60 }, 'key:test');
    const wider = await Promise.all(many.map((k) => flags.service.isEnabled('job_lifecycle', k)));
    expect(first.every((on, i) => !on || wider[i])).toBe(true);
    expect(wider.filter(Boolean).length).toBeGreaterThan(first.filter(Boolean).length);
  });

  it('counts evaluations by flag and variant', async () => {
    const { flags } = flagsFor();
    await flags.service.set('console', { percent: 0 }, 'key:test');
    const [off, on] = [await counted('console', 'off'), await counted('handoff', 'on')];
    for (let i = 0; i < 3; i++) await flags.service.isEnabled('console');
    await flags.service.isEnabled('handoff', 'wa:5215500000004');
    expect(await counted('console', 'off')).toBe(off + 3);
    expect(await counted('handoff', 'on')).toBe(on + 1);
  });

  it('when Redis cannot be read, evaluations keep the last rules read (never throw)', async () => {
    const client = new Redis(url);
    const { flags, prefix } = flagsFor({ client, cacheMs: 50 });
    await redis.hset(
      flagsKey(prefix),
      'handoff',
      JSON.stringify({ percent: 0, at: Date.now(), by: 'key:test' }),
    );
    expect(await flags.service.isEnabled('handoff', 'wa:5215500000005')).toBe(false);
    client.disconnect();
    await sleep(80);
    expect(await flags.service.isEnabled('handoff', 'wa:5215500000005')).toBe(false);
    expect(await flags.service.conversationFlags('wa:5215500000005')).toEqual({
      understanding: true,
      job_lifecycle: true,
      handoff: false,
    });
  });

  it('ignores Redis fields that are not a declared flag or not a valid rule', async () => {
    const { flags, prefix } = flagsFor();
    await redis.hset(
      flagsKey(prefix),
      'handoff',
      'not json',
      'understanding',
      JSON.stringify({ percent: 140 }),
      'nosuchflag',
      JSON.stringify({ percent: 0 }),
    );
    expect((await flags.service.list()).every((f) => f.source === 'environment')).toBe(true);
    expect(await flags.service.isEnabled('handoff', 'wa:5215500000006')).toBe(true);
  });
});

describe('audit', () => {
  it('every change writes an audit row (set and clear); clearing a flag with no Redis value writes nothing', async () => {
    const { flags } = flagsFor({ env: { console: '50%' } });
    const before = (await listAudit(knex, { entity: 'flag', entityId: 'console' })).length;
    await flags.service.set('console', { percent: 100 }, 'key:aaaaaaaaaaaa');
    await flags.service.set('console', { percent: 10 }, 'key:bbbbbbbbbbbb');
    await flags.service.clear('console', 'key:aaaaaaaaaaaa');
    expect(await flags.service.clear('console', 'key:aaaaaaaaaaaa')).toMatchObject({
      cleared: false,
    });
    const rows = (await listAudit(knex, { entity: 'flag', entityId: 'console' }))
      .slice(0, 3)
      .reverse();
    expect((await listAudit(knex, { entity: 'flag', entityId: 'console' })).length).toBe(
      before + 3,
    );
    expect(rows.map((r) => [r.action, r.actor, r.data])).toEqual([
      ['flag.set', 'key:aaaaaaaaaaaa', { from: '50%', fromSource: 'environment', to: 'on' }],
      ['flag.set', 'key:bbbbbbbbbbbb', { from: 'on', fromSource: 'redis', to: '10%' }],
      ['flag.clear', 'key:aaaaaaaaaaaa', { from: '10%', to: '50%' }],
    ]);
  });

  it('a change Redis refused leaves no audit row (one transaction)', async () => {
    const client = new Redis(url);
    const { flags } = flagsFor({ client });
    client.disconnect();
    const before = (await listAudit(knex, { entity: 'flag', entityId: 'understanding' })).length;
    await expect(flags.service.set('understanding', { percent: 0 }, 'key:test')).rejects.toThrow();
    expect((await listAudit(knex, { entity: 'flag', entityId: 'understanding' })).length).toBe(
      before,
    );
  });
});

describe('admin API', () => {
  it('lists, sets (enabled or percent), and clears flags; audited by key hash; bad input is 400, unknown flags 404', async () => {
    const { flags } = flagsFor();
    const { app } = adminApp(knex, { flags: flags.service });

    expect((await request(app).get('/admin/flags')).status).toBe(401);
    const list = await request(app)
      .get('/admin/flags')
      .set(...bearer());
    expect(list.status).toBe(200);
    expect(list.body.flags).toHaveLength(4);
    expect(list.body.flags[0]).toMatchObject({
      key: 'understanding',
      rule: 'on',
      source: 'environment',
      conversation: true,
    });

    const off = await request(app)
      .put('/admin/flags/understanding')
      .set(...bearer(KEYS[1]))
      .send({ enabled: false });
    expect(off.status).toBe(200);
    expect(off.body.flag).toMatchObject({
      key: 'understanding',
      rule: 'off',
      source: 'redis',
      override: { by: actorOf(KEYS[1]!) },
    });
    expect(await flags.service.isEnabled('understanding', 'wa:5215500000007')).toBe(false);
    const rollout = await request(app)
      .put('/admin/flags/handoff')
      .set(...bearer())
      .send({ percent: 5 });
    expect(rollout.body.flag).toMatchObject({ rule: '5%' });

    for (const body of [
      {},
      { enabled: 'no' },
      { percent: 101 },
      { percent: 2.5 },
      { enabled: true, percent: 5 },
      { enabled: true, extra: 1 },
    ]) {
      const bad = await request(app)
        .put('/admin/flags/handoff')
        .set(...bearer())
        .send(body);
      expect({ body, status: bad.status, error: bad.body.error }).toEqual({
        body,
        status: 400,
        error: 'validation_failed',
      });
    }
    expect(
      (
        await request(app)
          .put('/admin/flags/nosuch')
          .set(...bearer())
          .send({ enabled: true })
      ).status,
    ).toBe(404);
    expect(
      (
        await request(app)
          .get('/admin/flags/nosuch')
          .set(...bearer())
      ).status,
    ).toBe(404);

    const cleared = await request(app)
      .delete('/admin/flags/understanding')
      .set(...bearer());
    expect(cleared.body).toMatchObject({
      cleared: true,
      flag: { rule: 'on', source: 'environment' },
    });
    const audit = await listAudit(knex, { entity: 'flag', entityId: 'understanding', limit: 2 });
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ['flag.clear', actorOf(KEYS[0]!)],
      ['flag.set', actorOf(KEYS[1]!)],
    ]);
    expect(JSON.stringify(audit)).not.toContain(KEYS[1]);
  });
});

describe('what the SDK asks that we do not have', () => {
  it('an undeclared flag or a non-boolean evaluation gives the caller its own default, counted as `default`', async () => {
    const prefix = testPrefix();
    prefixes.push(prefix);
    const domain = `test:${prefix}`;
    await OpenFeature.setProviderAndWait(
      domain,
      new RedisFlagProvider({
        store: new FlagStore(redis, prefix),
        defaults: parseFlagDefaults({}),
        cacheMs: 0,
        logger,
      }),
    );
    const client = OpenFeature.getClient(domain);
    client.addHooks(countEvaluations);
    const before = await counted('unknown', 'default');
    expect(
      await client.getBooleanDetails('understandin', false, { targetingKey: 'wa:1' }),
    ).toMatchObject({ value: false, errorCode: 'FLAG_NOT_FOUND' });
    expect(await client.getStringDetails('handoff', 'x')).toMatchObject({
      value: 'x',
      errorCode: 'TYPE_MISMATCH',
    });
    expect(await counted('unknown', 'default')).toBe(before + 1);
    await OpenFeature.setProviderAndWait(domain, NOOP_PROVIDER);
  });
});
