/**
 * HTTP from a chosen loopback address (Linux routes all of 127.0.0.0/8 to lo), for tests of per-IP
 * limits and connection caps: `127.0.0.1` plays the legitimate client, other 127.x addresses play
 * attackers or a reverse proxy. Plus held-open sockets for slow-client floods, and counters read
 * from a /metrics page.
 */
import http from 'node:http';
import net from 'node:net';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request over a fresh connection from `localAddress` (no keep-alive, no retries). */
export function requestFrom(
  localAddress: string,
  url: string,
  opts: {
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    timeoutMs?: number;
  } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: opts.method ?? 'GET',
        headers: opts.headers,
        localAddress,
        agent: false,
        timeout: opts.timeoutMs ?? 5000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`no answer from ${url} within ${opts.timeoutMs ?? 5000} ms`)),
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

export interface HeldSocket {
  socket: net.Socket;
  /** Resolves when the server closed (or reset) the connection: when, and what it wrote first. */
  closed: Promise<{ at: number; firstBytes: string }>;
}

/**
 * A connection from `localAddress` that starts `head` (e.g. request headers announcing a large body)
 * and then sends one byte every `dripMs`, never finishing: the slow-client attack of issue 16.
 * `head` empty = a connection that never says anything.
 */
export function holdOpen(
  port: number,
  localAddress: string,
  head: string,
  dripMs = 500,
): HeldSocket {
  const socket = net.connect({ host: '127.0.0.1', port, localAddress });
  let firstBytes = '';
  socket.on('data', (d: Buffer) => {
    if (firstBytes.length < 200) firstBytes += d.toString('latin1');
  });
  socket.on('error', () => undefined);
  let drip: NodeJS.Timeout | null = null;
  socket.on('connect', () => {
    if (head) socket.write(head);
    if (head) drip = setInterval(() => socket.writable && socket.write('a'), dripMs);
  });
  const closed = new Promise<{ at: number; firstBytes: string }>((resolve) =>
    socket.on('close', () => {
      if (drip) clearInterval(drip);
      resolve({ at: Date.now(), firstBytes });
    }),
  );
  return { socket, closed };
}

/** Sum of one counter's samples (optionally only those with `labels`) in a Prometheus text page. */
export function counterValue(
  metricsText: string,
  name: string,
  labels: Record<string, string> = {},
): number {
  let total = 0;
  for (const line of metricsText.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const set = m[2] ?? '';
    if (Object.entries(labels).every(([k, v]) => set.includes(`${k}="${v}"`)))
      total += Number(m[3]);
  }
  return total;
}
