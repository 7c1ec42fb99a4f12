/**
 * Inbound webhook envelope builders: Meta's shapes (reference/whatsapp-cloud-api.md §3).
 */
import {
  DEFAULT_BUSINESS,
  batchEnvelope,
  envelope,
  inboundEnvelope,
  inboundMessage,
  messagesValue,
  statusEnvelope,
  type InboundContent,
} from '../../helpers/fake';

const ana = { waId: '5215512345678', userId: 'MX.13491208655302741918', name: 'Ana' };

describe('inboundEnvelope', () => {
  it('has Meta’s envelope, metadata and contact', () => {
    const env = inboundEnvelope(
      ana,
      { type: 'text', body: 'hola' },
      { id: 'wamid.A1', timestamp: 1764100000 },
    );
    expect(env).toEqual({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: DEFAULT_BUSINESS.wabaId,
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: {
                  display_phone_number: '15550001111',
                  phone_number_id: '106540352242922',
                },
                contacts: [
                  {
                    profile: { name: 'Ana' },
                    wa_id: '5215512345678',
                    user_id: 'MX.13491208655302741918',
                  },
                ],
                messages: [
                  {
                    from: '5215512345678',
                    from_user_id: 'MX.13491208655302741918',
                    id: 'wamid.A1',
                    timestamp: '1764100000',
                    type: 'text',
                    text: { body: 'hola' },
                  },
                ],
              },
            },
          ],
        },
      ],
    });
  });

  it('username-only users have no wa_id / from, only user_id / from_user_id', () => {
    const user = { userId: 'MX.998877665544', username: '@ana.mx' };
    const value = inboundEnvelope(user, { type: 'text', body: 'hola' }).entry[0]?.changes[0]?.value;
    expect(value?.contacts).toEqual([
      { profile: { username: '@ana.mx' }, user_id: 'MX.998877665544' },
    ]);
    expect(value?.messages?.[0]).not.toHaveProperty('from');
    expect(value?.messages?.[0]?.from_user_id).toBe('MX.998877665544');
  });
});

describe('message types', () => {
  const msg = (content: InboundContent, contextId?: string) =>
    inboundMessage(ana, content, contextId ? { contextId } : {});

  it.each<[InboundContent, Record<string, unknown>]>([
    [
      { type: 'button_reply', id: 'confirm_yes', title: 'Sí' },
      {
        type: 'interactive',
        interactive: { type: 'button_reply', button_reply: { id: 'confirm_yes', title: 'Sí' } },
      },
    ],
    [
      { type: 'list_reply', id: 'plumber', title: 'Plomero', description: 'Fugas' },
      {
        type: 'interactive',
        interactive: {
          type: 'list_reply',
          list_reply: { id: 'plumber', title: 'Plomero', description: 'Fugas' },
        },
      },
    ],
    [
      { type: 'template_button', payload: 'ACCEPT_42', text: 'Aceptar' },
      { type: 'button', button: { text: 'Aceptar', payload: 'ACCEPT_42' } },
    ],
  ])('%j carries a context and the reply', (content, expected) => {
    const m = msg(content, 'wamid.OUT1');
    expect(m).toMatchObject({ ...expected, context: { from: '15550001111', id: 'wamid.OUT1' } });
  });

  it('taps get a context even when none is given', () => {
    expect(msg({ type: 'button_reply', id: 'a', title: 'A' }).context?.id).toMatch(/^wamid\./);
    expect(msg({ type: 'text', body: 'x' }).context).toBeUndefined();
  });

  it('location, image, sticker, voice and unsupported', () => {
    expect(
      msg({ type: 'location', latitude: 19.4326, longitude: -99.1332, name: 'Zócalo' }),
    ).toMatchObject({
      type: 'location',
      location: { latitude: 19.4326, longitude: -99.1332, name: 'Zócalo' },
    });
    expect(msg({ type: 'image', caption: 'la fuga' })).toMatchObject({
      type: 'image',
      image: {
        id: expect.stringMatching(/^\d+$/),
        mime_type: 'image/jpeg',
        sha256: expect.any(String),
        caption: 'la fuga',
      },
    });
    expect(msg({ type: 'sticker' })).toMatchObject({
      type: 'sticker',
      sticker: { mime_type: 'image/webp', animated: false },
    });
    expect(msg({ type: 'voice' })).toMatchObject({
      type: 'audio',
      audio: { mime_type: 'audio/ogg; codecs=opus', voice: true },
    });
    expect(msg({ type: 'unsupported' })).toMatchObject({
      type: 'unsupported',
      errors: [{ code: 131051 }],
    });
  });

  it('ids are unique wamids and timestamps are strings of seconds', () => {
    const a = msg({ type: 'text', body: 'x' });
    const b = msg({ type: 'text', body: 'x' });
    expect(a.id).not.toBe(b.id);
    expect(a.timestamp).toMatch(/^\d{10}$/);
    expect(
      inboundMessage(
        ana,
        { type: 'text', body: 'x' },
        { timestamp: new Date('2026-01-01T00:00:00Z') },
      ).timestamp,
    ).toBe('1767225600');
  });
});

describe('batches', () => {
  it('several messages from several users in one change, contacts once each', () => {
    const beto = { waId: '5491123456789', name: 'Beto' };
    const env = batchEnvelope([
      { user: ana, content: { type: 'text', body: 'uno' } },
      { user: beto, content: { type: 'text', body: 'hola' } },
      { user: ana, content: { type: 'text', body: 'dos' } },
    ]);
    const value = env.entry[0]?.changes[0]?.value;
    expect(value?.contacts?.map((c) => c.wa_id)).toEqual(['5215512345678', '5491123456789']);
    expect(value?.messages?.map((m) => m.text?.body)).toEqual(['uno', 'hola', 'dos']);
  });

  it('several entries (nested lists) or several changes in one entry (flat list)', () => {
    const v1 = messagesValue([
      { user: ana, message: inboundMessage(ana, { type: 'text', body: 'a' }) },
    ]);
    const v2 = messagesValue([
      { user: ana, message: inboundMessage(ana, { type: 'text', body: 'b' }) },
    ]);
    expect(envelope([[v1], [v2]]).entry).toHaveLength(2);
    const flat = envelope([v1, v2]);
    expect(flat.entry).toHaveLength(1);
    expect(flat.entry[0]?.changes).toHaveLength(2);
  });
});

describe('statusEnvelope', () => {
  it('sent carries conversation and pricing; delivered/read are bare', () => {
    const env = statusEnvelope([
      {
        messageId: 'wamid.OUT',
        status: 'sent',
        recipient: { waId: ana.waId },
        timestamp: 1764100100,
      },
      {
        messageId: 'wamid.OUT',
        status: 'delivered',
        recipient: { waId: ana.waId },
        timestamp: 1764100102,
      },
      {
        messageId: 'wamid.OUT',
        status: 'read',
        recipient: { waId: ana.waId },
        timestamp: 1764100130,
      },
    ]);
    const statuses = env.entry[0]?.changes[0]?.value.statuses ?? [];
    expect(statuses[0]).toMatchObject({
      id: 'wamid.OUT',
      status: 'sent',
      timestamp: '1764100100',
      recipient_id: ana.waId,
      conversation: { origin: { type: 'service' } },
      pricing: { category: 'service' },
    });
    expect(statuses[1]).toEqual({
      id: 'wamid.OUT',
      status: 'delivered',
      timestamp: '1764100102',
      recipient_id: ana.waId,
    });
    expect(statuses[2]?.status).toBe('read');
    expect(env.entry[0]?.changes[0]?.value.messages).toBeUndefined();
  });

  it('failed carries errors; BSUID recipients get recipient_user_id', () => {
    const env = statusEnvelope({
      messageId: 'wamid.OUT',
      status: 'failed',
      recipient: { userId: 'MX.1234' },
      error: { code: 131047, title: 'Re-engagement message', details: 'more than 24 hours' },
    });
    const value = env.entry[0]?.changes[0]?.value;
    expect(value?.contacts).toBeUndefined();
    expect(value?.statuses?.[0]).toMatchObject({
      status: 'failed',
      recipient_user_id: 'MX.1234',
      errors: [
        {
          code: 131047,
          title: 'Re-engagement message',
          message: 'Re-engagement message',
          error_data: { details: 'more than 24 hours' },
        },
      ],
    });
    expect(value?.statuses?.[0]).not.toHaveProperty('recipient_id');
  });
});
