/**
 * SQL-injection strings typed by people travel the whole path — signed webhook, inbox, pure
 * step (validation and sanitising), the operation, Knex — and are stored exactly as the
 * name check or the sanitiser left them, with every table intact: names (askName), addresses (the label of a
 * shared location, stored on the request) and rating comments (after a completed job).
 * The repositories are covered directly in backend/tests/integration/security/sql-injection.test.ts.
 */
import { inboundEnvelope } from '../../../dev/fake-cloud-api/payloads';
import { conversationKeys } from '../../../src/queue/keys';
import { sanitizeUserText, stripUrls } from '../../../src/conversation/text/sanitize';
import { validateName } from '../../../src/conversation/text/name';
import { startTestSystem, type TestSystem } from '../../helpers/system';
import { eventually } from '../../helpers/redis';
import { ChatUser } from '../../helpers/chat';
import { addProvider, ROMA_NORTE, seedServiceTypes } from '../../helpers/marketplace';

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem({ OUTBOUND_PER_RECIPIENT_PER_MINUTE: '0' });
});
afterAll(async () => {
  await t.stop();
});

/** Classic payloads a name can carry (a name may not contain "/" or "@", so those are left out here). */
const NAMES = [
  "Robert'); DROP TABLE users;--",
  "' OR '1'='1",
  "1' OR 1=1 -- x",
  '" OR ""="a',
  "admin'--",
  "'; SELECT pg_sleep(5); --",
  "'; UPDATE users SET name = 'pwned'; --",
  "x'; TRUNCATE users CASCADE; --",
  '$$; DROP TABLE ratings; $$ a',
  "\\'; DELETE FROM users WHERE ''='",
  "O'Brien; select * from users",
];

describe('names', () => {
  it.each(NAMES.map((name, i) => [i, name] as const))(
    'name #%i %s is stored verbatim (as sanitised) and harmless',
    async (i, evil) => {
      const checked = validateName(evil);
      if (!checked.ok) throw new Error(`${evil} is not a valid name`);
      const waId = `52155123460${String(i).padStart(2, '0')}`;
      const user = { waId, name: 'Perfil' };
      const key = `wa:${waId}`;
      const k = conversationKeys(t.prefix, key);
      const idle = async () =>
        (await t.system.redis.zcard(k.inbox)) === 0 && (await t.system.redis.llen(k.outbox)) === 0;
      const state = async () =>
        JSON.parse((await t.system.redis.hget(k.state, 'd')) ?? '{}') as { name?: string };

      expect(
        (await t.postWebhook(inboundEnvelope(user, { type: 'text', body: 'hola' }))).status,
      ).toBe(200);
      await eventually(async () => (await idle()) && (await state()).name === 'askName', 15000);
      expect(
        (await t.postWebhook(inboundEnvelope(user, { type: 'text', body: evil }))).status,
      ).toBe(200);
      await eventually(async () => (await idle()) && (await state()).name === 'mainMenu', 15000);

      const row = await t.db
        .knex('users')
        .select('name')
        .where({ wa_id: waId })
        .first<{ name: string }>();
      // Exactly what the name check left (sanitised, written as a name: "admin'--" → "Admin'--").
      expect(row.name).toBe(checked.name);
      // Every earlier user is still there with their own name; no table was dropped or emptied.
      const [{ n }] = await t.db.knex('users').count<{ n: string }[]>('* as n');
      expect(Number(n)).toBe(i + 1);
      expect(await t.db.knex('users').where({ name: 'pwned' }).first()).toBeUndefined();
      for (const table of ['ratings', 'providers', 'service_requests'])
        expect(await t.db.knex.schema.hasTable(table)).toBe(true);
    },
  );
});

describe('a whole booking with hostile name, address and rating comment', () => {
  const JOURNEYS = [
    {
      phone: '5215512346101',
      name: "Robert'); DROP TABLE users;--",
      address: "Calle 5'; DROP TABLE service_requests; -- Col. Roma",
      comment: "Excelente'); DELETE FROM ratings; -- /* fin */",
    },
    {
      phone: '5215512346102',
      name: "Ana' OR '1'='1",
      address: "Av. Insurgentes 300 \\'; UPDATE providers SET status='approved'; --",
      comment: '$$ ; TRUNCATE offers CASCADE; $$ muy bien',
    },
  ];

  it.each(JOURNEYS)('$name', async ({ phone, name, address, comment }) => {
    const services = await seedServiceTypes(t.db.knex);
    const provider = new ChatUser(t, `52155123462${phone.slice(-2)}`, 'Plomería Segura');
    await addProvider(t.db.knex, services, {
      waId: provider.waId,
      displayName: `Plomería Segura ${phone.slice(-2)}`,
      lat: ROMA_NORTE.lat,
      lng: ROMA_NORTE.lng,
    });
    await provider.say('hola');
    await provider.expect(/.+/);

    const customer = new ChatUser(t, phone, 'Cliente');
    await customer.say('hola');
    await customer.expect(/Cómo te llamas/);
    await customer.say(name);
    await customer.expect((m) => m.options.some((o) => /Pedir un servicio/.test(o.title)));
    await customer.tap(/Pedir un servicio/);
    await customer.expect(/Qué servicio necesitas/);
    await customer.tap(/Plomería/);
    await customer.expect(/qué pasa|what's wrong/i);
    await customer.tap(/^(Omitir|Skip)$/);
    await customer.expect(/a dónde enviamos al proveedor/);
    await customer.send({
      type: 'location',
      latitude: ROMA_NORTE.lat + 0.002,
      longitude: ROMA_NORTE.lng,
      name: 'Casa',
      address,
    });
    await customer.expect(/ordenados por cercanía y calificación/);
    await customer.tap(new RegExp(`Plomería Segura ${phone.slice(-2)}`));
    await customer.expect(/trabajos? terminados?/i);
    await customer.tap(/Reservar/);
    await provider.expect(/Nueva solicitud/);
    await provider.tap(/Aceptar/);
    await provider.expect((m) => m.options.some((o) => /Terminado/.test(o.title)));
    await provider.tap(/Terminado/);
    await customer.expect(/¿Quedó listo\?/);
    await customer.tap(/Sí, ya quedó/);
    await customer.expect(/Elige de 1 a 5/);
    await customer.tap(/★★★★★/);
    await customer.expect(/comentario/);
    await customer.say(comment);
    await customer.expect(/Gracias por tu calificación/);

    const user = await t.db.knex('users').where({ wa_id: phone }).first();
    const checked = validateName(name);
    expect(checked.ok && user.name === checked.name).toBe(true);
    const request = await t.db.knex('service_requests').where({ customer_id: user.id }).first();
    expect(request.address).toBe(sanitizeUserText(address, { maxLength: 120 }));
    expect(request.status).toBe('done');
    const rating = await t.db.knex('ratings').where({ request_id: request.id }).first();
    expect(rating.comment).toBe(stripUrls(sanitizeUserText(comment, { maxLength: 500 })));
    // Nothing was dropped, emptied or approved behind anyone's back.
    for (const table of ['users', 'service_requests', 'ratings', 'offers', 'providers'])
      expect(await t.db.knex.schema.hasTable(table)).toBe(true);
    expect(await t.db.knex('providers').whereNot({ status: 'approved' }).first()).toBeUndefined();
    expect(
      Number((await t.db.knex('offers').count<{ n: string }[]>('* as n'))[0]!.n),
    ).toBeGreaterThan(0);
  });
});
