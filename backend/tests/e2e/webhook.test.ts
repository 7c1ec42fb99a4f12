/**
 * The foundation's path end to end: signed webhook → inbox → worker → sender → fake Cloud API.
 */
import { inboundEnvelope, newWamid } from '../../dev/fake-cloud-api/payloads';
import { conversationKeys } from '../../src/queue/keys';
import { startTestSystem, type TestSystem } from '../helpers/system';
import { ChatUser } from '../helpers/chat';
import { eventually, sleep } from '../helpers/redis';
import { signBody } from '../../src/shared/signature';

let t: TestSystem;

beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(async () => {
  await t.stop();
});

/** The wamid of the (one) message in an inbound envelope. */
const wamidOf = (envelope: ReturnType<typeof inboundEnvelope>): string =>
  (envelope as unknown as { entry: { changes: { value: { messages: { id: string }[] } }[] }[] })
    .entry[0]!.changes[0]!.value.messages[0]!.id;
const repliesTo = (to: string) =>
  t.fake.received().filter((m) => m.kind === 'message' && m.to === to);

describe('GET /webhook verification', () => {
  it('echoes the challenge for the right token', async () => {
    const res = await fetch(
      `${t.baseUrl}/webhook?hub.mode=subscribe&hub.verify_token=${t.config.whatsapp.verifyToken}&hub.challenge=1158201444`,
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('1158201444');
  });

  it('answers 403 for a wrong token or mode', async () => {
    expect(
      (await fetch(`${t.baseUrl}/webhook?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`))
        .status,
    ).toBe(403);
    expect(
      (
        await fetch(
          `${t.baseUrl}/webhook?hub.mode=unsubscribe&hub.verify_token=${t.config.whatsapp.verifyToken}&hub.challenge=1`,
        )
      ).status,
    ).toBe(403);
    expect((await fetch(`${t.baseUrl}/webhook`)).status).toBe(403);
  });
});

describe('POST /webhook', () => {
  it('a signed text message gets a reply at the Cloud API, addressed to the send-to number', async () => {
    const user = { waId: '5215512340001', name: 'Ana López' };
    const first = inboundEnvelope(user, { type: 'text', body: 'hola' });
    const res = await t.postWebhook(first);
    expect(res.status).toBe(200);
    const reply = await t.fake.waitFor(
      (m) => m.kind === 'message' && m.to === '525512340001',
      10000,
    );
    const body = reply.body as {
      messaging_product: string;
      to: string;
      type: string;
      interactive?: { type: string; body: { text: string }; action: { buttons: unknown[] } };
    };
    expect(body.messaging_product).toBe('whatsapp');
    expect(body.to).toBe('525512340001');
    expect(body.type).toBe('interactive');
    expect(body.interactive?.type).toBe('button');
    expect(body.interactive?.body.text).toContain('Ana López');
    expect(body.interactive?.action.buttons.length).toBeGreaterThanOrEqual(1);
    expect(reply.headers.authorization).toBeUndefined();
    const readsOf = (id: string) =>
      t.fake
        .received()
        .filter((m) => m.kind === 'read' && (m.body as { message_id?: string }).message_id === id);
    const firstId = wamidOf(first);
    await eventually(async () => readsOf(firstId).length > 0);
    // A first contact looks the user up before answering (one statement, milliseconds): the
    // receipt waits for the reply and travels with it — once, just before it, without the
    // typing indicator (which could otherwise outlive the reply and show "typing…" for 25 s).
    expect(readsOf(firstId)).toHaveLength(1);
    const receipt = readsOf(firstId)[0]!;
    expect(receipt.body).toMatchObject({ messaging_product: 'whatsapp', status: 'read' });
    expect(receipt.body).not.toHaveProperty('typing_indicator');
    expect(receipt.seq).toBeLessThan(reply.seq);
  });

  it('a turn whose reply is ready at once: the receipt goes alongside the reply, without the typing indicator', async () => {
    // (The indicator could arrive after the reply and show "typing…" for up to 25 s.)
    const c = new ChatUser(t, '5215512340011', 'Lista');
    await c.register('Lista Pronta');
    const id = newWamid();
    expect(
      (
        await t.postWebhook(
          inboundEnvelope(
            { waId: '5215512340011', name: 'Lista' },
            { type: 'text', body: 'qwxz' },
            { id },
          ),
        )
      ).status,
    ).toBe(200);
    await c.expect(/No entendí/);
    const readOf = () =>
      t.fake
        .received()
        .find((m) => m.kind === 'read' && (m.body as { message_id?: string }).message_id === id);
    await eventually(async () => readOf() !== undefined);
    expect(readOf()!.body).toMatchObject({ messaging_product: 'whatsapp', status: 'read' });
    expect(readOf()!.body).not.toHaveProperty('typing_indicator');
  });

  it('rejects a bad signature with 401 and queues nothing', async () => {
    const waId = '5215512340002';
    const body = JSON.stringify(
      inboundEnvelope({ waId, name: 'Eve' }, { type: 'text', body: 'hola' }),
    );
    for (const sig of [undefined, 'sha256=' + '0'.repeat(64), 'sha1=abc', 'sha256=zz', '']) {
      const res = await fetch(`${t.baseUrl}/webhook`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(sig !== undefined ? { 'x-hub-signature-256': sig } : {}),
        },
        body,
      });
      expect(res.status).toBe(401);
    }
    const k = conversationKeys(t.prefix, `wa:${waId}`);
    expect(await t.system.redis.exists(k.inbox, k.seen)).toBe(0);
    await sleep(300);
    expect(repliesTo('525512340002')).toHaveLength(0);
  });

  it('verifies the signature over the raw bytes (escaped unicode, emoji, slashes)', async () => {
    const waId = '5215512340003';
    const envelope = inboundEnvelope(
      { waId, name: 'José' },
      { type: 'text', body: "J'ai mangé des pâtes 🍝 a/b @x" },
    );
    // Meta escapes non-ASCII and "/" in the bytes it signs; re-serialising would change them.
    const raw = JSON.stringify(envelope)
      .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
      .replace(/\//g, '\\/');
    expect(raw).toContain('\\u00e9');
    const res = await t.postWebhook(raw);
    expect(res.status).toBe(200);
    const reply = await t.fake.waitFor(
      (m) => m.kind === 'message' && m.to === '525512340003',
      10000,
    );
    expect(JSON.stringify(reply.body)).toContain('José');
  });

  it('answers 400 to malformed JSON and to non-WhatsApp envelopes, 413 to oversized bodies', async () => {
    expect((await t.postWebhook('{"object":')).status).toBe(400);
    expect((await t.postWebhook({ object: 'page', entry: [] })).status).toBe(400);
    expect((await t.postWebhook({ hello: 'world' })).status).toBe(400);
    const big = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [],
      pad: 'x'.repeat(4 * 1024 * 1024),
    });
    expect((await t.postWebhook(big)).status).toBe(413);
    const ready = await fetch(`${t.baseUrl}/health/ready`);
    expect(ready.status).toBe(200);
  });

  it('the same webhook delivered 5 times concurrently produces exactly one reply', async () => {
    const waId = '5215512340004';
    const body = inboundEnvelope(
      { waId, name: 'Beto' },
      { type: 'text', body: 'hola' },
      { id: newWamid() },
    );
    const results = await Promise.all(Array.from({ length: 5 }, () => t.postWebhook(body)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    await t.fake.waitFor((m) => m.kind === 'message' && m.to === '525512340004', 10000);
    await sleep(1000);
    expect(repliesTo('525512340004')).toHaveLength(1);
    // Redelivered later (Meta retries for days): still no second reply.
    expect((await t.postWebhook(body)).status).toBe(200);
    await sleep(500);
    expect(repliesTo('525512340004')).toHaveLength(1);
  });

  it('acknowledges status webhooks and ignores unknown fields', async () => {
    const res = await t.postWebhook({
      object: 'whatsapp_business_account',
      entry: [
        { id: '1', changes: [{ field: 'account_update', value: { event: 'VERIFIED_ACCOUNT' } }] },
      ],
    });
    expect(res.status).toBe(200);
  });
});

describe('username users (no phone number, BSUID only)', () => {
  it('are answered at their BSUID through the `recipient` field', async () => {
    const user = { userId: 'MX.8f3a9c2e7b1d4f60', name: 'Bo', username: '@bo' };
    const res = await t.postWebhook(inboundEnvelope(user, { type: 'text', body: 'hola' }));
    expect(res.status).toBe(200);
    const reply = await t.fake.waitFor((m) => m.kind === 'message' && m.to === user.userId, 10000);
    const body = reply.body as { to?: string; recipient?: string };
    expect(body.recipient).toBe(user.userId);
    expect(body.to).toBeUndefined();
    const row = await t.db.knex('users').where({ bsuid: user.userId }).first();
    expect(row).toMatchObject({ wa_id: null, bsuid: user.userId });
  });
});

describe('POST /webhook without Express (intake/webhook-fast-path.ts) and through it', () => {
  const post = (path: string, body: string, headers: Record<string, string>) =>
    fetch(`${t.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });

  it('answers a signed delivery on the fast path as the Express route does: 200, security headers, queued once', async () => {
    const waId = '5215512340091';
    const body = JSON.stringify(
      inboundEnvelope({ waId, name: 'Rápido' }, { type: 'text', body: 'hola' }),
    );
    const signature = signBody(Buffer.from(body), t.config.whatsapp.appSecret);
    const fast = await post('/webhook', body, { 'x-hub-signature-256': signature });
    // A query string makes the request miss the fast path: the Express route answers it.
    const viaExpress = await post('/webhook?source=test', body, {
      'x-hub-signature-256': signature,
    });
    for (const res of [fast, viaExpress]) {
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true });
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
    // Same wamid twice: one reply.
    await t.fake.waitFor((m) => m.kind === 'message' && m.to === '525512340091', 10000);
    await sleep(500);
    expect(repliesTo('525512340091')).toHaveLength(1);
  });

  it('hands a bad signature to Express with the body already read: 401 with the same headers, nothing queued', async () => {
    const waId = '5215512340092';
    const body = JSON.stringify(
      inboundEnvelope({ waId, name: 'Falsa' }, { type: 'text', body: 'hola' }),
    );
    const res = await post('/webhook', body, { 'x-hub-signature-256': 'sha256=' + 'a'.repeat(64) });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'invalid signature' });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const k = conversationKeys(t.prefix, `wa:${waId}`);
    expect(await t.system.redis.exists(k.inbox, k.seen)).toBe(0);
  });

  it('a body over the limit never reaches the fast path: 413 from the Express parser', async () => {
    const body = 'x'.repeat(4 * 1024 * 1024);
    const res = await post('/webhook', body, {
      'x-hub-signature-256': signBody(Buffer.from(body), t.config.whatsapp.appSecret),
    });
    expect(res.status).toBe(413);
  });
});
