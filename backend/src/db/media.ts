/**
 * Rows of stored media (`media`, migrations/20261206120000_create_media.ts). The files are in the
 * media storage (backend/src/media/storage); this table says what exists, whose it is, which
 * request it belongs to and when it goes.
 *
 * A row is live when `stored_at` is set and `deleted_at` is not. Deleting is two steps: mark
 * (`deleted_at`), then — after the file is gone — delete the row (media/purge.ts).
 */
import type { Knex } from 'knex';
import type { MediaType } from '../shared/media';
import { selectList, type ColumnMap } from './columns';

export type StorageBackend = 'local' | 's3';

export interface MediaRow {
  id: number;
  ownerUserId: number;
  requestId: number | null;
  mediaType: MediaType;
  mimeType: string;
  sizeBytes: number | null;
  sha256: string | null;
  storageBackend: StorageBackend;
  storageKey: string;
  caption: string | null;
  filename: string | null;
  voice: boolean;
  sourceMediaId: string;
  idempotencyKey: string;
  cloudMediaId: string | null;
  cloudUploadedAt: Date | null;
  createdAt: Date;
  storedAt: Date | null;
  deletedAt: Date | null;
}

const MEDIA_COLUMNS: ColumnMap<MediaRow> = {
  id: 'id',
  ownerUserId: 'owner_user_id',
  requestId: 'request_id',
  mediaType: 'media_type',
  mimeType: 'mime_type',
  sizeBytes: 'size_bytes',
  sha256: 'sha256',
  storageBackend: 'storage_backend',
  storageKey: 'storage_key',
  caption: 'caption',
  filename: 'filename',
  voice: 'voice',
  sourceMediaId: 'source_media_id',
  idempotencyKey: 'idempotency_key',
  cloudMediaId: 'cloud_media_id',
  cloudUploadedAt: 'cloud_uploaded_at',
  createdAt: 'created_at',
  storedAt: 'stored_at',
  deletedAt: 'deleted_at',
};
const MEDIA_SELECT = selectList(MEDIA_COLUMNS);

export interface NewMedia {
  ownerUserId: number;
  mediaType: MediaType;
  mimeType: string;
  storageBackend: StorageBackend;
  storageKey: string;
  caption: string | null;
  filename: string | null;
  voice: boolean;
  sourceMediaId: string;
  idempotencyKey: string;
  now: Date;
}

export async function findMediaByIdempotencyKey(
  knex: Knex,
  key: string,
): Promise<MediaRow | undefined> {
  return knex('media')
    .select(MEDIA_SELECT)
    .where({ idempotency_key: key })
    .first<MediaRow | undefined>();
}

export async function getMedia(knex: Knex, id: number): Promise<MediaRow | undefined> {
  return knex('media').select(MEDIA_SELECT).where({ id }).first<MediaRow | undefined>();
}

/**
 * Insert a pending row (no file yet). Null when a row with this idempotency key exists already
 * (`insert … on conflict do nothing`).
 */
export async function insertPendingMedia(knex: Knex, m: NewMedia): Promise<MediaRow | null> {
  const rows = await knex('media')
    .insert({
      owner_user_id: m.ownerUserId,
      media_type: m.mediaType,
      mime_type: m.mimeType,
      storage_backend: m.storageBackend,
      storage_key: m.storageKey,
      caption: m.caption,
      filename: m.filename,
      voice: m.voice,
      source_media_id: m.sourceMediaId,
      idempotency_key: m.idempotencyKey,
      created_at: m.now,
    })
    .onConflict('idempotency_key')
    .ignore()
    .returning<MediaRow[]>(MEDIA_SELECT);
  return rows[0] ?? null;
}

/**
 * The file of pending row `id` is in storage: record its size and hash. False when the row was
 * marked deleted (or removed) meanwhile — the caller then removes the file it wrote.
 */
export async function markMediaStored(
  knex: Knex,
  id: number,
  s: { sizeBytes: number; sha256: string; now: Date },
): Promise<boolean> {
  const n = await knex('media')
    .update({ size_bytes: s.sizeBytes, sha256: s.sha256, stored_at: s.now })
    .where({ id })
    .whereNull('stored_at')
    .whereNull('deleted_at');
  return n > 0;
}

/** Live media of a request, oldest first. */
export async function listMediaOfRequest(knex: Knex, requestId: number): Promise<MediaRow[]> {
  return knex('media')
    .select(MEDIA_SELECT)
    .where({ request_id: requestId })
    .whereNotNull('stored_at')
    .whereNull('deleted_at')
    .orderBy([{ column: 'created_at' }, { column: 'id' }]);
}

/**
 * Link live media of `ownerUserId` to `requestId`. Media already linked to another request are
 * left alone. Returns the ids now linked to the request (among `ids`).
 */
export async function linkMediaToRequest(
  knex: Knex,
  a: { ids: number[]; ownerUserId: number; requestId: number },
): Promise<number[]> {
  if (a.ids.length === 0) return [];
  const rows = await knex('media')
    .update({ request_id: a.requestId })
    .whereIn('id', a.ids)
    .where({ owner_user_id: a.ownerUserId })
    .whereNotNull('stored_at')
    .whereNull('deleted_at')
    .where((q) => q.whereNull('request_id').orWhere('request_id', a.requestId))
    .returning<{ id: number }[]>(['id']);
  return rows.map((r) => r.id).sort((x, y) => x - y);
}

/** How many live, stored media a request has (what its offers announce). */
export async function countMediaOfRequest(knex: Knex, requestId: number): Promise<number> {
  const row = await knex('media')
    .where({ request_id: requestId })
    .whereNotNull('stored_at')
    .whereNull('deleted_at')
    .count<{ n: string }[]>('* as n')
    .first();
  return Number(row?.n ?? 0);
}

/** Remember the Cloud API id of our upload of media `id`. */
export async function setCloudMediaId(
  knex: Knex,
  id: number,
  cloudMediaId: string,
  now: Date,
): Promise<void> {
  await knex('media')
    .update({ cloud_media_id: cloudMediaId, cloud_uploaded_at: now })
    .where({ id });
}

/** Mark for deletion every row created before `before` (stored or not). Returns how many. */
export async function markMediaCreatedBefore(knex: Knex, before: Date, now: Date): Promise<number> {
  return knex('media')
    .update({ deleted_at: now })
    .where('created_at', '<', before)
    .whereNull('deleted_at');
}

/** Mark for deletion pending rows (no file recorded) created before `before`: an interrupted save. */
export async function markStalePendingMedia(knex: Knex, before: Date, now: Date): Promise<number> {
  return knex('media')
    .update({ deleted_at: now })
    .whereNull('stored_at')
    .where('created_at', '<', before)
    .whereNull('deleted_at');
}

/** Mark for deletion every row of a person. Returns how many. */
export async function markMediaOfOwner(
  knex: Knex,
  ownerUserId: number,
  now: Date,
): Promise<number> {
  return knex('media')
    .update({ deleted_at: now })
    .where({ owner_user_id: ownerUserId })
    .whereNull('deleted_at');
}

export type MarkedMedia = Pick<MediaRow, 'id' | 'storageBackend' | 'storageKey' | 'cloudMediaId'>;

/** Up to `limit` rows marked for deletion (optionally of one person), oldest mark first. */
export async function listMarkedMedia(
  knex: Knex,
  limit: number,
  ownerUserId?: number,
): Promise<MarkedMedia[]> {
  const q = knex('media')
    .select(
      selectList({
        id: 'id',
        storageBackend: 'storage_backend',
        storageKey: 'storage_key',
        cloudMediaId: 'cloud_media_id',
      } satisfies ColumnMap<MarkedMedia>),
    )
    .whereNotNull('deleted_at')
    .orderBy([{ column: 'deleted_at' }, { column: 'id' }])
    .limit(limit);
  if (ownerUserId !== undefined) void q.where({ owner_user_id: ownerUserId });
  return q as Promise<MarkedMedia[]>;
}

/** Delete rows that are marked for deletion (their files are gone). Returns how many. */
export async function deleteMarkedMediaRows(knex: Knex, ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  return knex('media').whereIn('id', ids).whereNotNull('deleted_at').delete();
}
