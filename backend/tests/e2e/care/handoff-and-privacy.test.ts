/**
 * Human help and privacy over WhatsApp, end to end (webhook → worker → fake Cloud API), with the
 * console driven over HTTP: a handoff pauses the bot (messages recorded, no reply), the operator's
 * reply reaches the fake, hand-back returns the bot; the timeout returns it too; an admin's reason
 * reaches a suspended provider, who can appeal; STOP / alta; privacy notice on first contact.
 */
import { startTestSystem, type TestSystem } from '../../helpers/system';
import { ChatUser } from '../../helpers/chat';
import { addProvider, seedServiceTypes } from '../../helpers/marketplace';
import { eventually, sleep } from '../../helpers/redis';
import { addOperator, consoleClient, signIn } from '../../helpers/console';
import { conversationKeys, handoffKey } from '../../../src/queue/keys';

let t: TestSystem;
let services: Map<string, number>;

beforeAll(async () => {
  t = await startTestSystem({
    OUTBOUND_PER_RECIPIENT_PER_MINUTE: '0',
    PRIVACY_NOTICE_URL: 'https://example.com/privacidad',
    BUSINESS_HOURS: '1-7@00:00-24:00',
  });
  services = await seedServiceTypes(t.db.knex);
  await addOperator(t.db.knex, 'agent1', 'agent');
});
afterAll(async () => {
  await t.stop();
});

it('first contact carries the privacy notice link', async () => {
  const c = new ChatUser(t, '5215512340001', 'Lupe');
  await c.say('hola');
  const [welcome] = await c.expect(/Cómo te llamas/);
  expect(welcome!.text).toContain('https://example.com/privacidad');
});

it('"hablar con un asesor" pauses the bot; the operator replies from the console; hand back brings the bot back', async () => {
  const c = new ChatUser(t, '5215512340002', 'Marta');
  await c.register('Marta Ruiz');
  await c.say('hablar con un asesor');
  await c.expect(/persona del equipo/);
  const handoff = await eventually(() =>
    t.db.knex('handoffs').where({ conversation_key: c.key, status: 'open' }).first(),
  );
  expect(await t.system.redis.get(handoffKey(t.prefix, c.key))).toBe(String(handoff.id));

  // While handed off the bot does not answer, and what the person writes is kept for the operator;
  // the first message is met with one note that it reached the team, the next ones with silence.
  const before = c.all().length;
  await c.say('se me inundó la cocina');
  const line = await eventually(() =>
    t.db
      .knex('handoff_messages')
      .where({ handoff_id: handoff.id, body: 'se me inundó la cocina' })
      .first(),
  );
  expect(line.author).toBe('person');
  const [note] = await c.expect(/Recibido: tu mensaje ya está con el equipo/);
  expect(note!.options).toEqual([]);
  await c.say('¿hola? ¿hay alguien?');
  await eventually(() =>
    t.db
      .knex('handoff_messages')
      .where({ handoff_id: handoff.id, body: '¿hola? ¿hay alguien?' })
      .first(),
  );
  await sleep(500);
  expect(c.all().length).toBe(before + 1);
  // …and it is still in the message log.
  await eventually(
    async () =>
      Number((await t.db.knex('message_log').where({ direction: 'in' }).count('* as n'))[0]!.n) >=
      3,
  );

  const op = consoleClient(t.baseUrl);
  expect((await signIn(op, 'agent1')).status).toBe(303);
  const inbox = await (await op.get('/console/inbox')).text();
  expect(inbox).toContain(`data-handoff="${handoff.id}"`);
  const page = await (await op.get(`/console/inbox/${handoff.id}`)).text();
  expect(page).toContain('se me inundó la cocina');
  expect(page).not.toContain('5215512340002'); // masked for everyone until an admin reveals it
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
  const sent = await op.post(`/console/inbox/${handoff.id}/reply`, {
    _csrf: csrf,
    text: 'Hola Marta, soy Ana. ¿Desde cuándo?',
  });
  expect(sent.status).toBe(303);
  expect(sent.headers.get('location')).toContain('as=text');
  await c.expect(/soy Ana/);
  // The operator is answering: no note from the bot in between.
  const talking = c.all().length;
  await c.say('desde ayer');
  await eventually(() =>
    t.db.knex('handoff_messages').where({ handoff_id: handoff.id, body: 'desde ayer' }).first(),
  );
  await sleep(500);
  expect(c.all().length).toBe(talking);

  const back = await op.post(`/console/inbox/${handoff.id}/hand-back`, { _csrf: csrf });
  expect(back.status).toBe(303);
  await c.expect(/terminó de atenderte/);
  expect(await t.system.redis.exists(handoffKey(t.prefix, c.key))).toBe(0);
  await c.say('hola');
  await c.expect(/En qué te ayudo/);
  const actions = (
    await t.db
      .knex('audit_log')
      .where({ entity: 'handoff', entity_id: String(handoff.id) })
      .select('action')
  ).map((r: { action: string }) => r.action);
  expect(actions).toEqual(
    expect.arrayContaining(['handoff.open', 'handoff.reply', 'handoff.close']),
  );
});

it('the person can take the conversation back with "menú" (the handoff closes, audited, the bot answers)', async () => {
  const c = new ChatUser(t, '5215512340012', 'Rosa');
  await c.register('Rosa Díaz');
  await c.say('quiero hablar con una persona');
  await c.expect(/escribe \*menú\*/);
  const handoff = await eventually(() =>
    t.db.knex('handoffs').where({ conversation_key: c.key, status: 'open' }).first(),
  );
  const before = c.all().length;
  await c.say('hola??');
  await eventually(() =>
    t.db.knex('handoff_messages').where({ handoff_id: handoff.id, body: 'hola??' }).first(),
  );
  // Still paused: only the note that the message reached the team, no answer from the bot.
  await c.expect(/Recibido: tu mensaje ya está con el equipo/);
  await sleep(300);
  expect(c.all().length).toBe(before + 1);
  await c.say('menú');
  await c.expect(/En qué te ayudo/);
  const closed = await t.db.knex('handoffs').where({ id: handoff.id }).first();
  expect(closed).toMatchObject({ status: 'closed', closed_by: 'person' });
  expect(await t.system.redis.exists(handoffKey(t.prefix, c.key))).toBe(0);
  const audit = await t.db
    .knex('audit_log')
    .where({ entity: 'handoff', entity_id: String(handoff.id), action: 'handoff.close' })
    .first();
  expect(audit.actor).toBe('person');
  await c.say('ocupo un plomero');
  await c.expect(/Plomería/);
});

it('STOP while handed to a person still stops the messages (the handoff closes; the bot confirms)', async () => {
  const c = new ChatUser(t, '5215512340013', 'Irma');
  await c.register('Irma Soto');
  await c.say('quiero hablar con una persona');
  await c.expect(/escribe \*menú\*/);
  const handoff = await eventually(() =>
    t.db.knex('handoffs').where({ conversation_key: c.key, status: 'open' }).first(),
  );
  await c.say('STOP');
  await c.expect(/ya no te enviaremos avisos/);
  expect(await t.db.knex('handoffs').where({ id: handoff.id }).first()).toMatchObject({
    status: 'closed',
    closed_by: 'person',
  });
  expect((await t.db.knex('users').where({ wa_id: c.waId }).first()).opted_out_at).not.toBeNull();
  expect(await t.system.redis.exists(handoffKey(t.prefix, c.key))).toBe(0);
});

it('a handoff nobody answers returns to the bot when it times out, with a message', async () => {
  const quick = await startTestSystem({
    OUTBOUND_PER_RECIPIENT_PER_MINUTE: '0',
    HANDOFF_TIMEOUT_MINUTES: '1',
  });
  try {
    await seedServiceTypes(quick.db.knex);
    const c = new ChatUser(quick, '5215512340003', 'Beto');
    await c.register('Beto Díaz');
    await c.say('talk to a person');
    await c.expect(/persona del equipo/);
    const handoff = await eventually(() =>
      quick.db.knex('handoffs').where({ conversation_key: c.key }).first(),
    );
    // Fire the timer now instead of waiting the minute: promote the delayed job.
    const job = await eventually(async () =>
      (await quick.system.queues.timers.getJobs(['delayed'])).find(
        (j) => j.data.timer === 'handoffTimeout',
      ),
    );
    await job.promote();
    await c.expect(/nadie del equipo pudo responderte/, 15000);
    expect((await quick.db.knex('handoffs').where({ id: handoff.id }).first()).closed_by).toBe(
      'timeout',
    );
    await c.say('hola');
    await c.expect(/En qué te ayudo/);
  } finally {
    await quick.stop();
  }
});

it("an admin's reason reaches a suspended provider, who can appeal (opens a handoff)", async () => {
  const { providerId } = await addProvider(t.db.knex, services, {
    waId: '5215512340004',
    displayName: 'Plomería Sol',
  });
  const pro = new ChatUser(t, '5215512340004', 'Sol');
  await pro.say('hola');
  await pro.expect(/En qué te ayudo/);
  const res = await fetch(`${t.baseUrl}/admin/providers/${providerId}/suspend`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${process.env.ADMIN_API_KEYS!}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ reason: 'Tres clientes reportaron cobros de más' }),
  });
  expect(res.status).toBe(200);
  const [notice] = (await pro.expect(/suspendida/)).slice(-1);
  expect(notice!.text).toContain('Motivo: Tres clientes reportaron cobros de más');
  await pro.tap(/Pedir revisión/);
  await pro.expect(/solicitud de revisión/);
  const handoff = await eventually(() =>
    t.db.knex('handoffs').where({ conversation_key: pro.key }).first(),
  );
  expect(handoff.reason).toBe('appeal');
});

it('STOP opts out (recorded, audited), "alta" opts back in', async () => {
  const c = new ChatUser(t, '5215512340005', 'Iris');
  await c.register('Iris Peña');
  await c.say('STOP');
  await c.expect(/ya no te enviaremos avisos/);
  const user = await t.db.knex('users').where({ wa_id: '5215512340005' }).first();
  expect(user.opted_out_at).not.toBeNull();
  await c.say('alta');
  await c.expect(/volverás a recibir/);
  expect((await t.db.knex('users').where({ id: user.id }).first()).opted_out_at).toBeNull();
  const actions = (
    await t.db
      .knex('audit_log')
      .where({ entity: 'user', entity_id: String(user.id) })
      .orderBy('id')
      .select('action')
  ).map((r: { action: string }) => r.action);
  expect(actions).toEqual(['privacy.opt_out', 'privacy.opt_in']);
});

it("an operator's reply outside the 24-hour window goes out as the notice template", async () => {
  const c = new ChatUser(t, '5215512340006', 'Olga');
  await c.register('Olga Vera');
  await c.say('hablar con un asesor');
  await c.expect(/persona del equipo/);
  const handoff = await eventually(() =>
    t.db.knex('handoffs').where({ conversation_key: c.key, status: 'open' }).first(),
  );
  // The person last wrote two days ago (as the conversation's meta records it).
  await t.system.redis.hset(
    conversationKeys(t.prefix, c.key).meta,
    'lastInboundAt',
    String(Date.now() - 48 * 3600_000),
  );

  const op = consoleClient(t.baseUrl);
  await signIn(op, 'agent1');
  const page = await (await op.get(`/console/inbox/${handoff.id}`)).text();
  expect(page).toContain('cerrada (se enviará una plantilla)');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
  const sent = await op.post(`/console/inbox/${handoff.id}/reply`, {
    _csrf: csrf,
    text: 'Hola Olga, ¿seguimos con tu fuga?',
  });
  expect(sent.headers.get('location')).toContain('as=template');
  const [template] = (await c.expect((m) => m.type === 'template')).slice(-1);
  const body = template!.raw.body as {
    template: { name: string; components: { parameters: { text?: string }[] }[] };
  };
  expect(body.template.name).toBe(t.config.whatsapp.templates.notice ?? 'ubermench_notice');
  expect(JSON.stringify(body.template.components)).toContain('¿seguimos con tu fuga?');
});
