/**
 * Phishing through the bot (issue 16, finding 4), through a whole booking: every string one person
 * supplies that the bot shows to another — the provider's name (candidate list, details, "accepted",
 * rating prompts), the customer's name and the pin's name and address (offer, job), the rating
 * comment and its author (another customer's view of the provider) — reaches the other person
 * without links (any domain ending, schemes, www.), phone numbers (Mexican formats) or our brand and
 * its look-alikes, while the ordinary words around them survive. The rules themselves are unit-tested
 * in backend/tests/unit/conversation/sanitize.test.ts.
 */
import { startTestSystem, type TestSystem } from '../../helpers/system';
import { ChatUser, type BotMessage } from '../../helpers/chat';
import { addProvider, ROMA_NORTE, seedServiceTypes } from '../../helpers/marketplace';

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem({ OUTBOUND_PER_RECIPIENT_PER_MINUTE: '0' });
});
afterAll(async () => {
  await t.stop();
});

/** The bait planted in the strings below, and look-alikes of it. */
const BAIT = [
  /u\s*b\s*e\s*r\s*-?\s*m\s*e\s*n\s*s?\s*c?\s*h/i,
  /soporte\s*uber/i,
  /pagos/i,
  /\.(top|xyz)\b/i,
  /https?:\/\/pagos/i,
  /anticipo/i,
  /bit\.ly/i,
  /www\./i,
  /1234[\s-]?5678/,
  /\+52 1 55/,
];

/** Everything a message carries (text, list rows, buttons, template parameters). */
const everything = (m: BotMessage): string => JSON.stringify(m.raw.body);

function expectClean(what: string, m: BotMessage | undefined, keeps: RegExp[] = []): void {
  if (!m) throw new Error(`${what}: no message`);
  const text = everything(m);
  for (const bait of BAIT)
    expect([what, bait.source, bait.test(text)]).toEqual([what, bait.source, false]);
  for (const keep of keeps)
    expect([what, keep.source, keep.test(text)]).toEqual([what, keep.source, true]);
}

const last = (ms: BotMessage[]): BotMessage | undefined => ms[ms.length - 1];

it('names, pin name and address, and rating comments reach other people without links, phone numbers or the brand', async () => {
  const services = await seedServiceTypes(t.db.knex);
  // A provider whose stored name is bait (registered before the name rules, or edited in the database).
  const provider = new ChatUser(t, '5215512353201', 'Prov');
  await addProvider(t.db.knex, services, {
    waId: provider.waId,
    displayName: 'Soporte Ubermench Plomería 55 1234 5678 bit.ly/x',
    lat: ROMA_NORTE.lat,
    lng: ROMA_NORTE.lng,
  });
  await provider.say('hola');
  await provider.expect(/.+/);

  // The customer's name passes the name rules (no link), but carries the brand and a phone number.
  const customer = new ChatUser(t, '5215512353101', 'Cliente');
  await customer.say('hola');
  await customer.expect(/Cómo te llamas/);
  await customer.say('Ubermensh Soporte 55-1234-5678');
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
    name: 'Soporte Uber mench pagos-ubermench.xyz',
    address: 'Calle Orizaba 10, Col. Roma https://pagos-ubermench.xyz/anticipo +52 1 55 1234 5678',
  });
  expectClean(
    'candidate list',
    last(await customer.expect(/ordenados por cercanía y calificación/)),
    [/Plomer/],
  );
  await customer.tap(/Plomería/);
  expectClean('provider details', last(await customer.expect(/trabajos? terminados?/i)), [
    /Plomer/,
  ]);
  await customer.tap(/Reservar/);

  // The offer shows the neighbourhood only; the street goes to the provider who accepts.
  const offer = last(await provider.expect(/Nueva solicitud/));
  expectClean('offer to the provider', offer, [/Roma/]);
  expect(everything(offer!)).not.toMatch(/Orizaba/);
  await provider.tap(/Aceptar/);
  expectClean(
    'job for the provider',
    last(await provider.expect((m) => m.options.some((o) => /Terminado/.test(o.title)))),
    [/Orizaba 10, Col\. Roma/],
  );
  expectClean('accepted, to the customer', last(await customer.expect(/aceptó tu solicitud/)), [
    /Plomer/,
  ]);
  await provider.tap(/Terminado/);
  expectClean('done question', last(await customer.expect(/¿Quedó listo\?/)), [/Plomer/]);
  await customer.tap(/Sí, ya quedó/);
  expectClean('rating prompt', last(await customer.expect(/Elige de 1 a 5/)), [/Plomer/]);
  await customer.tap(/★★★★★/);
  expectClean('comment prompt', last(await customer.expect(/comentario/)), [/Plomer/]);
  await customer.say('Excelente trabajo, págale en pagos-uber.top o al 5512345678 www.pagos.mx');
  await customer.expect(/Gracias por tu calificación/);

  // Another customer looks at the provider: the review and its author are clean too.
  const next = new ChatUser(t, '5215512353102', 'Otra');
  await next.register('Beatriz López');
  await next.tap(/Pedir un servicio/);
  await next.expect(/Qué servicio necesitas/);
  await next.tap(/Plomería/);
  await next.expect(/qué pasa|what's wrong/i);
  await next.tap(/^(Omitir|Skip)$/);
  await next.expect(/a dónde enviamos al proveedor/);
  // A pin with a name and no address: the name is what the provider who accepts is shown.
  await next.send({
    type: 'location',
    latitude: ROMA_NORTE.lat - 0.002,
    longitude: ROMA_NORTE.lng,
    name: 'Parque México SoporteUbermench pagos-ubermench.xyz 55 1234 5678',
  });
  await next.expect(/ordenados por cercanía y calificación/);
  await next.tap(/Plomería/);
  expectClean('details with the review', last(await next.expect(/Reseñas recientes/)), [
    /Excelente trabajo/,
    /★★★★★/,
  ]);
  await next.tap(/Reservar/);
  // The offer names the neighbourhood only; the pin's (cleaned) name goes with the accepted job.
  const offer2 = last(await provider.expect(/Nueva solicitud/));
  expectClean('offer with a pin name', offer2, []);
  expect(everything(offer2!)).not.toMatch(/Parque/);
  await provider.tap(/Aceptar/);
  expectClean(
    'job with a pin name',
    last(await provider.expect((m) => m.options.some((o) => /Terminado/.test(o.title)))),
    [/Parque México/],
  );
});
