/**
 * Limits that never block a person, through the real app (signed webhook → worker → the local
 * fake Cloud API over HTTP), with the production budgets (10/min and 100/h for free text, 90/min
 * and 900/h for answers) and time running four times faster: the limiter's "minute" lasts 15 s,
 * so "one message every ~2 s" is one every 0.5 s.
 *   (a) a hurried customer who compares two providers, cancels and re-books is never throttled;
 *   (b) a provider's radius tap after a quick registration is not dropped;
 *   (c) a flood of 30 free texts in 15 s (simulated) is held to the free budget, with exactly one
 *       notice stating the real wait;
 *   (d) the `521…` and `52…` forms of one number share one budget.
 */
import {
  inboundEnvelope,
  newWamid,
  type InboundContent,
} from '../../../dev/fake-cloud-api/payloads';
import { loadConfig } from '../../../src/config';
import { conversationKeys } from '../../../src/queue/keys';
import { registry } from '../../../src/observability/metrics';
import { startTestSystem, type TestSystem } from '../../helpers/system';
import { ChatUser } from '../../helpers/chat';
import { addProvider, ROMA_NORTE, seedServiceTypes } from '../../helpers/marketplace';
import { eventually, sleep } from '../../helpers/redis';

/** Time runs this many times faster than in production (limit windows only). */
const SPEED = 4;
const MINUTE_MS = 60_000 / SPEED;
/** "One message every ~2 s" at that speed. */
const PACE_MS = 2_000 / SPEED;

let t: TestSystem;
let services: Map<string, number>;

beforeAll(async () => {
  // The budgets are the production defaults: the test environment does not set them.
  const limits = loadConfig(process.env).limits;
  expect(limits).toMatchObject({
    inboundPerMinute: 10,
    inboundPerHour: 100,
    answersPerMinute: 90,
    answersPerHour: 900,
  });
  t = await startTestSystem(
    {
      INBOUND_LIMIT_PER_MINUTE: String(limits.inboundPerMinute),
      INBOUND_LIMIT_PER_HOUR: String(limits.inboundPerHour),
      INBOUND_ANSWER_LIMIT_PER_MINUTE: String(limits.answersPerMinute),
      INBOUND_ANSWER_LIMIT_PER_HOUR: String(limits.answersPerHour),
      // Meta's pair rate would otherwise pace the replies to these single users.
      OUTBOUND_PER_RECIPIENT_PER_MINUTE: '0',
    },
    'all',
    { inboundLimitWindowSeconds: { minute: MINUTE_MS / 1000, hour: 3600 / SPEED } },
  );
  services = await seedServiceTypes(t.db.knex);
});
afterAll(async () => {
  await t.stop();
});

/** A person who sends one message every PACE_MS at most (waiting for each reply in between). */
class HurriedUser extends ChatUser {
  readonly sentAt: number[] = [];

  override async send(content: InboundContent, contextId?: string): Promise<void> {
    const last = this.sentAt.at(-1);
    if (last !== undefined) await sleep(Math.max(0, last + PACE_MS - Date.now()));
    this.sentAt.push(Date.now());
    await super.send(content, contextId);
  }

  /** Messages sent within the first limiter window (from the first message on). */
  sentInFirstWindow(): number {
    return this.sentAt.filter((at) => at - this.sentAt[0]! < MINUTE_MS).length;
  }
}

const NOTICE = /^Vas muy rápido 🙂 Espera (.+) y vuelve a escribirme\.$/;
const bodyOf = (m: { body: unknown }) => (m.body as { text?: { body?: string } }).text?.body ?? '';
const notices = (to: string) =>
  t.fake.receivedFor(to).filter((m) => m.kind === 'message' && NOTICE.test(bodyOf(m)));
const readIds = () =>
  new Set(
    t.fake
      .received()
      .filter((m) => m.kind === 'read')
      .map((m) => (m.body as { message_id?: string }).message_id),
  );

async function dropped(budget: 'answers' | 'free'): Promise<number> {
  const m = await registry.getSingleMetric('inbound_rate_limited_total')!.get();
  return m.values.filter((v) => v.labels.budget === budget).reduce((sum, v) => sum + v.value, 0);
}

async function idle(key: string): Promise<boolean> {
  const k = conversationKeys(t.prefix, key);
  return (await t.system.redis.zcard(k.inbox)) === 0 && (await t.system.redis.llen(k.outbox)) === 0;
}

it('(a) a hurried customer compares two providers, cancels and re-books at one message every ~2 s: never throttled, every tap answered', async () => {
  await addProvider(t.db.knex, services, {
    waId: '5215511130001',
    displayName: 'Plomería Hernández',
  });
  await addProvider(t.db.knex, services, {
    waId: '5215511130002',
    displayName: 'Fontanería Díaz',
    lat: ROMA_NORTE.lat + 0.004,
  });
  const before = { answers: await dropped('answers'), free: await dropped('free') };
  const c = new HurriedUser(t, '5215522230001', 'Daniela');

  await c.say('hola');
  await c.expect(/Cómo te llamas/);
  await c.say('Daniela Ruiz');
  await c.expect((m) => m.options.some((o) => /Pedir un servicio/.test(o.title)));
  for (let round = 1; round <= 2; round++) {
    await c.tap(/Pedir un servicio/);
    await c.expect(/Qué servicio necesitas/);
    await c.tap(/Plomería/);
    await c.expect(/qué pasa|what's wrong/i);
    await c.tap(/^(Omitir|Skip)$/);
    await c.expect(/a dónde enviamos al proveedor/);
    await c.location(ROMA_NORTE.lat, ROMA_NORTE.lng);
    await c.expect(/ordenados por cercanía y calificación/);
    // Compare: one provider's profile, back to the list, the other one's.
    await c.tap(/Plomería Hernández/);
    await c.expect(/Plomería Hernández[\s\S]*trabajos? terminados?/i);
    await c.tap(/Volver/);
    await c.expect(/ordenados por cercanía y calificación/);
    await c.tap(/Fontanería Díaz/);
    await c.expect(/Fontanería Díaz[\s\S]*trabajos? terminados?/i);
    await c.tap(/Reservar/);
    await c.expect(/\*Plomería\*: le enviamos tu solicitud a Fontanería Díaz/);
    if (round === 1) {
      // Changed their mind: cancel, and start again from the menu.
      await c.tap(/Cancelar solicitud/);
      await c.expect(/cancelé tu solicitud/);
      await c.expect((m) => m.options.some((o) => /Pedir un servicio/.test(o.title)));
    }
  }

  // 19 messages (with "Omitir" at "¿Qué pasa?" each round), more than the free budget (10) within
  // one limiter window: counting them all alike (as before) would have dropped the 11th.
  expect(c.sentAt).toHaveLength(19);
  expect(c.sentInFirstWindow()).toBeGreaterThan(10);
  expect(notices(c.sendTo)).toEqual([]);
  expect({ answers: await dropped('answers'), free: await dropped('free') }).toEqual(before);
  const statuses = (
    await t.db
      .knex('service_requests')
      .join('users', 'users.id', 'service_requests.customer_id')
      .where('users.wa_id', c.waId)
      .orderBy('service_requests.id')
      .select('service_requests.status')
  ).map((r: { status: string }) => r.status);
  expect(statuses).toHaveLength(2);
  expect(statuses[0]).toBe('cancelled');
  expect(statuses[1]).not.toBe('cancelled');
});

it("(b) a provider's radius tap after a quick registration is not dropped", async () => {
  const before = { answers: await dropped('answers'), free: await dropped('free') };
  const pro = new HurriedUser(t, '5215577730001', 'Rosa');
  await pro.say('hola');
  await pro.expect(/Cómo te llamas/);
  await pro.say('Rosa Medina');
  await pro.expect((m) => m.options.some((o) => /Ser proveedor/.test(o.title)));
  await pro.tap(/Ser proveedor/);
  await pro.expect(/1\/4/);
  await pro.say('Plomería Rosa');
  await pro.expect(/2\/4/);
  // Ticks a few services, changes her mind about one, ticks it again.
  await pro.tap(/Plomería/);
  await pro.expect(/Marcados: Plomería/);
  await pro.tap(/Gas/);
  await pro.expect(/Marcados: .*Gas/);
  await pro.tap(/Electricidad/);
  await pro.expect(/Marcados: .*Electricidad/);
  await pro.tap(/Gas/);
  await pro.expect(/Marcados: Plomería, Electricidad\./);
  await pro.tap(/Gas/);
  await pro.expect(/Marcados: .*Gas/);
  await pro.tap(/Listo/);
  await pro.expect(/3\/4/);
  await pro.location(ROMA_NORTE.lat, ROMA_NORTE.lng);
  await pro.expect(/4\/4/);
  await pro.tap(/Hasta 10 km/);
  await pro.expect(/cuánto cobras por ir a ver el trabajo/);
  await pro.say('350');
  await pro.expect(/Recibimos tu registro/);

  // The radius tap and the typed visit fee were the 12th and 13th messages within one limiter window.
  expect(pro.sentAt).toHaveLength(13);
  expect(pro.sentInFirstWindow()).toBe(13);
  expect(notices(pro.sendTo)).toEqual([]);
  expect({ answers: await dropped('answers'), free: await dropped('free') }).toEqual(before);
  const row = await t.db.knex('providers').where({ display_name: 'Plomería Rosa' }).first();
  expect(row).toMatchObject({ status: 'pending', radius_km: 10, visit_fee: 350 });
});

it('(c) a flood of 30 free texts in 15 s is held to the free budget, with exactly one notice stating the real wait', async () => {
  const user = { waId: '5215512350001', name: 'Flor' };
  const key = `wa:${user.waId}`;
  const to = '525512350001';
  const free0 = await dropped('free');
  // "hola" is free text (1 of the 10); the name answers the bot's question (not counted as free).
  await t.postWebhook(inboundEnvelope(user, { type: 'text', body: 'hola' }));
  await eventually(
    async () =>
      (await idle(key)) &&
      t.fake.receivedFor(to).some((m) => /Cómo te llamas/.test(bodyOf(m) + JSON.stringify(m.body))),
  );
  await t.postWebhook(inboundEnvelope(user, { type: 'text', body: 'Flor' }));
  await eventually(
    async () =>
      (await idle(key)) &&
      t.fake.receivedFor(to).some((m) => /En qué te ayudo/.test(JSON.stringify(m.body))),
  );

  // 30 texts in 15 simulated seconds: one every 125 ms.
  const ids = Array.from({ length: 30 }, () => newWamid());
  const start = Date.now();
  for (const [i, id] of ids.entries()) {
    await sleep(Math.max(0, start + (i * 15_000) / SPEED / 30 - Date.now()));
    expect(
      (
        await t.postWebhook(
          inboundEnvelope(user, { type: 'text', body: `oye ${i} contéstame` }, { id }),
        )
      ).status,
    ).toBe(200);
  }
  await eventually(async () => (await idle(key)) && (await dropped('free')) - free0 === 21, 10000);
  // The limiter's own view of the wait, read right away: the notice was computed a moment ago.
  const remainingMs = await t.system.redis.pttl(`${t.prefix}:rl:in:free:minute:wa:${to}`);
  expect(remainingMs).toBeGreaterThan(0);

  // The first 9 of the flood were processed (10 free messages with "hola"), the rest were not.
  const read = readIds();
  expect(ids.filter((id) => read.has(id))).toEqual(ids.slice(0, 9));
  const sent = notices(to);
  expect(sent).toHaveLength(1);
  // The wait it states is the real one, rounded up to 10 s ("unos 20 segundos").
  const wait = NOTICE.exec(bodyOf(sent[0]!))![1]!;
  const seconds = Number(/^unos (\d+) segundos$/.exec(wait)?.[1]);
  expect(seconds * 1000).toBeGreaterThanOrEqual(remainingMs);
  expect(seconds * 1000 - remainingMs).toBeLessThan(10_000 + 2_000);

  // After that wait (the window reopening), a text is processed again, and no second notice.
  await sleep(remainingMs + 200);
  const after = newWamid();
  await t.postWebhook(inboundEnvelope(user, { type: 'text', body: 'ya, perdón' }, { id: after }));
  await eventually(async () => (await idle(key)) && readIds().has(after));
  expect(notices(to)).toHaveLength(1);
  expect((await dropped('free')) - free0).toBe(21);
});

it('(d) the 521… and 52… forms of one number share one budget', async () => {
  const forms = [
    { waId: '5215512360001', name: 'Gus' },
    { waId: '525512360001', name: 'Gus' },
  ];
  const to = '525512360001';
  const free0 = await dropped('free');
  // Each form greets ("hola": free) and gives the name (an answer): two conversations, one person.
  for (const user of forms) {
    const key = `wa:${user.waId}`;
    await t.postWebhook(inboundEnvelope(user, { type: 'text', body: 'hola' }));
    await eventually(
      async () =>
        (await idle(key)) &&
        (await t.system.redis.hget(conversationKeys(t.prefix, key).state, 'd'))?.includes(
          'askName',
        ),
    );
    await t.postWebhook(inboundEnvelope(user, { type: 'text', body: 'Gustavo' }));
    await eventually(
      async () =>
        (await idle(key)) &&
        (await t.system.redis.hget(conversationKeys(t.prefix, key).state, 'd'))?.includes(
          'mainMenu',
        ),
    );
  }
  // 6 free texts from each form: 14 free messages in all, 10 fit.
  const ids = Array.from({ length: 12 }, () => newWamid());
  for (const [i, id] of ids.entries())
    await t.postWebhook(
      inboundEnvelope(forms[i % 2]!, { type: 'text', body: `qué onda ${i}` }, { id }),
    );
  await eventually(
    async () =>
      (await idle(`wa:${forms[0]!.waId}`)) &&
      (await idle(`wa:${forms[1]!.waId}`)) &&
      (await dropped('free')) - free0 === 4,
    10000,
  );
  await sleep(200);
  const read = readIds();
  expect(ids.filter((id) => read.has(id))).toHaveLength(8);
  // One person, one notice.
  expect(notices(to)).toHaveLength(1);
  expect((await dropped('free')) - free0).toBe(4);
});
