/**
 * Media messages (image, audio / voice note, video, document, sticker) → a `media` event. Pure.
 *
 * Shape (reference/whatsapp-cloud-api.md §3): `{ type: "image", image: { id, mime_type, sha256,
 * caption? } }`, `audio` adds `voice: true` for voice notes, `document` has `filename`, `sticker`
 * has `animated`. Only bounded, well-formed values pass: an id or MIME type that is missing, too
 * long or oddly shaped makes the message `undefined` here (the caller turns it into
 * `unsupported`), so nothing unbounded ever reaches the queue or a Cloud API path.
 */
import type { MediaContent } from '../conversation/events';
import { MEDIA_LIMITS, isMediaType, safeFileName } from '../shared/media';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Meta's media ids are digits; letters, `_`, `.` and `-` are tolerated (BSP relays), nothing else. */
const MEDIA_ID = /^[A-Za-z0-9_.-]+$/;
/** `type/subtype` with optional `; name=value` parameters. */
const MIME =
  /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*(\s*;\s*[a-z0-9_.-]+=("[^"\\]*"|[a-z0-9_.+-]+))*$/;
/** base64 (with padding) or hex. */
const SHA256 = /^(?:[A-Za-z0-9+/=_-]+)$/;

export interface MediaParseLimits {
  /** Captions are cut to this many characters, like text messages. */
  maxTextLength: number;
}

/** The `media` content of a message of type `type`, or undefined when it is not usable. */
export function parseMediaContent(
  type: string,
  m: Obj,
  limits: MediaParseLimits,
): MediaContent | undefined {
  if (!isMediaType(type)) return undefined;
  const media = m[type];
  if (!isObj(media)) return undefined;

  const mediaId = typeof media.id === 'string' ? media.id : '';
  if (mediaId === '' || mediaId.length > MEDIA_LIMITS.mediaId || !MEDIA_ID.test(mediaId))
    return undefined;
  const mimeType = typeof media.mime_type === 'string' ? media.mime_type.trim().toLowerCase() : '';
  if (mimeType === '' || mimeType.length > MEDIA_LIMITS.mimeType || !MIME.test(mimeType))
    return undefined;

  const out: MediaContent = { kind: 'media', mediaType: type, mediaId, mimeType };
  if (
    typeof media.sha256 === 'string' &&
    media.sha256.length <= MEDIA_LIMITS.sha256 &&
    SHA256.test(media.sha256)
  )
    out.sha256 = media.sha256;
  if (type === 'image' || type === 'video' || type === 'document') {
    const caption = boundedText(media.caption, limits.maxTextLength);
    if (caption) out.caption = caption;
  }
  if (type === 'document') {
    const filename = safeFileName(media.filename);
    if (filename) out.filename = filename;
  }
  if (type === 'audio' && media.voice === true) out.voice = true;
  if (type === 'sticker' && typeof media.animated === 'boolean') out.animated = media.animated;
  return out;
}

/** Text cut to `max` code points (never splitting a surrogate pair); blank → undefined. */
function boundedText(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  return value.length <= max ? value : [...value].slice(0, max).join('');
}
