/**
 * Showing a request's media to a provider: one media message per file, sent by Cloud API media id.
 *
 * Re-upload, not link. Each file is uploaded once to the Cloud API (`POST /{phone-number-id}/media`)
 * and the message refers to the returned id; the id is kept on the row and reused for every
 * provider offered the request while it is valid (Meta keeps uploads 30 days; we reuse for 25).
 * A link would need the file on a public URL — a presigned S3 URL anyone holding it can open, or
 * for local storage a public HTTP route we do not have — and Meta may fetch it again later. An
 * upload keeps the file private to us and Meta, works with both storage backends, and costs one
 * call per file, not per provider.
 */
import type { Operations } from '../conversation/operations';
import { listMediaOfRequest, setCloudMediaId, type MediaRow } from '../db/media';
import { extensionFor } from '../shared/media';
import type { OutboundMessage } from '../shared/messages';
import { captionForProvider, filenameForProvider } from './caption';
import type { MediaDeps } from './deps';

/** An upload is reused this long (Meta keeps it 30 days; the margin covers queued sends). */
export const CLOUD_UPLOAD_REUSE_MS = 25 * 24 * 3600 * 1000;

export type StoredMediaSummary = Operations['listRequestMedia']['output']['media'][number];

export async function listRequestMedia(
  deps: Pick<MediaDeps, 'knex'>,
  requestId: number,
): Promise<StoredMediaSummary[]> {
  const rows = await listMediaOfRequest(deps.knex, requestId);
  return rows.map((r) => ({
    id: r.id,
    mediaType: r.mediaType,
    mimeType: r.mimeType,
    sizeBytes: r.sizeBytes ?? 0,
    caption: r.caption,
    voice: r.voice,
    filename: r.filename,
    createdAt: r.createdAt.getTime(),
  }));
}

/** The messages that show request `requestId`'s media to a provider, oldest file first. */
export async function mediaMessagesForRequest(
  deps: MediaDeps,
  requestId: number,
  now: number,
): Promise<OutboundMessage[]> {
  const rows = await listMediaOfRequest(deps.knex, requestId);
  const messages: OutboundMessage[] = [];
  for (const row of rows) {
    const type = row.mediaType;
    if (type === 'sticker') continue;
    messages.push(messageFor(type, row, await cloudIdOf(deps, row, now)));
  }
  return messages;
}

async function cloudIdOf(deps: MediaDeps, row: MediaRow, now: number): Promise<string> {
  if (
    row.cloudMediaId &&
    row.cloudUploadedAt &&
    now - row.cloudUploadedAt.getTime() < CLOUD_UPLOAD_REUSE_MS
  )
    return row.cloudMediaId;
  const filename = row.filename ?? `${row.mediaType}-${row.id}${extensionFor(row.mimeType)}`;
  const id = await deps.storage.withLocalFile(row.storageKey, (path) =>
    deps.cloud.upload({ path, mimeType: row.mimeType, filename }),
  );
  await setCloudMediaId(deps.knex, row.id, id, new Date(now));
  return id;
}

function messageFor(
  type: 'image' | 'audio' | 'video' | 'document',
  row: MediaRow,
  id: string,
): OutboundMessage {
  const caption = captionForProvider(row.caption);
  const withCaption = caption === undefined ? {} : { caption };
  switch (type) {
    case 'image':
      return { type: 'image', media: { id }, ...withCaption };
    case 'video':
      return { type: 'video', media: { id }, ...withCaption };
    case 'audio':
      return { type: 'audio', media: { id } };
    case 'document': {
      const filename = filenameForProvider(row.filename);
      return { type: 'document', media: { id }, ...withCaption, ...(filename ? { filename } : {}) };
    }
  }
}
