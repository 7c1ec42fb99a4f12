/**
 * Deleting media: retention (files and rows past MEDIA_RETENTION_DAYS) and a person's deletion
 * request (`deleteMediaOf`). Always in this order: mark the row (`deleted_at`), delete the file
 * (and our re-upload at Meta, best effort), delete the row. A crash or a storage outage between
 * the steps leaves marked rows, which the next run finishes; a file is never left without a row.
 */
import type { Knex } from 'knex';
import {
  deleteMarkedMediaRows,
  listMarkedMedia,
  markMediaCreatedBefore,
  markMediaOfOwner,
  markStalePendingMedia,
  type MarkedMedia,
} from '../db/media';
import type { Logger } from '../observability/logger';
import type { CloudMediaClient } from './cloud-media-client';
import type { MediaStorage } from './storage/types';

export interface MediaPurgeDeps {
  knex: Knex;
  storage: MediaStorage;
  /** When given, our re-uploads at Meta are deleted too (they expire after 30 days anyway). */
  cloud?: Pick<CloudMediaClient, 'delete'>;
  logger?: Logger;
}

export interface PurgeReport {
  /** Rows marked for deletion by this call. */
  marked: number;
  /** Files removed and rows deleted. */
  deleted: number;
  /** Rows whose file could not be removed now (kept, marked, for the next run). */
  failed: number;
}

/** A save interrupted longer ago than this left a pending row: it is swept. */
export const PENDING_GRACE_MS = 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;
const BATCH = 200;

/** Retention: every file and row created more than `retentionDays` ago, and stale pending rows. */
export async function runMediaRetention(
  deps: MediaPurgeDeps,
  retentionDays: number,
  now = Date.now(),
): Promise<PurgeReport> {
  const at = new Date(now);
  const marked =
    (await markMediaCreatedBefore(deps.knex, new Date(now - retentionDays * DAY_MS), at)) +
    (await markStalePendingMedia(deps.knex, new Date(now - PENDING_GRACE_MS), at));
  return { marked, ...(await purgeMarked(deps)) };
}

/** A person's deletion request: every file and row of `userId`, now. */
export async function deleteMediaOf(
  deps: MediaPurgeDeps,
  userId: number,
  now = Date.now(),
): Promise<PurgeReport> {
  const marked = await markMediaOfOwner(deps.knex, userId, new Date(now));
  return { marked, ...(await purgeMarked(deps, userId)) };
}

/** Delete the files, then the rows, of marked media (optionally of one owner). */
export async function purgeMarked(
  deps: MediaPurgeDeps,
  ownerUserId?: number,
): Promise<{ deleted: number; failed: number }> {
  let deleted = 0;
  const failedIds = new Set<number>();
  for (;;) {
    const batch = (await listMarkedMedia(deps.knex, BATCH + failedIds.size, ownerUserId)).filter(
      (m) => !failedIds.has(m.id),
    );
    if (batch.length === 0) break;
    const done: number[] = [];
    for (const m of batch) {
      if (await removeFiles(deps, m)) done.push(m.id);
      else failedIds.add(m.id);
    }
    deleted += await deleteMarkedMediaRows(deps.knex, done);
    if (batch.length < BATCH) break;
  }
  return { deleted, failed: failedIds.size };
}

async function removeFiles(deps: MediaPurgeDeps, m: MarkedMedia): Promise<boolean> {
  if (m.storageBackend !== deps.storage.backend) {
    deps.logger?.warn(
      { event: 'media.purge_other_backend', id: m.id, backend: m.storageBackend },
      'media stored in another backend: delete it there, then its row',
    );
    return false;
  }
  try {
    await deps.storage.delete(m.storageKey);
  } catch (err) {
    deps.logger?.warn(
      { event: 'media.purge_failed', id: m.id, err: (err as Error).message },
      'could not delete a media file; retried next run',
    );
    return false;
  }
  if (m.cloudMediaId && deps.cloud) {
    await deps.cloud
      .delete(m.cloudMediaId)
      .catch((err: Error) =>
        deps.logger?.warn(
          { event: 'media.cloud_delete_failed', id: m.id, err: err.message },
          'could not delete our upload at Meta (it expires in 30 days)',
        ),
      );
  }
  return true;
}
