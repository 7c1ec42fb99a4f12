/**
 * Spoofed X-Forwarded-For sent straight to the app port (issue 16, finding 2, the app's side). The
 * app is configured for a reverse proxy at 127.0.0.2 (TRUSTED_PROXIES=127.0.0.2, TRUST_PROXY_HOPS=1);
 * 127.0.0.1 and 127.0.0.3 reach the port directly, as anyone would if the port were exposed.
 *
 * Shows: a direct client is its own TCP address whatever header it sends, so rotating
 * X-Forwarded-For does not dodge the per-IP limits (admin API, failed signatures, verify-token
 * guesses), and naming a victim's address does not spend the victim's budget; traffic through the
 * proxy is still told apart by the address the proxy appended (and only that one).
 */
import { inboundEnvelope } from '../../../dev/fake-cloud-api/payloads';
import { requestFrom } from '../../helpers/raw-http';
import { startTestSystem, type TestSystem } from '../../helpers/system';

const PROXY = '127.0.0.2';
let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem(
    {
      TRUSTED_PROXIES: PROXY,
      TRUST_PROXY_HOPS: '1',
      ADMIN_RATE_LIMIT_PER_MINUTE: '5',
      WEBHOOK_INVALID_SIGNATURE_PER_MINUTE: '3',
      WEBHOOK_INVALID_VERIFY_TOKEN_PER_MINUTE: '3',
    },
    'web',
  );
});
afterAll(async () => {
  await t.stop();
});

const admin = (from: string, forwardedFor: string, key = 'wrong-admin-key-000000000000') =>
  requestFrom(from, `${t.baseUrl}/admin/providers`, {
    headers: { 'x-forwarded-for': forwardedFor, authorization: `Bearer ${key}` },
  });

describe('straight to the app port', () => {
  it('rotating X-Forwarded-For does not dodge the admin limit: 5 × 401, then 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await admin('127.0.0.1', `203.0.113.${i + 1}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
  });

  it("a victim's address in X-Forwarded-For does not lock the victim out", async () => {
    const victim = '198.51.100.7';
    const attacker: number[] = [];
    for (let i = 0; i < 7; i++) attacker.push((await admin('127.0.0.3', victim)).status);
    expect(attacker.slice(-2)).toEqual([429, 429]);
    // The real victim, through the proxy, still has its whole budget (and its valid key works).
    const real = await admin(PROXY, victim, process.env.ADMIN_API_KEYS!);
    expect(real.status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await admin(PROXY, victim)).status).toBe(401);
  });

  it('rotating X-Forwarded-For does not dodge the failed-signature limit: 3 × 401, then 429', async () => {
    const body = JSON.stringify(
      inboundEnvelope({ waId: '5215512349001' }, { type: 'text', body: 'hola' }),
    );
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await requestFrom('127.0.0.3', `${t.baseUrl}/webhook`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': 'sha256=' + 'ab'.repeat(32),
          'x-forwarded-for': `192.0.2.${i + 1}`,
        },
        body,
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('rotating X-Forwarded-For does not dodge the verify-token limit: 3 × 403, then 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await requestFrom(
        '127.0.0.4',
        `${t.baseUrl}/webhook?hub.mode=subscribe&hub.verify_token=guess-${i}&hub.challenge=1`,
        {
          headers: { 'x-forwarded-for': `192.0.2.${50 + i}` },
        },
      );
      statuses.push(res.status);
    }
    expect(statuses).toEqual([403, 403, 403, 429, 429]);
  });
});

describe('through the trusted proxy', () => {
  it('each client address has its own budget; only the hop the proxy appended counts', async () => {
    for (let i = 0; i < 5; i++) expect((await admin(PROXY, '192.0.2.100')).status).toBe(401);
    expect((await admin(PROXY, '192.0.2.100')).status).toBe(429);
    expect((await admin(PROXY, '192.0.2.101')).status).toBe(401);
    // A client prepending addresses (which the proxy keeps) is still the address the proxy saw.
    for (let i = 0; i < 5; i++)
      expect((await admin(PROXY, `10.0.0.${i}, 192.0.2.102`)).status).toBe(401);
    expect((await admin(PROXY, '10.0.0.99, 192.0.2.102')).status).toBe(429);
  });
});
