/**
 * Typed Cloud API client: one axios instance with keep-alive agents, POSTing to
 * `{baseUrl}/{apiVersion}/{phoneNumberId}/messages`. Every failure becomes a CloudApiError
 * (see cloud-api-errors.ts); axios errors, configs and headers never escape, so the access
 * token is never part of an error, a log line or a Sentry event.
 */
import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { CloudApiError, cloudErrorFromNetwork, cloudErrorFromResponse } from './cloud-api-errors';
import type { CloudMessagePayload, MarkReadPayload } from './types';

export interface CloudApiClientOptions {
  /** `https://graph.facebook.com` (or the local fake). */
  baseUrl: string;
  /** `v23.0` */
  apiVersion: string;
  phoneNumberId: string;
  accessToken: string;
  timeoutMs: number;
  /** Concurrent sockets per host (default 64). */
  maxSockets?: number;
}

export interface SendResult {
  /** `wamid.…` of the accepted message. */
  messageId: string;
  /** Meta's canonical WhatsApp id for the recipient (e.g. `521…` for an MX `52…` send). */
  waId?: string;
  /** BSUID echoed back for sends addressed by `recipient`. */
  userId?: string;
  /** `accepted` or `held_for_quality_assessment`, when Meta says. */
  messageStatus?: string;
}

export interface CloudApiClient {
  send(payload: CloudMessagePayload): Promise<SendResult>;
  markRead(payload: MarkReadPayload): Promise<void>;
  /** Close idle keep-alive sockets (on shutdown, and in tests). */
  close(): void;
}

export function createCloudApiClient(opts: CloudApiClientOptions): CloudApiClient {
  // keepAliveMsecs = the 60 s axios sets on every request's socket: with Node's default (1 s) the
  // agent and axios alternate the TCP keep-alive delay, one setsockopt() per request and per release.
  const agentOptions = {
    keepAlive: true,
    keepAliveMsecs: 60_000,
    maxSockets: opts.maxSockets ?? 64,
  };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(agentOptions);
  const api: AxiosInstance = axios.create({
    baseURL: `${opts.baseUrl.replace(/\/+$/, '')}/${opts.apiVersion}/${encodeURIComponent(opts.phoneNumberId)}`,
    timeout: opts.timeoutMs,
    headers: { Authorization: `Bearer ${opts.accessToken}`, 'Content-Type': 'application/json' },
    httpAgent,
    httpsAgent,
    maxRedirects: 0,
    // No HTTP(S)_PROXY in the environment at start: skip axios' per-request proxy lookup in it.
    ...(proxyConfigured() ? {} : { proxy: false as const }),
    // Every status is a response here: errors are built from it, not from axios.
    validateStatus: () => true,
    transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: true },
  });

  async function post(body: unknown): Promise<AxiosResponse<unknown>> {
    let res: AxiosResponse<unknown>;
    try {
      res = await api.post<unknown>('/messages', body);
    } catch (err) {
      const code = axios.isAxiosError(err) ? err.code : undefined;
      throw cloudErrorFromNetwork(code, code === 'ETIMEDOUT' || code === 'ECONNABORTED');
    }
    if (res.status < 200 || res.status >= 300) {
      throw cloudErrorFromResponse(res.status, res.data, {
        retryAfterMs: parseRetryAfter(res.headers['retry-after']),
        accessToken: opts.accessToken,
      });
    }
    return res;
  }

  return {
    async send(payload) {
      const res = await post(payload);
      return parseSendResponse(res.status, res.data);
    },
    async markRead(payload) {
      const res = await post(payload);
      const data = res.data as { success?: unknown } | null;
      if (typeof data !== 'object' || data === null || data.success !== true) {
        throw unexpected(res.status, 'mark-as-read response without success: true');
      }
    },
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

function parseSendResponse(status: number, data: unknown): SendResult {
  const body = (typeof data === 'object' && data !== null ? data : {}) as {
    messages?: { id?: unknown; message_status?: unknown }[];
    contacts?: { wa_id?: unknown; user_id?: unknown }[];
  };
  const message = Array.isArray(body.messages) ? body.messages[0] : undefined;
  if (!message || typeof message.id !== 'string' || message.id === '') {
    throw unexpected(status, 'send response without messages[0].id');
  }
  const contact = Array.isArray(body.contacts) ? body.contacts[0] : undefined;
  const result: SendResult = { messageId: message.id };
  if (typeof contact?.wa_id === 'string') result.waId = contact.wa_id;
  if (typeof contact?.user_id === 'string') result.userId = contact.user_id;
  if (typeof message.message_status === 'string') result.messageStatus = message.message_status;
  return result;
}

/**
 * A 2xx we cannot read. Permanent: Meta may have accepted the message, so retrying
 * could deliver it twice.
 */
function unexpected(status: number, what: string): CloudApiError {
  return new CloudApiError({
    kind: 'permanent',
    httpStatus: status,
    title: 'unexpected response',
    message: `Cloud API ${what} (HTTP ${status})`,
  });
}

function proxyConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY'].some(
    (name) => (env[name] ?? '') !== '',
  );
}

/** `Retry-After` in seconds or as an HTTP date → milliseconds. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? Math.round(seconds * 1000) : undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
