/**
 * /metrics and /health/ready (readiness names the failing dependency and its error) are not public
 * (issue 16, finding 6): served on INTERNAL_PORT without a token, on PORT only with
 * `Authorization: Bearer $METRICS_TOKEN`, and in production with neither configured nowhere (a
 * warning at start). /health/live and the new GET /health (ready or not, no detail) stay public.
 */
import { requestFrom } from '../../helpers/raw-http';
import { freePort } from '../../helpers/own-redis';
import { startTestSystem, type TestSystem } from '../../helpers/system';
import { startCapturedSystem } from './captured-system';

const get = (url: string, headers: Record<string, string> = {}) =>
  requestFrom('127.0.0.1', url, { headers });
const TOKEN = 'metrics-token-0123456789abcdefghij';

async function expectPublicHealth(baseUrl: string): Promise<void> {
  const live = await get(`${baseUrl}/health/live`);
  expect([live.status, JSON.parse(live.body)]).toEqual([200, { status: 'ok' }]);
  const health = await get(`${baseUrl}/health`);
  expect([health.status, JSON.parse(health.body)]).toEqual([200, { status: 'ok' }]);
}

describe('INTERNAL_PORT set, no token', () => {
  let t: TestSystem;
  let internal: string;
  beforeAll(async () => {
    const port = await freePort();
    internal = `http://127.0.0.1:${port}`;
    t = await startTestSystem({ INTERNAL_PORT: String(port) }, 'web');
  });
  afterAll(async () => {
    await t.stop();
  });

  it('PORT serves /health and /health/live, not /metrics nor /health/ready (404, even with a token)', async () => {
    await expectPublicHealth(t.baseUrl);
    for (const path of ['/metrics', '/health/ready', '/METRICS', '/health/ready/']) {
      const res = await get(`${t.baseUrl}${path}`, { authorization: `Bearer ${TOKEN}` });
      expect([path, res.status]).toEqual([path, 404]);
      expect(res.body).not.toMatch(/postgres|redis|queue|process_cpu/);
    }
  });

  it('the internal port serves /metrics and /health/ready (with the checks) without a token, and nothing of the webhook or admin API', async () => {
    const metrics = await get(`${internal}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('process_cpu_user_seconds_total');
    const ready = await get(`${internal}/health/ready`);
    expect([ready.status, JSON.parse(ready.body)]).toEqual([
      200,
      { status: 'ready', checks: { postgres: 'ok', redis: 'ok', queue: 'ok' } },
    ]);
    await expectPublicHealth(internal);
    expect(
      (
        await get(
          `${internal}/webhook?hub.mode=subscribe&hub.verify_token=${t.config.whatsapp.verifyToken}&hub.challenge=1`,
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await get(`${internal}/admin/providers`, {
          authorization: `Bearer ${process.env.ADMIN_API_KEYS!}`,
        })
      ).status,
    ).toBe(404);
  });
});

describe('METRICS_TOKEN set', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem({ METRICS_TOKEN: TOKEN }, 'web');
  });
  afterAll(async () => {
    await t.stop();
  });

  it('PORT serves /metrics and /health/ready to the bearer token only (401 otherwise); /health and /health/live stay public', async () => {
    await expectPublicHealth(t.baseUrl);
    for (const path of ['/metrics', '/health/ready']) {
      const attempts: Record<string, string>[] = [
        {},
        { authorization: 'Bearer wrong-token' },
        { authorization: `Bearer ${TOKEN}x` },
        { authorization: `Basic ${TOKEN}` },
        { 'x-api-key': TOKEN },
      ];
      for (const headers of attempts) {
        const res = await get(`${t.baseUrl}${path}`, headers);
        expect([path, headers, res.status]).toEqual([path, headers, 401]);
        expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
        expect(res.body).not.toMatch(/postgres|redis|process_cpu/);
      }
      expect((await get(`${t.baseUrl}${path}`, { authorization: `Bearer ${TOKEN}` })).status).toBe(
        200,
      );
    }
  });
});

describe('production with neither INTERNAL_PORT nor METRICS_TOKEN', () => {
  it('serves /metrics and /health/ready nowhere (fail closed), says so at start, and keeps /health public', async () => {
    const t = await startCapturedSystem(
      {
        NODE_ENV: 'production',
        WHATSAPP_APP_SECRET: 'prod-like-app-secret-0123456789abcdef',
        WHATSAPP_VERIFY_TOKEN: 'prod-like-verify-token-01234',
        WHATSAPP_ACCESS_TOKEN: 'EAAG-prod-like-access-token-0123',
        ADMIN_API_KEYS: 'prod-like-admin-key-0123456789abcdef',
      },
      'web',
    );
    try {
      expect(t.config.env).toBe('production');
      await expectPublicHealth(t.baseUrl);
      for (const path of ['/metrics', '/health/ready'])
        expect((await get(`${t.baseUrl}${path}`)).status).toBe(404);
      const warning = t.logs
        .map((l) => JSON.parse(l) as { event?: string; msg?: string; level?: number })
        .find((l) => l.event === 'server.internal_endpoints_closed');
      expect(warning).toMatchObject({
        level: 40,
        msg: expect.stringMatching(/INTERNAL_PORT.*METRICS_TOKEN/),
      });
    } finally {
      await t.stop();
    }
  });
});

describe('GET /health', () => {
  it('answers 503 {"status":"unavailable"} without naming what failed when a dependency is down', async () => {
    const t = await startTestSystem({}, 'web');
    try {
      await expectPublicHealth(t.baseUrl);
      // Postgres goes away (pool destroyed); after the one-second reuse window /health notices.
      await t.system.knex.destroy();
      await new Promise((r) => setTimeout(r, 1100));
      const res = await get(`${t.baseUrl}/health`);
      expect([res.status, JSON.parse(res.body)]).toEqual([503, { status: 'unavailable' }]);
      const ready = await get(`${t.baseUrl}/health/ready`);
      expect(ready.status).toBe(503);
      expect(JSON.parse(ready.body)).toMatchObject({
        checks: { postgres: expect.stringMatching(/^down/) },
      });
    } finally {
      await t.stop().catch(() => undefined);
    }
  });
});
