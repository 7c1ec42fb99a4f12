/**
 * WhatsApp media, as Meta defines it: the kinds of media a message can carry, the MIME types and
 * sizes the Cloud API supports for each, and our own (smaller or equal) caps for what we keep.
 *
 * Meta's table ("Supported media types", Cloud API media reference), as relayed by the AWS End
 * User Messaging docs and several BSPs (VTEX, Exotel, YCloud) — the Meta page itself was not in
 * the store:
 *   audio    audio/aac, audio/amr, audio/mpeg, audio/mp4, audio/ogg (opus codecs only)   16 MB
 *   document text/plain, application/pdf, Word, Excel, PowerPoint (old and OOXML)       100 MB
 *   image    image/jpeg, image/png                                                       5 MB
 *   sticker  image/webp                                       100 KB static, 500 KB animated
 *   video    video/mp4, video/3gpp (H.264 video + AAC audio)                             16 MB
 * Captions (image, video, document) are at most 1,024 characters; audio and stickers have none.
 * Uploaded media ids live 30 days at Meta; the download URL from `GET /{media-id}` about 5 minutes.
 */

export const MEDIA_TYPES = ['image', 'audio', 'video', 'document', 'sticker'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

export function isMediaType(value: unknown): value is MediaType {
  return typeof value === 'string' && (MEDIA_TYPES as readonly string[]).includes(value);
}

const MB = 1024 * 1024;
const KB = 1024;

/** Meta's supported MIME types (base type, lower case, no parameters) per media type. */
export const META_MIME_TYPES: Readonly<Record<MediaType, readonly string[]>> = {
  image: ['image/jpeg', 'image/png'],
  audio: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'],
  video: ['video/mp4', 'video/3gpp', 'video/3gp'],
  document: [
    'text/plain',
    'application/pdf',
    'application/msword',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.ms-excel',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.ms-powerpoint',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  ],
  sticker: ['image/webp'],
};

/** Meta's maximum file size per media type, bytes (stickers: the animated limit). */
export const META_MAX_BYTES: Readonly<Record<MediaType, number>> = {
  image: 5 * MB,
  audio: 16 * MB,
  video: 16 * MB,
  document: 100 * MB,
  sticker: 500 * KB,
};

/**
 * What we keep: photos ≤ 5 MB, audio (voice notes) ≤ 16 MB, video ≤ 16 MB, documents ≤ 100 MB.
 * Stickers are not kept (null): they say nothing about a job and only cost storage.
 */
export const STORED_MAX_BYTES: Readonly<Record<MediaType, number | null>> = {
  image: 5 * MB,
  audio: 16 * MB,
  video: 16 * MB,
  document: 100 * MB,
  sticker: null,
};

export const MEDIA_LIMITS = {
  /** Caption of an image, video or document, in characters (Meta). */
  caption: 1024,
  /** Document file name: no documented maximum found; bounded like other free text we store. */
  filename: 240,
  /** A Cloud API media id (digits at Meta; bounded and restricted to a safe alphabet here). */
  mediaId: 128,
  /** A MIME type with its parameters (`audio/ogg; codecs=opus`). */
  mimeType: 128,
  /** A sha256 as Meta sends it: base64 (44) or hex (64). */
  sha256: 88,
} as const;

/** Media types whose messages carry a caption. */
export const CAPTIONED: ReadonlySet<MediaType> = new Set<MediaType>(['image', 'video', 'document']);

/** `Audio/OGG; codecs=opus` → `audio/ogg`. */
export function baseMimeType(mimeType: string): string {
  return mimeType.split(';', 1)[0]!.trim().toLowerCase();
}

/** True when Meta supports `mimeType` for `mediaType` (audio/ogg only with the opus codec or none said). */
export function isSupportedMime(mediaType: MediaType, mimeType: string): boolean {
  const base = baseMimeType(mimeType);
  if (!META_MIME_TYPES[mediaType].includes(base)) return false;
  if (base === 'audio/ogg') {
    const codecs = /codecs\s*=\s*"?([^";]+)"?/i.exec(mimeType)?.[1];
    return codecs === undefined || codecs.trim().toLowerCase() === 'opus';
  }
  return true;
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/webp': '.webp',
  'audio/aac': '.aac',
  'audio/amr': '.amr',
  'audio/mpeg': '.mp3',
  'audio/mp4': '.m4a',
  'audio/ogg': '.ogg',
  'video/mp4': '.mp4',
  'video/3gpp': '.3gp',
  'video/3gp': '.3gp',
  'text/plain': '.txt',
  'application/pdf': '.pdf',
  'application/msword': '.doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/vnd.ms-excel': '.xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
  'application/vnd.ms-powerpoint': '.ppt',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': '.pptx',
};

/** File extension for a supported MIME type (`.bin` otherwise). */
export function extensionFor(mimeType: string): string {
  return EXTENSIONS[baseMimeType(mimeType)] ?? '.bin';
}

/** Control and format characters (never part of a file name we keep). */
const CONTROL = /[\p{Cc}\p{Cf}]/gu;

/** The last path segment of a user's file name, without control characters, bounded; or undefined. */
export function safeFileName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const base = value.replace(CONTROL, '').split(/[/\\]/).pop()!.trim();
  if (base === '' || base === '.' || base === '..') return undefined;
  return [...base].slice(0, MEDIA_LIMITS.filename).join('');
}
