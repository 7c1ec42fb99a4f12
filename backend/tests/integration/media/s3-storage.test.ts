/**
 * The S3 media storage against a real S3-compatible server on loopback (@20minutes/s3rver, which
 * checks AWS SigV4 signatures): objects round-trip with the key prefix and content type, a wrong
 * secret is refused, and saving, showing and retention work end to end on S3 as on the disk.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import S3rver from '@20minutes/s3rver';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { getMedia } from '../../../src/db/media';
import { mediaMessagesForRequest, runMediaRetention, saveMedia } from '../../../src/media';
import type { MediaDeps } from '../../../src/media/deps';
import { createS3Storage, type S3StorageOptions } from '../../../src/media/storage';
import { createTestDb, type TestDb } from '../../helpers/db';
import { startFake, type FakeCloudApi } from '../../helpers/fake';
import { addRequest, addUser, jpegBytes, mediaDeps, PHONE_NUMBER_ID } from './helpers';

const BUCKET = 'ub-media-test';
let server: S3rver;
let dir: string;
let options: S3StorageOptions;
let storage: ReturnType<typeof createS3Storage>;
let db: TestDb;
let fake: FakeCloudApi;
let deps: MediaDeps;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 's3rver-'));
  server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: path.join(dir, 'store'),
    configureBuckets: [{ name: BUCKET }],
  });
  const { port } = await server.run();
  options = {
    bucket: BUCKET,
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${port}`,
    forcePathStyle: true,
    prefix: 'media/',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    tmpRoot: path.join(dir, 'tmp'),
  };
  storage = createS3Storage(options);
  db = await createTestDb();
  fake = await startFake({ phoneNumberId: PHONE_NUMBER_ID });
  deps = mediaDeps(db.knex, fake.url, storage);
});
afterAll(async () => {
  deps.cloud.close();
  storage.client.destroy();
  await fake.stop();
  await db.destroy();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

it('puts, reads, checks and deletes objects under the prefix, with their content type', async () => {
  const src = path.join(dir, 'src.jpg');
  const bytes = jpegBytes(70_000);
  await writeFile(src, bytes);
  await storage.putFile('u1/202612/a.jpg', src, {
    mimeType: 'image/jpeg',
    sizeBytes: bytes.length,
  });
  expect((await storage.getBytes('u1/202612/a.jpg')).equals(bytes)).toBe(true);
  expect(await storage.exists('u1/202612/a.jpg')).toBe(true);
  const head = await storage.client.send(
    new HeadObjectCommand({ Bucket: BUCKET, Key: 'media/u1/202612/a.jpg' }),
  );
  expect([head.ContentType, head.ContentLength]).toEqual(['image/jpeg', 70_000]);
  expect(
    await storage.withLocalFile('u1/202612/a.jpg', async (p) =>
      (await import('node:fs/promises')).readFile(p),
    ),
  ).toEqual(bytes);
  await storage.delete('u1/202612/a.jpg');
  expect(await storage.exists('u1/202612/a.jpg')).toBe(false);
  await expect(storage.delete('u1/202612/a.jpg')).resolves.toBeUndefined();
  await expect(storage.exists('../etc/passwd')).rejects.toThrow('invalid media storage key');
});

it('is refused with a wrong secret (the server really checks signatures)', async () => {
  const bad = createS3Storage({ ...options, secretAccessKey: 'not-the-secret' });
  await expect(bad.getBytes('u1/anything.jpg')).rejects.toMatchObject({
    name: 'SignatureDoesNotMatch',
  });
  bad.client.destroy();
});

it('saves a voice note to S3, shows it to a provider by re-upload, and retention removes the object', async () => {
  const userId = await addUser(db.knex, '5215511120001');
  const requestId = await addRequest(db.knex, userId);
  const voice = Buffer.from('OggS fake opus voice note');
  const m = fake.addMedia({ bytes: voice, mimeType: 'audio/ogg; codecs=opus' });
  const now = Date.now();
  const out = await saveMedia(
    deps,
    {
      idempotencyKey: 'wamid.s3-1',
      userId,
      mediaId: m.id,
      mediaType: 'audio',
      mimeType: 'audio/ogg; codecs=opus',
      voice: true,
    },
    now - 91 * 24 * 3600_000,
  );
  if (out.status !== 'stored') throw new Error(`not stored: ${JSON.stringify(out)}`);
  const row = (await getMedia(db.knex, out.storedMediaId))!;
  expect(row).toMatchObject({ storageBackend: 's3', sizeBytes: voice.length, voice: true });
  expect((await storage.getBytes(row.storageKey)).equals(voice)).toBe(true);

  await db.knex('media').where({ id: row.id }).update({ request_id: requestId });
  const messages = await mediaMessagesForRequest(deps, requestId, now);
  const upload = fake.mediaUploads().at(-1)!;
  expect(upload.bytes.equals(voice)).toBe(true);
  expect(messages).toEqual([{ type: 'audio', media: { id: upload.id } }]);

  expect(await runMediaRetention(deps, 90, now)).toEqual({ marked: 1, deleted: 1, failed: 0 });
  expect(await storage.exists(row.storageKey)).toBe(false);
  expect(await getMedia(db.knex, row.id)).toBeUndefined();
});
