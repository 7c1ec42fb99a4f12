/**
 * Issue 14, item 3: a provider changes their profile from WhatsApp and sees the comments on their
 * ratings. Through the real webhook, worker, Postgres, Redis and the fake Cloud API: services
 * changed from "Mi perfil de proveedor" decide which customers see them; a new base and radius
 * (typed "cambiar mi zona", "cambiar radio") move where they are offered; a place we do not serve
 * is refused; a customer's comment shows in the profile, sanitised and without their name.
 */
import { startTestSystem, type TestSystem } from '../../helpers/system';
import { ChatUser } from '../../helpers/chat';
import { customerUpToProviders, warmUp } from '../../helpers/journeys';
import { addProvider, ROMA_NORTE, seedServiceTypes } from '../../helpers/marketplace';

let t: TestSystem;
let services: Map<string, number>;

beforeAll(async () => {
  t = await startTestSystem({ OUTBOUND_PER_RECIPIENT_PER_MINUTE: '0' });
  services = await seedServiceTypes(t.db.knex);
});
afterAll(async () => {
  await t.stop();
});

const providerRow = async (name: string) =>
  t.db.knex('providers').where({ display_name: name }).first();
const servicesOf = async (providerId: number): Promise<string[]> =>
  (
    await t.db
      .knex('provider_services as ps')
      .join('service_types as st', 'st.id', 'ps.service_type_id')
      .where('ps.provider_id', providerId)
      .orderBy('st.code')
      .select('st.code')
  ).map((r: { code: string }) => r.code);

/** A new customer asks for `service` at Roma Norte: the names offered, or null when nobody is near. */
async function whoIsOffered(waId: string, service: RegExp): Promise<string[] | null> {
  const c = new ChatUser(t, waId, 'Cliente');
  await customerUpToProviders(c, 'Mónica Salas', service);
  const [answer] = (
    await c.expect(/ordenados por cercanía y calificación|no hay nadie disponible/)
  ).slice(-1);
  return /no hay nadie disponible/.test(answer!.text) ? null : answer!.options.map((o) => o.title);
}

it('services changed from the profile decide who is offered: the new service finds the provider, the old one no longer', async () => {
  const pro = new ChatUser(t, '5215532000101', 'Luna');
  const { providerId } = await addProvider(t.db.knex, services, {
    waId: pro.waId,
    displayName: 'Cerrajería Luna',
    services: ['locksmith'],
  });
  expect(await whoIsOffered('5215532000201', /Cerrajería/)).toContain('Cerrajería Luna');
  expect(await whoIsOffered('5215532000202', /^Gas$/)).toBeNull();

  await warmUp(pro);
  await pro.tap(/Mi perfil de proveedor/);
  const [profile] = (await pro.expect(/Servicios: Cerrajería/)).slice(-1);
  expect(profile!.text).toMatch(/📍 Base: .* · hasta 10 km/);
  expect(profile!.text).toContain('Aún no tienes comentarios');
  expect(profile!.options.map((o) => o.title)).toEqual(
    expect.arrayContaining([
      'Cambiar servicios',
      'Cambiar mi base',
      'Cambiar distancia',
      'Costo de visita',
    ]),
  );

  await pro.tap(/Cambiar servicios/);
  await pro.expect(/Marcados: Cerrajería/);
  await pro.tap(/✓ Cerrajería/);
  await pro.expect(/Qué servicios ofreces/);
  await pro.tap(/^Gas$/);
  await pro.expect(/Marcados: Gas/);
  await pro.tap(/Listo/);
  const [saved] = (await pro.expect(/Listo: ahora ofreces Gas\./)).slice(-1);
  // One short confirmation, back to the menu.
  expect(saved!.options.map((o) => o.title)).toContain('Pedir un servicio');
  expect(await servicesOf(providerId)).toEqual(['gas']);

  expect(await whoIsOffered('5215532000203', /^Gas$/)).toContain('Cerrajería Luna');
  expect(await whoIsOffered('5215532000204', /Cerrajería/)).toBeNull();
});

it('typed "cambiar mi zona" and "cambiar radio": a place we do not serve is refused; the new base and radius decide who is offered', async () => {
  const pro = new ChatUser(t, '5215532000102', 'Sol');
  const { providerId } = await addProvider(t.db.knex, services, {
    waId: pro.waId,
    displayName: 'Carpintería Sol',
    services: ['carpentry'],
    radiusKm: 3,
  });
  await warmUp(pro);

  await pro.say('cambiar mi zona');
  await pro.expect(/Desde dónde trabajas ahora/);
  await pro.say('Monterrey');
  await pro.expect(/Aún no llegamos a Monterrey.*tu base sigue igual/s);
  expect((await providerRow('Carpintería Sol')).lat).toBeCloseTo(ROMA_NORTE.lat, 6);

  // About 8 km north of Roma Norte, still in Mexico City.
  const north = { lat: ROMA_NORTE.lat + 8 / 110.574, lng: ROMA_NORTE.lng };
  await pro.location(north.lat, north.lng);
  await pro.expect(/Listo: (tu base ahora es|guardé tu nueva base)/);
  const moved = await providerRow('Carpintería Sol');
  expect({ lat: moved.lat, lng: moved.lng }).toEqual(north);
  expect(await whoIsOffered('5215532000205', /Carpintería/)).toBeNull();

  await pro.say('cambiar radio');
  await pro.expect(/Ahora vas hasta 3 km/);
  await pro.tap(/Hasta 20 km/);
  await pro.expect(/hasta 20 km de tu base/);
  expect((await t.db.knex('providers').where({ id: providerId }).first()).radius_km).toBe(20);
  expect(await whoIsOffered('5215532000206', /Carpintería/)).toContain('Carpintería Sol');
});

it("a customer's comment shows in the provider's profile, without their name or phone number", async () => {
  const pro = new ChatUser(t, '5215532000103', 'Río');
  await addProvider(t.db.knex, services, {
    waId: pro.waId,
    displayName: 'Plomería Río',
    services: ['plumbing'],
  });
  await warmUp(pro);
  const customer = new ChatUser(t, '5215532000207', 'Elena');
  await customerUpToProviders(customer, 'Elena Cárdenas', /Plomería/);
  await customer.expect(/ordenados por cercanía y calificación/);
  await customer.tap(/Que la app elija/);
  await pro.expect(/Nueva solicitud/);
  await pro.tap(/Aceptar/);
  await customer.expect(/aceptó tu solicitud/);
  await pro.expect((m) => m.options.some((o) => /Terminado/.test(o.title)));
  await pro.tap(/Terminado/);
  await customer.expect(/¿Quedó listo\?/);
  await customer.tap(/Sí, ya quedó/);
  await customer.expect(/estrellas/);
  await customer.tap(/★★★★★/);
  await customer.expect(/comentario/);
  await customer.say('Súper amable y limpio, mi cel 55 1234 5678');
  await customer.expect(/Gracias por tu calificación/);
  await pro.expect(/Súper amable/);

  await pro.say('mi perfil');
  const [profile] = (await pro.expect(/El último comentario de tus clientes/)).slice(-1);
  expect(profile!.text).toMatch(
    /El último comentario de tus clientes:\n\s*★★★★★ “Súper amable y limpio, mi cel …”/,
  );
  expect(profile!.text).toContain('Calificación: ★5.0 (1 reseña)');
  expect(profile!.text).not.toMatch(/Elena|Cárdenas|1234|5678/);
});
