/**
 * Authenticate before doing work (issue 16, finding 6), through the real app:
 * - the admin API checks the key before it reads or parses a body (a stranger's broken or oversized
 *   JSON gets 401, not 400/413);
 * - wrong verify-token handshakes are limited per client IP, and once a client is over the limit
 *   even the right token gets 429 from it (a right guess after the limit tells nothing).
 */
import { requestFrom } from '../../helpers/raw-http';
import { startTestSystem, type TestSystem } from '../../helpers/system';

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem(
    { WEBHOOK_INVALID_VERIFY_TOKEN_PER_MINUTE: '3', TRUSTED_PROXIES: '' },
    'web',
  );
});
afterAll(async () => {
  await t.stop();
});

const KEY = process.env.ADMIN_API_KEYS!;
const post = (from: string, body: string, headers: Record<string, string> = {}) =>
  requestFrom(from, `${t.baseUrl}/admin/service-types`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

describe('admin API: the key is checked before the body is parsed', () => {
  it('broken JSON without a valid key → 401 (not 400)', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong-key-0000000000000000' }] as Record<
      string,
      string
    >[]) {
      const res = await post('127.0.0.1', '{"code": "x", broken', headers);
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body)).toMatchObject({ error: 'unauthorized' });
    }
  });

  it('an oversized body without a valid key → 401 (not 413)', async () => {
    const res = await post('127.0.0.1', JSON.stringify({ pad: 'x'.repeat(200_000) }));
    expect(res.status).toBe(401);
  });

  it('with the key, the body is parsed: broken JSON → 400, oversized → 413', async () => {
    const broken = await post('127.0.0.1', '{"code": "x", broken', {
      authorization: `Bearer ${KEY}`,
    });
    expect([broken.status, JSON.parse(broken.body)]).toEqual([
      400,
      { error: 'invalid_json', message: expect.any(String) },
    ]);
    const big = await post('127.0.0.1', JSON.stringify({ pad: 'x'.repeat(200_000) }), {
      authorization: `Bearer ${KEY}`,
    });
    expect(big.status).toBe(413);
  });
});

describe('verify-token handshake: guesses are limited per client IP', () => {
  const handshake = (from: string, token: string) =>
    requestFrom(
      from,
      `${t.baseUrl}/webhook?hub.mode=subscribe&hub.verify_token=${encodeURIComponent(token)}&hub.challenge=4242`,
    );

  it('3 wrong tokens → 403, then 429 with Retry-After, even for the right token; another address is not affected', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await handshake('127.0.0.5', `guess-${i}`)).status);
    expect(statuses).toEqual([403, 403, 403, 429, 429]);
    const right = await handshake('127.0.0.5', t.config.whatsapp.verifyToken);
    expect(right.status).toBe(429);
    expect(right.body).not.toContain('4242');
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    const elsewhere = await handshake('127.0.0.6', t.config.whatsapp.verifyToken);
    expect([elsewhere.status, elsewhere.body]).toEqual([200, '4242']);
  });

  it('the right token does not use up the budget', async () => {
    for (let i = 0; i < 6; i++)
      expect((await handshake('127.0.0.7', t.config.whatsapp.verifyToken)).status).toBe(200);
    expect((await handshake('127.0.0.7', 'wrong')).status).toBe(403);
  });
});
