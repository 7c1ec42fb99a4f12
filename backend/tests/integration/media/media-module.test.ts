/**
 * The media module against the fake Cloud API over real HTTP, real Postgres and a real local
 * directory: saving (stored, too large, wrong type, gone, flaky), idempotency, attaching to a
 * request, showing to a provider (re-upload once, send by id), retention and deletion on request.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getMedia } from '../../../src/db/media';
import {
  deleteMediaOf,
  mediaMessagesForRequest,
  runMediaRetention,
  saveMedia,
  listRequestMedia,
} from '../../../src/media';
import type { MediaDeps } from '../../../src/media/deps';
import { createLocalStorage } from '../../../src/media/storage';
import { createOperationHandlers } from '../../../src/operations';
import type { OperationContext } from '../../../src/operations/registry';
import { buildPayload } from '../../../src/outbound/builders';
import { createCloudApiClient } from '../../../src/outbound/cloud-api-client';
import { createTestDb, type TestDb } from '../../helpers/db';
import { startFake, type FakeCloudApi } from '../../helpers/fake';
import { addRequest, addUser, jpegBytes, mediaDeps, MB, PHONE_NUMBER_ID } from './helpers';

let db: TestDb;
let fake: FakeCloudApi;
let dir: string;
let deps: MediaDeps;
let userId: number;
let otherUserId: number;

const DAY = 24 * 3600 * 1000;
let seq = 0;
const key = () => `wamid.media-${++seq}`;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const filesUnder = (d: string): string[] =>
  readdirSync(d, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.parentPath.includes(`${path.sep}.tmp`))
    .map((e) => path.join(e.parentPath, e.name));

beforeAll(async () => {
  db = await createTestDb();
  fake = await startFake({ phoneNumberId: PHONE_NUMBER_ID });
  dir = await mkdtemp(path.join(os.tmpdir(), 'media-it-'));
  deps = mediaDeps(db.knex, fake.url, createLocalStorage(dir));
  userId = await addUser(db.knex, '5215511110001');
  otherUserId = await addUser(db.knex, '5215511110002');
});
afterAll(async () => {
  deps.cloud.close();
  await fake.stop();
  await db.destroy();
  await rm(dir, { recursive: true, force: true });
});

describe('saveMedia', () => {
  it('stores a photo with its caption: the file on disk, the row in Postgres', async () => {
    const bytes = jpegBytes(200_000);
    const m = fake.addMedia({ bytes, mimeType: 'image/jpeg' });
    const out = await saveMedia(
      deps,
      {
        idempotencyKey: key(),
        userId,
        mediaId: m.id,
        mediaType: 'image',
        mimeType: 'image/jpeg',
        caption: 'así está la fuga debajo del fregadero',
      },
      Date.now(),
    );
    expect(out).toMatchObject({
      status: 'stored',
      mediaType: 'image',
      sizeBytes: 200_000,
      caption: 'así está la fuga debajo del fregadero',
    });
    if (out.status !== 'stored') throw new Error('not stored');
    const row = (await getMedia(db.knex, out.storedMediaId))!;
    expect(row).toMatchObject({
      ownerUserId: userId,
      requestId: null,
      mediaType: 'image',
      mimeType: 'image/jpeg',
      sizeBytes: 200_000,
      sha256: sha(bytes),
      storageBackend: 'local',
      sourceMediaId: m.id,
      deletedAt: null,
    });
    expect(row.storedAt).toBeInstanceOf(Date);
    expect(row.storageKey).toMatch(new RegExp(`^u${userId}/\\d{6}/[0-9a-f-]{36}\\.jpg$`));
    expect(readFileSync(path.join(dir, row.storageKey)).equals(bytes)).toBe(true);
    // Nothing left in the download area.
    expect(readdirSync(path.join(dir, '.tmp'))).toEqual([]);
  });

  it('a repeat of the same call returns the same file without downloading again', async () => {
    const m = fake.addMedia({
      bytes: Buffer.from('OggS voice note bytes'),
      mimeType: 'audio/ogg; codecs=opus',
    });
    const input = {
      idempotencyKey: key(),
      userId,
      mediaId: m.id,
      mediaType: 'audio' as const,
      mimeType: 'audio/ogg; codecs=opus',
      voice: true,
    };
    const first = await saveMedia(deps, input, Date.now());
    const downloads = fake.mediaDownloads().length;
    const again = await saveMedia(deps, input, Date.now());
    expect(again).toEqual(first);
    expect(fake.mediaDownloads().length).toBe(downloads);
    if (first.status !== 'stored') throw new Error('not stored');
    expect((await getMedia(db.knex, first.storedMediaId))!.voice).toBe(true);
  });

  it('refuses a photo over 5 MB from its declared size, before downloading anything', async () => {
    const m = fake.addMedia({
      bytes: jpegBytes(1000),
      mimeType: 'image/png',
      reportedSize: 5 * MB + 1,
    });
    const downloads = fake.mediaDownloads().length;
    const out = await saveMedia(
      deps,
      { idempotencyKey: key(), userId, mediaId: m.id, mediaType: 'image', mimeType: 'image/png' },
      Date.now(),
    );
    expect(out).toMatchObject({
      status: 'too_large',
      mediaType: 'image',
      sizeBytes: 5 * MB + 1,
      maxBytes: 5 * MB,
    });
    expect(fake.mediaDownloads().length).toBe(downloads);
  });

  it('stops a download at the cap when the declared size lies, and keeps nothing', async () => {
    const before = filesUnder(dir).length;
    const rows = await db.knex('media').count<{ count: string }[]>('* as count');
    const m = fake.addMedia({
      bytes: jpegBytes(5 * MB + 10),
      mimeType: 'image/jpeg',
      reportedSize: 1000,
    });
    const out = await saveMedia(
      deps,
      { idempotencyKey: key(), userId, mediaId: m.id, mediaType: 'image', mimeType: 'image/jpeg' },
      Date.now(),
    );
    expect(out).toMatchObject({ status: 'too_large', maxBytes: 5 * MB });
    expect(filesUnder(dir).length).toBe(before);
    expect(readdirSync(path.join(dir, '.tmp'))).toEqual([]);
    expect(await db.knex('media').count<{ count: string }[]>('* as count')).toEqual(rows);
  });

  it('keeps a 16 MB voice note but refuses one byte more (audio cap)', async () => {
    const ok = fake.addMedia({ bytes: Buffer.alloc(16 * MB, 1), mimeType: 'audio/mpeg' });
    expect(
      await saveMedia(
        deps,
        {
          idempotencyKey: key(),
          userId,
          mediaId: ok.id,
          mediaType: 'audio',
          mimeType: 'audio/mpeg',
        },
        Date.now(),
      ),
    ).toMatchObject({ status: 'stored', sizeBytes: 16 * MB });
    const big = fake.addMedia({ bytes: Buffer.alloc(16 * MB + 1, 1), mimeType: 'audio/mpeg' });
    expect(
      await saveMedia(
        deps,
        {
          idempotencyKey: key(),
          userId,
          mediaId: big.id,
          mediaType: 'audio',
          mimeType: 'audio/mpeg',
        },
        Date.now(),
      ),
    ).toMatchObject({ status: 'too_large', maxBytes: 16 * MB });
  });

  it('refuses types Meta does not support and stickers, with a clear reason, without calling Meta', async () => {
    const gif = fake.addMedia({ bytes: Buffer.from('GIF89a'), mimeType: 'image/gif' });
    expect(
      await saveMedia(
        deps,
        {
          idempotencyKey: key(),
          userId,
          mediaId: gif.id,
          mediaType: 'image',
          mimeType: 'image/gif',
        },
        Date.now(),
      ),
    ).toEqual({
      status: 'unsupported_type',
      mediaType: 'image',
      mimeType: 'image/gif',
      reason: 'image/gif is not a supported image type',
    });
    const sticker = fake.addMedia({ bytes: Buffer.from('RIFF....WEBP'), mimeType: 'image/webp' });
    expect(
      await saveMedia(
        deps,
        {
          idempotencyKey: key(),
          userId,
          mediaId: sticker.id,
          mediaType: 'sticker',
          mimeType: 'image/webp',
        },
        Date.now(),
      ),
    ).toMatchObject({
      status: 'unsupported_type',
      reason: 'sticker messages are not kept',
    });
  });

  it('uses the type Meta reports when the webhook said something else', async () => {
    // The webhook said jpeg; the media endpoint says it is really a gif.
    const m = fake.addMedia({ bytes: Buffer.from('GIF89a'), mimeType: 'image/gif' });
    expect(
      await saveMedia(
        deps,
        {
          idempotencyKey: key(),
          userId,
          mediaId: m.id,
          mediaType: 'image',
          mimeType: 'image/jpeg',
        },
        Date.now(),
      ),
    ).toMatchObject({ status: 'unsupported_type', mimeType: 'image/gif' });
  });

  it('answers failed (not an error) when WhatsApp no longer has the file', async () => {
    expect(
      await saveMedia(
        deps,
        {
          idempotencyKey: key(),
          userId,
          mediaId: '999000111222333',
          mediaType: 'image',
          mimeType: 'image/jpeg',
        },
        Date.now(),
      ),
    ).toEqual({
      status: 'failed',
      reason: 'media lookup: the file is no longer available at WhatsApp',
    });
  });

  it('throws on a temporary download failure (so the call is retried), then stores on the retry', async () => {
    const bytes = jpegBytes(5000);
    const m = fake.addMedia({ bytes, mimeType: 'image/jpeg', failDownloads: 1 });
    const input = {
      idempotencyKey: key(),
      userId,
      mediaId: m.id,
      mediaType: 'image' as const,
      mimeType: 'image/jpeg',
    };
    await expect(saveMedia(deps, input, Date.now())).rejects.toMatchObject({
      name: 'CloudApiError',
      kind: 'retryable',
    });
    expect(
      await db.knex('media').where({ idempotency_key: input.idempotencyKey }).first(),
    ).toBeUndefined();
    const out = await saveMedia(deps, input, Date.now());
    expect(out).toMatchObject({ status: 'stored', sizeBytes: 5000 });
  });

  it('removes the file it wrote when the person was deleted while it was saving', async () => {
    const victim = await addUser(db.knex, '5215511110009');
    const m = fake.addMedia({ bytes: jpegBytes(3000), mimeType: 'image/jpeg' });
    const racing: MediaDeps = {
      ...deps,
      storage: {
        ...deps.storage,
        putFile: async (k, src, meta) => {
          await deps.storage.putFile(k, src, meta);
          await deleteMediaOf(deps, victim); // the deletion request lands between put and mark
        },
      },
    };
    const before = filesUnder(dir).length;
    expect(
      await saveMedia(
        racing,
        {
          idempotencyKey: key(),
          userId: victim,
          mediaId: m.id,
          mediaType: 'image',
          mimeType: 'image/jpeg',
        },
        Date.now(),
      ),
    ).toEqual({ status: 'failed', reason: 'deleted' });
    expect(filesUnder(dir).length).toBe(before);
    expect(await db.knex('media').where({ owner_user_id: victim })).toEqual([]);
  });
});

describe("a request's media, shown to a provider", () => {
  const ctx = (): OperationContext => ({
    key: 'wa:5215511110001',
    contact: {},
    commandId: `c-${++seq}`,
    correlationId: 'x',
    now: Date.now(),
  });

  it("attaches the customer's own media, lists them, and builds media messages uploaded once", async () => {
    const requestId = await addRequest(db.knex, userId);
    const photo = jpegBytes(10_000);
    const pm = fake.addMedia({ bytes: photo, mimeType: 'image/jpeg' });
    const vm = fake.addMedia({ bytes: Buffer.from('voice'), mimeType: 'audio/ogg; codecs=opus' });
    const dm = fake.addMedia({ bytes: Buffer.from('%PDF-1.4 quote'), mimeType: 'application/pdf' });
    const om = fake.addMedia({ bytes: jpegBytes(100), mimeType: 'image/jpeg' });
    const saved = [
      await saveMedia(
        deps,
        {
          idempotencyKey: key(),
          userId,
          mediaId: pm.id,
          mediaType: 'image',
          mimeType: 'image/jpeg',
          caption: 'la fuga: llámame al 55 1234 5678 o ve www.fugas.com',
        },
        Date.now(),
      ),
      await saveMedia(
        deps,
        {
          idempotencyKey: key(),
          userId,
          mediaId: vm.id,
          mediaType: 'audio',
          mimeType: 'audio/ogg; codecs=opus',
          voice: true,
        },
        Date.now() + 1,
      ),
      await saveMedia(
        deps,
        {
          idempotencyKey: key(),
          userId,
          mediaId: dm.id,
          mediaType: 'document',
          mimeType: 'application/pdf',
          filename: '../../cotización.pdf',
        },
        Date.now() + 2,
      ),
    ];
    const other = await saveMedia(
      deps,
      {
        idempotencyKey: key(),
        userId: otherUserId,
        mediaId: om.id,
        mediaType: 'image',
        mimeType: 'image/jpeg',
      },
      Date.now(),
    );
    const ids = saved.map((s) => (s.status === 'stored' ? s.storedMediaId : -1));
    const otherId = other.status === 'stored' ? other.storedMediaId : -1;

    const handlers = createOperationHandlers({
      knex: db.knex,
      config: {
        marketplace: {
          offerTimeoutSeconds: 300,
          maxOffersPerRequest: 5,
          missedOffersBeforeOffline: 3,
          jobDoneMinMinutes: 0,
          rateReminderMinutes: 240,
          providerListCacheSeconds: 0,
        },
      },
    });
    const attach = { idempotencyKey: key(), userId, requestId, storedMediaIds: [...ids, otherId] };
    expect(await handlers.attachMediaToRequest(attach, ctx())).toEqual({
      status: 'attached',
      requestId,
      attached: [...ids].sort((a, b) => a - b),
    });
    // Someone else's request: refused.
    expect(
      await handlers.attachMediaToRequest(
        { ...attach, idempotencyKey: key(), userId: otherUserId, storedMediaIds: [otherId] },
        ctx(),
      ),
    ).toEqual({ status: 'not_allowed', requestId });
    const listed = await handlers.listRequestMedia({ requestId }, ctx());
    expect(listed.media.map((m) => [m.id, m.mediaType, m.voice])).toEqual([
      [ids[0], 'image', false],
      [ids[1], 'audio', true],
      [ids[2], 'document', false],
    ]);
    expect(await listRequestMedia(deps, requestId)).toEqual(listed.media);

    const uploadsBefore = fake.mediaUploads().length;
    const messages = await mediaMessagesForRequest(deps, requestId, Date.now());
    const uploads = fake.mediaUploads().slice(uploadsBefore);
    expect(uploads.map((u) => [u.mimeType, u.phoneNumberId])).toEqual([
      ['image/jpeg', PHONE_NUMBER_ID],
      ['audio/ogg; codecs=opus', PHONE_NUMBER_ID],
      ['application/pdf', PHONE_NUMBER_ID],
    ]);
    expect(uploads[0]!.bytes.equals(photo)).toBe(true);
    expect(uploads[2]!.filename).toBe('cotización.pdf');
    expect(messages).toEqual([
      { type: 'image', media: { id: uploads[0]!.id }, caption: 'la fuga: llámame al … o ve …' },
      { type: 'audio', media: { id: uploads[1]!.id } },
      { type: 'document', media: { id: uploads[2]!.id }, filename: 'cotización.pdf' },
    ]);
    // A second provider: the same uploads, no new ones.
    expect(await mediaMessagesForRequest(deps, requestId, Date.now())).toEqual(messages);
    expect(fake.mediaUploads().length).toBe(uploadsBefore + 3);
    // After the reuse window, uploaded again.
    const later = await mediaMessagesForRequest(deps, requestId, Date.now() + 26 * DAY);
    expect(fake.mediaUploads().length).toBe(uploadsBefore + 6);
    expect(later[0]).not.toEqual(messages[0]);

    // The messages are valid Cloud API sends: the fake accepts them and records them like any send.
    const api = createCloudApiClient({
      baseUrl: fake.url,
      apiVersion: 'v23.0',
      phoneNumberId: PHONE_NUMBER_ID,
      accessToken: process.env.WHATSAPP_ACCESS_TOKEN!,
      timeoutMs: 5000,
    });
    for (const m of messages) await api.send(buildPayload({ phone: '5215522220001' }, m));
    api.close();
    const sent = fake.receivedFor('525522220001');
    expect(sent.map((r) => [r.type, r.status])).toEqual([
      ['image', 200],
      ['audio', 200],
      ['document', 200],
    ]);
    expect((sent[0]!.body as { image: unknown }).image).toEqual({
      id: uploads[0]!.id,
      caption: 'la fuga: llámame al … o ve …',
    });
  });

  it('the fake refuses a media message naming an id it never issued (so the test above means something)', async () => {
    const api = createCloudApiClient({
      baseUrl: fake.url,
      apiVersion: 'v23.0',
      phoneNumberId: PHONE_NUMBER_ID,
      accessToken: process.env.WHATSAPP_ACCESS_TOKEN!,
      timeoutMs: 5000,
    });
    await expect(
      api.send(
        buildPayload({ phone: '5215522220001' }, { type: 'image', media: { id: '123456789' } }),
      ),
    ).rejects.toMatchObject({ code: 100, kind: 'permanent' });
    api.close();
  });
});

describe('retention and deletion', () => {
  it('retention deletes files and rows past the horizon, keeps newer ones, and sweeps interrupted saves', async () => {
    const owner = await addUser(db.knex, '5215511110003');
    const now = Date.now();
    const save = async (at: number) => {
      const m = fake.addMedia({ bytes: jpegBytes(2000), mimeType: 'image/jpeg' });
      const out = await saveMedia(
        deps,
        {
          idempotencyKey: key(),
          userId: owner,
          mediaId: m.id,
          mediaType: 'image',
          mimeType: 'image/jpeg',
        },
        at,
      );
      if (out.status !== 'stored') throw new Error(`not stored: ${out.status}`);
      return (await getMedia(db.knex, out.storedMediaId))!;
    };
    const old = await save(now - 91 * DAY);
    const oldUploaded = await save(now - 100 * DAY);
    const fresh = await save(now - 89 * DAY);
    const today = await save(now);
    // Our re-upload of the old one at Meta goes too.
    const requestId = await addRequest(db.knex, owner);
    await db.knex('media').where({ id: oldUploaded.id }).update({ request_id: requestId });
    await mediaMessagesForRequest(deps, requestId, now - 100 * DAY + 1000);
    const cloudId = (await getMedia(db.knex, oldUploaded.id))!.cloudMediaId!;
    expect(fake.media(cloudId)).toBeDefined();
    // A save interrupted two hours ago: a pending row (its file may or may not exist).
    const [pending] = await db
      .knex('media')
      .insert({
        owner_user_id: owner,
        media_type: 'image',
        mime_type: 'image/jpeg',
        storage_backend: 'local',
        storage_key: `u${owner}/202601/pending.jpg`,
        source_media_id: '1',
        idempotency_key: key(),
        created_at: new Date(now - 2 * 3600_000),
      })
      .returning('id');

    const report = await runMediaRetention(deps, 90, now);
    expect(report).toEqual({ marked: 3, deleted: 3, failed: 0 });
    for (const gone of [old, oldUploaded]) {
      expect(existsSync(path.join(dir, gone.storageKey))).toBe(false);
      expect(await getMedia(db.knex, gone.id)).toBeUndefined();
    }
    expect(await getMedia(db.knex, (pending as { id: number }).id)).toBeUndefined();
    expect(fake.media(cloudId)).toBeUndefined();
    for (const kept of [fresh, today]) {
      expect(existsSync(path.join(dir, kept.storageKey))).toBe(true);
      expect(await getMedia(db.knex, kept.id)).toMatchObject({ deletedAt: null });
    }
    // Nothing more to do on a second run.
    expect(await runMediaRetention(deps, 90, now)).toEqual({ marked: 0, deleted: 0, failed: 0 });
  });

  it('a file that cannot be deleted now keeps its (marked) row until a later run deletes it', async () => {
    const owner = await addUser(db.knex, '5215511110004');
    const m = fake.addMedia({ bytes: jpegBytes(2000), mimeType: 'image/jpeg' });
    const out = await saveMedia(
      deps,
      {
        idempotencyKey: key(),
        userId: owner,
        mediaId: m.id,
        mediaType: 'image',
        mimeType: 'image/jpeg',
      },
      Date.now(),
    );
    if (out.status !== 'stored') throw new Error('not stored');
    const row = (await getMedia(db.knex, out.storedMediaId))!;
    const broken: MediaDeps = {
      ...deps,
      storage: { ...deps.storage, delete: async () => Promise.reject(new Error('storage down')) },
    };
    expect(await deleteMediaOf(broken, owner)).toEqual({ marked: 1, deleted: 0, failed: 1 });
    expect(existsSync(path.join(dir, row.storageKey))).toBe(true);
    expect((await getMedia(db.knex, row.id))!.deletedAt).toBeInstanceOf(Date);
    // The scheduled run finishes it.
    expect(await runMediaRetention(deps, 90)).toMatchObject({ deleted: 1, failed: 0 });
    expect(existsSync(path.join(dir, row.storageKey))).toBe(false);
    expect(await getMedia(db.knex, row.id)).toBeUndefined();
  });

  it("deleteMediaOf removes every file and row of one person and nobody else's", async () => {
    const a = await addUser(db.knex, '5215511110005');
    const b = await addUser(db.knex, '5215511110006');
    const store = async (owner: number) => {
      const m = fake.addMedia({ bytes: jpegBytes(1500), mimeType: 'image/png' });
      const out = await saveMedia(
        deps,
        {
          idempotencyKey: key(),
          userId: owner,
          mediaId: m.id,
          mediaType: 'image',
          mimeType: 'image/png',
        },
        Date.now(),
      );
      if (out.status !== 'stored') throw new Error('not stored');
      return (await getMedia(db.knex, out.storedMediaId))!;
    };
    const mine = [await store(a), await store(a)];
    const theirs = await store(b);
    expect(await deleteMediaOf(deps, a)).toEqual({ marked: 2, deleted: 2, failed: 0 });
    for (const r of mine) expect(existsSync(path.join(dir, r.storageKey))).toBe(false);
    expect(await db.knex('media').where({ owner_user_id: a })).toEqual([]);
    expect(existsSync(path.join(dir, theirs.storageKey))).toBe(true);
    expect(readFileSync(path.join(dir, theirs.storageKey)).length).toBe(1500);
  });
});
