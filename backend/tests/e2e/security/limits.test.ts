/**
 * Abuse limits through the real app: per-user inbound limits (acknowledged with 200, not
 * processed, one "slow down" reply per window, counted in a metric; internal events never
 * limited), per-IP limits on failed webhook signatures and on the admin API (429 + Retry-After).
 */
import { inboundEnvelope, newWamid } from '../../../dev/fake-cloud-api/payloads';
import { enqueueEntries } from '../../../src/queue/inbox';
import { conversationKeys } from '../../../src/queue/keys';
import { registry } from '../../../src/observability/metrics';
import { signBody } from '../../../src/shared/signature';
import { startTestSystem, type TestSystem } from '../../helpers/system';
import { eventually, sleep } from '../../helpers/redis';

let t: TestSystem;

beforeAll(async () => {
  t = await startTestSystem({
    INBOUND_LIMIT_PER_MINUTE: '5',
    INBOUND_LIMIT_PER_HOUR: '100',
    WEBHOOK_INVALID_SIGNATURE_PER_MINUTE: '3',
    ADMIN_RATE_LIMIT_PER_MINUTE: '5',
    // Meta's pair rate would otherwise pace the replies of this test's single user.
    OUTBOUND_PER_RECIPIENT_PER_MINUTE: '0',
  });
});
afterAll(async () => {
  await t.stop();
});

async function droppedTotal(): Promise<number> {
  const m = await registry.getSingleMetric('inbound_rate_limited_total')!.get();
  return m.values.reduce((sum, v) => sum + v.value, 0);
}
const sendsTo = (to: string) =>
  t.fake.received().filter((m) => m.kind === 'message' && m.to === to);
const readIds = () =>
  new Set(
    t.fake
      .received()
      .filter((m) => m.kind === 'read')
      .map((m) => (m.body as { message_id?: string }).message_id),
  );
const slowDowns = (to: string) =>
  sendsTo(to).filter((m) =>
    /^Vas muy rápido 🙂 Espera .+ y vuelve a escribirme\.$/.test(
      (m.body as { text?: { body?: string } }).text?.body ?? '',
    ),
  );

async function idle(key: string): Promise<boolean> {
  const k = conversationKeys(t.prefix, key);
  return (await t.system.redis.zcard(k.inbox)) === 0 && (await t.system.redis.llen(k.outbox)) === 0;
}

describe('per-user inbound limit', () => {
  const user = { waId: '5215512347001', name: 'Flor' };
  const key = `wa:${user.waId}`;
  const to = '525512347001';

  it('processes 5 free messages a minute, acknowledges the rest with 200 without processing them, and says "slow down" once', async () => {
    // Two messages to reach the main menu: the greeting (free text) and the name (an answer to
    // the bot's question, counted in the answers budget).
    await t.postWebhook(inboundEnvelope(user, { type: 'text', body: 'hola' }));
    await eventually(async () => (await idle(key)) && sendsTo(to).length >= 1);
    await t.postWebhook(inboundEnvelope(user, { type: 'text', body: 'Flor' }));
    await eventually(async () => (await idle(key)) && sendsTo(to).length >= 2);
    const dropped0 = await droppedTotal();

    // A burst of 7 texts the menu did not ask for: 4 fit in the minute's free budget, 3 are dropped.
    const ids = Array.from({ length: 7 }, () => newWamid());
    for (const id of ids) {
      const res = await t.postWebhook(
        inboundEnvelope(user, { type: 'text', body: 'qwxz otra vez' }, { id }),
      );
      expect(res.status).toBe(200);
    }
    await eventually(
      async () =>
        (await idle(key)) && slowDowns(to).length === 1 && (await droppedTotal()) - dropped0 === 3,
      15000,
    );
    // The notice states the real wait: the minute window opened with the burst, moments ago.
    expect((slowDowns(to)[0]!.body as { text: { body: string } }).text.body).toBe(
      'Vas muy rápido 🙂 Espera 1 minuto y vuelve a escribirme.',
    );
    const read = readIds();
    expect(ids.filter((id) => read.has(id))).toHaveLength(4);
    // Processed in order: the first four were read, the last three were not.
    expect(ids.slice(0, 4).every((id) => read.has(id))).toBe(true);

    // More messages in the same window: still 200, still dropped, no second notice.
    for (let i = 0; i < 4; i++)
      expect(
        (await t.postWebhook(inboundEnvelope(user, { type: 'text', body: `más ${i}` }))).status,
      ).toBe(200);
    await eventually(
      async () => (await idle(key)) && (await droppedTotal()) - dropped0 === 7,
      15000,
    );
    await sleep(300);
    expect(slowDowns(to)).toHaveLength(1);

    const text = await (await fetch(`${t.baseUrl}/metrics`)).text();
    expect(text).toMatch(/inbound_rate_limited_total\{budget="free",window="minute"\} [1-9]/);
  });

  it('internal events (notices, timers, results) of a limited user are still processed and not counted', async () => {
    // Counted under the dialable form of the number (the 521… and 52… forms share one budget).
    const counter = `${t.prefix}:rl:in:free:minute:wa:${to}`;
    const before = await t.system.redis.get(counter);
    expect(Number(before)).toBeGreaterThan(0);
    const dropped0 = await droppedTotal();
    const version = async () =>
      Number((await t.system.redis.hget(conversationKeys(t.prefix, key).state, 'v')) ?? 0);
    const v0 = await version();
    const now = Date.now();
    await enqueueEntries(t.system.inbox, key, [
      {
        event: {
          source: 'internal',
          kind: 'notice',
          id: `test-notice-${now}`,
          at: now,
          notice: 'providerSuspended',
          data: {},
        },
        correlationId: 'c',
        receivedAt: now,
      },
    ]);
    await eventually(async () => (await idle(key)) && (await version()) > v0);
    expect(await droppedTotal()).toBe(dropped0);
    expect(await t.system.redis.get(counter)).toBe(before);
  });

  it('another user is not affected', async () => {
    const other = { waId: '5215512347002', name: 'Gus' };
    expect(
      (await t.postWebhook(inboundEnvelope(other, { type: 'text', body: 'hola' }))).status,
    ).toBe(200);
    await t.fake.waitFor((m) => m.kind === 'message' && m.to === '525512347002', 10000);
  });
});

describe('per-IP limit on failed webhook signatures', () => {
  const body = JSON.stringify(
    inboundEnvelope({ waId: '5215512347010', name: 'Eve' }, { type: 'text', body: 'hola' }),
  );
  const forged = (ip: string) =>
    fetch(`${t.baseUrl}/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': 'sha256=' + 'ab'.repeat(32),
        'x-forwarded-for': ip,
      },
      body,
    });

  it('answers 401 three times, then 429 with Retry-After; valid signed traffic from that address is still accepted', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push(await forged('198.51.100.10'));
    expect(statuses.map((r) => r.status)).toEqual([401, 401, 401, 429, 429]);
    const retry = Number(statuses[3]!.headers.get('retry-after'));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(await statuses[3]!.json()).toEqual({ error: 'too many invalid requests' });

    // Meta's valid deliveries are never counted nor limited, from any address.
    const user = { waId: '5215512347011', name: 'Meta' };
    for (let i = 0; i < 5; i++) {
      const raw = JSON.stringify(inboundEnvelope(user, { type: 'text', body: 'hola' }));
      const res = await fetch(`${t.baseUrl}/webhook`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': signBody(raw, t.config.whatsapp.appSecret),
          'x-forwarded-for': '198.51.100.10',
        },
        body: raw,
      });
      expect(res.status).toBe(200);
    }
    await t.fake.waitFor((m) => m.kind === 'message' && m.to === '525512347011', 10000);
  });

  it('behind the trusted proxy hop each client address has its own budget', async () => {
    expect((await forged('198.51.100.11')).status).toBe(401);
    // The client cannot escape by prepending addresses: only the proxy-appended last hop counts.
    for (let i = 0; i < 3; i++) await forged(`10.0.0.${i}, 198.51.100.12`);
    expect((await forged('10.0.0.99, 198.51.100.12')).status).toBe(429);
  });

  it('nothing of a forged request is queued', async () => {
    const k = conversationKeys(t.prefix, 'wa:5215512347010');
    expect(await t.system.redis.exists(k.inbox, k.seen)).toBe(0);
  });
});

describe('per-IP limit on the admin API', () => {
  it('counts every request; the 6th in a minute gets 429 with Retry-After before any body parsing', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (
          await fetch(`${t.baseUrl}/admin/providers`, {
            headers: { 'x-forwarded-for': '192.0.2.50' },
          })
        ).status,
      );
    expect(statuses.every((s) => s !== 429)).toBe(true);
    const limited = await fetch(`${t.baseUrl}/admin/providers`, {
      method: 'POST',
      headers: { 'x-forwarded-for': '192.0.2.50', 'content-type': 'application/json' },
      body: '{broken json',
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toEqual({ error: 'too many requests' });
    // Another address still gets through.
    expect(
      (
        await fetch(`${t.baseUrl}/admin/providers`, {
          headers: { 'x-forwarded-for': '192.0.2.51' },
        })
      ).status,
    ).not.toBe(429);
    // The webhook and health are not behind the admin limit.
    expect(
      (await fetch(`${t.baseUrl}/health/live`, { headers: { 'x-forwarded-for': '192.0.2.50' } }))
        .status,
    ).toBe(200);
  });
});
