/**
 * X-Hub-Signature-256 edge cases against the real webhook. Consistent with
 * shared/signature.ts: only the exact lowercase `sha256=` prefix; the hex digest may be any
 * case (it is decoded and compared as 32 bytes in constant time); nothing else passes.
 */
import http from 'node:http';
import { createHmac } from 'node:crypto';
import { inboundEnvelope, newWamid } from '../../../dev/fake-cloud-api/payloads';
import { conversationKeys } from '../../../src/queue/keys';
import { signBody } from '../../../src/shared/signature';
import { startTestSystem, type TestSystem } from '../../helpers/system';
import { sleep } from '../../helpers/redis';

let t: TestSystem;
beforeAll(async () => {
  // Failed signatures from 127.0.0.1 would otherwise hit the per-IP limit during this file.
  t = await startTestSystem({ WEBHOOK_INVALID_SIGNATURE_PER_MINUTE: '0' });
});
afterAll(async () => {
  await t.stop();
});

const hex = (raw: string, secret = t.config.whatsapp.appSecret) =>
  createHmac('sha256', secret).update(raw).digest('hex');
const post = (raw: string | Buffer, headers: Record<string, string>) =>
  fetch(`${t.baseUrl}/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: raw,
  });
let n = 0;
function message(): { raw: string; waId: string; to: string } {
  const waId = `52155123480${String(++n).padStart(2, '0')}`;
  return {
    raw: JSON.stringify(
      inboundEnvelope({ waId, name: 'Sig' }, { type: 'text', body: 'hola' }, { id: newWamid() }),
    ),
    waId,
    to: `52${waId.slice(3)}`,
  };
}
async function nothingQueued(waId: string): Promise<void> {
  const k = conversationKeys(t.prefix, `wa:${waId}`);
  expect(await t.system.redis.exists(k.inbox, k.seen)).toBe(0);
}

describe('rejected with 401, nothing queued', () => {
  const cases: [string, (raw: string) => Record<string, string>][] = [
    ['missing header', () => ({})],
    ['empty header', () => ({ 'x-hub-signature-256': '' })],
    ['prefix only', () => ({ 'x-hub-signature-256': 'sha256=' })],
    ['no prefix (bare hex)', (raw) => ({ 'x-hub-signature-256': hex(raw) })],
    ['sha1 prefix with the right digest', (raw) => ({ 'x-hub-signature-256': `sha1=${hex(raw)}` })],
    ['uppercase prefix', (raw) => ({ 'x-hub-signature-256': `SHA256=${hex(raw)}` })],
    ['space after the prefix', (raw) => ({ 'x-hub-signature-256': `sha256= ${hex(raw)}` })],
    ['colon instead of equals', (raw) => ({ 'x-hub-signature-256': `sha256:${hex(raw)}` })],
    ['63 hex digits', (raw) => ({ 'x-hub-signature-256': `sha256=${hex(raw).slice(0, 63)}` })],
    ['65 hex digits', (raw) => ({ 'x-hub-signature-256': `sha256=${hex(raw)}0` })],
    ['digest twice', (raw) => ({ 'x-hub-signature-256': `sha256=${hex(raw)}${hex(raw)}` })],
    [
      'non-hex characters',
      (raw) => ({ 'x-hub-signature-256': `sha256=${hex(raw).slice(0, 62)}zz` }),
    ],
    [
      'base64 digest',
      (raw) => ({
        'x-hub-signature-256': `sha256=${createHmac('sha256', t.config.whatsapp.appSecret).update(raw).digest('base64')}`,
      }),
    ],
    ['wrong secret', (raw) => ({ 'x-hub-signature-256': `sha256=${hex(raw, 'not-the-secret')}` })],
    [
      'sha1 header (X-Hub-Signature) only',
      (raw) => ({
        'x-hub-signature': `sha1=${createHmac('sha1', t.config.whatsapp.appSecret).update(raw).digest('hex')}`,
      }),
    ],
    [
      'one flipped bit',
      (raw) => ({
        'x-hub-signature-256': `sha256=${(parseInt(hex(raw)[0]!, 16) ^ 1).toString(16)}${hex(raw).slice(1)}`,
      }),
    ],
  ];

  it.each(cases)('%s', async (_name, headers) => {
    const m = message();
    const res = await post(m.raw, headers(m.raw));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'invalid signature' });
    await nothingQueued(m.waId);
  });

  it('a replayed body with a different signature', async () => {
    const m = message();
    expect(
      (await post(m.raw, { 'x-hub-signature-256': signBody(m.raw, t.config.whatsapp.appSecret) }))
        .status,
    ).toBe(200);
    const other = message();
    expect(
      (
        await post(m.raw, {
          'x-hub-signature-256': signBody(other.raw, t.config.whatsapp.appSecret),
        })
      ).status,
    ).toBe(401);
    expect((await post(m.raw, { 'x-hub-signature-256': 'sha256=' + '0'.repeat(64) })).status).toBe(
      401,
    );
  });

  it('the signature of a different body (valid for that body) over this one', async () => {
    const a = message();
    const b = message();
    expect(
      (await post(b.raw, { 'x-hub-signature-256': signBody(a.raw, t.config.whatsapp.appSecret) }))
        .status,
    ).toBe(401);
    await nothingQueued(b.waId);
  });

  it('a signature over the re-serialised JSON instead of the bytes received', async () => {
    const m = message();
    const pretty = JSON.stringify(JSON.parse(m.raw), null, 2);
    expect(
      (await post(pretty, { 'x-hub-signature-256': signBody(m.raw, t.config.whatsapp.appSecret) }))
        .status,
    ).toBe(401);
    await nothingQueued(m.waId);
  });

  it('the same header twice (joined by Node into one invalid value)', async () => {
    const m = message();
    const sig = signBody(m.raw, t.config.whatsapp.appSecret);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${t.baseUrl}/webhook`, { method: 'POST' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.setHeader('content-type', 'application/json');
      req.setHeader('x-hub-signature-256', [sig, sig]);
      req.end(m.raw);
    });
    expect(status).toBe(401);
    await nothingQueued(m.waId);
  });

  it('a body truncated after signing', async () => {
    const m = message();
    expect(
      (
        await post(m.raw.slice(0, -1), {
          'x-hub-signature-256': signBody(m.raw, t.config.whatsapp.appSecret),
        })
      ).status,
    ).toBe(401);
  });
});

describe('accepted (and answered once)', () => {
  it('the lowercase digest Meta sends', async () => {
    const m = message();
    expect((await post(m.raw, { 'x-hub-signature-256': `sha256=${hex(m.raw)}` })).status).toBe(200);
    await t.fake.waitFor((r) => r.kind === 'message' && r.to === m.to, 10000);
  });

  it('an uppercase or mixed-case digest (hex is case-insensitive; the 32 decoded bytes are compared)', async () => {
    const up = message();
    expect(
      (await post(up.raw, { 'x-hub-signature-256': `sha256=${hex(up.raw).toUpperCase()}` })).status,
    ).toBe(200);
    const mixed = message();
    const h = hex(mixed.raw);
    const mixedCase = [...h].map((c, i) => (i % 2 ? c.toUpperCase() : c)).join('');
    expect((await post(mixed.raw, { 'x-hub-signature-256': `sha256=${mixedCase}` })).status).toBe(
      200,
    );
    await t.fake.waitFor((r) => r.kind === 'message' && r.to === up.to, 10000);
    await t.fake.waitFor((r) => r.kind === 'message' && r.to === mixed.to, 10000);
  });

  it('surrounding whitespace in the header value (stripped by the HTTP parser before we see it)', async () => {
    const m = message();
    expect((await post(m.raw, { 'x-hub-signature-256': `  sha256=${hex(m.raw)}  ` })).status).toBe(
      200,
    );
  });

  it('a replay of a valid delivery (same bytes, same signature) is acknowledged but never processed twice', async () => {
    const m = message();
    const sig = signBody(m.raw, t.config.whatsapp.appSecret);
    expect((await post(m.raw, { 'x-hub-signature-256': sig })).status).toBe(200);
    await t.fake.waitFor((r) => r.kind === 'message' && r.to === m.to, 10000);
    await sleep(300);
    const replies = () =>
      t.fake.received().filter((r) => r.kind === 'message' && r.to === m.to).length;
    const before = replies();
    for (let i = 0; i < 3; i++)
      expect((await post(m.raw, { 'x-hub-signature-256': sig })).status).toBe(200);
    await sleep(800);
    expect(replies()).toBe(before);
  });

  it('an empty body correctly signed is authentic but malformed: 400', async () => {
    expect(
      (await post('', { 'x-hub-signature-256': signBody('', t.config.whatsapp.appSecret) })).status,
    ).toBe(400);
  });
});
