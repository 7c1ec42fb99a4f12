/** Photos, voice notes, videos and documents a user sent: kept, linked to a request, shown to providers. */
import type { OutboundMessage } from '../../shared/messages';
import type { MediaType } from '../../shared/media';

/** A stored file, as the conversation sees it (the bytes stay in the media storage). */
export interface StoredMediaSummary {
  /** Our id (the `media` row), not Meta's media id. */
  id: number;
  mediaType: MediaType;
  mimeType: string;
  sizeBytes: number;
  /** The caption as received (bounded, not sanitised): sanitise before showing it to anyone. */
  caption: string | null;
  voice: boolean;
  filename: string | null;
  /** Epoch ms. */
  createdAt: number;
}

export interface MediaOperations {
  /**
   * Fetch a received file from the Cloud API (media URL lookup + authenticated download) and keep
   * it in the media storage, owned by `userId`.
   * - `stored`: kept (a repeat with the same `idempotencyKey` returns the same `storedMediaId`);
   * - `too_large`: over Meta's or our cap for its type (photos 5 MB, audio and video 16 MB,
   *   documents 100 MB) — nothing kept;
   * - `unsupported_type`: a type Meta does not support for this kind of media, or a sticker
   *   (never kept) — nothing kept;
   * - `failed`: the file cannot be had (gone from WhatsApp, refused) — nothing kept.
   * Temporary Cloud API problems are errors (the call is retried, then `ok: false`).
   */
  saveMedia: {
    input: {
      idempotencyKey: string;
      userId: number;
      /** Cloud API media id from the `media` event. */
      mediaId: string;
      mediaType: MediaType;
      mimeType: string;
      caption?: string;
      sha256?: string;
      voice?: boolean;
      filename?: string;
    };
    output:
      | {
          status: 'stored';
          storedMediaId: number;
          mediaType: MediaType;
          sizeBytes: number;
          caption: string | null;
        }
      | {
          status: 'too_large';
          mediaType: MediaType;
          sizeBytes: number;
          maxBytes: number;
          reason: string;
        }
      | { status: 'unsupported_type'; mediaType: MediaType; mimeType: string; reason: string }
      | { status: 'failed'; reason: string };
  };

  /**
   * Link stored media of `userId` to their request `requestId` (a problem's photos and voice
   * notes). Media of someone else, deleted, or already linked to another request are left out;
   * `attached` lists the ids now linked. `not_allowed` when the request is not the user's.
   * Idempotent by `idempotencyKey`.
   */
  attachMediaToRequest: {
    input: { idempotencyKey: string; userId: number; requestId: number; storedMediaIds: number[] };
    output:
      | { status: 'attached'; requestId: number; attached: number[] }
      | { status: 'not_allowed'; requestId: number };
  };

  /** The live media of a request, oldest first. */
  listRequestMedia: {
    input: { requestId: number };
    output: { requestId: number; media: StoredMediaSummary[] };
  };

  /**
   * The messages that show a request's media to a provider (send them before or with the offer):
   * one image / audio / video / document message each, the file re-uploaded to the Cloud API
   * once and sent by media id (the file never gets a public link), the caption sanitised (no
   * links, no phone numbers) and cut to Meta's 1,024 characters. Stickers are never shown.
   */
  requestMediaMessages: {
    input: { requestId: number };
    output: { requestId: number; messages: OutboundMessage[] };
  };
}
