/**
 * scripts/smoke.sh: passes against the real bot (in-process, with the local Cloud API fake), both
 * ways of sending the signed test message; fails (non-zero, with a reason) on each broken check,
 * against a stand-in app that can be told to misbehave; stays inside its time budget.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { signBody, verifySignature } from '../../../src/shared/signature';
import { startTestSystem, type TestSystem } from '../../helpers/system';
import { ROOT, requireBinary, run } from './helpers';

const SMOKE = path.join(ROOT, 'scripts', 'smoke.sh');
const VERIFY = 'smoke-verify-token';
const SECRET = 'smoke-app-secret';

beforeAll(() => {
  requireBinary('curl', 'curl');
  requireBinary('openssl', 'openssl');
});

interface StubOptions {
  readyStatus?: number;
  handshakeAcceptsAnything?: boolean;
  metricsBody?: string;
  reply?: boolean;
  secret?: string;
  hangOn?: string;
  /** /health/ready and /metrics answer 401 without `Authorization: Bearer <this>`. */
  metricsToken?: string;
}

/** A stand-in for the app and the fake in one server, misbehaving on request. */
async function startStub(opts: StubOptions = {}) {
  const sent: { to: string; seq: number }[] = [];
  let seq = 0;
  const secret = opts.secret ?? SECRET;
  const receiveWebhook = (raw: Buffer, signature: string | undefined): number => {
    if (!verifySignature(raw, signature, secret)) return 401;
    const body = JSON.parse(raw.toString('utf8'));
    const from: string = body.entry[0].changes[0].value.messages[0].from;
    if (opts.reply !== false)
      setTimeout(
        () => sent.push({ to: from.startsWith('521') ? `52${from.slice(3)}` : from, seq: ++seq }),
        200,
      );
    return 200;
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stub');
      const raw = Buffer.concat(chunks);
      const send = (status: number, body: string, type = 'text/plain'): true => {
        res.writeHead(status, { 'content-type': type }).end(body);
        return true;
      };
      if (opts.hangOn === url.pathname) return false; // never answers
      if (
        opts.metricsToken &&
        ['/health/ready', '/metrics'].includes(url.pathname) &&
        req.headers.authorization !== `Bearer ${opts.metricsToken}`
      )
        return send(401, '{"error":"unauthorized"}');
      if (req.method === 'GET' && url.pathname === '/health/live')
        return send(200, '{"status":"ok"}');
      if (req.method === 'GET' && url.pathname === '/health/ready')
        return send(opts.readyStatus ?? 200, '{}');
      if (req.method === 'GET' && url.pathname === '/metrics')
        return send(
          200,
          opts.metricsBody ??
            '# HELP whatsapp_messages_received_total x\n# TYPE whatsapp_messages_received_total counter\n',
        );
      if (req.method === 'GET' && url.pathname === '/webhook') {
        const ok =
          url.searchParams.get('hub.mode') === 'subscribe' &&
          url.searchParams.get('hub.verify_token') === VERIFY;
        return ok || opts.handshakeAcceptsAnything
          ? send(200, url.searchParams.get('hub.challenge') ?? '')
          : send(403, '{"error":"verification failed"}');
      }
      if (req.method === 'POST' && url.pathname === '/webhook')
        return send(
          receiveWebhook(raw, req.headers['x-hub-signature-256'] as string | undefined),
          '{}',
        );
      if (req.method === 'POST' && url.pathname === '/__fake/inbound') {
        const status = receiveWebhook(raw, signBody(raw, secret));
        return send(200, JSON.stringify({ status, body: 'EVENT_RECEIVED' }), 'application/json');
      }
      if (req.method === 'GET' && url.pathname === '/__fake/received') {
        const to = url.searchParams.get('to') ?? '';
        const norm = to.startsWith('521') ? `52${to.slice(3)}` : to;
        return send(
          200,
          JSON.stringify({ messages: sent.filter((m) => m.to === norm) }),
          'application/json',
        );
      }
      return send(404, 'not found');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    stop: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('smoke.sh against a stand-in app', () => {
  const smoke = (stubUrl: string, extra: Record<string, string> = {}) =>
    run('bash', [SMOKE], {
      env: { BASE_URL: stubUrl, WHATSAPP_VERIFY_TOKEN: VERIFY, SMOKE_TIMEOUT: '8', ...extra },
    });

  it('passes when everything answers as it should (signing locally, and via the fake)', async () => {
    const stub = await startStub();
    try {
      const local = await smoke(stub.url, { FAKE_URL: stub.url, WHATSAPP_APP_SECRET: SECRET });
      expect({ code: local.code, output: local.output }).toEqual({
        code: 0,
        output: expect.any(String),
      });
      expect(local.stdout).toContain('signed with openssl');
      expect(local.stdout).toContain('bot replied');
      const viaFake = await smoke(stub.url, { FAKE_URL: stub.url });
      expect({ code: viaFake.code, output: viaFake.output }).toEqual({
        code: 0,
        output: expect.any(String),
      });
      expect(viaFake.stdout).toContain('signed by the fake');
      const noFake = await smoke(stub.url);
      expect(noFake.code).toBe(0);
      expect(noFake.stdout).not.toContain('bot replied');
    } finally {
      await stub.stop();
    }
  });

  // [case, stub behaviour, round trip through the fake?, extra env, expected reason]
  const failures: [string, StubOptions, boolean, Record<string, string>, RegExp][] = [
    ['/health/ready answers 503', { readyStatus: 503 }, false, {}, /GET \/health\/ready: HTTP 503/],
    [
      '/metrics lacks the app metrics',
      { metricsBody: 'process_cpu_seconds_total 1\n' },
      false,
      {},
      /does not contain whatsapp_messages_received_total/,
    ],
    [
      'the handshake accepts a wrong token',
      { handshakeAcceptsAnything: true },
      false,
      {},
      /wrong token: HTTP 200, expected 403/,
    ],
    ['the bot never replies', { reply: false }, true, {}, /no reply to 521\d{10}/],
    [
      'the app secret does not match',
      { secret: 'another-secret' },
      true,
      { WHATSAPP_APP_SECRET: SECRET },
      /POST \/webhook \(signed with openssl\): HTTP 401/,
    ],
  ];
  it.each(failures)('fails when %s', async (_name, opts, viaFake, extra, reason) => {
    const stub = await startStub(opts);
    try {
      const r = await smoke(stub.url, {
        SMOKE_TIMEOUT: '4',
        ...(viaFake ? { FAKE_URL: stub.url } : {}),
        ...extra,
      });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(reason);
    } finally {
      await stub.stop();
    }
  });

  it('sends METRICS_TOKEN for /health/ready and /metrics (how the app serves them on its public port)', async () => {
    const stub = await startStub({ metricsToken: 'smoke-metrics-token-0123456789' });
    try {
      const withToken = await smoke(stub.url, { METRICS_TOKEN: 'smoke-metrics-token-0123456789' });
      expect({ code: withToken.code, output: withToken.output }).toEqual({
        code: 0,
        output: expect.any(String),
      });
      const without = await smoke(stub.url, { SMOKE_TIMEOUT: '4' });
      expect(without.code).not.toBe(0);
      expect(without.stderr).toMatch(/GET \/health\/ready: HTTP 401/);
    } finally {
      await stub.stop();
    }
  });

  it('fails fast when nothing listens, and never exceeds its time budget on a hung endpoint', async () => {
    const down = await smoke('http://127.0.0.1:1');
    expect(down.code).not.toBe(0);
    expect(down.stderr).toMatch(/health\/live: HTTP 000/);

    const stub = await startStub({ hangOn: '/metrics' });
    try {
      const t0 = Date.now();
      const hung = await smoke(stub.url, { SMOKE_TIMEOUT: '3' });
      expect(hung.code).not.toBe(0);
      expect(Date.now() - t0).toBeLessThan(6000);
    } finally {
      await stub.stop();
    }
  });

  it('needs WHATSAPP_VERIFY_TOKEN and documents itself', async () => {
    const r = await run('bash', [SMOKE], { env: { BASE_URL: 'http://127.0.0.1:1' } });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('WHATSAPP_VERIFY_TOKEN');
    const help = await run('bash', [SMOKE, '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('usage: scripts/smoke.sh');
  });
});

describe('smoke.sh against the real bot and the local Cloud API fake', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem();
  }, 30_000);
  afterAll(async () => {
    await sys?.stop();
  });

  const env = () => ({
    BASE_URL: sys.baseUrl,
    FAKE_URL: sys.fake.url,
    WHATSAPP_VERIFY_TOKEN: sys.config.whatsapp.verifyToken,
    WHATSAPP_PHONE_NUMBER_ID: sys.config.whatsapp.phoneNumberId,
  });

  it('passes, signing the test message with openssl', async () => {
    const r = await run('bash', [SMOKE], {
      env: { ...env(), WHATSAPP_APP_SECRET: sys.config.whatsapp.appSecret },
    });
    expect({ code: r.code, output: r.output }).toEqual({ code: 0, output: expect.any(String) });
    expect(r.stdout).toContain('bot replied to the test message');
  }, 40_000);

  it('passes, letting the fake sign the test message', async () => {
    const r = await run('bash', [SMOKE], { env: env() });
    expect({ code: r.code, output: r.output }).toEqual({ code: 0, output: expect.any(String) });
    expect(r.stdout).toContain('signed by the fake');
  }, 40_000);
});

describe('smoke.sh against the real bot whose Postgres goes down', () => {
  let pg: Awaited<ReturnType<typeof import('../../helpers/own-postgres').startOwnPostgres>>;
  let sys: TestSystem;
  beforeAll(async () => {
    const { startOwnPostgres } = await import('../../helpers/own-postgres');
    pg = await startOwnPostgres();
    sys = await startTestSystem({ DATABASE_URL: pg.url, DATABASE_SCHEMA: 'public' });
    const { createKnex, migrateLatest } = await import('../../../src/db/knex');
    const knex = createKnex({ url: pg.url, schema: 'public', poolMax: 2 });
    await migrateLatest(knex, 'public');
    await knex.destroy();
  }, 60_000);
  afterAll(async () => {
    await sys?.stop();
    await pg?.destroy();
  }, 60_000);

  it('passes while the database is up and fails (non-zero, naming Postgres) once it is down', async () => {
    const env = {
      BASE_URL: sys.baseUrl,
      FAKE_URL: sys.fake.url,
      WHATSAPP_VERIFY_TOKEN: sys.config.whatsapp.verifyToken,
      WHATSAPP_PHONE_NUMBER_ID: sys.config.whatsapp.phoneNumberId,
      WHATSAPP_APP_SECRET: sys.config.whatsapp.appSecret,
    };
    const up = await run('bash', [SMOKE], { env });
    expect({ code: up.code, output: up.output }).toEqual({ code: 0, output: expect.any(String) });

    await pg.stop('immediate');
    const down = await run('bash', [SMOKE], { env });
    expect(down.code).not.toBe(0);
    expect(down.output).toMatch(/ready|postgres/i);
  }, 90_000);
});
