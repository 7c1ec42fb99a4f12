/**
 * The provider side end to end: registration on WhatsApp → approval through the admin API →
 * online → an offer (also as a template when outside the 24 h window) → accept → done.
 */
import { startTestSystem, type TestSystem } from '../../helpers/system';
import { ChatUser } from '../../helpers/chat';
import { addProvider, ROMA_NORTE, seedServiceTypes } from '../../helpers/marketplace';
import { customerUpToProviders } from '../../helpers/journeys';

let t: TestSystem;
let services: Map<string, number>;
const ADMIN_KEY = process.env.ADMIN_API_KEYS!.split(',')[0];

beforeAll(async () => {
  t = await startTestSystem({ OUTBOUND_PER_RECIPIENT_PER_MINUTE: '0' });
  services = await seedServiceTypes(t.db.knex);
});
afterAll(async () => {
  await t.stop();
});

async function admin(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${t.baseUrl}/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

it('registers on WhatsApp, is approved by ops, goes online, accepts an offer and finishes the job', async () => {
  const pro = new ChatUser(t, '5215577770001', 'Rosa');
  await pro.say('hola');
  await pro.expect(/Cómo te llamas/);
  await pro.say('Rosa Medina');
  await pro.expect((m) => m.options.some((o) => /Ser proveedor/.test(o.title)));
  await pro.tap(/Ser proveedor/);
  await pro.expect(/1\/4/);
  await pro.say('Plomería Rosa');
  await pro.expect(/2\/4/);
  await pro.tap(/Plomería/);
  await pro.expect(/Marcados: Plomería/);
  await pro.tap(/Gas/);
  await pro.expect(/Marcados: .*Gas/);
  await pro.tap(/Listo/);
  await pro.expect(/3\/4/);
  await pro.location(ROMA_NORTE.lat, ROMA_NORTE.lng);
  await pro.expect(/4\/4/);
  await pro.tap(/Hasta 10 km/);
  // The last, optional question: the visit fee.
  await pro.expect(/cuánto cobras por ir a ver el trabajo/);
  await pro.say('$350');
  await pro.expect(/Recibimos tu registro/);
  // Waiting for the review: asked in their words, answered plainly.
  await pro.say('¿qué sigue? ¿cuándo me aprueban?');
  await pro.expect(/Tu registro está en revisión/);

  const row = await t.db.knex('providers').where({ display_name: 'Plomería Rosa' }).first();
  expect(row).toMatchObject({ status: 'pending', online: false, radius_km: 10, visit_fee: 350 });
  expect((await admin('POST', `/providers/${row.id}/approve`, {})).status).toBe(200);
  await pro.expect(/fue aprobado/);
  await pro.say('ya me aprobaron? no me llegan trabajos');
  await pro.expect(/Ya estás aprobado, pero estás desconectado/);
  const audit = await t.db
    .knex('audit_log')
    .where({ action: 'provider.approve' })
    .orWhere('action', 'like', '%approve%');
  expect(audit.length).toBeGreaterThan(0);

  await pro.say('disponible');
  await pro.expect(/Estás conectado/);
  expect((await t.db.knex('providers').where({ id: row.id }).first()).online).toBe(true);

  const customer = new ChatUser(t, '5215588880001', 'Luis');
  await customerUpToProviders(customer, 'Luis Torres', /^Gas$/);
  await customer.expect(/ordenados por cercanía y calificación/);
  await customer.tap(/Que la app elija/);
  await pro.expect(/Nueva solicitud: Gas/);
  await pro.tap(/Aceptar/);
  await pro.expect(/El trabajo es tuyo/);
  await customer.expect(/Plomería Rosa aceptó/);
  await pro.tap(/Terminado/);
  await pro.expect(/Trabajo terminado/);
  await customer.expect(/¿Quedó listo\?/);

  await pro.say('off');
  await pro.expect(/desconectado/);
});

it('an offer to a provider outside the 24 h window goes out as a template, and its button works', async () => {
  const silent = new ChatUser(t, '5215577770002', 'Memo');
  // Seeded provider who never wrote to the bot: no service window is open.
  await addProvider(t.db.knex, services, {
    waId: silent.waId,
    displayName: 'Carpintería Memo',
    services: ['carpentry'],
  });
  const customer = new ChatUser(t, '5215588880002', 'Sofi');
  await customerUpToProviders(customer, 'Sofía Ramos', /Carpintería/);
  await customer.expect(/ordenados por cercanía y calificación/);
  await customer.tap(/Que la app elija/);
  const [template] = await silent.expect((m) => m.type === 'template');
  const body = template.raw.body as { template: { name: string; language: { code: string } } };
  expect(body.template.name).toBe(t.config.whatsapp.templates.offer ?? 'ubermench_offer');
  expect(body.template.language.code).toBe('es_MX');
  expect(template.options.map((o) => o.id)).toEqual(
    expect.arrayContaining([expect.stringMatching(/^offer:accept:\d+$/)]),
  );
  await silent.tap(/^offer:accept:/);
  await customer.expect(/Carpintería Memo aceptó/);
  await silent.expect(/El trabajo es tuyo/);
});

it('admin rejection, approval and suspension reach the provider; bad ids and keys are refused', async () => {
  const p = new ChatUser(t, '5215577770003', 'Tono');
  const { providerId } = await addProvider(t.db.knex, services, {
    waId: p.waId,
    displayName: 'Tono',
    status: 'pending',
    online: false,
  });
  await p.say('hola');
  await p.expect(/.+/);
  expect(
    (await admin('POST', `/providers/${providerId}/reject`, { reason: 'documentos incompletos' }))
      .status,
  ).toBe(200);
  await p.expect(/no pudimos aprobar tu registro/);
  expect((await admin('POST', `/providers/${providerId}/approve`, {})).status).toBe(200);
  await p.expect(/fue aprobado/);
  expect((await admin('POST', `/providers/${providerId}/approve`, {})).status).toBe(409);
  expect((await admin('POST', `/providers/${providerId}/suspend`, {})).status).toBe(200);
  await p.expect(/suspendida/);
  expect((await admin('POST', `/providers/999999/approve`, {})).status).toBe(404);
  const bad = await fetch(`${t.baseUrl}/admin/providers/${providerId}/approve`, {
    method: 'POST',
    headers: { authorization: 'Bearer wrong' },
  });
  expect(bad.status).toBe(401);
});
