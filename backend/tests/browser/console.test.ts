/**
 * The ops console in a real browser (Debian's Chromium), against the whole app and the fake Cloud
 * API: sign in; approve a provider who registered over the webhook and see their WhatsApp notice
 * (with the reason) at the fake; open a request's timeline; a customer's "hablar con un asesor"
 * appears in the inbox, the operator replies, the reply arrives at the fake, hand back, the bot
 * answers again; an admin rolls a feature out to a share of conversations on the Flags page, switches
 * the console off there (the inbox says so) and back on. Screenshots of the main pages go to
 * .test-artifacts/screenshots/.
 */
import { startTestSystem, type TestSystem } from '../helpers/system';
import { ChatUser } from '../helpers/chat';
import { ROMA_NORTE, seedServiceTypes } from '../helpers/marketplace';
import { eventually } from '../helpers/redis';
import { addOperator, TEST_PASSWORD } from '../helpers/console';
import { openBrowser, type TestBrowser } from '../helpers/browser';

jest.setTimeout(120_000);

let t: TestSystem;
let b: TestBrowser;

beforeAll(async () => {
  t = await startTestSystem({
    OUTBOUND_PER_RECIPIENT_PER_MINUTE: '0',
    BUSINESS_HOURS: '1-7@00:00-24:00',
    FEATURE_FLAGS_CACHE_MS: '200',
  });
  await seedServiceTypes(t.db.knex);
  await addOperator(t.db.knex, 'lucia', 'admin');
  b = await openBrowser();
});
afterAll(async () => {
  await b?.close();
  await t?.stop();
});

it('signs in, approves a provider who registered on WhatsApp (the notice reaches them), shows a request timeline', async () => {
  const { page } = b;
  await page.goto(`${t.baseUrl}/console`);
  await page.waitForURL(/\/console\/login$/);
  await b.shot('console-login');
  await page.getByLabel('Usuario').fill('lucia');
  await page.getByLabel('Contraseña').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.getByRole('heading', { name: 'Cifras de hoy' }).waitFor();

  // A provider registers over the webhook.
  const pro = new ChatUser(t, '5215544440001', 'Gil');
  await pro.register('Gilberto Luna');
  await pro.tap(/Ser proveedor/);
  await pro.expect(/1\/4/);
  await pro.say('Plomería Gil');
  await pro.expect(/2\/4/);
  await pro.tap(/Plomería/);
  await pro.expect(/Marcados/);
  await pro.tap(/Listo/);
  await pro.expect(/3\/4/);
  await pro.location(ROMA_NORTE.lat, ROMA_NORTE.lng);
  await pro.expect(/4\/4/);
  await pro.tap(/Hasta 10 km/);
  await pro.expect(/cuánto cobras por ir a ver el trabajo/);
  await pro.tap(/A convenir/);
  await pro.expect(/Recibimos tu registro/);
  const row = await eventually(() =>
    t.db.knex('providers').where({ display_name: 'Plomería Gil' }).first(),
  );

  await page.getByRole('link', { name: 'Aprobaciones' }).click();
  const entry = page.locator(`tr[data-provider="${row.id}"]`);
  await entry.getByText('Plomería Gil').first().waitFor();
  await b.shot('console-approvals');
  await entry.getByLabel(/Motivo/).fill('Documentos verificados, ¡bienvenido!');
  await entry.getByRole('button', { name: 'Aprobar' }).click();
  await page
    .getByRole('status')
    .getByText(/Listo: aprobado\. Se le avisó por WhatsApp/)
    .waitFor();
  const [notice] = (await pro.expect(/fue aprobado/)).slice(-1);
  expect(notice!.text).toContain('Motivo: Documentos verificados, ¡bienvenido!');
  const audit = await t.db
    .knex('audit_log')
    .where({ action: 'provider.approve', entity_id: String(row.id) })
    .first();
  expect(audit.actor).toMatch(/^operator:\d+$/);
  expect(audit.data.reason).toBe('Documentos verificados, ¡bienvenido!');

  // The provider goes online; a customer books them.
  await pro.say('disponible');
  await pro.expect(/Estás conectado/);
  const customer = new ChatUser(t, '5215544440002', 'Rosa');
  await customer.register('Rosa Vidal');
  await customer.tap(/Pedir un servicio/);
  await customer.expect(/Qué servicio necesitas/);
  await customer.tap(/Plomería/);
  await customer.expect(/qué pasa/i);
  await customer.say('¡urgente!');
  await customer.expect(/a dónde enviamos al proveedor/);
  await customer.location(ROMA_NORTE.lat, ROMA_NORTE.lng);
  await customer.expect(/ordenados por cercanía/);
  await customer.tap(/Que la app elija/);
  await pro.expect(/Nueva solicitud/);
  await pro.tap(/Aceptar/);
  await customer.expect(/aceptó/);
  const request = await t.db.knex('service_requests').where({ status: 'accepted' }).first();

  await page.getByRole('link', { name: 'Solicitudes' }).click();
  await page.getByRole('link', { name: `#${request.id}` }).click();
  await page.getByRole('heading', { name: `Solicitud #${request.id}` }).waitFor();
  // "¡Urgente!" said at "¿Qué pasa?" is on the request for the agent to see.
  expect(await page.locator('[data-urgent]').textContent()).toContain('Urgente');
  const timeline = page.locator('ol.timeline');
  await timeline.locator('li[data-kind="created"]').waitFor();
  await timeline.locator('li[data-kind="offer.sent"]').waitFor();
  await timeline.locator('li[data-kind="accepted"]').waitFor();
  expect(await timeline.textContent()).toContain('Plomería Gil');
  await b.shot('console-request-timeline');

  await page.getByRole('link', { name: 'Proveedores' }).click();
  await page.getByRole('link', { name: 'Plomería Gil' }).first().click();
  await page.getByRole('heading', { name: 'Plomería Gil' }).waitFor();
  await page.getByRole('heading', { name: 'Trabajos recientes' }).waitFor();
  await b.shot('console-provider');
});

it('a customer asks for a person: inbox, reply through the Cloud API, hand back, the bot answers again', async () => {
  const { page } = b;
  const c = new ChatUser(t, '5215544440003', 'Tina');
  await c.register('Tina Morales');
  await c.say('hablar con un asesor');
  await c.expect(/persona del equipo/);
  await c.say('Mi boiler hace un ruido raro');
  const handoff = await eventually(() =>
    t.db.knex('handoffs').where({ conversation_key: c.key, status: 'open' }).first(),
  );
  await eventually(() =>
    t.db.knex('handoff_messages').where({ handoff_id: handoff.id, author: 'person' }).first(),
  );

  await page.getByRole('link', { name: 'Bandeja' }).click();
  const item = page.locator(`tr[data-handoff="${handoff.id}"]`);
  await item.waitFor();
  await b.shot('console-inbox');
  await item.getByRole('link', { name: 'Abrir' }).click();
  await page.getByText('Mi boiler hace un ruido raro').waitFor();
  expect(await page.locator('[data-phone]').textContent()).not.toContain('5215544440003');

  // The person writes again while the operator reads: the transcript refreshes by itself.
  await c.say('¿Hay alguien?');
  await page.getByText('¿Hay alguien?').waitFor();

  await page
    .getByLabel('Responder como persona')
    .fill('Hola Tina, soy Lucía. Mando a alguien hoy.');
  await page.getByRole('button', { name: 'Enviar' }).click();
  await page.getByRole('status').getByText('Enviado por WhatsApp.').waitFor();
  await c.expect(/soy Lucía/);
  await b.shot('console-handoff');

  // An admin may reveal the number (audited).
  await page.getByRole('button', { name: /Mostrar número/ }).click();
  await page.locator('[data-phone]', { hasText: '5215544440003' }).waitFor();
  expect(
    await t.db
      .knex('audit_log')
      .where({ action: 'handoff.reveal_phone', entity_id: String(handoff.id) })
      .first(),
  ).toBeTruthy();

  await page.getByRole('button', { name: 'Devolver al asistente' }).click();
  await page.getByRole('status').getByText('Conversación devuelta al asistente.').waitFor();
  await c.expect(/terminó de atenderte/);
  await c.say('hola');
  await c.expect(/En qué te ayudo/);

  await page.getByRole('link', { name: 'Hoy' }).click();
  await page.locator('[data-figure="requests"]').waitFor();
  await b.shot('console-home');
  await page.getByRole('link', { name: 'Errores' }).click();
  await page.getByRole('heading', { name: 'Mensajes con error' }).waitFor();
  await b.shot('console-dead-letters');
  // English, and a phone-sized screen.
  await page.getByRole('link', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Failed messages' }).waitFor();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('link', { name: 'Inbox' }).click();
  await page.getByRole('heading', { name: 'Conversations inbox' }).waitFor();
  await b.shot('console-inbox-phone-en');
  await page.setViewportSize({ width: 1280, height: 860 });
});

it('an admin sets a percentage on the Flags page, switches the console off (the inbox says so) and back on', async () => {
  const { page } = b;
  await page.goto(`${t.baseUrl}/console/lang/es?back=${encodeURIComponent('/console')}`);
  await page.getByRole('link', { name: 'Funciones' }).click();
  await page.getByRole('heading', { name: 'Funciones (feature flags)' }).waitFor();
  const handoff = page.locator('section[data-flag="handoff"]');
  await handoff.getByLabel('Porcentaje de conversaciones (0–100)').fill('30');
  await handoff.getByRole('button', { name: 'Aplicar porcentaje' }).click();
  await page
    .getByRole('status')
    .getByText('Listo: «handoff» ahora está encendida para el 30 % de las conversaciones.')
    .waitFor();
  await handoff.locator('[data-source="redis"]').waitFor();
  await b.shot('console-flags');
  expect(await t.system.flags.get('handoff')).toMatchObject({ rule: '30%', source: 'redis' });
  const audit = await t.db
    .knex('audit_log')
    .where({ action: 'flag.set', entity_id: 'handoff' })
    .first();
  expect(audit.actor).toMatch(/^operator:\d+$/);
  expect(audit.data.to).toBe('30%');

  await page
    .locator('section[data-flag="console"]')
    .getByRole('button', { name: 'Apagar' })
    .click();
  await page
    .getByText('La consola está apagada: solo esta página funciona, y solo para administradores.')
    .waitFor();
  await eventually(
    async () => (await page.goto(`${t.baseUrl}/console/inbox`))?.status() === 503,
    5000,
  );
  await page.getByRole('heading', { name: 'Consola apagada' }).waitFor();
  await b.shot('console-switched-off');
  await page.getByRole('link', { name: 'Ir a Funciones' }).click();
  await page
    .locator('section[data-flag="console"]')
    .getByRole('button', { name: 'Encender' })
    .click();
  await page.getByRole('status').getByText('Listo: «console» ahora está encendida.').waitFor();
  await eventually(
    async () => (await page.goto(`${t.baseUrl}/console/inbox`))?.status() === 200,
    5000,
  );
  await page.getByRole('heading', { name: 'Bandeja de conversaciones' }).waitFor();

  // Back to the environment's rule for handoff.
  await page.getByRole('link', { name: 'Funciones' }).click();
  await page
    .locator('section[data-flag="handoff"]')
    .getByRole('button', { name: 'Volver al valor del entorno' })
    .click();
  await page
    .getByRole('status')
    .getByText('Listo: «handoff» volvió al valor del entorno (encendida).')
    .waitFor();
  expect(await t.system.flags.get('handoff')).toMatchObject({ rule: 'on', source: 'environment' });
});
