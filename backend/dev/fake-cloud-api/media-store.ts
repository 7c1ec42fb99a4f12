/**
 * The fake's media: files users "sent" (registered by tests or the control route, then named in an
 * inbound webhook) and files the bot uploaded (`POST /{phone-number-id}/media`). Each has a Cloud
 * API media id; downloads go through a short-lived signed URL like Meta's lookaside URLs.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';

export interface FakeMedia {
  id: string;
  bytes: Buffer;
  mimeType: string;
  /** Hex sha256 of the bytes, as the media endpoint reports it. */
  sha256: string;
  /** What `GET /{media-id}` says `file_size` is (defaults to the real size; tests can make it lie). */
  reportedSize: number;
  origin: 'inbound' | 'upload';
  /** Upload: the phone-number id it was uploaded for, the form's file name and `type`. */
  phoneNumberId?: string;
  filename?: string;
  at: number;
  /** The next this-many downloads answer HTTP 500 (a flaky media host). */
  failDownloads: number;
}

export interface AddMediaSpec {
  bytes: Buffer;
  mimeType: string;
  reportedSize?: number;
  failDownloads?: number;
}

/** How long a download URL works (Meta: about 5 minutes). */
export const DOWNLOAD_URL_TTL_MS = 5 * 60 * 1000;
export const DOWNLOAD_PATH = '/whatsapp_business/attachments/';

export class MediaStore {
  private readonly items = new Map<string, FakeMedia>();
  private readonly uploadOrder: string[] = [];
  private readonly secret = randomBytes(16);

  add(
    spec: AddMediaSpec,
    origin: FakeMedia['origin'] = 'inbound',
    extra: Partial<FakeMedia> = {},
  ): FakeMedia {
    const id = newMediaId();
    const media: FakeMedia = {
      id,
      bytes: spec.bytes,
      mimeType: spec.mimeType,
      sha256: createHash('sha256').update(spec.bytes).digest('hex'),
      reportedSize: spec.reportedSize ?? spec.bytes.length,
      origin,
      at: Date.now(),
      failDownloads: spec.failDownloads ?? 0,
      ...extra,
    };
    this.items.set(id, media);
    if (origin === 'upload') this.uploadOrder.push(id);
    return media;
  }

  get(id: string): FakeMedia | undefined {
    return this.items.get(id);
  }

  delete(id: string): boolean {
    return this.items.delete(id);
  }

  /** Files the bot uploaded, in order (deleted ones included, as they were). */
  uploads(): FakeMedia[] {
    return this.uploadOrder
      .map((id) => this.items.get(id))
      .filter((m): m is FakeMedia => m !== undefined);
  }

  /** Query string of a download URL for `id`, valid DOWNLOAD_URL_TTL_MS. */
  downloadQuery(id: string, now = Date.now()): string {
    const ext = String(Math.floor((now + DOWNLOAD_URL_TTL_MS) / 1000));
    return `mid=${encodeURIComponent(id)}&ext=${ext}&hash=${this.sign(id, ext)}`;
  }

  /** The media a download URL names, or why it does not work. */
  resolveDownload(
    q: { mid?: unknown; ext?: unknown; hash?: unknown },
    now = Date.now(),
  ): FakeMedia | 'expired' | 'invalid' {
    const { mid, ext, hash } = q;
    if (typeof mid !== 'string' || typeof ext !== 'string' || typeof hash !== 'string')
      return 'invalid';
    if (hash !== this.sign(mid, ext)) return 'invalid';
    if (Number(ext) * 1000 < now) return 'expired';
    return this.items.get(mid) ?? 'invalid';
  }

  reset(): void {
    this.items.clear();
    this.uploadOrder.length = 0;
  }

  private sign(id: string, ext: string): string {
    return createHmac('sha256', this.secret).update(`${id}:${ext}`).digest('base64url');
  }
}

/** 16 digits, like Meta's media ids. */
export function newMediaId(): string {
  return String(10n ** 15n + BigInt(randomBytes(6).readUIntBE(0, 6)));
}
