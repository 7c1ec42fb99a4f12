/**
 * Per-IP limits on real Redis: 429 + Retry-After after N requests, shared by every process,
 * X-Forwarded-For believed only for the configured proxy hops, and an in-memory fallback
 * when Redis is unreachable (neither an open door nor a 500).
 */
import express from 'express';
import Redis from 'ioredis';
import request from 'supertest';
import {
  createIpLimiter,
  guessGate,
  ipRateLimit,
  invalidSignatureGuard,
} from '../../../src/security/ip-limiter';
import { createLogger } from '../../../src/observability/logger';
import { freePort } from '../../helpers/own-redis';
import { deleteByPrefix, testPrefix } from '../../helpers/redis';

const url = process.env.REDIS_URL!;
const prefix = testPrefix();
const logger = createLogger({ level: 'silent', pretty: false });
let redis: Redis;
let other: Redis;
let n = 0;

beforeAll(async () => {
  redis = new Redis(url);
  other = new Redis(url);
  // Until a connection is ready the in-memory insurance limiter counts instead (tested below).
  await Promise.all([redis.ping(), other.ping()]);
});
afterAll(async () => {
  redis.disconnect();
  other.disconnect();
  await deleteByPrefix(url, prefix);
});

function appWith(
  limit: number,
  trustProxyHops: number,
  client: Redis = redis,
  keyPrefix = `${prefix}:rl:ip:t${++n}`,
) {
  const limiter = createIpLimiter({
    redis: client,
    keyPrefix,
    points: limit,
    durationSeconds: 60,
    logger,
  });
  const app = express();
  app.set('trust proxy', trustProxyHops);
  app.use(ipRateLimit(limiter, logger, 'test'));
  app.get('/x', (_req, res) => {
    res.json({ ok: true });
  });
  return { app, keyPrefix };
}

describe('ipRateLimit middleware', () => {
  it('answers 429 with Retry-After once an address used its budget', async () => {
    const { app } = appWith(3, 0);
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await request(app).get('/x')).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const res = await request(app).get('/x');
    expect(res.body).toEqual({ error: 'too many requests' });
    const retry = Number(res.headers['retry-after']);
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
  });

  it('the budget is shared by processes (two apps, two Redis connections, one key prefix)', async () => {
    const keyPrefix = `${prefix}:rl:ip:shared`;
    const one = appWith(4, 0, redis, keyPrefix).app;
    const two = appWith(4, 0, other, keyPrefix).app;
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await request(i % 2 ? one : two).get('/x')).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(4);
  });

  it('with one trusted proxy hop, each forwarded client has its own budget', async () => {
    const { app } = appWith(2, 1);
    const as = (ip: string) => request(app).get('/x').set('x-forwarded-for', ip);
    expect([
      (await as('198.51.100.1')).status,
      (await as('198.51.100.1')).status,
      (await as('198.51.100.1')).status,
    ]).toEqual([200, 200, 429]);
    expect((await as('198.51.100.2')).status).toBe(200);
    // Only the last hop is believed: a client cannot prepend a fake address to escape.
    expect((await as('10.9.9.9, 198.51.100.1')).status).toBe(429);
  });

  it('with no trusted proxy, X-Forwarded-For is ignored (no way to pick a fresh address)', async () => {
    const { app } = appWith(2, 0);
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await request(app).get('/x').set('x-forwarded-for', `203.0.113.${i}`)).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
  });

  it('falls back to an in-memory limit in this process when Redis is unreachable', async () => {
    const dead = new Redis({
      port: await freePort(),
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    const { app } = appWith(2, 0, dead);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await request(app).get('/x')).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
    dead.disconnect();
  });
});

describe('invalidSignatureGuard', () => {
  it('returns true (answer 429) past the budget and sets Retry-After on the response', async () => {
    const limiter = createIpLimiter({
      redis,
      keyPrefix: `${prefix}:rl:ip:sig`,
      points: 2,
      durationSeconds: 60,
      logger,
    });
    const guard = invalidSignatureGuard(limiter, logger);
    const app = express();
    app.post('/webhook', async (req, res) => {
      const limited = await guard(req);
      res.status(limited ? 429 : 401).json({});
    });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push(await request(app).post('/webhook'));
    expect(statuses.map((r) => r.status)).toEqual([401, 401, 429]);
    expect(statuses[0]!.headers['retry-after']).toBeUndefined();
    expect(Number(statuses[2]!.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('guessGate (verify-token guesses)', () => {
  it('peeking counts nothing; past the budget every attempt is refused before it is checked', async () => {
    const limiter = createIpLimiter({
      redis,
      keyPrefix: `${prefix}:rl:ip:guess`,
      points: 2,
      durationSeconds: 60,
      logger,
    });
    const gate = guessGate(limiter, logger, 'test.guess_limited');
    const app = express();
    app.get('/try', async (req, res) => {
      if (await gate.blocked(req)) return void res.status(429).json({});
      if (req.query.secret === 'right') return void res.status(200).json({});
      res.status((await gate.failed(req)) ? 429 : 403).json({});
    });
    // Right answers and peeks do not use up the budget.
    for (let i = 0; i < 5; i++)
      expect((await request(app).get('/try?secret=right')).status).toBe(200);
    const wrong = [];
    for (let i = 0; i < 3; i++) wrong.push((await request(app).get('/try?secret=wrong')).status);
    expect(wrong).toEqual([403, 403, 429]);
    const right = await request(app).get('/try?secret=right');
    expect(right.status).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
  });
});
