/**
 * People type instead of tapping: a photo as the very first message (before the name), "sí" at
 * "¿Es ahí?", "cualquiera" in the providers list, a provider's "va, voy para allá" to the offer,
 * "voy en camino, llego en 20" / "ya llegué" told to the customer, and the customer's "sí, ya quedó"
 * to the provider's "done". Each reaches Postgres and the fake
 * Cloud API as the tap would, through the real webhook and worker.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startTestSystem, type TestSystem } from '../../helpers/system';
import { ChatUser } from '../../helpers/chat';
import { addProvider, seedServiceTypes } from '../../helpers/marketplace';

let t: TestSystem;
let dir: string;
let services: Map<string, number>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'typed-e2e-'));
  t = await startTestSystem({
    OUTBOUND_PER_RECIPIENT_PER_MINUTE: '0',
    MEDIA_LOCAL_DIR: dir,
    // The provider's "done" right after accepting needs the customer's word.
    JOB_DONE_MIN_MINUTES: '10',
  });
  services = await seedServiceTypes(t.db.knex);
});
afterAll(async () => {
  await t.stop();
  await rm(dir, { recursive: true, force: true });
});

const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(10_000, 7)]);

it('a photo before the name, then typed answers all the way to the stars', async () => {
  const provider = new ChatUser(t, '5215543330001', 'Plomería Vega');
  await addProvider(t.db.knex, services, {
    waId: provider.waId,
    displayName: 'Plomería Vega',
    services: ['plumbing'],
  });
  await provider.say('hola');
  await provider.expect(/.+/);

  const c = new ChatUser(t, '5215544440001', 'Chuy');
  // The first message is a photo of the leak: kept, and the caption names the trade.
  await c.photo(jpeg, 'así está la fuga debajo del fregadero');
  await c.expect(/Cómo te llamas/);
  await c.say('Jesús');
  await c.expect(/Plomería.*a dónde enviamos al proveedor/s);
  await c.say('cp 06700');
  await c.expect(/¿Es ahí\?/);
  await c.say('si');
  await c.expect(/ordenados por cercanía/);
  await c.say('cualquiera');
  await c.expect(/le enviamos tu solicitud a Plomería Vega/);

  const [offer] = (await provider.expect(/Nueva solicitud/)).slice(-1);
  expect(offer.text).toContain('así está la fuga debajo del fregadero');
  await provider.expect((m) => m.type === 'image'); // the photo follows the offer
  await provider.say('va, voy para allá');
  await provider.expect(/El trabajo es tuyo/);
  await c.expect(/Plomería Vega aceptó tu solicitud/);
  const request = await t.db.knex('service_requests').orderBy('id', 'desc').first();
  expect(request).toMatchObject({
    status: 'accepted',
    problem: 'así está la fuga debajo del fregadero',
  });
  expect(await t.db.knex('media').where({ request_id: request.id })).toHaveLength(1);

  // The provider types where they are; the customer hears it (a fixed sentence).
  await provider.say('voy en camino, llego en 20 min');
  await provider.expect(/le avisé a Jesús que vas en camino/);
  await c.expect(/Plomería Vega va en camino; llega en unos 20 min/);
  await provider.say('ya llegué');
  await provider.expect(/le avisé a Jesús que ya llegaste/);
  await c.expect(/Plomería Vega dice que ya llegó/);

  // Typed instead of tapping "Terminado": the one active job is marked done.
  await provider.say('ya terminé');
  await provider.expect(/le pedimos al cliente que confirme/);
  await c.expect(/dice que ya terminó/);
  await c.say('sí, ya quedó');
  await c.expect(/estrellas/);
  expect((await t.db.knex('service_requests').where({ id: request.id }).first()).status).toBe(
    'done',
  );
  await c.say('5');
  await c.expect(/comentario/);
  const rating = await t.db.knex('ratings').where({ request_id: request.id }).first();
  expect(rating.stars).toBe(5);
});

it('a provider\'s typed "acepto" with no open offer is told so plainly', async () => {
  const provider = new ChatUser(t, '5215543330002', 'Gas Luna');
  await addProvider(t.db.knex, services, {
    waId: provider.waId,
    displayName: 'Gas Luna',
    services: ['gas'],
  });
  await provider.say('hola');
  await provider.expect(/.+/);
  await provider.say('acepto');
  await provider.expect(/No tienes ninguna solicitud por contestar/);
});
