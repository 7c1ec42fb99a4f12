/**
 * The Cloud API's media endpoints (Meta's media reference, relayed in the docs of several BSPs):
 *   GET    /{version}/{media-id}              → { url, mime_type, sha256, file_size, id }  (url lives ~5 min)
 *   GET    <url> with the same bearer token   → the bytes
 *   POST   /{version}/{phone-number-id}/media  multipart: messaging_product, type, file → { id }  (30 days)
 *   DELETE /{version}/{media-id}              → { success: true }
 * Failures are the sender's CloudApiError (outbound/cloud-api-errors.ts), so retryable / permanent
 * / auth mean the same everywhere and the token never reaches an error or a log line.
 *
 * Downloads stream to a file, counting and hashing as they go, and stop as soon as the size cap
 * is passed whatever `file_size` or `Content-Length` said. A User-Agent is always sent (Meta's
 * media host is reported to refuse downloads without one).
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { openAsBlob } from 'node:fs';
import { rm } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import {
  CloudApiError,
  cloudErrorFromNetwork,
  cloudErrorFromResponse,
} from '../outbound/cloud-api-errors';
import { parseRetryAfter } from '../outbound/cloud-api-client';

export interface CloudMediaClientOptions {
  /** `https://graph.facebook.com` (or the local fake). */
  baseUrl: string;
  apiVersion: string;
  /** The business number uploads are made for. */
  phoneNumberId: string;
  accessToken: string;
  /** Timeout of a JSON call (lookup, upload response, delete), ms. */
  timeoutMs: number;
  /** Idle timeout of a download or upload body, ms (default: 3 × timeoutMs, at least 30 s). */
  transferIdleTimeoutMs?: number;
}

export interface CloudMediaInfo {
  id: string;
  url: string;
  mimeType: string;
  /** Meta's hash of the file, as given (hex or base64). */
  sha256?: string;
  /** Meta's size of the file, bytes (sent as a number or a string). */
  fileSize?: number;
}

export interface DownloadedFile {
  sizeBytes: number;
  /** Hex sha256 of the bytes written. */
  sha256: string;
}

/** The download passed `limitBytes` (it was stopped there; the partial file is removed). */
export class MediaTooLargeError extends Error {
  override readonly name = 'MediaTooLargeError';
  constructor(
    readonly limitBytes: number,
    readonly seenBytes: number,
  ) {
    super(`media larger than ${limitBytes} bytes (at least ${seenBytes})`);
  }
}

export interface CloudMediaClient {
  lookup(mediaId: string): Promise<CloudMediaInfo>;
  /** Download `url` (from `lookup`) into `destPath`; at most `maxBytes`. */
  downloadToFile(url: string, destPath: string, maxBytes: number): Promise<DownloadedFile>;
  /** Upload a file for the business number; returns the new media id. */
  upload(file: { path: string; mimeType: string; filename: string }): Promise<string>;
  /** Delete media at Meta (idempotent: an unknown id is not an error). */
  delete(mediaId: string): Promise<void>;
  close(): void;
}

const USER_AGENT = 'ubermench-media/1.0';
const MEDIA_ID = /^[A-Za-z0-9_.-]{1,128}$/;

export function createCloudMediaClient(opts: CloudMediaClientOptions): CloudMediaClient {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const baseOrigin = new URL(base).origin;
  const transferTimeout = opts.transferIdleTimeoutMs ?? Math.max(30_000, 3 * opts.timeoutMs);
  const agentOptions = { keepAlive: true, keepAliveMsecs: 60_000, maxSockets: 16 };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(agentOptions);
  const api: AxiosInstance = axios.create({
    baseURL: `${base}/${opts.apiVersion}`,
    timeout: opts.timeoutMs,
    headers: { Authorization: `Bearer ${opts.accessToken}`, 'User-Agent': USER_AGENT },
    httpAgent,
    httpsAgent,
    maxRedirects: 0,
    proxy: false,
    validateStatus: () => true,
  });

  const fail = (res: AxiosResponse<unknown>): CloudApiError =>
    cloudErrorFromResponse(res.status, res.data, {
      retryAfterMs: parseRetryAfter(res.headers['retry-after']),
      accessToken: opts.accessToken,
    });

  async function call<T>(run: () => Promise<AxiosResponse<T>>): Promise<AxiosResponse<T>> {
    try {
      return await run();
    } catch (err) {
      const code = axios.isAxiosError(err) ? err.code : undefined;
      throw cloudErrorFromNetwork(code, code === 'ETIMEDOUT' || code === 'ECONNABORTED');
    }
  }

  return {
    async lookup(mediaId) {
      if (!MEDIA_ID.test(mediaId)) throw permanent(`invalid media id`);
      const res = await call(() =>
        api.get<unknown>(`/${encodeURIComponent(mediaId)}`, {
          params: { phone_number_id: opts.phoneNumberId },
        }),
      );
      if (res.status < 200 || res.status >= 300) throw fail(res);
      return parseLookup(res.data, mediaId);
    },

    async downloadToFile(url, destPath, maxBytes) {
      assertDownloadUrl(url, baseOrigin);
      const controller = new AbortController();
      const res = await call(() =>
        api.get<Readable>(url, {
          baseURL: '',
          responseType: 'stream',
          timeout: transferTimeout,
          signal: controller.signal,
          maxRedirects: 3,
        }),
      );
      if (res.status < 200 || res.status >= 300) {
        const body = await readSmall(res.data);
        throw cloudErrorFromResponse(res.status, body, { accessToken: opts.accessToken });
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        controller.abort();
        res.data.destroy();
        throw new MediaTooLargeError(maxBytes, declared);
      }
      const hash = createHash('sha256');
      let seen = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          seen += chunk.length;
          if (seen > maxBytes) return done(new MediaTooLargeError(maxBytes, seen));
          hash.update(chunk);
          done(null, chunk);
        },
      });
      try {
        await pipeline(res.data, counter, createWriteStream(destPath, { mode: 0o600 }));
      } catch (err) {
        controller.abort();
        await rm(destPath, { force: true });
        if (err instanceof MediaTooLargeError) throw err;
        throw cloudErrorFromNetwork((err as NodeJS.ErrnoException).code, false);
      }
      return { sizeBytes: seen, sha256: hash.digest('hex') };
    },

    async upload(file) {
      const form = new FormData();
      form.append('messaging_product', 'whatsapp');
      form.append('type', file.mimeType);
      form.append('file', await openAsBlob(file.path, { type: file.mimeType }), file.filename);
      const res = await call(() =>
        api.post<unknown>(`/${encodeURIComponent(opts.phoneNumberId)}/media`, form, {
          timeout: transferTimeout,
          maxBodyLength: Infinity,
          maxContentLength: 1024 * 1024,
        }),
      );
      if (res.status < 200 || res.status >= 300) throw fail(res);
      const id = (res.data as { id?: unknown } | null)?.id;
      if (typeof id !== 'string' || !MEDIA_ID.test(id))
        throw permanent(`upload response without a media id (HTTP ${res.status})`);
      return id;
    },

    async delete(mediaId) {
      if (!MEDIA_ID.test(mediaId)) return;
      const res = await call(() =>
        api.delete<unknown>(`/${encodeURIComponent(mediaId)}`, {
          params: { phone_number_id: opts.phoneNumberId },
        }),
      );
      if (res.status >= 200 && res.status < 300) return;
      const err = fail(res);
      // Already gone (expired after 30 days, or deleted before): nothing left to delete.
      if (err.kind === 'permanent' && (err.code === 100 || res.status === 404)) return;
      throw err;
    },

    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

function permanent(message: string): CloudApiError {
  return new CloudApiError({
    kind: 'permanent',
    title: 'media',
    message: `Cloud API media: ${message}`,
  });
}

function parseLookup(data: unknown, mediaId: string): CloudMediaInfo {
  const body = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const url = typeof body.url === 'string' ? body.url : '';
  const mimeType =
    typeof body.mime_type === 'string' ? body.mime_type.trim().toLowerCase().slice(0, 128) : '';
  if (url === '' || mimeType === '') throw permanent('media lookup without url or mime_type');
  const size =
    typeof body.file_size === 'number'
      ? body.file_size
      : typeof body.file_size === 'string'
        ? Number(body.file_size)
        : NaN;
  return {
    id: typeof body.id === 'string' ? body.id : mediaId,
    url,
    mimeType,
    ...(typeof body.sha256 === 'string' && body.sha256.length <= 88 ? { sha256: body.sha256 } : {}),
    ...(Number.isFinite(size) && size >= 0 ? { fileSize: size } : {}),
  };
}

/**
 * Where the token may be sent: an https URL (Meta's media host), or the API base URL's own origin
 * (the local fake over http on loopback). Anything else is refused before a byte is sent.
 */
function assertDownloadUrl(url: string, baseOrigin: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw permanent('media url is not a URL');
  }
  if (parsed.protocol === 'https:' || parsed.origin === baseOrigin) return;
  throw permanent('media url is neither https nor on the API host');
}

/** The first few KB of an error body, parsed as JSON when it is JSON. */
async function readSmall(stream: Readable): Promise<unknown> {
  const chunks: Buffer[] = [];
  let n = 0;
  try {
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
      n += (chunk as Buffer).length;
      if (n > 16 * 1024) break;
    }
  } catch {
    // the body of an error answer is a courtesy
  }
  stream.destroy();
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
