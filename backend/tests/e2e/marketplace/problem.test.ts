/**
 * Issue 14, the problem: after the service the customer says what is wrong — words, a photo with
 * its caption, a voice note — and it reaches the provider with the offer (the text in the offer,
 * the files sent right after it by media id). Through the real webhook, worker, Postgres, the
 * media storage and the fake Cloud API's media endpoints.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startTestSystem, type TestSystem } from '../../helpers/system';
import { ChatUser } from '../../helpers/chat';
import { addProvider, ROMA_NORTE, seedServiceTypes } from '../../helpers/marketplace';

let t: TestSystem;
let dir: string;
let services: Map<string, number>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'problem-e2e-'));
  t = await startTestSystem({ OUTBOUND_PER_RECIPIENT_PER_MINUTE: '0', MEDIA_LOCAL_DIR: dir });
  services = await seedServiceTypes(t.db.knex);
});
afterAll(async () => {
  await t.stop();
  await rm(dir, { recursive: true, force: true });
});

const jpeg = (fill: number) =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(20_000, fill)]);
const sendsTo = (waId: string) =>
  t.fake.receivedFor(`52${waId.slice(3)}`).filter((m) => m.kind === 'message' && m.status === 200);

async function providerReady(waId: string, name: string): Promise<ChatUser> {
  const provider = new ChatUser(t, waId, name);
  await addProvider(t.db.knex, services, { waId, displayName: name, services: ['plumbing'] });
  await provider.say('hola');
  await provider.expect(/.+/);
  return provider;
}

async function customerAtProblem(waId: string): Promise<ChatUser> {
  const c = new ChatUser(t, waId, 'Lucía');
  await c.register('Lucía Torres');
  await c.tap(/Pedir un servicio/);
  await c.expect(/Qué servicio necesitas/);
  await c.tap(/Plomería/);
  await c.expect(/qué pasa/);
  return c;
}

it('a photo with its caption reaches the provider with the offer', async () => {
  const provider = await providerReady('5215541110001', 'Plomería Ruiz');
  const c = await customerAtProblem('5215542220001');
  await c.photo(jpeg(1), 'así está la fuga debajo del fregadero');
  const [got] = (await c.expect(/Recibido! \(1 de 3\)/)).slice(-1);
  expect(got.options.map((o) => o.title)).toEqual(['Continuar']);
  await c.tap(/Continuar/);
  await c.expect(/a dónde enviamos al proveedor/);
  await c.location(ROMA_NORTE.lat, ROMA_NORTE.lng);
  await c.expect(/ordenados por cercanía/);
  await c.tap(/app elija/i);

  const [offer] = (await provider.expect(/Nueva solicitud/)).slice(-1);
  expect(offer.text).toContain('así está la fuga debajo del fregadero');
  // The photo follows the offer, sent by the id of our re-upload (never a public link).
  await provider.expect((m) => m.type === 'image');
  const image = sendsTo(provider.waId).find((m) => m.type === 'image');
  expect(JSON.stringify(image?.body)).toMatch(/"image":\{"id":/);
  expect(JSON.stringify(image?.body)).not.toMatch(/"link"/);
  const request = (await t.db.knex('service_requests').orderBy('id', 'desc').first()) as {
    id: number;
    problem: string;
  };
  expect(request.problem).toBe('así está la fuga debajo del fregadero');
  const stored = await t.db.knex('media').where({ request_id: request.id });
  expect(stored).toHaveLength(1);

  // The request history keeps it: the customer's "Mis solicitudes" shows what they said and sent,
  // and once accepted, the provider's "Mis trabajos" shows the problem with the job.
  await c.say('mis solicitudes');
  await c.expect(/Tus solicitudes recientes/);
  await c.tap(/Plomería/);
  const [detail] = (await c.expect(/así está la fuga/)).slice(-1);
  expect(detail.text).toMatch(/Mandaste 1 foto o audio/);
  await provider.tap(/Aceptar/);
  await provider.expect(/El trabajo es tuyo/);
  await provider.say('mis trabajos');
  const [job] = (
    await provider.expect(
      (m) => m.options.some((o) => /Terminado/.test(o.title)) && /fregadero/.test(m.text),
    )
  ).slice(-1);
  expect(job.text).toMatch(/Lucía Torres/);
});

it('a voice note reaches the provider with the offer, and typed words are the problem', async () => {
  const provider = await providerReady('5215541110002', 'Fontanería Díaz');
  await t.db
    .knex('providers')
    .whereNot({ display_name: 'Fontanería Díaz' })
    .update({ online: false });
  const c = await customerAtProblem('5215542220002');
  await c.voiceNote(Buffer.from('OggS fake opus payload '.repeat(200)));
  await c.expect(/Recibido! \(1 de 3\)/);
  await c.say('no sale agua caliente y el boiler hace ruido');
  await c.expect(/a dónde enviamos al proveedor/);
  await c.location(ROMA_NORTE.lat, ROMA_NORTE.lng);
  await c.expect(/ordenados por cercanía/);
  await c.tap(/app elija/i);
  const [offer] = (await provider.expect(/Nueva solicitud/)).slice(-1);
  expect(offer.text).toContain('no sale agua caliente');
  await provider.expect((m) => m.type === 'audio');
});

it('a photo sent from the menu starts a request with it as the problem', async () => {
  const c = new ChatUser(t, '5215542220003', 'Beto');
  await c.register('Beto');
  await c.photo(jpeg(3), 'se rompió el vidrio de la ventana');
  await c.expect(/Qué servicio necesitas/);
  await c.tap(/Plomería/);
  // The photo already says what is wrong: straight to where.
  await c.expect(/a dónde enviamos al proveedor/);
});

it('the typed street address reaches the provider on acceptance; the offer shows only the neighbourhood', async () => {
  const provider = await providerReady('5215541110004', 'Plomería Castro');
  await t.db
    .knex('providers')
    .whereNot({ display_name: 'Plomería Castro' })
    .update({ online: false });
  const c = await customerAtProblem('5215542220004');
  await c.say('gotea la llave del lavabo');
  await c.expect(/a dónde enviamos al proveedor/);
  await c.say('Calle Durango 200 depto 3, Roma Norte, CDMX');
  await c.expect(/ordenados por cercanía/);
  await c.tap(/app elija/i);
  const [offer] = (await provider.expect(/Nueva solicitud/)).slice(-1);
  expect(offer.text).toMatch(/Roma Norte/);
  expect(offer.text).not.toMatch(/Durango 200/);
  await provider.tap(/Aceptar/);
  const [accepted] = (await provider.expect(/Durango 200/)).slice(-1);
  expect(accepted.text).toMatch(/Calle Durango 200 depto 3, Roma Norte, CDMX/);
  expect(accepted.text).toMatch(/maps\.google\.com\/\?q=19\.4/);
});
