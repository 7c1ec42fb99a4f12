/**
 * Cloud API failures as one typed error, classified for the sender:
 * - `retryable`: network errors, timeouts, HTTP 5xx / 408 / 429, throughput and rate codes
 *   (130429, 131056 pair rate: wait ≥ 6 s, 131000, 1, 2, 4, 80007);
 * - `window_closed`: 131047, outside the 24 h window → send a template instead;
 * - `auth`: 190 or HTTP 401 → the access token must be replaced, retrying will not help;
 * - `permanent`: everything else (100, 131026, 131030, 131048, 131049, 368, 131031, other 4xx).
 * Codes are checked before HTTP statuses (Meta sends most throttling codes with HTTP 400).
 * Never carries request config or headers, so the access token cannot leak through it.
 */
import type { CloudErrorBodyWire } from './types';

export type CloudApiErrorKind = 'retryable' | 'permanent' | 'window_closed' | 'auth';

/** Pair-rate limit (131056): Meta allows about one message per 6 s to the same user. */
export const PAIR_RATE_RETRY_DELAY_MS = 6000;

const RETRYABLE_CODES = new Set([130429, 131056, 131000, 1, 2, 4, 80007]);
const PERMANENT_CODES = new Set([100, 131026, 131030, 131048, 131049, 368, 131031]);

export interface CloudApiErrorInit {
  kind: CloudApiErrorKind;
  message: string;
  httpStatus?: number;
  code?: number;
  title?: string;
  details?: string;
  fbtraceId?: string;
  /** Network error code (ECONNRESET, ETIMEDOUT, …) when there was no HTTP response. */
  networkCode?: string;
  /** Do not retry sooner than this (131056 pair rate, `Retry-After`). */
  minRetryDelayMs?: number;
}

export class CloudApiError extends Error {
  override readonly name = 'CloudApiError';
  readonly kind: CloudApiErrorKind;
  readonly httpStatus?: number;
  readonly code?: number;
  readonly title?: string;
  readonly details?: string;
  readonly fbtraceId?: string;
  readonly networkCode?: string;
  readonly minRetryDelayMs: number;

  constructor(init: CloudApiErrorInit) {
    super(init.message);
    this.kind = init.kind;
    this.httpStatus = init.httpStatus;
    this.code = init.code;
    this.title = init.title;
    this.details = init.details;
    this.fbtraceId = init.fbtraceId;
    this.networkCode = init.networkCode;
    this.minRetryDelayMs = init.minRetryDelayMs ?? 0;
  }

  get retryable(): boolean {
    return this.kind === 'retryable';
  }
}

/** Kind for a Meta error code and/or HTTP status. */
export function classifyCloudError(
  code: number | undefined,
  httpStatus: number | undefined,
): CloudApiErrorKind {
  if (code === 131047) return 'window_closed';
  if (code === 190 || httpStatus === 401) return 'auth';
  if (code !== undefined && RETRYABLE_CODES.has(code)) return 'retryable';
  if (code !== undefined && PERMANENT_CODES.has(code)) return 'permanent';
  if (httpStatus === undefined) return 'retryable';
  if (httpStatus >= 500 || httpStatus === 429 || httpStatus === 408) return 'retryable';
  return 'permanent';
}

/** Parse Meta's `{ error: { … } }` body, tolerating anything else. */
export function parseErrorBody(body: unknown): CloudErrorBodyWire['error'] | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as Record<string, unknown>;
  if (typeof e.code !== 'number') return undefined;
  const data =
    typeof e.error_data === 'object' && e.error_data !== null
      ? (e.error_data as Record<string, unknown>)
      : {};
  return {
    code: e.code,
    message: typeof e.message === 'string' ? e.message : '',
    ...(typeof e.type === 'string' ? { type: e.type } : {}),
    ...(typeof e.error_user_title === 'string' ? { error_user_title: e.error_user_title } : {}),
    ...(typeof e.fbtrace_id === 'string' ? { fbtrace_id: e.fbtrace_id } : {}),
    ...(typeof data.details === 'string' ? { error_data: { details: data.details } } : {}),
  };
}

/** Meta access tokens (user, system user, page) start with `EAA`. */
const TOKEN_LIKE = /EAA[A-Za-z0-9]{16,}/g;

/** Remove the access token (and anything shaped like one) from text that may be logged. */
export function scrubToken(text: string, accessToken?: string): string {
  const withoutToken =
    accessToken && accessToken.length >= 4 ? text.split(accessToken).join('[redacted]') : text;
  return withoutToken.replace(TOKEN_LIKE, '[redacted]');
}

/**
 * Build the error for an HTTP error response. `retryAfterMs` comes from a `Retry-After` header;
 * `accessToken` is scrubbed from Meta's texts (a 190 "Malformed access token …" can echo it).
 */
export function cloudErrorFromResponse(
  httpStatus: number,
  body: unknown,
  opts: { retryAfterMs?: number; accessToken?: string } = {},
): CloudApiError {
  const err = parseErrorBody(body);
  const code = err?.code;
  const kind = classifyCloudError(code, httpStatus);
  const rawTitle =
    err?.error_user_title ?? (err?.message ? stripCodePrefix(err.message) : undefined);
  const title = rawTitle === undefined ? undefined : scrubToken(rawTitle, opts.accessToken);
  const details = err?.error_data?.details
    ? scrubToken(err.error_data.details, opts.accessToken)
    : undefined;
  const retryAfterMs = opts.retryAfterMs;
  const minRetryDelayMs = Math.max(
    code === 131056 ? PAIR_RATE_RETRY_DELAY_MS : 0,
    retryAfterMs ?? 0,
  );
  return new CloudApiError({
    kind,
    httpStatus,
    ...(code === undefined ? {} : { code }),
    ...(title ? { title } : {}),
    ...(details ? { details } : {}),
    ...(err?.fbtrace_id ? { fbtraceId: err.fbtrace_id } : {}),
    minRetryDelayMs,
    message: `Cloud API HTTP ${httpStatus}${code === undefined ? '' : ` code ${code}`}${title ? `: ${title}` : ''}`,
  });
}

/** Build the error for a request that got no HTTP response (timeout, refused, reset, DNS…). */
export function cloudErrorFromNetwork(
  networkCode: string | undefined,
  timedOut: boolean,
): CloudApiError {
  const what = timedOut ? 'timed out' : `network error ${networkCode ?? 'unknown'}`;
  return new CloudApiError({
    kind: 'retryable',
    ...(networkCode ? { networkCode } : {}),
    title: timedOut ? 'timeout' : 'network',
    message: `Cloud API request ${what}`,
  });
}

/** `(#131047) Re-engagement message` → `Re-engagement message`. */
function stripCodePrefix(message: string): string {
  return message.replace(/^\(#\d+\)\s*/, '');
}
