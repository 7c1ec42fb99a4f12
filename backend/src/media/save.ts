/**
 * Keep a file a user sent: check its type, look it up at the Cloud API, check its size, download
 * it (stopping at the cap), and store it — with a `media` row that exists before the file does.
 *
 * Order, and why nothing is lost or left behind:
 * 1. a row with this idempotency key already stored → that outcome (a retry does no work);
 * 2. type and size are checked before a byte is downloaded (Meta's `file_size`), and again while
 *    downloading (the real byte count), so a lying size cannot fill the disk;
 * 3. the row is inserted *pending* before the file is put in storage and marked stored after: a
 *    crash in between leaves a pending row that the retention sweep removes, file first;
 * 4. if the row was marked deleted meanwhile (the person asked to be forgotten), the file just
 *    written is removed and the outcome is `failed`.
 * Temporary Cloud API problems (network, 5xx, throttling) are thrown: the operation is retried.
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Operations } from '../conversation/operations';
import {
  findMediaByIdempotencyKey,
  getMedia,
  insertPendingMedia,
  markMediaStored,
  type MediaRow,
} from '../db/media';
import { CloudApiError } from '../outbound/cloud-api-errors';
import {
  META_MAX_BYTES,
  STORED_MAX_BYTES,
  baseMimeType,
  extensionFor,
  isSupportedMime,
  safeFileName,
} from '../shared/media';
import type { MediaType } from '../shared/media';
import { MediaTooLargeError } from './cloud-media-client';
import type { MediaDeps } from './deps';

export type SaveMediaInput = Operations['saveMedia']['input'];
export type SaveMediaOutput = Operations['saveMedia']['output'];

/** The largest file of `mediaType` we keep (the smaller of Meta's limit and ours), or null. */
export function maxStoredBytes(mediaType: MediaType): number | null {
  const ours = STORED_MAX_BYTES[mediaType];
  return ours === null ? null : Math.min(ours, META_MAX_BYTES[mediaType]);
}

export async function saveMedia(
  deps: MediaDeps,
  input: SaveMediaInput,
  now: number,
): Promise<SaveMediaOutput> {
  const existing = await findMediaByIdempotencyKey(deps.knex, input.idempotencyKey);
  if (existing?.deletedAt) return { status: 'failed', reason: 'deleted' };
  if (existing?.storedAt) return stored(existing);

  const { mediaType } = input;
  const cap = maxStoredBytes(mediaType);
  if (cap === null)
    return unsupported(input.mediaType, input.mimeType, `${mediaType} messages are not kept`);
  if (!isSupportedMime(mediaType, input.mimeType))
    return unsupported(
      mediaType,
      input.mimeType,
      `${baseMimeType(input.mimeType)} is not a supported ${mediaType} type`,
    );

  let info;
  try {
    info = await deps.cloud.lookup(input.mediaId);
  } catch (err) {
    return permanentFailure(err, 'media lookup');
  }
  const mimeType = info.mimeType || input.mimeType;
  if (!isSupportedMime(mediaType, mimeType))
    return unsupported(
      mediaType,
      mimeType,
      `${baseMimeType(mimeType)} is not a supported ${mediaType} type`,
    );
  if (info.fileSize !== undefined && info.fileSize > cap)
    return tooLarge(mediaType, info.fileSize, cap);

  const tmp = path.join(await deps.storage.tmpDir(), `dl-${randomUUID()}`);
  try {
    let file;
    try {
      file = await deps.cloud.downloadToFile(info.url, tmp, cap);
    } catch (err) {
      if (err instanceof MediaTooLargeError) return tooLarge(mediaType, err.seenBytes, cap);
      return permanentFailure(err, 'media download');
    }
    const expected = info.sha256 ?? input.sha256;
    if (expected && !sameHash(expected, file.sha256)) {
      // Meta's hash semantics are not confirmed on a Meta page: keep the file, say so.
      deps.logger?.warn(
        { event: 'media.sha256_mismatch', mediaType, sizeBytes: file.sizeBytes },
        'media hash differs from the one Meta gave',
      );
    }
    if (info.fileSize !== undefined && info.fileSize !== file.sizeBytes) {
      deps.logger?.warn(
        {
          event: 'media.size_mismatch',
          mediaType,
          declared: info.fileSize,
          actual: file.sizeBytes,
        },
        'media size differs from file_size',
      );
    }

    const row =
      existing ??
      (await insertPendingMedia(deps.knex, {
        ownerUserId: input.userId,
        mediaType,
        mimeType,
        storageBackend: deps.storage.backend,
        storageKey: storageKey(input.userId, mimeType, now),
        caption: input.caption ? bounded(input.caption, deps.maxCaptionLength) : null,
        filename: safeFileName(input.filename) ?? null,
        voice: input.voice === true,
        sourceMediaId: input.mediaId,
        idempotencyKey: input.idempotencyKey,
        now: new Date(now),
      })) ??
      // A concurrent run of the same call inserted it first: finish with its row (same key, same bytes).
      (await findMediaByIdempotencyKey(deps.knex, input.idempotencyKey));
    if (!row) throw new Error('media row vanished while saving');
    if (row.deletedAt) return { status: 'failed', reason: 'deleted' };
    if (row.storedAt) return stored(row);

    await deps.storage.putFile(row.storageKey, tmp, { mimeType, sizeBytes: file.sizeBytes });
    if (
      await markMediaStored(deps.knex, row.id, {
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
        now: new Date(now),
      })
    ) {
      return stored({ ...row, sizeBytes: file.sizeBytes });
    }
    const fresh = await getMedia(deps.knex, row.id);
    if (fresh?.storedAt && !fresh.deletedAt) return stored(fresh);
    // Deleted while we were writing: the file must not outlive its row.
    await deps.storage.delete(row.storageKey);
    return { status: 'failed', reason: 'deleted' };
  } finally {
    await rm(tmp, { force: true });
  }
}

function stored(row: MediaRow): SaveMediaOutput {
  return {
    status: 'stored',
    storedMediaId: row.id,
    mediaType: row.mediaType,
    sizeBytes: row.sizeBytes ?? 0,
    caption: row.caption,
  };
}

function unsupported(mediaType: MediaType, mimeType: string, reason: string): SaveMediaOutput {
  return { status: 'unsupported_type', mediaType, mimeType: baseMimeType(mimeType), reason };
}

function tooLarge(mediaType: MediaType, sizeBytes: number, maxBytes: number): SaveMediaOutput {
  return {
    status: 'too_large',
    mediaType,
    sizeBytes,
    maxBytes,
    reason: `${mediaType} of ${sizeBytes} bytes is over the ${maxBytes}-byte limit`,
  };
}

/** Permanent and auth errors are an outcome (`failed`); anything retryable goes up to be retried. */
function permanentFailure(err: unknown, what: string): SaveMediaOutput {
  if (err instanceof CloudApiError && err.kind !== 'retryable') {
    const gone = err.code === 100 || err.httpStatus === 404;
    return {
      status: 'failed',
      reason: gone
        ? `${what}: the file is no longer available at WhatsApp`
        : `${what}: ${err.message}`,
    };
  }
  throw err;
}

/** `u<owner>/<yyyymm>/<uuid><ext>`: ours, never the user's text. */
function storageKey(ownerUserId: number, mimeType: string, now: number): string {
  const d = new Date(now);
  const month = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  return `u${ownerUserId}/${month}/${randomUUID()}${extensionFor(mimeType)}`;
}

function bounded(text: string, max: number): string {
  return text.length <= max ? text : [...text].slice(0, max).join('');
}

/** Meta sends hashes in hex or base64; ours is hex. */
function sameHash(given: string, hex: string): boolean {
  if (given.toLowerCase() === hex) return true;
  return (
    Buffer.from(hex, 'hex').toString('base64') === given ||
    Buffer.from(hex, 'hex').toString('base64url') === given.replace(/=+$/, '')
  );
}
