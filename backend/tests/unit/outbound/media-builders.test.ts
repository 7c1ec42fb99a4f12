/** Outbound media messages: Cloud API bodies and Meta's limits (outbound/builders.ts, limits.ts). */
import { buildPayload } from '../../../src/outbound/builders';
import { MessageLimitError } from '../../../src/outbound/limits';

const to = { phone: '5215512345678' };

describe('media message builders', () => {
  it('builds image, video, audio and document bodies by media id', () => {
    expect(
      buildPayload(to, { type: 'image', media: { id: '1234567890' }, caption: 'la fuga' }),
    ).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '525512345678',
      type: 'image',
      image: { id: '1234567890', caption: 'la fuga' },
    });
    expect(buildPayload(to, { type: 'video', media: { id: '1' } })).toMatchObject({
      type: 'video',
      video: { id: '1' },
    });
    expect(buildPayload(to, { type: 'audio', media: { id: '2' } })).toMatchObject({
      type: 'audio',
      audio: { id: '2' },
    });
    expect(
      buildPayload(to, {
        type: 'document',
        media: { id: '3' },
        caption: 'cotización',
        filename: 'cotización.pdf',
      }),
    ).toMatchObject({
      type: 'document',
      document: { id: '3', caption: 'cotización', filename: 'cotización.pdf' },
    });
  });

  it('accepts https links only', () => {
    expect(
      buildPayload(to, { type: 'image', media: { link: 'https://cdn.example.com/a.jpg' } }),
    ).toMatchObject({ image: { link: 'https://cdn.example.com/a.jpg' } });
    expect(() =>
      buildPayload(to, { type: 'image', media: { link: 'http://cdn.example.com/a.jpg' } }),
    ).toThrow(MessageLimitError);
    expect(() => buildPayload(to, { type: 'image', media: { link: 'https://' } })).toThrow(
      MessageLimitError,
    );
  });

  it('allows a 1,024-character caption and refuses 1,025', () => {
    expect(
      buildPayload(to, { type: 'image', media: { id: '1' }, caption: 'a'.repeat(1024) }),
    ).toMatchObject({ image: { caption: 'a'.repeat(1024) } });
    try {
      buildPayload(to, { type: 'video', media: { id: '1' }, caption: '😀'.repeat(1025) });
      throw new Error('no error');
    } catch (err) {
      expect(err).toMatchObject({
        name: 'MessageLimitError',
        field: 'video.caption',
        rule: 'maxLength',
        limit: 1024,
        actual: 1025,
      });
    }
  });

  it('refuses media ids that are not ids, blank captions and over-long file names', () => {
    expect(() => buildPayload(to, { type: 'image', media: { id: '../../x' } })).toThrow(
      /image\.id/,
    );
    expect(() => buildPayload(to, { type: 'image', media: { id: ' 1' } })).toThrow(/image\.id/);
    expect(() => buildPayload(to, { type: 'image', media: { id: '1' }, caption: '  ' })).toThrow(
      /image\.caption/,
    );
    expect(() =>
      buildPayload(to, {
        type: 'document',
        media: { id: '1' },
        filename: `${'a'.repeat(241)}.pdf`,
      }),
    ).toThrow(/document\.filename/);
  });
});
