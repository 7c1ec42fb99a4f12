/**
 * No personal data in logs or metrics. A realistic run — several people (one username-only,
 * by BSUID) greeting, giving their name, asking for help, switching language, starting the
 * provider registration, a complete booking (service, location with an address, offer to a
 * provider, accept, done, rating with a comment), sending media with a caption, flooding past the
 * per-user limit, delivery statuses (including a failure), plus forged and malformed
 * deliveries — with the bot logging at `debug` into memory. Then every log line is scanned for
 * any full phone number (as received, `521…`, and as sent to, `52…`), any full BSUID, any
 * profile name and any message text; and /metrics is scanned for the same.
 */
import {
  inboundEnvelope,
  statusEnvelope,
  type InboundContent,
  type InboundUser,
} from '../../../dev/fake-cloud-api/payloads';
import { conversationKeys } from '../../../src/queue/keys';
import { signBody } from '../../../src/shared/signature';
import { eventually } from '../../helpers/redis';
import { ChatUser } from '../../helpers/chat';
import { addProvider, ROMA_NORTE, seedServiceTypes } from '../../helpers/marketplace';
import { startCapturedSystem, type CapturedSystem } from './captured-system';

let t: CapturedSystem;
beforeAll(async () => {
  t = await startCapturedSystem({ OUTBOUND_PER_RECIPIENT_PER_MINUTE: '0' });
});
afterAll(async () => {
  await t.stop();
});

const people: (InboundUser & { sendTo: string })[] = [
  { waId: '5215587654321', name: 'Zacarías Quintanilla', sendTo: '525587654321' },
  { waId: '5215543219876', name: 'Ximena Echeverría', sendTo: '525543219876' },
  { waId: '5491133334444', name: 'Rodolfo Benítez', sendTo: '541133334444' },
  {
    userId: 'MX.8f3kq92mzx7t',
    username: '@la.vecina',
    name: 'Perla Villaseñor',
    sendTo: 'MX.8f3kq92mzx7t',
  },
  { waId: '5215566667777', name: 'Hortensia Maldonado', sendTo: '525566667777' },
  { waId: '5215577778888', name: 'Mauricio Villalobos', sendTo: '525577778888' },
];
/** Everything personal the run sends, checked against every log line and the metrics page. */
const sentTexts: string[] = [];

const keyOf = (u: InboundUser) => (u.waId ? `wa:${u.waId}` : `bs:${u.userId}`);
const sendsTo = (to: string) =>
  t.fake.received().filter((m) => m.kind === 'message' && m.to === to).length;

async function idle(u: InboundUser): Promise<boolean> {
  const k = conversationKeys(t.prefix, keyOf(u));
  return (await t.system.redis.zcard(k.inbox)) === 0 && (await t.system.redis.llen(k.outbox)) === 0;
}

/** Send one message and wait until it was processed and answered (when an answer is expected). */
async function say(
  u: (typeof people)[number],
  content: InboundContent,
  answered = true,
): Promise<void> {
  if (content.type === 'text') sentTexts.push(content.body);
  if (content.type === 'location') sentTexts.push(content.name ?? '', content.address ?? '');
  if (content.type === 'image' && content.caption) sentTexts.push(content.caption);
  const before = sendsTo(u.sendTo);
  const res = await t.postWebhook(inboundEnvelope(u, content));
  expect(res.status).toBe(200);
  await eventually(
    async () => (await idle(u)) && (!answered || sendsTo(u.sendTo) > before),
    15000,
  ).catch((err: Error) => {
    throw new Error(`${keyOf(u)} got no answer to ${JSON.stringify(content)}: ${err.message}`);
  });
}

describe('a realistic run leaves no personal data in logs or metrics', () => {
  it('runs the conversations', async () => {
    const [zac, xim, rod, perla] = people as [
      (typeof people)[number],
      (typeof people)[number],
      (typeof people)[number],
      (typeof people)[number],
    ];
    await say(zac, { type: 'text', body: 'hola buenas tardes, necesito un plomero urgente' });
    await say(zac, { type: 'text', body: 'Zacarías Quintanilla' });
    await say(zac, { type: 'text', body: 'ayuda' });
    await say(zac, {
      type: 'location',
      latitude: 19.4326,
      longitude: -99.1332,
      name: 'Casa de Zacarías',
      address: 'Calle Violeta 123, Colonia Guerrero',
    });
    await say(zac, { type: 'text', body: 'quiero ser proveedor' });
    await say(zac, { type: 'text', body: 'Plomería Quintanilla e Hijos' });
    await say(zac, { type: 'text', body: 'cancelar' });

    // A complete booking: Hortensia books Mauricio (an approved plumber), he accepts and finishes, she rates.
    const services = await seedServiceTypes(t.db.knex);
    await addProvider(t.db.knex, services, {
      waId: '5215577778888',
      displayName: 'Mauricio Villalobos',
    });
    const mauricio = new ChatUser(t, '5215577778888', 'Mauricio Villalobos');
    const hortensia = new ChatUser(t, '5215566667777', 'Hortensia Maldonado');
    const address = 'Calle Durango 245, departamento 3, Roma Norte';
    const comment = 'Muy puntual, arregló la fuga del baño en media hora';
    sentTexts.push(address, comment, 'Hortensia Maldonado');
    await mauricio.say('hola');
    await mauricio.expect(/.+/);
    await hortensia.say('hola');
    await hortensia.expect(/Cómo te llamas/);
    await hortensia.say('Hortensia Maldonado');
    await hortensia.expect((m) => m.options.some((o) => /Pedir un servicio/.test(o.title)));
    await hortensia.tap(/Pedir un servicio/);
    await hortensia.expect(/Qué servicio necesitas/);
    await hortensia.tap(/Plomería/);
    await hortensia.expect(/qué pasa|what's wrong/i);
    await hortensia.tap(/^(Omitir|Skip)$/);
    await hortensia.expect(/a dónde enviamos al proveedor/);
    await hortensia.send({
      type: 'location',
      latitude: ROMA_NORTE.lat + 0.002,
      longitude: ROMA_NORTE.lng,
      name: 'Casa',
      address,
    });
    await hortensia.expect(/ordenados por cercanía y calificación/);
    await hortensia.tap(/Mauricio Villalobos/);
    await hortensia.expect(/trabajos? terminados?/i);
    await hortensia.tap(/Reservar/);
    await mauricio.expect(/Nueva solicitud/);
    await mauricio.tap(/Aceptar/);
    await hortensia.expect(/wa\.me/);
    await mauricio.expect((m) => m.options.some((o) => /Terminado/.test(o.title)));
    await mauricio.tap(/Terminado/);
    await hortensia.expect(/¿Quedó listo\?/);
    await hortensia.tap(/Sí, ya quedó/);
    await hortensia.expect(/Elige de 1 a 5/);
    await hortensia.tap(/★★★★★/);
    await hortensia.expect(/comentario/);
    await hortensia.say(comment);
    await hortensia.expect(/Gracias por tu calificación/);

    await say(xim, { type: 'text', body: 'buenas, mi número es 55 1234 9876 y vivo en Coyoacán' });
    await say(xim, { type: 'text', body: 'Ximena Echeverría' });
    await say(xim, { type: 'text', body: 'english' });
    await say(xim, { type: 'image', caption: 'foto de la fuga en mi baño' }, false);
    await say(xim, { type: 'text', body: 'menu' });

    await say(rod, { type: 'text', body: 'che, necesito un cerrajero, me quedé afuera' });
    await say(rod, { type: 'text', body: 'Rodolfo Benítez' });

    await say(perla, { type: 'text', body: 'hola, soy la vecina del 4B' });
    await say(perla, { type: 'text', body: 'Perla Villaseñor' });

    // A flood: past the per-user limit (10/min by default), dropped with one notice. Rodolfo's
    // request took him to the address question, where typed text counts as an answer (its own,
    // larger budget); back in the menu, text is free text and the flood hits the limit.
    await say(rod, { type: 'text', body: 'menú' });
    for (let i = 0; i < 12; i++) {
      const body = `mensaje repetido número ${i} de Rodolfo`;
      sentTexts.push(body);
      expect((await t.postWebhook(inboundEnvelope(rod, { type: 'text', body }))).status).toBe(200);
    }
    await eventually(async () => idle(rod), 15000);

    // Delivery statuses for what the bot sent, one of them failed.
    const sent = t.fake.received().filter((m) => m.kind === 'message' && m.messageId);
    const statuses = sent.slice(0, 6).map((m, i) => ({
      messageId: m.messageId!,
      status: i === 0 ? ('failed' as const) : ('read' as const),
      recipient: people.find((p) => p.sendTo === m.to) ?? zac,
      ...(i === 0
        ? {
            error: {
              code: 131026,
              title: 'Message undeliverable',
              details: `could not deliver to ${zac.sendTo}`,
            },
          }
        : {}),
    }));
    expect((await t.postWebhook(statusEnvelope(statuses))).status).toBe(200);

    // Forged and malformed deliveries carrying personal data.
    const forged = JSON.stringify(
      inboundEnvelope(zac, { type: 'text', body: 'mensaje falso con datos personales' }),
    );
    sentTexts.push('mensaje falso con datos personales');
    expect((await t.postWebhook(forged, 'sha256=' + '1'.repeat(64))).status).toBe(401);
    const malformed = JSON.stringify({
      object: zac.waId,
      entry: [{ text: 'texto en sobre inválido', from: xim.waId }],
    });
    sentTexts.push('texto en sobre inválido');
    expect((await t.postWebhook(malformed)).status).toBe(400);
    const skipped = inboundEnvelope(xim, { type: 'text', body: 'x' });
    (skipped.entry[0]!.changes[0]!.value.messages![0] as unknown as Record<string, unknown>).id =
      undefined;
    (skipped.entry[0]!.changes[0]!.value.messages![0] as unknown as Record<string, unknown>).text =
      { body: 'mensaje sin id que se omite' };
    sentTexts.push('mensaje sin id que se omite');
    expect(
      (
        await t.postWebhook(
          JSON.stringify(skipped),
          signBody(JSON.stringify(skipped), t.config.whatsapp.appSecret),
        )
      ).status,
    ).toBe(200);

    await eventually(async () => (await Promise.all(people.map(idle))).every(Boolean), 15000);
    expect(t.logs.length).toBeGreaterThan(50);
  });

  function secrets(): { label: string; value: string }[] {
    const out: { label: string; value: string }[] = [];
    for (const p of people) {
      if (p.waId)
        out.push(
          { label: 'wa_id', value: p.waId },
          { label: 'send-to number', value: p.sendTo },
          { label: 'local number', value: p.waId.slice(-10) },
        );
      if (p.userId) out.push({ label: 'BSUID', value: p.userId });
      if (p.username) out.push({ label: 'username', value: p.username });
      out.push({ label: 'profile name', value: p.name! });
    }
    for (const text of sentTexts.filter(Boolean)) out.push({ label: 'message text', value: text });
    out.push(
      { label: 'phone typed in a message', value: '5512349876' },
      { label: 'phone typed in a message', value: '55 1234 9876' },
    );
    return out;
  }

  /** Every string value (and key) of a parsed log line. */
  function strings(v: unknown, out: string[] = []): string[] {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach((x) => strings(x, out));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        out.push(k);
        strings(x, out);
      }
    }
    return out;
  }

  function leaks(lines: string[]): string[] {
    const found: string[] = [];
    for (const line of lines) {
      const values = strings(JSON.parse(line));
      for (const { label, value } of secrets()) {
        // Substring match for anything distinctive; exact match for short command words ("menu").
        const hit =
          value.length >= 8
            ? line.includes(value) || values.some((s) => s.includes(value))
            : values.includes(value);
        if (hit) found.push(`${label} "${value}" in: ${line.slice(0, 300)}`);
      }
    }
    return found;
  }

  it('the scan finds leaks when there are some', () => {
    const synthetic = [
      JSON.stringify({ msg: 'x', to: '525587654321' }),
      JSON.stringify({ msg: 'x', key: 'bs:MX.8f3kq92mzx7t' }),
      JSON.stringify({ msg: 'x', note: 'said: hola buenas tardes, necesito un plomero urgente' }),
      JSON.stringify({ msg: 'x', word: 'menu' }),
      JSON.stringify({ msg: 'x', who: 'Ximena Echeverría' }),
    ];
    for (const line of synthetic) expect([line, leaks([line]).length > 0]).toEqual([line, true]);
    expect(
      leaks([JSON.stringify({ msg: 'x', state: 'mainMenu', key: 'wa:*********4321' })]),
    ).toEqual([]);
  });

  it('no log line holds a full phone number, BSUID, name or message text', () => {
    expect(leaks(t.logs)).toEqual([]);
    // The run did log the conversations (masked): the scan is not vacuous.
    expect(t.logs.some((l) => l.includes('wa:*********4321'))).toBe(true);
    expect(t.logs.some((l) => l.includes('conversation.rate_limited'))).toBe(true);
  });

  it('/metrics holds no phone number, BSUID, name or message text, and no long digit runs in labels', async () => {
    const text = await (await fetch(`${t.baseUrl}/metrics`)).text();
    for (const { label, value } of secrets())
      expect([label, text.includes(value)]).toEqual([label, false]);
    const labelSets = text
      .split('\n')
      .filter((l) => !l.startsWith('#'))
      .map((l) => /\{([^}]*)\}/.exec(l)?.[1] ?? '');
    expect(
      labelSets.filter((l) =>
        /\d{7,}/.test(l.replace(/le="[^"]*"/g, '').replace(/quantile="[^"]*"/g, '')),
      ),
    ).toEqual([]);
    expect(text).toMatch(/whatsapp_messages_received_total\{type="text"\} \d+/);
  });
});
