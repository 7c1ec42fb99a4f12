/**
 * The fake itself, over real HTTP: Meta shapes, validation, failures, control routes, signed webhooks.
 */
import { verifySignature } from '../../../src/shared/signature';
import {
  inboundEnvelope,
  startFake,
  startFakeCloudApi,
  type FakeCloudApi,
} from '../../helpers/fake';
import { startReceiver } from './webhook-receiver';

const TOKEN = 'test-access-token';
const SECRET = 'test-app-secret';
const ANA = '5215512345678';

async function send(
  fake: FakeCloudApi,
  body: unknown,
  token = TOKEN,
  path = '/v23.0/106540352242922/messages',
) {
  const res = await fetch(fake.url + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
const text = (to = '525512345678', body = 'hola') => ({
  messaging_product: 'whatsapp',
  recipient_type: 'individual',
  to,
  type: 'text',
  text: { body },
});

describe('send endpoint', () => {
  let fake: FakeCloudApi;
  beforeAll(async () => {
    fake = await startFake();
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.stop());

  it('answers Meta’s success shape, with the 521 wa_id for an MX 52 input', async () => {
    const res = await send(fake, text());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      messaging_product: 'whatsapp',
      contacts: [{ input: '525512345678', wa_id: ANA }],
      messages: [
        { id: expect.stringMatching(/^wamid\.[A-Za-z0-9+/=]+$/), message_status: 'accepted' },
      ],
    });
    expect((await send(fake, text('5491123456789'))).body.contacts).toEqual([
      { input: '5491123456789', wa_id: '5491123456789' },
    ]);
    expect((await send(fake, text('541123456789'))).body.contacts).toEqual([
      { input: '541123456789', wa_id: '5491123456789' },
    ]);
    expect((await send(fake, text('14155552671'))).body.contacts).toEqual([
      { input: '14155552671', wa_id: '14155552671' },
    ]);
  });

  it('gives every send a distinct wamid', async () => {
    const ids = await Promise.all(
      Array.from(
        { length: 20 },
        async () => ((await send(fake, text())).body.messages as { id: string }[])[0]?.id,
      ),
    );
    expect(new Set(ids).size).toBe(20);
  });

  it('rejects a wrong or missing token with 401 / code 190 in Meta’s error shape', async () => {
    const res = await send(fake, text(), 'wrong');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      error: {
        message: expect.any(String),
        type: 'OAuthException',
        code: 190,
        fbtrace_id: expect.any(String),
      },
    });
    expect((await send(fake, text(), '')).status).toBe(401);
  });

  it.each([
    [{ ...text(), to: undefined }, 'The parameter to is required.'],
    [{ ...text(), type: undefined }, 'The parameter type is required.'],
    [{ ...text(), messaging_product: undefined }, 'The parameter messaging_product is required.'],
    [{ ...text(), text: undefined }, 'The parameter text is required.'],
    [{ ...text(), type: 'hologram' }, 'Invalid parameter type: hologram.'],
    [{ messaging_product: 'whatsapp', status: 'read' }, 'The parameter message_id is required.'],
  ])('validates like Meta: %j → code 100', async (body, details) => {
    const res = await send(fake, body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: {
        message: `(#100) ${details}`,
        type: 'OAuthException',
        code: 100,
        error_data: { messaging_product: 'whatsapp', details },
        fbtrace_id: expect.any(String),
      },
    });
    expect(fake.received()[0]).toMatchObject({ status: 400, errorCode: 100 });
  });

  it('answers malformed JSON with code 100', async () => {
    const res = await send(fake, '{"messaging_product":');
    expect(res).toMatchObject({
      status: 400,
      body: { error: { code: 100, type: 'OAuthException' } },
    });
  });

  it('answers a JSON body that is not an object or array with code 100', async () => {
    const res = await send(fake, '"hola"');
    expect(res).toMatchObject({ status: 400, body: { error: { code: 100 } } });
  });

  it('answers the same through Express (gzip, chunked, query string) as on its plain fast path', async () => {
    const { gzipSync } = await import('node:zlib');
    const { Readable } = await import('node:stream');
    const path = '/v23.0/106540352242922/messages';
    const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
    const json = JSON.stringify(text('525512345678', 'por Express'));
    const answers = [
      await fetch(fake.url + path, { method: 'POST', headers, body: json }),
      await fetch(fake.url + path, {
        method: 'POST',
        headers: { ...headers, 'content-encoding': 'gzip' },
        body: gzipSync(json),
      }),
      await fetch(fake.url + path, {
        method: 'POST',
        headers,
        body: Readable.toWeb(Readable.from([json.slice(0, 10), json.slice(10)])) as ReadableStream,
        duplex: 'half',
      } as RequestInit),
      await fetch(`${fake.url}${path}?debug=all`, { method: 'POST', headers, body: json }),
    ];
    const shapes = await Promise.all(
      answers.map(async (r) => ({
        status: r.status,
        type: r.headers.get('content-type'),
        keys: Object.keys((await r.json()) as object),
      })),
    );
    expect(new Set(shapes.map((x) => JSON.stringify(x))).size).toBe(1);
    expect(shapes[0]).toEqual({
      status: 200,
      type: 'application/json; charset=utf-8',
      keys: ['messaging_product', 'contacts', 'messages'],
    });
    expect(fake.received().map((m) => [m.status, m.to])).toEqual(
      Array.from({ length: 4 }, () => [200, '525512345678']),
    );
  });

  it('marks as read with { success: true }', async () => {
    const res = await send(fake, {
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: 'wamid.X',
    });
    expect(res).toEqual({ status: 200, body: { success: true } });
    expect(fake.received()[0]).toMatchObject({ kind: 'read', status: 200 });
    expect(fake.received()[0]?.to).toBeUndefined();
  });

  it('records the parsed body, headers without the token, and the time', async () => {
    const before = Date.now();
    await send(fake, text('525512345678', 'Dale 🙌 a/b é'));
    const [m] = fake.received();
    expect(m).toMatchObject({
      seq: expect.any(Number),
      kind: 'message',
      to: '525512345678',
      type: 'text',
      status: 200,
      body: text('525512345678', 'Dale 🙌 a/b é'),
    });
    expect(m?.at).toBeGreaterThanOrEqual(before);
    expect(m?.headers.authorization).toBeUndefined();
    expect(JSON.stringify(m)).not.toContain(TOKEN);
  });

  it('failNext(n) fails exactly the next n sends; failFor(to) matches 521/52 forms and stops after `times`', async () => {
    fake.failNext(2, 'throughput');
    expect((await send(fake, text())).status).toBe(429);
    expect((await send(fake, text())).body).toMatchObject({ error: { code: 130429 } });
    expect((await send(fake, text())).status).toBe(200);

    fake.failFor(ANA, 'reengagement', 2);
    expect((await send(fake, text('525512345678'))).body).toMatchObject({
      error: { code: 131047 },
    });
    expect((await send(fake, text('14155552671'))).status).toBe(200);
    expect((await send(fake, text(ANA))).status).toBe(400);
    expect((await send(fake, text('525512345678'))).status).toBe(200);
  });

  it('failures hit sends by default, not mark-as-read', async () => {
    fake.failNext(1, 'server');
    expect(
      (await send(fake, { messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.X' }))
        .status,
    ).toBe(200);
    expect((await send(fake, text())).status).toBe(500);
  });

  it('setLatency delays responses', async () => {
    fake.setLatency(150);
    const t0 = Date.now();
    await send(fake, text());
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('holdSends keeps requests unanswered and unrecorded; a client gone meanwhile is never recorded', async () => {
    const release = fake.holdSends();
    const kept = send(fake, text('14155550001'));
    const aborted = new AbortController();
    const gone = fetch(fake.url + '/v23.0/106540352242922/messages', {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(text('14155550002')),
      signal: aborted.signal,
    }).catch((err: unknown) => err);
    await new Promise((r) => setTimeout(r, 150));
    expect(fake.received()).toHaveLength(0);
    aborted.abort();
    expect(await gone).toMatchObject({ name: 'AbortError' });
    await new Promise((r) => setTimeout(r, 100));
    release();
    expect((await kept).status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.received().map((m) => m.to)).toEqual(['14155550001']);
  });

  it('waitFor resolves on past and future requests, and times out', async () => {
    await send(fake, text());
    await expect(fake.waitFor((m) => m.type === 'text')).resolves.toMatchObject({
      seq: expect.any(Number),
    });
    const pending = fake.waitFor((m) => m.to === '14155552671', 2000);
    await send(fake, text('14155552671'));
    await expect(pending).resolves.toMatchObject({ to: '14155552671' });
    await expect(fake.waitFor((m) => m.to === 'nobody', 50)).rejects.toThrow(
      'no matching request within 50 ms',
    );
  });

  it('receivedFor filters by recipient and `since`; reset clears', async () => {
    await send(fake, text('525512345678', 'uno'));
    await send(fake, text('14155552671', 'other'));
    await send(fake, text(ANA, 'dos'));
    const forAna = fake.receivedFor(ANA);
    expect(forAna.map((m) => (m.body as { text: { body: string } }).text.body)).toEqual([
      'uno',
      'dos',
    ]);
    expect(fake.receivedFor('525512345678', forAna[0]?.seq)).toHaveLength(1);
    fake.reset();
    expect(fake.received()).toEqual([]);
  });
});

describe('control endpoints (/__fake)', () => {
  let fake: FakeCloudApi;
  beforeAll(async () => {
    fake = await startFake();
  });
  afterAll(() => fake.stop());
  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${fake.url}/__fake${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('drive failures, latency, received and reset over HTTP', async () => {
    expect((await control('POST', '/failures', { spec: 'pairRate', next: 1 })).status).toBe(204);
    expect((await send(fake, text())).body).toMatchObject({ error: { code: 131056 } });
    expect(
      (await control('POST', '/failures', { spec: { code: 131026, httpStatus: 400 }, to: ANA }))
        .status,
    ).toBe(204);
    expect((await send(fake, text())).body).toMatchObject({ error: { code: 131026 } });
    expect((await control('DELETE', '/failures')).status).toBe(204);
    expect((await send(fake, text())).status).toBe(200);
    expect((await control('POST', '/failures', { spec: 42 })).status).toBe(400);

    expect((await control('POST', '/latency', { ms: 100 })).status).toBe(204);
    const t0 = Date.now();
    await send(fake, text());
    expect(Date.now() - t0).toBeGreaterThanOrEqual(90);
    await control('POST', '/latency', { ms: 0 });

    const all = (await (await control('GET', '/received')).json()) as {
      messages: { seq: number }[];
    };
    expect(all.messages).toHaveLength(4);
    const since = all.messages[1]?.seq ?? 0;
    const later = (await (await control('GET', `/received?since=${since}&to=${ANA}`)).json()) as {
      messages: unknown[];
    };
    expect(later.messages).toHaveLength(2);

    expect((await control('DELETE', '/reset')).status).toBe(204);
    expect(
      ((await (await control('GET', '/received')).json()) as { messages: unknown[] }).messages,
    ).toEqual([]);
  });

  it('/inbound needs a webhook URL', async () => {
    const res = await control('POST', '/inbound', {
      object: 'whatsapp_business_account',
      entry: [],
    });
    expect(res.status).toBe(409);
  });
});

describe('signed webhooks to the bot', () => {
  let fake: FakeCloudApi;
  let bot: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    bot = await startReceiver();
    fake = await startFake({
      webhookUrl: bot.url,
      appSecret: SECRET,
      autoStatuses: true,
      statusDelayMs: 5,
    });
  });
  afterEach(() => {
    bot.received.length = 0;
    fake.reset();
  });
  afterAll(async () => {
    await fake.stop();
    await bot.stop();
  });

  it('postInbound signs the exact bytes sent, in Meta’s escaped encoding', async () => {
    const payload = inboundEnvelope(
      { waId: ANA, name: 'Ana Pérez' },
      { type: 'text', body: 'Necesito plomero 🔧 en Cuauhtémoc a/b @ 10:00' },
    );
    const result = await fake.postInbound(payload);
    expect(result.status).toBe(200);
    const [hit] = await bot.waitForCount(1);
    const raw = hit?.raw ?? Buffer.alloc(0);
    expect(verifySignature(raw, hit?.signature, SECRET)).toBe(true);
    expect(raw.toString('utf8')).toBe(result.sentBody);
    // Meta's encoding: ASCII only, \u escapes, escaped slashes.
    expect(raw.toString('utf8')).toMatch(/^[\x20-\x7e]*$/);
    expect(raw.toString('utf8')).toContain('Cuauht\\u00e9moc');
    expect(raw.toString('utf8')).toContain('\\ud83d\\udd27');
    expect(raw.toString('utf8')).toContain('a\\/b');
    expect(JSON.parse(raw.toString('utf8'))).toEqual(payload);
    // Re-serialising is not what Meta signed.
    expect(
      verifySignature(
        Buffer.from(JSON.stringify(JSON.parse(raw.toString('utf8')))),
        hit?.signature,
        SECRET,
      ),
    ).toBe(false);
    expect(hit?.headers['content-type']).toBe('application/json');
    expect(hit?.headers['x-hub-signature']).toMatch(/^sha1=[0-9a-f]{40}$/);
  });

  it('POST /__fake/inbound forwards (and ?raw=1 keeps the bytes as given)', async () => {
    const body = JSON.stringify(inboundEnvelope({ waId: ANA }, { type: 'text', body: 'hola' }));
    const res = await fetch(`${fake.url}/__fake/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(await res.json()).toEqual({ status: 200, body: 'EVENT_RECEIVED' });
    const rawBody = '{"object":"whatsapp_business_account","entry":[] }';
    await fetch(`${fake.url}/__fake/inbound?raw=1`, { method: 'POST', body: rawBody });
    const hits = await bot.waitForCount(2);
    expect(hits[1]?.raw.toString('utf8')).toBe(rawBody);
    expect(hits.every((h) => verifySignature(h.raw, h.signature, SECRET))).toBe(true);
  });

  it('autoStatuses posts sent, delivered, read for each accepted send', async () => {
    const res = await send(fake, text());
    const wamid = (res.body.messages as { id: string }[])[0]?.id;
    const hits = await bot.waitForCount(3);
    const statuses = hits.map(
      (h) => JSON.parse(h.raw.toString('utf8')).entry[0].changes[0].value.statuses[0],
    );
    expect(statuses.map((s: { status: string }) => s.status)).toEqual([
      'sent',
      'delivered',
      'read',
    ]);
    expect(
      statuses.every(
        (s: { id: string; recipient_id: string }) => s.id === wamid && s.recipient_id === ANA,
      ),
    ).toBe(true);
    expect(hits.every((h) => verifySignature(h.raw, h.signature, SECRET))).toBe(true);
    expect(fake.webhookErrors()).toEqual([]);
  });

  it('an async 131047 is accepted, then reported as a failed status', async () => {
    fake.failNext(1, { preset: 'reengagement', async: true });
    const res = await send(fake, text());
    expect(res.status).toBe(200);
    const wamid = (res.body.messages as { id: string }[])[0]?.id;
    expect(fake.received()[0]).toMatchObject({ status: 200, errorCode: 131047, failsLater: true });
    const [hit] = await bot.waitForCount(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(bot.received).toHaveLength(1); // no sent/delivered/read after a failure
    const status = JSON.parse(hit?.raw.toString('utf8') ?? '{}').entry[0].changes[0].value
      .statuses[0];
    expect(status).toMatchObject({
      id: wamid,
      status: 'failed',
      recipient_id: ANA,
      errors: [
        {
          code: 131047,
          title: 'Re-engagement message',
          error_data: { details: expect.stringContaining('24 hours') },
        },
      ],
    });
  });
});

describe('batched statuses (statusBatchMs)', () => {
  it('groups the statuses that fall due together into one webhook, at most statusBatchMax each, none lost', async () => {
    const bot = await startReceiver();
    const fake = await startFake({ webhookUrl: bot.url, appSecret: SECRET, statusDelayMs: 5 });
    try {
      // Switched on over HTTP, as the benchmark does between its phases.
      const control = (body: unknown) =>
        fetch(`${fake.url}/__fake/statuses`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      expect((await control({ auto: 'yes' })).status).toBe(400);
      expect((await control({ auto: true, batchMax: 0 })).status).toBe(400);
      await send(fake, text());
      await new Promise((r) => setTimeout(r, 60));
      expect(bot.received).toHaveLength(0); // still off
      fake.reset();
      expect((await control({ auto: true, batchMs: 40, batchMax: 4 })).status).toBe(204);
      const sends = await Promise.all(
        Array.from({ length: 6 }, (_, i) => send(fake, text(`52551234567${i}`))),
      );
      const wamids = sends.map((r) => (r.body.messages as { id: string }[])[0]?.id);
      // 6 messages × 3 statuses = 18 statuses, in batches of at most 4.
      const seen: { id: string; status: string }[] = [];
      const deadline = Date.now() + 5000;
      while (seen.length < 18 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
        seen.length = 0;
        for (const h of bot.received) {
          const value = JSON.parse(h.raw.toString('utf8')).entry[0].changes[0].value;
          seen.push(...(value.statuses as { id: string; status: string }[]));
        }
      }
      expect(seen).toHaveLength(18);
      const sizes = bot.received.map(
        (h) => JSON.parse(h.raw.toString('utf8')).entry[0].changes[0].value.statuses.length,
      );
      expect(Math.max(...sizes)).toBeLessThanOrEqual(4);
      expect(Math.max(...sizes)).toBeGreaterThan(1);
      expect(bot.received.length).toBeLessThan(18);
      for (const wamid of wamids)
        expect(
          seen
            .filter((s) => s.id === wamid)
            .map((s) => s.status)
            .sort(),
        ).toEqual(['delivered', 'read', 'sent']);
      expect(bot.received.every((h) => verifySignature(h.raw, h.signature, SECRET))).toBe(true);
      expect(fake.webhookErrors()).toEqual([]);
    } finally {
      await fake.stop();
      await bot.stop();
    }
  });
});

describe('bounded memory', () => {
  it('keeps only the last maxRecorded requests; seq keeps counting', async () => {
    const small = await startFake({ maxRecorded: 2 });
    try {
      for (const body of ['a', 'b', 'c']) await send(small, text('525512345678', body));
      expect(
        small.received().map((m) => [m.seq, (m.body as { text: { body: string } }).text.body]),
      ).toEqual([
        [2, 'b'],
        [3, 'c'],
      ]);
    } finally {
      await small.stop();
    }
  });
});

describe('safety', () => {
  it('refuses to start with NODE_ENV=production', async () => {
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await expect(startFakeCloudApi({ port: 0 })).rejects.toThrow(
        'never run with NODE_ENV=production',
      );
    } finally {
      process.env.NODE_ENV = previous;
    }
  });
});
