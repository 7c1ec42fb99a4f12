/** Media messages → bounded `media` events (intake/parse-media.ts through parseWebhook). */
import { parseWebhook } from '../../../src/intake/parse-webhook';
import { batchEnvelope } from '../../../dev/fake-cloud-api/payloads';

import { DEFAULT_BUSINESS } from '../../../dev/fake-cloud-api/payloads';

/** Every event of business number '1' (hand-written envelopes) or the fake's default number, whatever its time. */
const admitAll = {
  phoneNumberIds: new Set(['1', DEFAULT_BUSINESS.phoneNumberId]),
  maxAgeMs: Infinity,
  maxAheadMs: Infinity,
};
const limits = { maxEvents: 100, maxTextLength: 50, admission: admitAll };
const NOW = 1_764_100_000_000;
const user = { waId: '5215512345678' };

function parseOne(message: Record<string, unknown>) {
  const env = {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'WABA',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { phone_number_id: '1' },
              contacts: [{ wa_id: user.waId, profile: { name: 'Ana' } }],
              messages: [{ from: user.waId, id: 'wamid.m1', timestamp: '1764100000', ...message }],
            },
          },
        ],
      },
    ],
  };
  const out = parseWebhook(Buffer.from(JSON.stringify(env)), limits, NOW);
  if (!out.ok) throw new Error(out.reason);
  return out.result.messages[0]!.event;
}

describe('media messages', () => {
  it('turns the payloads the fake builds (as Meta sends them) into media events', () => {
    const env = batchEnvelope([
      {
        user,
        content: {
          type: 'image',
          caption: 'así está la fuga debajo del fregadero',
          mediaId: '1111',
          sha256: 'q1w2e3==',
        },
      },
      { user, content: { type: 'voice', mediaId: '2222' } },
      { user, content: { type: 'audio', mediaId: '3333' } },
      { user, content: { type: 'video', caption: 'gotea', mediaId: '4444' } },
      {
        user,
        content: {
          type: 'document',
          caption: 'cotización',
          filename: 'presupuesto.pdf',
          mediaId: '5555',
        },
      },
      { user, content: { type: 'sticker', animated: true, mediaId: '6666' } },
    ]);
    const out = parseWebhook(Buffer.from(JSON.stringify(env)), limits, NOW);
    if (!out.ok) throw new Error(out.reason);
    const events = out.result.messages.map((m) => m.event);
    const media = events.map(({ id: _id, at: _at, source: _s, profile: _p, ...rest }) => rest);
    expect(media).toEqual([
      {
        kind: 'media',
        mediaType: 'image',
        mediaId: '1111',
        mimeType: 'image/jpeg',
        sha256: 'q1w2e3==',
        caption: 'así está la fuga debajo del fregadero',
      },
      {
        kind: 'media',
        mediaType: 'audio',
        mediaId: '2222',
        mimeType: 'audio/ogg; codecs=opus',
        sha256: expect.any(String),
        voice: true,
      },
      {
        kind: 'media',
        mediaType: 'audio',
        mediaId: '3333',
        mimeType: 'audio/mpeg',
        sha256: expect.any(String),
      },
      {
        kind: 'media',
        mediaType: 'video',
        mediaId: '4444',
        mimeType: 'video/mp4',
        sha256: expect.any(String),
        caption: 'gotea',
      },
      {
        kind: 'media',
        mediaType: 'document',
        mediaId: '5555',
        mimeType: 'application/pdf',
        sha256: expect.any(String),
        caption: 'cotización',
        filename: 'presupuesto.pdf',
      },
      {
        kind: 'media',
        mediaType: 'sticker',
        mediaId: '6666',
        mimeType: 'image/webp',
        sha256: expect.any(String),
        animated: true,
      },
    ]);
  });

  it('cuts a caption to MAX_TEXT_LENGTH code points without splitting an emoji', () => {
    const caption = '💧'.repeat(60);
    const e = parseOne({ type: 'image', image: { id: '1', mime_type: 'image/jpeg', caption } });
    expect(e).toMatchObject({ kind: 'media', caption: '💧'.repeat(50) });
  });

  it('drops blank captions, non-boolean voice flags and captions on audio', () => {
    expect(
      parseOne({ type: 'image', image: { id: '1', mime_type: 'image/jpeg', caption: '   ' } }),
    ).not.toHaveProperty('caption');
    expect(
      parseOne({
        type: 'audio',
        audio: { id: '1', mime_type: 'audio/ogg', voice: 'yes', caption: 'x' },
      }),
    ).toEqual(
      expect.not.objectContaining({ voice: expect.anything(), caption: expect.anything() }),
    );
  });

  it('keeps only the last segment of a document file name, without control characters', () => {
    expect(
      parseOne({
        type: 'document',
        document: {
          id: '1',
          mime_type: 'application/pdf',
          filename: '../../etc/\u202Epasswd\u0000.pdf',
        },
      }),
    ).toMatchObject({ filename: 'passwd.pdf' });
    expect(
      parseOne({
        type: 'document',
        document: { id: '1', mime_type: 'application/pdf', filename: '../' },
      }),
    ).not.toHaveProperty('filename');
  });

  it('lower-cases the MIME type and keeps its parameters', () => {
    expect(
      parseOne({
        type: 'audio',
        audio: { id: '1', mime_type: 'Audio/OGG; codecs=opus', voice: true },
      }),
    ).toMatchObject({ mimeType: 'audio/ogg; codecs=opus', voice: true });
  });

  it.each([
    ['no media object', { type: 'image' }],
    ['no id', { type: 'image', image: { mime_type: 'image/jpeg' } }],
    [
      'an id with a path in it',
      { type: 'image', image: { id: '../../me', mime_type: 'image/jpeg' } },
    ],
    ['an id too long', { type: 'image', image: { id: '1'.repeat(129), mime_type: 'image/jpeg' } }],
    ['no MIME type', { type: 'video', video: { id: '1' } }],
    ['a MIME type that is not one', { type: 'video', video: { id: '1', mime_type: 'mp4 please' } }],
    [
      'a MIME type too long',
      { type: 'document', document: { id: '1', mime_type: `application/${'x'.repeat(130)}` } },
    ],
  ])('an unusable media message (%s) stays unsupported, with its type', (_why, message) => {
    expect(parseOne(message)).toMatchObject({ kind: 'unsupported', messageType: message.type });
  });

  it('ignores an odd hash instead of passing it on', () => {
    expect(
      parseOne({
        type: 'image',
        image: { id: '1', mime_type: 'image/png', sha256: 'not a hash!' },
      }),
    ).not.toHaveProperty('sha256');
  });
});
