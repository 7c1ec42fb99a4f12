/**
 * Media received from WhatsApp users: fetched from the Cloud API, kept in a storage backend
 * (local directory or S3-compatible), described by `media` rows, shown to providers by re-upload,
 * deleted by retention or on a person's request.
 *
 *   const media = createMediaService(config, knex, logger);
 *   await media.saveMedia(input, Date.now());        // the `saveMedia` operation
 *   await media.deleteMediaOf(userId);                // privacy deletion (files, uploads, rows)
 *   media.close();
 */
import type { Knex } from 'knex';
import type { Config } from '../config';
import type { Logger } from '../observability/logger';
import { createCloudMediaClient, type CloudMediaClient } from './cloud-media-client';
import type { MediaDeps } from './deps';
import { deleteMediaOf as deleteMediaOfWith, runMediaRetention, type PurgeReport } from './purge';
import { saveMedia, type SaveMediaInput, type SaveMediaOutput } from './save';
import { listRequestMedia, mediaMessagesForRequest, type StoredMediaSummary } from './show';
import { createMediaStorage } from './storage';
import type { OutboundMessage } from '../shared/messages';

export type { MediaDeps } from './deps';
export type { PurgeReport } from './purge';
export type { MediaStorage } from './storage';
export { createMediaStorage, createLocalStorage, createS3Storage } from './storage';
export {
  createCloudMediaClient,
  MediaTooLargeError,
  type CloudMediaClient,
} from './cloud-media-client';
export { saveMedia, maxStoredBytes } from './save';
export { listRequestMedia, mediaMessagesForRequest, CLOUD_UPLOAD_REUSE_MS } from './show';
export { runMediaRetention, purgeMarked, PENDING_GRACE_MS } from './purge';
export { captionForProvider, filenameForProvider } from './caption';

/** Delete every file and row of a person (and our uploads of them at Meta). */
export function deleteMediaOf(
  deps: Pick<MediaDeps, 'knex' | 'storage' | 'logger'> & { cloud?: MediaDeps['cloud'] },
  userId: number,
  now?: number,
): Promise<PurgeReport> {
  return deleteMediaOfWith(deps, userId, now);
}

/** The Cloud API media client for this configuration (close it when done). */
export function cloudMediaClientOf(config: Pick<Config, 'whatsapp'>): CloudMediaClient {
  return createCloudMediaClient({
    baseUrl: config.whatsapp.apiBaseUrl,
    apiVersion: config.whatsapp.apiVersion,
    phoneNumberId: config.whatsapp.phoneNumberId,
    accessToken: config.whatsapp.accessToken,
    timeoutMs: config.whatsapp.timeoutMs,
  });
}

export interface MediaService {
  readonly deps: MediaDeps;
  saveMedia(input: SaveMediaInput, now: number): Promise<SaveMediaOutput>;
  listRequestMedia(requestId: number): Promise<StoredMediaSummary[]>;
  mediaMessagesForRequest(requestId: number, now: number): Promise<OutboundMessage[]>;
  deleteMediaOf(userId: number, now?: number): Promise<PurgeReport>;
  runRetention(now?: number): Promise<PurgeReport>;
  close(): void;
}

export function createMediaService(
  config: Pick<Config, 'media' | 'whatsapp' | 'webhook'>,
  knex: Knex,
  logger?: Logger,
): MediaService {
  const cloud = cloudMediaClientOf(config);
  const deps: MediaDeps = {
    knex,
    storage: createMediaStorage(config.media),
    cloud,
    maxCaptionLength: config.webhook.maxTextLength,
    ...(logger ? { logger } : {}),
  };
  return {
    deps,
    saveMedia: (input, now) => saveMedia(deps, input, now),
    listRequestMedia: (requestId) => listRequestMedia(deps, requestId),
    mediaMessagesForRequest: (requestId, now) => mediaMessagesForRequest(deps, requestId, now),
    deleteMediaOf: (userId, now) => deleteMediaOfWith(deps, userId, now),
    runRetention: (now) => runMediaRetention(deps, config.media.retentionDays, now),
    close: () => cloud.close(),
  };
}
