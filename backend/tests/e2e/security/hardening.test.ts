/**
 * HTTP hardening of the real app: helmet headers and no `x-powered-by` on every route
 * (webhook, health, metrics, admin, 404, error answers), unknown routes → 404 JSON, and
 * bounded work per webhook (body size, events per delivery, nesting depth, text length).
 * Runs the web role only, so accepted events stay in the inbox where the test can read them.
 */
import { inboundEnvelope, batchEnvelope } from '../../../dev/fake-cloud-api/payloads';
import { conversationKeys } from '../../../src/queue/keys';
import { startTestSystem, type TestSystem } from '../../helpers/system';

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem(
    {
      WEBHOOK_BODY_LIMIT: '64kb',
      WEBHOOK_MAX_EVENTS: '5',
      MAX_TEXT_LENGTH: '100',
      WEBHOOK_MAX_JSON_DEPTH: '16',
    },
    'web',
  );
});
afterAll(async () => {
  await t.stop();
});

const HELMET: Record<string, RegExp> = {
  'content-security-policy': /default-src 'self'/,
  'strict-transport-security': /max-age=\d+/,
  'x-content-type-options': /^nosniff$/,
  'x-frame-options': /^SAMEORIGIN$/,
  'referrer-policy': /^no-referrer$/,
  'cross-origin-opener-policy': /^same-origin$/,
  'cross-origin-resource-policy': /^same-origin$/,
  'x-dns-prefetch-control': /^off$/,
  'x-download-options': /^noopen$/,
  'x-permitted-cross-domain-policies': /^none$/,
};

function expectHardened(res: Response): void {
  for (const [header, pattern] of Object.entries(HELMET))
    expect([header, res.headers.get(header)]).toEqual([header, expect.stringMatching(pattern)]);
  expect(res.headers.get('x-powered-by')).toBeNull();
}

describe('security headers on every route', () => {
  const routes: [string, () => Promise<Response>, number][] = [
    [
      'GET /webhook (verification)',
      () =>
        fetch(
          `${t.baseUrl}/webhook?hub.mode=subscribe&hub.verify_token=${t.config.whatsapp.verifyToken}&hub.challenge=42`,
        ),
      200,
    ],
    [
      'GET /webhook (wrong token)',
      () => fetch(`${t.baseUrl}/webhook?hub.mode=subscribe&hub.verify_token=x&hub.challenge=42`),
      403,
    ],
    [
      'POST /webhook (signed)',
      () =>
        t.postWebhook(inboundEnvelope({ waId: '5215512346001' }, { type: 'text', body: 'hola' })),
      200,
    ],
    ['POST /webhook (bad signature)', () => t.postWebhook('{}', 'sha256=00'), 401],
    ['POST /webhook (malformed)', () => t.postWebhook('{"object":'), 400],
    [
      'POST /webhook (too large)',
      () => t.postWebhook(JSON.stringify({ pad: 'x'.repeat(100_000) })),
      413,
    ],
    ['GET /health/live', () => fetch(`${t.baseUrl}/health/live`), 200],
    ['GET /health/ready', () => fetch(`${t.baseUrl}/health/ready`), 200],
    ['GET /metrics', () => fetch(`${t.baseUrl}/metrics`), 200],
    ['GET /admin/…', () => fetch(`${t.baseUrl}/admin/providers`), -1],
    [
      'POST /admin/… (broken JSON)',
      () =>
        fetch(`${t.baseUrl}/admin/providers`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{nope',
        }),
      -1,
    ],
    ['GET /unknown', () => fetch(`${t.baseUrl}/wp-login.php`), 404],
  ];

  it.each(routes)('%s', async (_name, call, status) => {
    const res = await call();
    if (status > 0) expect(res.status).toBe(status);
    expectHardened(res);
    if (res.status >= 400) expect(res.headers.get('content-type')).toMatch(/application\/json/);
  });

  it('unknown routes and methods are 404 JSON', async () => {
    for (const [method, path] of [
      ['GET', '/'],
      ['POST', '/'],
      ['GET', '/.env'],
      ['GET', '/.git/config'],
      ['PUT', '/webhook'],
      ['DELETE', '/health/live'],
      ['GET', '/webhook/../.env'],
      ['OPTIONS', '/nothing'],
    ] as const) {
      const res = await fetch(`${t.baseUrl}${path}`, { method });
      expect([method, path, res.status]).toEqual([method, path, 404]);
      expect(await res.json()).toEqual({ error: 'not found' });
    }
  });
});

describe('bounded work per webhook', () => {
  it('a body over WEBHOOK_BODY_LIMIT is refused with 413 before the signature is even checked', async () => {
    const res = await t.postWebhook(
      JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [],
        pad: 'x'.repeat(70 * 1024),
      }),
    );
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: 'payload too large' });
    const unsigned = await fetch(`${t.baseUrl}/webhook`, {
      method: 'POST',
      body: 'x'.repeat(70 * 1024),
    });
    expect(unsigned.status).toBe(413);
  });

  it('more than WEBHOOK_MAX_EVENTS events in one delivery → 400, nothing queued', async () => {
    const user = { waId: '5215512346002' };
    const six = batchEnvelope(
      Array.from({ length: 6 }, (_, i) => ({
        user,
        content: { type: 'text' as const, body: `m${i}` },
      })),
    );
    expect((await t.postWebhook(six)).status).toBe(400);
    expect(await t.system.redis.exists(conversationKeys(t.prefix, 'wa:5215512346002').inbox)).toBe(
      0,
    );
    const five = batchEnvelope(
      Array.from({ length: 5 }, (_, i) => ({
        user,
        content: { type: 'text' as const, body: `m${i}` },
      })),
    );
    expect((await t.postWebhook(five)).status).toBe(200);
  });

  it('nesting deeper than WEBHOOK_MAX_JSON_DEPTH → 400 without parsing; Meta-shaped bodies pass', async () => {
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    const res = await t.postWebhook(
      `{"object":"whatsapp_business_account","entry":[],"x":${deep(20_000)}}`,
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'body nested too deeply' });
    expect(
      (await t.postWebhook(`{"object":"whatsapp_business_account","entry":[],"x":${deep(10)}}`))
        .status,
    ).toBe(200);
    expect((await fetch(`${t.baseUrl}/health/ready`)).status).toBe(200);
  });

  it('text longer than MAX_TEXT_LENGTH is cut before it is queued; odd fields never carry huge strings', async () => {
    const waId = '5215512346003';
    const envelope = inboundEnvelope(
      { waId, name: 'N'.repeat(5000) },
      { type: 'text', body: 'y'.repeat(20_000) },
    );
    (envelope.entry[0]!.changes[0]!.value as unknown as Record<string, unknown>).unexpected =
      'z'.repeat(20_000);
    expect((await t.postWebhook(envelope)).status).toBe(200);
    const [member] = await t.system.redis.zrange(
      conversationKeys(t.prefix, `wa:${waId}`).inbox,
      0,
      0,
    );
    const entry = JSON.parse(member!) as { event: { text: string; profile: { name: string } } };
    expect(entry.event.text).toHaveLength(100);
    expect(entry.event.profile.name.length).toBeLessThanOrEqual(256);
    expect(member!.length).toBeLessThan(1500);
    expect(member).not.toContain('zzzz');
  });
});
