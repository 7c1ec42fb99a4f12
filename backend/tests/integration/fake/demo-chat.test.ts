/**
 * The demo chat against the real fake and a tiny echo bot, all over loopback HTTP.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { buildPayload } from '../../../src/outbound/builders';
import { createCloudApiClient, type CloudApiClient } from '../../../src/outbound/cloud-api-client';
import { FakeHttp } from '../../../dev/demo-chat/fake-http';
import { renderBotMessage } from '../../../dev/demo-chat/render';
import { DemoChat, demoBsuid } from '../../../dev/demo-chat/session';
import type { OutboundMessage } from '../../../src/shared/messages';
import { verifySignature } from '../../../src/shared/signature';
import {
  startFake,
  type FakeCloudApi,
  type WebhookEnvelope,
  type WebhookMessage,
} from '../../helpers/fake';

const SECRET = 'test-app-secret';

/** Replies: text → buttons, button → list, list row → location request, location → template. */
function reply(m: WebhookMessage): OutboundMessage | undefined {
  if (m.type === 'text')
    return {
      type: 'buttons',
      body: `Dijiste: ${m.text?.body}`,
      buttons: [
        { id: 'yes', title: 'Sí' },
        { id: 'no', title: 'No' },
      ],
    };
  if (m.interactive?.type === 'button_reply')
    return {
      type: 'list',
      body: 'Elige',
      button: 'Servicios',
      sections: [
        { title: 'Hogar', rows: [{ id: 'plumber', title: 'Plomero', description: 'Fugas' }] },
      ],
    };
  if (m.interactive?.type === 'list_reply')
    return { type: 'locationRequest', body: '¿Dónde estás?' };
  if (m.type === 'location')
    return {
      type: 'template',
      name: 'ubermench_offer',
      language: 'es_MX',
      bodyParams: ['Plomero'],
      quickReplyPayloads: ['ACCEPT_1'],
    };
  if (m.type === 'button') return { type: 'text', body: `payload ${m.button?.payload}` };
  return undefined;
}

let fake: FakeCloudApi;
let client: CloudApiClient;
let server: import('node:http').Server;
const seen: WebhookMessage[] = [];

beforeAll(async () => {
  const app = express();
  app.post('/webhook', express.raw({ type: () => true }), async (req, res) => {
    if (!verifySignature(req.body as Buffer, req.get('x-hub-signature-256'), SECRET))
      return void res.sendStatus(401);
    res.sendStatus(200);
    const env = JSON.parse((req.body as Buffer).toString('utf8')) as WebhookEnvelope;
    for (const m of env.entry.flatMap((e) => e.changes.flatMap((c) => c.value.messages ?? []))) {
      seen.push(m);
      const out = reply(m);
      if (out)
        await client.send(
          buildPayload({ phone: m.from, bsuid: m.from_user_id }, out, { replyTo: m.id }),
        );
    }
  });
  server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  fake = await startFake({
    appSecret: SECRET,
    webhookUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`,
  });
  client = createCloudApiClient({
    baseUrl: fake.url,
    apiVersion: 'v23.0',
    phoneNumberId: '106540352242922',
    accessToken: 'test-access-token',
    timeoutMs: 2000,
  });
});
afterAll(async () => {
  client.close();
  await fake.stop();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

async function until(fn: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!fn()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

it('walks text → buttons → list → location → template taps end to end', async () => {
  const out: string[] = [];
  const chat = new DemoChat(
    new FakeHttp(fake.url),
    { role: 'customer', phone: '5215511111111', name: 'Ana' },
    (l) => out.push(l),
  );
  await chat.skipHistory();
  /** Type a line, then poll (as the terminal does) until the bot's reply shows. */
  const step = async (line: string, expectText: string) => {
    await chat.handleLine(line);
    const end = Date.now() + 3000;
    while (!out.some((l) => l.includes(expectText)) && Date.now() < end) {
      await chat.poll();
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(out.join('\n')).toContain(expectText);
  };

  await step('Necesito un plomero', '[1] Sí');
  expect(seen.at(-1)).toMatchObject({
    from: '5215511111111',
    from_user_id: demoBsuid('5215511111111'),
    text: { body: 'Necesito un plomero' },
  });

  await step('1', '[1] Plomero — Fugas');
  expect(seen.at(-1)).toMatchObject({
    type: 'interactive',
    interactive: { button_reply: { id: 'yes', title: 'Sí' } },
  });
  expect(seen.at(-1)?.context?.id).toMatch(/^wamid\./);

  await step('1', 'type /loc');
  expect(seen.at(-1)?.interactive).toEqual({
    type: 'list_reply',
    list_reply: { id: 'plumber', title: 'Plomero', description: 'Fugas' },
  });

  await step('/loc 19.4326 -99.1332 Zócalo', '[1] ACCEPT_1');
  expect(seen.at(-1)).toMatchObject({
    type: 'location',
    location: { latitude: 19.4326, longitude: -99.1332, name: 'Zócalo' },
  });

  await step('1', 'payload ACCEPT_1');
  expect(seen.at(-1)).toMatchObject({ type: 'button', button: { payload: 'ACCEPT_1' } });

  // A number with no options pending is plain text.
  await step('7', 'Dijiste: 7');
});

it('keeps messages for another identity until you switch to it', async () => {
  const out: string[] = [];
  const chat = new DemoChat(
    new FakeHttp(fake.url),
    { role: 'customer', phone: '5215533333333', name: 'Caro' },
    (l) => out.push(l),
  );
  await chat.skipHistory();
  await chat.handleLine('/as 5215544444444 Beto provider');
  await chat.handleLine('hola');
  await chat.handleLine('/as 5215533333333');
  await until(() => fake.receivedFor('5215544444444').length > 0, 'reply to Beto');
  await chat.poll();
  expect(out.join('\n')).toContain('(new message for Beto 5215544444444');
  await chat.handleLine('/as 5215544444444');
  expect(out.join('\n')).toContain('You are now Beto (provider, 5215544444444)');
  expect(out.join('\n')).toContain('Dijiste: hola');
});

it('/photo and /voice send files the fake knows, so the bot can download them', async () => {
  const chat = new DemoChat(
    new FakeHttp(fake.url),
    { role: 'customer', phone: '5215535353535', name: 'Lety' },
    () => undefined,
  );
  const before = seen.length;
  await chat.handleLine('/photo así está la fuga');
  await chat.handleLine('/voice');
  await until(() => seen.length >= before + 2, 'the photo and the voice note');
  const [photo, voice] = seen.slice(before);
  expect(photo?.image?.caption).toBe('así está la fuga');
  const image = fake.media(photo!.image!.id);
  expect(image?.mimeType).toBe('image/jpeg');
  expect(image?.bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  expect(photo!.image!.sha256).toBe(Buffer.from(image!.sha256, 'hex').toString('base64'));
  expect(voice?.audio?.voice).toBe(true);
  expect(fake.media(voice!.audio!.id)?.mimeType).toBe('audio/ogg; codecs=opus');
});

it('reports commands it cannot run', async () => {
  const out: string[] = [];
  const chat = new DemoChat(
    new FakeHttp(fake.url),
    { role: 'customer', phone: '5215511111111', name: 'Ana' },
    (l) => out.push(l),
  );
  await chat.handleLine('/loc nowhere');
  await chat.handleLine('/as 12');
  await chat.handleLine('/nope');
  expect(await chat.handleLine('/quit')).toBe('quit');
  expect(out).toEqual([
    expect.stringContaining('usage: /loc'),
    expect.stringContaining('usage: /as'),
    expect.stringContaining('unknown command /nope'),
  ]);
  const down = new DemoChat(
    new FakeHttp('http://127.0.0.1:1'),
    { role: 'customer', phone: '5215511111111', name: 'Ana' },
    (l) => out.push(l),
  );
  await down.handleLine('hola');
  expect(out.at(-1)).toContain(
    'not delivered: the fake Cloud API at http://127.0.0.1:1 is not reachable',
  );
});

describe('renderBotMessage', () => {
  it('numbers list rows across sections and shows header, footer and button label', () => {
    const payload = buildPayload(
      { phone: '5215511111111' },
      {
        type: 'list',
        header: 'Servicios',
        body: 'Elige uno',
        footer: 'Ubermench',
        button: 'Ver',
        sections: [
          { title: 'Hogar', rows: [{ id: 'a', title: 'Plomero' }] },
          { title: 'Auto', rows: [{ id: 'b', title: 'Mecánico', description: 'A domicilio' }] },
        ],
      },
    );
    const r = renderBotMessage(payload);
    expect(r.lines).toEqual([
      '  Servicios',
      '  Elige uno',
      '  Ubermench',
      '  ☰ Ver',
      '   Hogar',
      '   [1] Plomero',
      '   Auto',
      '   [2] Mecánico — A domicilio',
      '  (type the number to tap)',
    ]);
    expect(r.options.map((o) => o.id)).toEqual(['a', 'b']);
  });
  it('shows unknown bodies as JSON', () => {
    expect(renderBotMessage({ type: 'image', image: { link: 'x' } }).lines[0]).toContain('"image"');
  });
});
