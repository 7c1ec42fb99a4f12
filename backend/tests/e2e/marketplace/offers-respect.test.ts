/**
 * Offers that respect people, end to end (signed webhooks → the real bot → the local Cloud API
 * fake): going offline withdraws an offer at once and the request goes on; a provider who let a
 * request expire or declined it is never offered it again, not even on "Intentar de nuevo";
 * missed offers in a row set a provider offline with a kind notice; the customer is asked before
 * the provider they chose is replaced; an accepted job is cancelled only after confirming, with a
 * reason that reaches the provider; "Terminado" seconds after accepting waits for the customer; a
 * provider who can no longer go gives the job back and the next provider gets it; a customer's
 * "ya quedó" closes a job the provider forgot to mark; a customer who wants someone else gets
 * them, and the provider who had the request is told; a pin sent after acceptance reaches the
 * provider and moves the job.
 *
 * Each scenario happens in its own town (~55 km apart), so providers of one never match another.
 */
import { startTestSystem, type TestSystem } from '../../helpers/system';
import { ChatUser, type BotMessage } from '../../helpers/chat';
import { addProvider, ROMA_NORTE, seedServiceTypes } from '../../helpers/marketplace';
import { warmUp } from '../../helpers/journeys';

let t: TestSystem;
let services: Map<string, number>;

beforeAll(async () => {
  t = await startTestSystem({
    OFFER_TIMEOUT_SECONDS: '5',
    MISSED_OFFERS_BEFORE_OFFLINE: '2',
    JOB_DONE_MIN_MINUTES: '10',
    OUTBOUND_PER_RECIPIENT_PER_MINUTE: '0',
  });
  services = await seedServiceTypes(t.db.knex);
});
afterAll(async () => {
  await t.stop();
});

const town = (n: number) => ({ lat: ROMA_NORTE.lat + 0.5 * n, lng: ROMA_NORTE.lng });
/** `km` north of a town. */
const north = (at: { lat: number; lng: number }, km: number) => ({
  lat: at.lat + km / 110.574,
  lng: at.lng,
});

/** A provider in a town, warmed up (inside the 24 h window: offers arrive as buttons). */
async function provider(
  waId: string,
  name: string,
  service: string,
  at: { lat: number; lng: number },
): Promise<ChatUser> {
  const p = new ChatUser(t, waId, name);
  await addProvider(t.db.knex, services, { waId, displayName: name, services: [service], ...at });
  await warmUp(p);
  return p;
}

/** A new customer asks for `service` in a town and reaches the providers list. */
async function customerAt(
  c: ChatUser,
  name: string,
  service: RegExp,
  at: { lat: number; lng: number },
): Promise<void> {
  await c.register(name);
  await c.tap(/Pedir un servicio/);
  await c.expect(/Qué servicio necesitas/);
  await c.tap(service);
  await c.expect(/qué pasa\?/);
  await c.tap(/^Omitir$/);
  await c.expect(/a dónde enviamos al proveedor/);
  await c.location(at.lat, at.lng);
  await c.expect(/proveedores cerca de ti/);
}

/** A new customer asks for `service` in a town and lets the app choose; `pro` accepts. */
async function acceptedBy(
  pro: ChatUser,
  proName: string,
  c: ChatUser,
  customerName: string,
  service: { tap: RegExp; offer: RegExp },
  at: { lat: number; lng: number },
): Promise<void> {
  await customerAt(c, customerName, service.tap, at);
  await c.tap(/Que la app elija/);
  await pro.expect(service.offer);
  await pro.tap(/Aceptar/);
  await c.expect(new RegExp(`${proName} aceptó`));
}
const GAS = { tap: /^Gas$/, offer: /Nueva solicitud: Gas/ };
const ELECTRICAL = { tap: /Electricidad/, offer: /Nueva solicitud: Electricidad/ };

/** The job a provider is busy with (null: free for other work). */
const currentRequestOf = async (waId: string): Promise<number | null> =>
  (
    await t.db
      .knex('providers')
      .where({ id: await providerId(waId) })
      .first()
  ).current_request_id;
const count = (p: ChatUser, re: RegExp) =>
  p.all().filter((m: BotMessage) => re.test(m.text)).length;
const providerId = async (waId: string) =>
  (
    await t.db
      .knex('providers as p')
      .join('users as u', 'u.id', 'p.user_id')
      .where('u.wa_id', waId)
      .first('p.id')
  ).id as number;

it('going offline withdraws the pending offer at once and the request goes to the next provider', async () => {
  const at = town(1);
  const first = await provider('5215560000101', 'Gas Primero', 'gas', north(at, 0.2));
  const second = await provider('5215560000102', 'Gas Segundo', 'gas', north(at, 3));
  const c = new ChatUser(t, '5215560000111', 'Olga');
  await customerAt(c, 'Olga Ruiz', /^Gas$/, at);
  await c.tap(/Que la app elija/);
  await c.expect(/le enviamos tu solicitud a Gas Primero/);
  await first.expect(/Nueva solicitud: Gas/);

  await first.say('desconectarme');
  await first.expect(/Estás desconectado/);
  await first.expect(/Retiramos la solicitud que tenías pendiente/);
  // The customer hears only what is true, long before the 5 s timer, and the next one is offered.
  await c.expect(/Gas Primero se desconectó y ya no puede atender tu solicitud/, 4000);
  await second.expect(/Nueva solicitud: Gas/, 4000);
  await c.expect(/Ahora se la enviamos a Gas Segundo/);
  expect(count(c, /no respondió a tiempo/)).toBe(0);
  const offers = await t.db
    .knex('offers')
    .orderBy('id')
    .whereIn('provider_id', [await providerId(first.waId), await providerId(second.waId)]);
  expect(offers.map((o: { status: string }) => o.status)).toEqual(['cancelled', 'offered']);

  await second.tap(/Aceptar/);
  await c.expect(/Gas Segundo aceptó tu solicitud/);
});

it('a provider who let a request expire or declined it is never offered it again, not even on "Intentar de nuevo"', async () => {
  const at = town(2);
  const silent = await provider('5215560000201', 'Cerrajero Callado', 'locksmith', north(at, 0.2));
  const busy = await provider('5215560000202', 'Cerrajero Ocupado', 'locksmith', north(at, 3));
  const c = new ChatUser(t, '5215560000211', 'Pablo');
  await customerAt(c, 'Pablo Soto', /Cerrajería/, at);
  await c.tap(/Que la app elija/);
  await silent.expect(/Nueva solicitud: Cerrajería/);
  // Nobody answers within 5 s: the next one, and the silent one is told it went on.
  await c.expect(/Cerrajero Callado no respondió a tiempo/, 15000);
  await busy.expect(/Nueva solicitud: Cerrajería/, 10000);
  await silent.expect(/se la enviamos a otro proveedor/, 10000);
  await busy.tap(/Rechazar/);
  await c.expect(/nadie está disponible/);

  // Try again: the same two are left out, so nobody is available (told honestly).
  await c.tap(/Intentar de nuevo/);
  await c.expect(/nadie está disponible/);
  // Someone new nearby: they get it, the two who passed never hear of it again.
  const fresh = await provider('5215560000203', 'Cerrajero Nuevo', 'locksmith', north(at, 5));
  await c.tap(/Intentar de nuevo/);
  await fresh.expect(/Nueva solicitud: Cerrajería/);
  await c.expect(/le enviamos tu solicitud a Cerrajero Nuevo/);
  expect(count(silent, /Nueva solicitud/)).toBe(1);
  expect(count(busy, /Nueva solicitud/)).toBe(1);
  const requests = await t.db
    .knex('service_requests')
    .where({ customer_id: t.db.knex('users').select('id').where({ wa_id: c.waId }) })
    .orderBy('id');
  expect(requests).toHaveLength(3);
  expect(
    requests.slice(1).map((r: { original_request_id: number }) => r.original_request_id),
  ).toEqual([requests[0].id, requests[0].id]);
  await fresh.tap(/Aceptar/);
  await c.expect(/Cerrajero Nuevo aceptó/);
});

it('missed offers in a row set the provider offline, kindly, with how to come back', async () => {
  const at = town(3);
  const away = await provider('5215560000301', 'Carpintero Ausente', 'carpentry', north(at, 0.5));
  for (const [i, waId] of ['5215560000311', '5215560000312'].entries()) {
    const c = new ChatUser(t, waId, `Cliente ${i}`);
    await customerAt(c, `Cliente Número ${i + 1}`, /Carpintería/, at);
    await c.tap(/Que la app elija/);
    await c.expect(/le enviamos tu solicitud a Carpintero Ausente/);
    await c.expect(/no respondió a tiempo/, 15000);
    // Nobody else around: the provider is not told it went to someone else.
    await c.expect(/nadie está disponible/);
  }
  await away.expect(/ya no está disponible para ti/);
  const [notice] = (
    await away.expect(/te desconectamos para que ningún cliente se quede esperando/, 10000)
  ).slice(-1);
  expect(notice.text).toMatch(/toca "Conectarme" o escribe \*conectarme\*/);
  expect(
    (
      await t.db
        .knex('providers')
        .where({ id: await providerId(away.waId) })
        .first()
    ).online,
  ).toBe(false);
  expect(count(away, /se la enviamos a otro proveedor/)).toBe(0);
  await away.tap(/Conectarme/);
  await away.expect(/Estás conectado/);
  expect(
    await t.db
      .knex('providers')
      .where({ id: await providerId(away.waId) })
      .first(),
  ).toMatchObject({ online: true, missed_offers: 0 });
});

it('asks before replacing the provider the customer chose', async () => {
  const at = town(4);
  const chosen = await provider('5215560000401', 'Plomero Elegido', 'plumbing', north(at, 3));
  const other = await provider('5215560000402', 'Plomero Otro', 'plumbing', north(at, 0.2));
  const c = new ChatUser(t, '5215560000411', 'Rita');
  await customerAt(c, 'Rita Gómez', /Plomería/, at);
  await c.tap(/Plomero Elegido/);
  await c.expect(/Reservar/);
  await c.tap(/Reservar/);
  await chosen.expect(/Nueva solicitud: Plomería/);
  await chosen.tap(/Rechazar/);
  await c.expect(/Plomero Elegido no puede atender/);
  const [question] = (
    await c.expect(/\*Plomería\*: ¿quieres que busquemos a otro proveedor/)
  ).slice(-1);
  expect(question.options.map((o) => o.title)).toEqual(['Buscar a otro', 'Cancelar']);
  // Nobody else was offered it meanwhile.
  await new Promise((r) => setTimeout(r, 500));
  expect(count(other, /Nueva solicitud/)).toBe(0);
  await c.tap(/Buscar a otro/);
  await other.expect(/Nueva solicitud: Plomería/);
  await c.expect(/Ahora se la enviamos a Plomero Otro/);
  await other.tap(/Aceptar/);
  await c.expect(/Plomero Otro aceptó/);
});

it('an accepted job is cancelled only after confirming, with a reason the provider reads', async () => {
  const at = town(5);
  const pro = await provider('5215560000501', 'Electricista Rápido', 'electrical', north(at, 0.3));
  const c = new ChatUser(t, '5215560000511', 'Sara');
  await acceptedBy(pro, 'Electricista Rápido', c, 'Sara Luna', ELECTRICAL, at);

  await c.say('mis solicitudes');
  await c.expect(/Tus solicitudes recientes/);
  await c.tap(/Electricidad/);
  await c.expect(/Estado: Aceptada/);
  await c.tap(/Cancelar solicitud/);
  const [confirm] = (
    await c.expect(
      /\*Electricidad\*: ¿seguro que quieres cancelar el trabajo con Electricista Rápido/,
    )
  ).slice(-1);
  expect(confirm.options.map((o) => o.title)).toEqual([
    'Ya se resolvió',
    'Tarda demasiado',
    'No acordamos el precio',
    'Encontré a alguien más',
    'Ya no lo necesito',
    'Otro motivo',
    'No cancelar',
  ]);
  const request = () =>
    t.db
      .knex('service_requests')
      .where({ customer_id: t.db.knex('users').select('id').where({ wa_id: c.waId }) })
      .first();
  expect((await request()).status).toBe('accepted');
  // "No cancelar" keeps it.
  await c.tap(/No cancelar/);
  await c.expect(/no cancelé nada/);
  expect((await request()).status).toBe('accepted');
  expect(count(pro, /canceló/)).toBe(0);

  await c.tap(/Cancelar solicitud/);
  await c.expect(/seguro que quieres cancelar/);
  await c.tap(/Otro motivo/);
  await c.expect(/por qué cancelas/);
  await c.say('Ya lo arregló mi vecino, gracias');
  await c.expect(/cancelé tu solicitud \(\*Electricidad\*\)/);
  const [told] = (await pro.expect(/El cliente canceló su solicitud \(\*Electricidad\*\)/)).slice(
    -1,
  );
  expect(told.text).toContain('Motivo: “Ya lo arregló mi vecino, gracias”');
  expect(await request()).toMatchObject({
    status: 'cancelled',
    cancel_reason: 'other',
    cancel_note: 'Ya lo arregló mi vecino, gracias',
  });
  expect(await currentRequestOf(pro.waId)).toBeNull();
});

it('"Terminado" seconds after accepting waits for the customer to confirm', async () => {
  const at = town(6);
  const pro = await provider('5215560000601', 'Gasero Veloz', 'gas', north(at, 0.3));
  const c = new ChatUser(t, '5215560000611', 'Tomás');
  await acceptedBy(pro, 'Gasero Veloz', c, 'Tomás Vega', GAS, at);
  await pro.expect((m) => m.options.some((o) => /Terminado/.test(o.title)));
  await pro.tap(/Terminado/);
  await pro.expect(/le pedimos al cliente que confirme/);
  const request = () =>
    t.db
      .knex('service_requests')
      .where({ customer_id: t.db.knex('users').select('id').where({ wa_id: c.waId }) })
      .first();
  expect((await request()).status).toBe('accepted');
  const [asked] = (
    await c.expect(/Gasero Veloz dice que ya terminó tu servicio \(\*Gas\*\)/)
  ).slice(-1);
  expect(asked.options.map((o) => o.title)).toEqual(['Sí, ya quedó', 'Todavía no']);
  expect(count(c, /Califícalo/)).toBe(0);
  await c.tap(/Sí, ya quedó/);
  await c.expect(/Califícalo de 1 a 5/);
  await pro.expect(/El cliente confirmó que el trabajo quedó/);
  expect((await request()).status).toBe('done');
});

it('a provider who can no longer go gives the job back: the customer is told and the next provider gets it', async () => {
  const at = town(7);
  const first = await provider('5215560000701', 'Gas Ponchado', 'gas', north(at, 0.2));
  const second = await provider('5215560000702', 'Gas Relevo', 'gas', north(at, 3));
  const c = new ChatUser(t, '5215560000711', 'Irma');
  await acceptedBy(first, 'Gas Ponchado', c, 'Irma Soto', GAS, at);

  await first.say('ya no puedo ir, se me ponchó la llanta');
  await first.expect(/¿Ya no puedes ir con Irma Soto \(\*Gas\*\)\?/);
  await first.tap(/Ya no puedo ir/);
  await first.expect(/le avisé al cliente y ya busco a alguien más/);
  await c.expect(/Gas Ponchado ya no puede ir a tu servicio \(\*Gas\*\)/);
  await second.expect(/Nueva solicitud: Gas/);
  await c.expect(/Ahora se la enviamos a Gas Relevo/);
  // The one who gave it back is free, and never offered it again.
  expect(await currentRequestOf(first.waId)).toBeNull();
  expect(count(first, /Nueva solicitud: Gas/)).toBe(1);
  await second.tap(/Aceptar/);
  await c.expect(/Gas Relevo aceptó tu solicitud/);
});

it('"ya quedó, muchas gracias" from the customer closes the job the provider forgot to mark', async () => {
  const at = town(8);
  const pro = await provider('5215560000801', 'Gas Olvidadizo', 'gas', north(at, 0.3));
  const c = new ChatUser(t, '5215560000811', 'Rosa');
  await acceptedBy(pro, 'Gas Olvidadizo', c, 'Rosa Luna', GAS, at);
  await c.say('ya quedó, muchas gracias, muy buen trabajo');
  await c.expect(/¿Gas Olvidadizo ya terminó tu servicio \(\*Gas\*\)\?/);
  await c.tap(/Sí, ya quedó/);
  await c.expect(/¡Qué bien que quedó! ¿Cómo te fue con Gas Olvidadizo/);
  await pro.expect(/El cliente confirmó que el trabajo quedó/);
  const request = await t.db
    .knex('service_requests')
    .where({ customer_id: t.db.knex('users').select('id').where({ wa_id: c.waId }) })
    .first();
  expect(request.status).toBe('done');
  expect(await currentRequestOf(pro.waId)).toBeNull();
});

it('"mándame otro" while waiting, and "quiero cambiar de plomero" after acceptance: the provider is told and someone else gets it', async () => {
  const at = town(9);
  const first = await provider('5215560000901', 'Gas Lento', 'gas', north(at, 0.2));
  const second = await provider('5215560000902', 'Gas Segundo', 'gas', north(at, 2));
  const third = await provider('5215560000903', 'Gas Tercero', 'gas', north(at, 4));
  const c = new ChatUser(t, '5215560000911', 'Paty');
  await customerAt(c, 'Paty Ruiz', /^Gas$/, at);
  await c.tap(/Que la app elija/);
  await first.expect(/Nueva solicitud: Gas/);
  await c.expect(/le enviamos tu solicitud a Gas Lento/);

  // Waiting: let go of the first provider at once, the next one asked.
  await c.say('ya no quiero a ese, mándame otro');
  await c.expect(/ya no se la enviamos a Gas Lento/);
  await first.expect(/el cliente prefirió buscar a otro proveedor/);
  await second.expect(/Nueva solicitud: Gas/);
  await c.expect(/Ahora se la enviamos a Gas Segundo/);
  // The first provider's late Accept gets nothing.
  await first.tap(/Aceptar/);
  await first.expect(/esa solicitud ya no está disponible/);
  await second.tap(/Aceptar/);
  await c.expect(/Gas Segundo aceptó tu solicitud/);

  // Accepted: asked first, then the job goes to someone who never had it.
  await c.say('quiero cambiar de gasero');
  await c.expect(/Gas Segundo ya aceptó tu solicitud\. ¿Cancelo con Gas Segundo/);
  await c.tap(/Sí, buscar a otro/);
  await c.expect(/le avisé a Gas Segundo que ya no va/);
  await second.expect(/ya no es tuya/);
  await third.expect(/Nueva solicitud: Gas/);
  expect(count(first, /Nueva solicitud: Gas/)).toBe(1);
  expect(count(second, /Nueva solicitud: Gas/)).toBe(1);
  expect(await currentRequestOf(second.waId)).toBeNull();
});

it('a pin sent after acceptance goes to the provider, and the job moves there', async () => {
  const at = town(10);
  const pro = await provider('5215560001001', 'Gas Ubicado', 'gas', north(at, 0.3));
  const c = new ChatUser(t, '5215560001011', 'Nora');
  await acceptedBy(pro, 'Gas Ubicado', c, 'Nora Díaz', GAS, at);

  const exact = north(at, 0.05);
  await c.location(exact.lat, exact.lng);
  await c.expect(/le pasé tu ubicación a Gas Ubicado/);
  await pro.expect(/Ubicación exacta de Nora Díaz para \*Gas\*/);
  expect(pro.all().at(-1)?.text).toContain(
    `https://maps.google.com/?q=${exact.lat.toFixed(6)},${exact.lng.toFixed(6)}`,
  );
  const job = await t.db
    .knex('service_requests')
    .where({ customer_id: t.db.knex('users').select('id').where({ wa_id: c.waId }) })
    .first();
  expect(job).toMatchObject({ status: 'accepted' });
  expect(job.lat).toBeCloseTo(exact.lat, 6);
  // Nothing new was started from the pin: "¿Qué servicio necesitas?" only once, at the booking.
  expect(c.all().filter((m) => /Qué servicio necesitas/.test(m.text))).toHaveLength(1);
});
