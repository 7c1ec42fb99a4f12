/**
 * Connection-level guards of every HTTP server the process opens (issue 16, held-open connections):
 * - timeouts (`httpServerOptions`): headers within HTTP_HEADERS_TIMEOUT_MS, the whole request within
 *   HTTP_REQUEST_TIMEOUT_MS (else 408 and the socket is closed), idle keep-alive sockets closed after
 *   HTTP_KEEP_ALIVE_TIMEOUT_MS; Node checks these every second instead of its default 30 s;
 * - caps (`guardConnections`): HTTP_MAX_CONNECTIONS open sockets in total and
 *   HTTP_MAX_CONNECTIONS_PER_IP per TCP peer (never X-Forwarded-For, which a socket does not have
 *   yet; IPv6 per /64; trusted proxies exempt, they carry everyone). A connection over a cap is
 *   closed at once, counted in `http_connections_refused_total{reason}` and logged: the first refusal
 *   at once, then one summary line per reason at most every 10 s (a flood must not flood the logs).
 */
import type { ServerOptions } from 'node:http';
import type { Server, Socket } from 'node:net';
import type { Logger } from '../observability/logger';
import { metrics } from '../observability/metrics';
import { ipBucket } from './client-ip';
import type { AddressMatcher } from './trusted-proxies';

export interface HttpTimeouts {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
}

/** How often Node looks for requests past their timeouts (ms). */
export const TIMEOUT_CHECK_INTERVAL_MS = 1000;

export function httpServerOptions(t: HttpTimeouts): ServerOptions {
  return {
    requestTimeout: t.requestTimeoutMs,
    // Node refuses a headers timeout longer than the request timeout.
    headersTimeout: Math.min(t.headersTimeoutMs, t.requestTimeoutMs),
    keepAliveTimeout: t.keepAliveTimeoutMs,
    connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
  };
}

export interface ConnectionCaps {
  /** Open connections in total (0 = no cap). */
  maxConnections: number;
  /** Open connections per peer address bucket (0 = no cap). */
  maxPerIp: number;
  /** Peers exempt from the per-address cap (trusted proxies). */
  exempt: AddressMatcher;
}

export type RefusalReason = 'max_connections' | 'per_ip';

const LOG_EVERY_MS = 10_000;

export function guardConnections(
  server: Server,
  caps: ConnectionCaps,
  logger: Logger,
  name = 'http',
): void {
  const log = refusalLog(logger, name);
  if (caps.maxConnections > 0) {
    server.maxConnections = caps.maxConnections;
    // Node closes the socket itself (it never becomes a 'connection').
    server.on('drop', (d?: { remoteAddress?: string }) => log('max_connections', d?.remoteAddress));
  }
  if (caps.maxPerIp <= 0) return;
  const open = new Map<string, number>();
  // Before the HTTP server's own listener: a refused socket never gets a parser.
  server.prependListener('connection', (socket: Socket) => {
    const peer = socket.remoteAddress ?? '';
    if (caps.exempt(peer)) return;
    const bucket = ipBucket(peer);
    const n = (open.get(bucket) ?? 0) + 1;
    if (n > caps.maxPerIp) {
      log('per_ip', peer);
      socket.destroy();
      return;
    }
    open.set(bucket, n);
    socket.once('close', () => {
      const left = (open.get(bucket) ?? 1) - 1;
      if (left > 0) open.set(bucket, left);
      else open.delete(bucket);
    });
  });
}

/** Counts every refusal; logs the first at once, then a summary per reason at most every 10 s. */
function refusalLog(
  logger: Logger,
  server: string,
): (reason: RefusalReason, peer: string | undefined) => void {
  const state = new Map<
    RefusalReason,
    { lastLogAt: number; pending: number; peer: string; timer: NodeJS.Timeout | null }
  >();
  const write = (reason: RefusalReason, count: number, peer: string) =>
    logger.warn(
      { event: 'http.connection_refused', server, reason, count, ip: peer },
      'connections refused',
    );
  return (reason, peer) => {
    metrics.connectionsRefused.inc({ reason });
    const ip = ipBucket(peer ?? '');
    const now = Date.now();
    const s = state.get(reason) ?? { lastLogAt: 0, pending: 0, peer: ip, timer: null };
    state.set(reason, s);
    s.peer = ip;
    if (now - s.lastLogAt >= LOG_EVERY_MS && s.timer === null) {
      s.lastLogAt = now;
      write(reason, 1, ip);
      return;
    }
    s.pending++;
    s.timer ??= setTimeout(
      () => {
        s.timer = null;
        s.lastLogAt = Date.now();
        write(reason, s.pending, s.peer);
        s.pending = 0;
      },
      Math.max(0, s.lastLogAt + LOG_EVERY_MS - now),
    ).unref();
  };
}
