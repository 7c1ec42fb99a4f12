/**
 * Held-open connections (issue 16, finding 1), bounded in count and time, on loopback against the
 * whole bot: slow-body uploads and silent sockets from "attacker" addresses (127.0.0.2+) while
 * 127.0.0.1 plays Meta and the orchestrator. Timeouts and caps are scaled down (headers 1 s,
 * request 2 s, 50 connections per address, 400 in total) so the test takes seconds; the production
 * defaults are in config/variables.ts (5 s, 10 s, 256, 2000).
 *
 * Shows: connections over the per-address cap are closed at once, counted
 * (`http_connections_refused_total{reason="per_ip"}`) and logged in aggregate; the admitted slow
 * ones get 408 and are closed within the request timeout; silent ones within the headers timeout;
 * meanwhile /health/live and signed webhooks from another address keep answering (and the bot
 * replies); over the total cap refusals are counted as `max_connections`, and the service answers
 * again as soon as the flood's sockets time out.
 */
import { inboundEnvelope } from '../../../dev/fake-cloud-api/payloads';
import { signBody } from '../../../src/shared/signature';
import { TIMEOUT_CHECK_INTERVAL_MS } from '../../../src/security/connections';
import { counterValue, holdOpen, requestFrom, type HeldSocket } from '../../helpers/raw-http';
import { eventually } from '../../helpers/redis';
import { startCapturedSystem, type CapturedSystem } from './captured-system';

const HEADERS_TIMEOUT_MS = 1000;
const REQUEST_TIMEOUT_MS = 2000;
const PER_IP = 50;
const TOTAL = 400;
/** Connections one attacker address opens at once. */
const FLOOD = 1000;
/** Node checks timeouts every TIMEOUT_CHECK_INTERVAL_MS; allow that plus scheduling slack on a busy CI box. */
const SLACK_MS = TIMEOUT_CHECK_INTERVAL_MS + 1500;

let t: CapturedSystem;
let port: number;
beforeAll(async () => {
  t = await startCapturedSystem({
    HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
    HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    HTTP_KEEP_ALIVE_TIMEOUT_MS: '1000',
    HTTP_MAX_CONNECTIONS: String(TOTAL),
    HTTP_MAX_CONNECTIONS_PER_IP: String(PER_IP),
    // Clients connect directly: no address is a trusted proxy (those are exempt from the per-address cap).
    TRUSTED_PROXIES: '',
    INBOUND_LIMIT_PER_MINUTE: '100',
  });
  port = Number(new URL(t.baseUrl).port);
});
afterAll(async () => {
  await t.stop();
});

/** Headers announcing a 1 MB body that will never come (one byte per drip). */
const SLOW_UPLOAD = [
  'POST /webhook HTTP/1.1',
  'Host: 127.0.0.1',
  'Content-Type: application/json',
  'X-Hub-Signature-256: sha256=00',
  'Content-Length: 1000000',
  '',
  '',
].join('\r\n');

async function refused(reason: string): Promise<number> {
  const res = await requestFrom('127.0.0.1', `${t.baseUrl}/metrics`);
  return counterValue(res.body, 'http_connections_refused_total', { reason });
}

/** The legitimate traffic: liveness, and a signed webhook that the bot answers. */
async function stillServing(waId: string): Promise<void> {
  const live = await requestFrom('127.0.0.1', `${t.baseUrl}/health/live`, { timeoutMs: 2000 });
  expect(live.status).toBe(200);
  const raw = JSON.stringify(
    inboundEnvelope({ waId, name: 'Meta' }, { type: 'text', body: 'hola' }),
  );
  const hook = await requestFrom('127.0.0.1', `${t.baseUrl}/webhook`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': signBody(raw, t.config.whatsapp.appSecret),
    },
    body: raw,
    timeoutMs: 2000,
  });
  expect(hook.status).toBe(200);
  await t.fake.waitFor((m) => m.kind === 'message' && m.to === waId.replace(/^521/, '52'), 10000);
}

function flood(from: string, count: number, head: string): HeldSocket[] {
  return Array.from({ length: count }, () => holdOpen(port, from, head, 300));
}

describe('a slow-body flood from one address', () => {
  it('is capped per address (counted, logged), its admitted uploads get 408 within the request timeout, and everyone else is served meanwhile', async () => {
    const before = await refused('per_ip');
    const started = Date.now();
    const sockets = flood('127.0.0.2', FLOOD, SLOW_UPLOAD);

    // All but PER_IP are closed on arrival and counted.
    await eventually(async () => (await refused('per_ip')) - before >= FLOOD - PER_IP, 5000);
    expect((await refused('per_ip')) - before).toBe(FLOOD - PER_IP);
    const line = t.logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.event === 'http.connection_refused');
    expect(line).toMatchObject({ level: 40, reason: 'per_ip', ip: '127.0.0.2', server: 'public' });
    // One line for the burst (then at most one summary per 10 s), not one per connection.
    expect(
      t.logs.filter((l) => l.includes('"http.connection_refused"')).length,
    ).toBeLessThanOrEqual(2);

    // Meanwhile the service answers 127.0.0.1: liveness and a signed webhook the bot replies to.
    await stillServing('5215512348001');

    // The 50 admitted uploads are cut by the request timeout, with a 408.
    const closed = await Promise.all(sockets.map((s) => s.closed));
    const slowest = Math.max(...closed.map((c) => c.at - started));
    expect(slowest).toBeLessThan(REQUEST_TIMEOUT_MS + SLACK_MS);
    expect(closed.filter((c) => c.firstBytes.startsWith('HTTP/1.1 408')).length).toBe(PER_IP);
  }, 30000);

  it('silent connections and slowly sent headers are cut by the headers timeout', async () => {
    const started = Date.now();
    const silent = flood('127.0.0.3', 20, '');
    const slowHeaders = flood(
      '127.0.0.3',
      10,
      'GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ',
    );
    const closed = await Promise.all([...silent, ...slowHeaders].map((s) => s.closed));
    expect(Math.max(...closed.map((c) => c.at - started))).toBeLessThan(
      HEADERS_TIMEOUT_MS + SLACK_MS,
    );
    expect(
      closed.every((c) => c.firstBytes === '' || c.firstBytes.startsWith('HTTP/1.1 408')),
    ).toBe(true);
  }, 15000);
});

describe('a flood from many addresses', () => {
  it('over the total cap connections are refused and counted as max_connections; the service answers again once the flood times out', async () => {
    const before = await refused('max_connections');
    // 10 addresses × 45 (each under the per-address cap) = 450 > 400.
    const sockets = Array.from({ length: 10 }, (_, i) =>
      flood(`127.0.1.${i + 1}`, 45, SLOW_UPLOAD),
    ).flat();
    await Promise.all(sockets.map((s) => s.closed));
    // Refused while the cap was full (the test's own keep-alive sockets count too, hence "about").
    const dropped = (await refused('max_connections')) - before;
    expect(dropped).toBeGreaterThanOrEqual(40);
    expect(dropped).toBeLessThanOrEqual(60);
    expect(
      t.logs.some(
        (l) => l.includes('"http.connection_refused"') && l.includes('"max_connections"'),
      ),
    ).toBe(true);
    await stillServing('5215512348002');
  }, 30000);
});
