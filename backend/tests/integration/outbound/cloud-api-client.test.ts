/**
 * The Cloud API client against the local fake over real HTTP (no axios stubs).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { buildMarkRead, buildPayload } from '../../../src/outbound/builders';
import { createCloudApiClient, type CloudApiClient } from '../../../src/outbound/cloud-api-client';
import { CloudApiError } from '../../../src/outbound/cloud-api-errors';
import { startFake, type FakeCloudApi } from '../../helpers/fake';

const TOKEN = 'EAAtestTokenForTheFakeCloudApi0123456789';
const PHONE_NUMBER_ID = '106540352242922';
const ANA = '5215512345678';

let fake: FakeCloudApi;
let client: CloudApiClient;
const clients: CloudApiClient[] = [];

function newClient(
  over: { accessToken?: string; timeoutMs?: number; baseUrl?: string } = {},
): CloudApiClient {
  const c = createCloudApiClient({
    baseUrl: fake.url,
    apiVersion: 'v23.0',
    phoneNumberId: PHONE_NUMBER_ID,
    accessToken: TOKEN,
    timeoutMs: 2000,
    ...over,
  });
  clients.push(c);
  return c;
}

async function failure(promise: Promise<unknown>): Promise<CloudApiError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof CloudApiError) return e;
    throw e;
  }
  throw new Error('expected a CloudApiError');
}

const hola = () => buildPayload({ phone: ANA }, { type: 'text', body: 'Hola Ana 👋' });

beforeAll(async () => {
  fake = await startFake({ accessToken: TOKEN, phoneNumberId: PHONE_NUMBER_ID });
  client = newClient();
});
afterEach(() => fake.reset());
afterAll(async () => {
  clients.forEach((c) => c.close());
  await fake.stop();
});

describe('send', () => {
  it('returns the wamid and Meta’s canonical wa_id (521… for an MX 52… send)', async () => {
    const result = await client.send(hola());
    expect(result.messageId).toMatch(/^wamid\./);
    expect(result).toMatchObject({ waId: ANA, messageStatus: 'accepted' });
  });

  it('is recorded by the fake exactly as built, without the token', async () => {
    const payload = buildPayload(
      { phone: ANA },
      { type: 'buttons', body: '¿Confirmas?', buttons: [{ id: 'yes', title: 'Sí' }] },
      { replyTo: 'wamid.IN' },
    );
    const { messageId } = await client.send(payload);
    const [recorded] = fake.receivedFor(ANA);
    expect(recorded).toMatchObject({
      kind: 'message',
      to: '525512345678',
      type: 'interactive',
      status: 200,
      messageId,
      apiVersion: 'v23.0',
      phoneNumberId: PHONE_NUMBER_ID,
    });
    expect(recorded?.body).toEqual(payload);
    expect(recorded?.headers).not.toHaveProperty('authorization');
    expect(JSON.stringify(fake.received())).not.toContain(TOKEN);
    expect(recorded?.headers['content-type']).toContain('application/json');
  });

  it('reuses connections (keep-alive)', async () => {
    await client.send(hola());
    await client.send(hola());
    expect(fake.received().map((m) => m.headers.connection)).toEqual(['keep-alive', 'keep-alive']);
  });

  it('returns the BSUID for a recipient-addressed send', async () => {
    const result = await client.send(
      buildPayload({ bsuid: 'MX.13491208655302741918' }, { type: 'text', body: 'hola' }),
    );
    expect(result).toMatchObject({ userId: 'MX.13491208655302741918' });
    expect(result.waId).toBeUndefined();
  });
});

describe('egress proxy', () => {
  // A forward proxy for plain HTTP: the request line carries the absolute URL.
  async function startProxy(): Promise<{ url: string; seen: string[]; close(): Promise<void> }> {
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      const upstream = http.request(
        req.url ?? '',
        { method: req.method, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      seen,
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  }

  it('goes through HTTP_PROXY when it is set at start, and straight to the API when not', async () => {
    const proxy = await startProxy();
    const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };
    try {
      delete process.env.NO_PROXY;
      delete process.env.HTTP_PROXY;
      const direct = newClient();
      process.env.HTTP_PROXY = proxy.url;
      const viaProxy = newClient();

      expect((await viaProxy.send(hola())).messageId).toMatch(/^wamid\./);
      expect(proxy.seen).toEqual([`POST ${fake.url}/v23.0/${PHONE_NUMBER_ID}/messages`]);
      // Created without a proxy in the environment: stays direct (the lookup is done once).
      expect((await direct.send(hola())).messageId).toMatch(/^wamid\./);
      expect(proxy.seen).toHaveLength(1);
      expect(fake.received()).toHaveLength(2);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      await proxy.close();
    }
  });
});

describe('markRead', () => {
  it('resolves on { success: true } and is recorded as a read', async () => {
    await expect(
      client.markRead(buildMarkRead('wamid.IN1', { typing: true })),
    ).resolves.toBeUndefined();
    expect(fake.received()[0]).toMatchObject({
      kind: 'read',
      status: 200,
      body: { status: 'read', message_id: 'wamid.IN1', typing_indicator: { type: 'text' } },
    });
  });

  it('fails when a failure targets reads', async () => {
    fake.failNext(1, { preset: 'server', appliesTo: 'read' });
    expect(await failure(client.markRead(buildMarkRead('wamid.IN1')))).toMatchObject({
      kind: 'retryable',
      httpStatus: 500,
      code: 131000,
    });
  });
});

describe('failures are classified', () => {
  it.each([
    ['throughput', { kind: 'retryable', httpStatus: 429, code: 130429, minRetryDelayMs: 0 }],
    ['server', { kind: 'retryable', httpStatus: 500, code: 131000 }],
    [
      'reengagement',
      { kind: 'window_closed', httpStatus: 400, code: 131047, title: 'Re-engagement message' },
    ],
    ['pairRate', { kind: 'retryable', httpStatus: 400, code: 131056, minRetryDelayMs: 6000 }],
    ['invalidParameter', { kind: 'permanent', httpStatus: 400, code: 100 }],
    ['undeliverable', { kind: 'permanent', httpStatus: 400, code: 131026 }],
    ['notAllowed', { kind: 'permanent', httpStatus: 400, code: 131030 }],
  ] as const)('%s', async (preset, expected) => {
    fake.failNext(1, preset);
    const err = await failure(client.send(hola()));
    expect(err).toMatchObject(expected);
    expect(err.details).toEqual(expect.any(String));
    expect(err.fbtraceId).toEqual(expect.any(String));
    // Only the next send failed.
    await expect(client.send(hola())).resolves.toMatchObject({ waId: ANA });
  });

  it('a custom code', async () => {
    fake.failNext(1, {
      code: 368,
      httpStatus: 403,
      message: '(#368) Temporarily blocked for policies violations',
    });
    expect(await failure(client.send(hola()))).toMatchObject({
      kind: 'permanent',
      httpStatus: 403,
      code: 368,
      title: 'Temporarily blocked for policies violations',
    });
  });

  it('a body Meta would reject (missing type) is a permanent code 100', async () => {
    const { type: _t, ...noType } = hola() as unknown as Record<string, unknown>;
    expect(await failure(client.send(noType as never))).toMatchObject({
      kind: 'permanent',
      code: 100,
      title: 'The parameter type is required.',
    });
  });

  it('a wrong token is auth (401, code 190) and the token never appears in the error', async () => {
    const wrong = 'EAAwrongTokenAbcdefghijklmnop123456';
    const err = await failure(newClient({ accessToken: wrong }).send(hola()));
    expect(err).toMatchObject({ kind: 'auth', httpStatus: 401, code: 190 });
    for (const text of [err.message, err.stack ?? '', inspect(err), JSON.stringify(err)]) {
      expect(text).not.toContain(wrong);
      expect(text).not.toContain(TOKEN);
    }
  });

  it('a timeout is retryable', async () => {
    fake.setLatency(1000);
    const err = await failure(newClient({ timeoutMs: 150 }).send(hola()));
    expect(err).toMatchObject({ kind: 'retryable', title: 'timeout', httpStatus: undefined });
    expect(inspect(err)).not.toContain(TOKEN);
  });

  it('a dropped connection is retryable', async () => {
    fake.failNext(1, 'disconnect');
    const err = await failure(client.send(hola()));
    expect(err).toMatchObject({ kind: 'retryable', title: 'network' });
    expect(err.networkCode).toEqual(expect.any(String));
  });

  it('a refused connection is retryable', async () => {
    const err = await failure(newClient({ baseUrl: 'http://127.0.0.1:1' }).send(hola()));
    expect(err).toMatchObject({ kind: 'retryable', networkCode: 'ECONNREFUSED' });
  });

  it('an unknown phone-number id is permanent (code 100)', async () => {
    const other = createCloudApiClient({
      baseUrl: fake.url,
      apiVersion: 'v23.0',
      phoneNumberId: '999',
      accessToken: TOKEN,
      timeoutMs: 2000,
    });
    clients.push(other);
    expect(await failure(other.send(hola()))).toMatchObject({ kind: 'permanent', code: 100 });
  });
});
