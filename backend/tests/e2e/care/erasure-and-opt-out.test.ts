/**
 * Privacy, end to end:
 * - opt-out is honoured by the sender: an offer to an opted-out provider outside the 24 h window
 *   (a template) is never sent, while the same offer to one who did not opt out is;
 * - "borrar mis datos" → confirm → the person's phone, name and message text are nowhere: not in any
 *   text/json column of any table of the schema, not in any Redis key or value under the test
 *   prefix (after the sweep), and the media step is audited.
 */
import type { Knex } from 'knex';
import Redis from 'ioredis';
import { startTestSystem, type TestSystem } from '../../helpers/system';
import { ChatUser, type BotMessage } from '../../helpers/chat';
import { customerUpToProviders } from '../../helpers/journeys';
import { addProvider, seedServiceTypes } from '../../helpers/marketplace';
import { eventually, sleep } from '../../helpers/redis';
import fs from 'node:fs';
import path from 'node:path';
import { setOptedOut } from '../../../src/db/opt-out';
import { createMediaService } from '../../../src/media';

/** Every file under a directory (relative paths). */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name));
}

let t: TestSystem;
let services: Map<string, number>;

beforeAll(async () => {
  t = await startTestSystem({ OUTBOUND_PER_RECIPIENT_PER_MINUTE: '0' });
  services = await seedServiceTypes(t.db.knex);
});
afterAll(async () => {
  await t.stop();
});

it('the sender never sends a template to an opted-out person (and does to one who did not opt out)', async () => {
  const optedOut = new ChatUser(t, '5215566660001', 'Nico');
  const other = new ChatUser(t, '5215566660002', 'Paco');
  const a = await addProvider(t.db.knex, services, {
    waId: optedOut.waId,
    displayName: 'Cerrajería Nico',
    services: ['locksmith'],
  });
  await setOptedOut(t.db.knex, a.userId, new Date());

  const customer = new ChatUser(t, '5215566660003', 'Rita');
  await customerUpToProviders(customer, 'Rita Solís', /Cerrajería/);
  await customer.expect(/ordenados por cercanía/);
  await customer.tap(/Que la app elija/);
  // The offer is made (Postgres), the template is not sent (the sender checked the opt-out).
  const offer = await eventually(() =>
    t.db.knex('offers').where({ provider_id: a.providerId }).first(),
  );
  expect(offer.status).toBe('offered');
  await sleep(1000);
  expect(optedOut.all()).toEqual([]);

  // Control: the same kind of offer to someone who did not opt out goes out as a template.
  await t.db
    .knex('offers')
    .where({ id: offer.id })
    .update({ status: 'declined', answered_at: new Date() });
  const b = await addProvider(t.db.knex, services, {
    waId: other.waId,
    displayName: 'Cerrajería Paco',
    services: ['carpentry'],
  });
  expect(b.providerId).toBeGreaterThan(0);
  const c2 = new ChatUser(t, '5215566660004', 'Tere');
  await customerUpToProviders(c2, 'Tere Luna', /Carpintería/);
  await c2.expect(/ordenados por cercanía/);
  await c2.tap(/Que la app elija/);
  await other.expect((m) => m.type === 'template');
  expect(optedOut.all()).toEqual([]);
});

it('a customer who said "baja" and then books still hears, inside the 24 h window they opened, that a provider accepted', async () => {
  const provider = new ChatUser(t, '5215566660011', 'Gas Ortiz');
  await addProvider(t.db.knex, services, {
    waId: provider.waId,
    displayName: 'Gas Ortiz',
    services: ['gas'],
  });
  await provider.say('hola');
  await provider.expect(/.+/);
  const customer = new ChatUser(t, '5215566660012', 'Lola');
  await customer.register('Lola Pardo');
  await customer.say('baja');
  await customer.expect(/.+/);
  const user = await t.db.knex('users').where({ wa_id: customer.waId }).first();
  expect(user.opted_out_at).not.toBeNull();
  await customer.tap(/Pedir un servicio/);
  await customer.expect(/Qué servicio necesitas/);
  await customer.tap(/^Gas/);
  await customer.expect(/qué pasa/);
  await customer.tap(/Omitir/);
  await customer.expect(/a dónde enviamos al proveedor/);
  await customer.location(19.4195, -99.1617);
  await customer.expect(/ordenados por cercanía/);
  await customer.tap(/Que la app elija/);
  await provider.expect(/Nueva solicitud/);
  await provider.tap(/Aceptar/);
  const [accepted] = (await customer.expect(/Gas Ortiz aceptó tu solicitud/)).slice(-1);
  expect(accepted.type).not.toBe('template');
  expect(customer.all().some((m) => m.type === 'template')).toBe(false);
});

/** Every text-like column of every table of the schema, searched for each needle. */
async function postgresHits(knex: Knex, schema: string, needles: string[]): Promise<string[]> {
  const { rows } = await knex.raw<{ rows: { table_name: string; column_name: string }[] }>(
    `select table_name, column_name from information_schema.columns
      where table_schema = ? and data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED')`,
    [schema],
  );
  const hits: string[] = [];
  for (const { table_name, column_name } of rows) {
    for (const needle of needles) {
      const { rows: found } = await knex.raw<{ rows: { n: number }[] }>(
        `select count(*)::int as n from ??.?? where ??::text ilike ?`,
        [schema, table_name, column_name, `%${needle}%`],
      );
      if (found[0]!.n > 0) hits.push(`${table_name}.${column_name} ∋ ${needle}`);
    }
  }
  return hits;
}

/** Every key under the prefix, its name and its whole value, searched for each needle. */
async function redisHits(url: string, prefix: string, needles: string[]): Promise<string[]> {
  const redis = new Redis(url);
  const hits: string[] = [];
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) {
        const type = await redis.type(key);
        let value: unknown = null;
        if (type === 'string') value = await redis.get(key);
        else if (type === 'hash') value = await redis.hgetall(key);
        else if (type === 'list') value = await redis.lrange(key, 0, -1);
        else if (type === 'set') value = await redis.smembers(key);
        else if (type === 'zset') value = await redis.zrange(key, 0, -1);
        else if (type === 'stream') value = await redis.xrange(key, '-', '+');
        const text = `${key} ${JSON.stringify(value)}`.toLowerCase();
        for (const needle of needles)
          if (text.includes(needle.toLowerCase())) hits.push(`${key} (${type}) ∋ ${needle}`);
      }
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return hits;
}

it('"borrar mis datos" erases the person everywhere: Postgres, Redis, media (audited), after confirmation', async () => {
  const phone = '5215599990001';
  const name = 'Zoe Quintanar';
  const secretText = 'mi clave del portón es girasol azul';
  const comment = 'Excelente trabajo con la tubería violeta';
  const pro = new ChatUser(t, '5215599990002', 'Hugo');
  await addProvider(t.db.knex, services, {
    waId: pro.waId,
    displayName: 'Electricidad Hugo',
    services: ['electrical'],
  });
  await pro.say('hola');
  await pro.expect(/.+/);

  // The person leaves traces everywhere: a request, a job, a rating with a comment, a handoff.
  const c = new ChatUser(t, phone, 'Zoe');
  await customerUpToProviders(c, name, /Electricidad/);
  await c.expect(/ordenados por cercanía/);
  await c.tap(/Que la app elija/);
  await pro.expect(/Nueva solicitud/);
  await pro.tap(/Aceptar/);
  await c.expect(/aceptó/);
  await pro.tap(/Terminado/);
  // "Terminado" right after accepting asks the customer first (offers that respect people).
  const stars = (m: BotMessage) => m.options.some((o) => /★★★★★/.test(o.title));
  const [done] = (
    await c.expect((m) => stars(m) || m.options.some((o) => /Sí, ya quedó/.test(o.title)))
  ).slice(-1);
  if (!stars(done!)) {
    await c.tap(/Sí, ya quedó/);
    await c.expect(stars);
  }
  await c.tap(/Excelente/);
  await c.expect(/comentario/i);
  await c.say(comment);
  await c.expect(/Gracias/);
  await c.say('hablar con un asesor');
  await c.expect(/persona del equipo/);
  await c.say(secretText);
  await eventually(() => t.db.knex('handoff_messages').where({ body: secretText }).first());
  const handoff = await t.db.knex('handoffs').where({ conversation_key: c.key }).first();
  // Back to the bot (the bot does not answer a handed-off conversation).
  await t.db
    .knex('handoffs')
    .where({ id: handoff.id })
    .update({ status: 'closed', closed_at: new Date(), closed_by: 'test' });
  await t.system.redis.del(`${t.prefix}:{${c.key}}:handoff`);

  const user = await t.db.knex('users').where({ wa_id: phone }).first();
  // A photo with a caption, kept by the media service's production writer (bytes fetched from the fake).
  const photoCaption = 'foto del portón verde de la calle Nogal';
  const media = createMediaService(t.config, t.db.knex);
  const filesBefore = new Set(filesUnder(t.config.media.localDir));
  const fakePhoto = t.fake.addMedia({
    bytes: Buffer.from('\xff\xd8 jpeg bytes of Zoe'),
    mimeType: 'image/jpeg',
  });
  const saved = await media.saveMedia(
    {
      idempotencyKey: 'test:photo',
      userId: user.id,
      mediaId: fakePhoto.id,
      mediaType: 'image',
      mimeType: 'image/jpeg',
      caption: photoCaption,
    },
    Date.now(),
  );
  media.close();
  expect(saved.status).toBe('stored');
  // Our re-upload of it at Meta (made when a provider was shown the photo).
  const reupload = t.fake.addMedia({ bytes: Buffer.from('re-uploaded'), mimeType: 'image/jpeg' });
  await t.db
    .knex('media')
    .where({ idempotency_key: 'test:photo' })
    .update({ cloud_media_id: reupload.id, cloud_uploaded_at: new Date() });
  const atMeta = () =>
    fetch(`${t.fake.url}/v23.0/${reupload.id}`, {
      headers: { authorization: `Bearer ${t.config.whatsapp.accessToken}` },
    }).then((r) => r.status);
  expect(await atMeta()).toBe(200);
  const photoFiles = filesUnder(t.config.media.localDir).filter((f) => !filesBefore.has(f));
  expect(photoFiles.length).toBe(1);
  const needles = [phone, '525599990001', name, 'Quintanar', secretText, comment, photoCaption];
  expect(await postgresHits(t.db.knex, t.db.schema, needles)).not.toEqual([]);

  await c.say('borrar mis datos');
  await c.expect(/Seguro que quieres borrar tus datos/);
  await c.tap(/Sí, borrar/);
  await c.expect(/borramos tus datos/);

  const audit = await eventually(async () => {
    const rows = await t.db
      .knex('audit_log')
      .where({ entity: 'user', entity_id: String(user.id) })
      .select('action', 'data');
    return rows.some((r: { action: string }) => r.action === 'privacy.erase.redis') ? rows : null;
  }, 20000);
  const actions = audit.map((r: { action: string }) => r.action);
  expect(actions).toEqual(
    expect.arrayContaining([
      'privacy.erase.postgres',
      'privacy.erase.media',
      'privacy.erase.redis',
    ]),
  );
  // Media storage: the person's file is gone (and its row, with the caption: see the Postgres search).
  expect(
    audit.find((r: { action: string }) => r.action === 'privacy.erase.media').data,
  ).toMatchObject({ deleted: 1, failed: 0 });
  for (const f of photoFiles) expect(fs.existsSync(f)).toBe(false);
  // ...and our re-upload at Meta.
  expect(await atMeta()).not.toBe(200);

  expect(await postgresHits(t.db.knex, t.db.schema, needles)).toEqual([]);
  expect(await redisHits(process.env.REDIS_URL!, t.prefix, needles)).toEqual([]);

  // Anonymous aggregates stay: the request (no address), the stars, the provider's rating.
  const request = await t.db.knex('service_requests').where({ customer_id: user.id }).first();
  expect(request).toMatchObject({ status: 'done', address: null });
  const rating = await t.db.knex('ratings').where({ request_id: request.id }).first();
  expect(rating).toMatchObject({ stars: 5, comment: null });
  expect(
    (await t.db.knex('providers').where({ display_name: 'Electricidad Hugo' }).first())
      .rating_count,
  ).toBe(1);

  // If they write again, they start from scratch as a new person.
  await c.say('hola');
  await c.expect(/Cómo te llamas/);
});
