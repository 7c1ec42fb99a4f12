/**
 * Media in S3-compatible object storage (AWS SDK v3). Objects are `<prefix><key>`, private (no ACL
 * is set: the bucket's default), with their content type. Checksums are computed only when the
 * operation requires them (`WHEN_REQUIRED`): S3-compatible servers (MinIO, R2, local test servers)
 * do not all understand the SDK's newer default of CRC32 trailers on every upload.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { assertKey, type MediaStorage } from './types';

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** Empty = AWS. */
  endpoint: string;
  forcePathStyle: boolean;
  prefix: string;
  /** Both empty = the SDK's default credential chain. */
  accessKeyId: string;
  secretAccessKey: string;
  /** Where temporary copies go (default: the OS temp dir). */
  tmpRoot?: string;
}

/** The S3 client for `opts` (exported for tests that look at the requests it builds). */
export function createS3Client(opts: S3StorageOptions): S3Client {
  return new S3Client({
    region: opts.region,
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    forcePathStyle: opts.forcePathStyle,
    ...(opts.accessKeyId && opts.secretAccessKey
      ? { credentials: { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey } }
      : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
  });
}

export function createS3Storage(
  opts: S3StorageOptions,
  client: S3Client = createS3Client(opts),
): MediaStorage & { client: S3Client } {
  const Bucket = opts.bucket;
  const objectKey = (key: string): string => `${opts.prefix}${assertKey(key)}`;
  const tmpRoot = opts.tmpRoot ?? path.join(os.tmpdir(), 'ubermench-media');

  async function body(key: string): Promise<Readable> {
    const out = await client.send(new GetObjectCommand({ Bucket, Key: objectKey(key) }));
    if (!(out.Body instanceof Readable)) throw new Error('S3 GetObject returned no stream');
    return out.Body;
  }

  return {
    backend: 's3',
    client,
    async tmpDir() {
      await mkdir(tmpRoot, { recursive: true, mode: 0o700 });
      return tmpRoot;
    },
    async putFile(key, srcPath, meta) {
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: objectKey(key),
          Body: createReadStream(srcPath),
          ContentLength: meta.sizeBytes,
          ContentType: meta.mimeType,
        }),
      );
    },
    async getBytes(key) {
      const chunks: Buffer[] = [];
      for await (const chunk of await body(key)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    async withLocalFile(key, fn) {
      await mkdir(tmpRoot, { recursive: true, mode: 0o700 });
      const dir = await mkdtemp(path.join(tmpRoot, 'get-'));
      const file = path.join(dir, 'object');
      try {
        await pipeline(await body(key), createWriteStream(file, { mode: 0o600 }));
        return await fn(file);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    async exists(key) {
      try {
        await client.send(new HeadObjectCommand({ Bucket, Key: objectKey(key) }));
        return true;
      } catch (err) {
        if (
          err instanceof S3ServiceException &&
          (err.$metadata.httpStatusCode === 404 ||
            err.name === 'NotFound' ||
            err.name === 'NoSuchKey')
        )
          return false;
        throw err;
      }
    },
    async delete(key) {
      // DeleteObject of a missing key succeeds (204) on S3 and compatible servers.
      await client.send(new DeleteObjectCommand({ Bucket, Key: objectKey(key) }));
    },
  };
}
