/** Meta's media types and sizes, our caps, and captions made fit to show a provider. */
import { captionForProvider, filenameForProvider } from '../../../src/media/caption';
import { maxStoredBytes } from '../../../src/media/save';
import { extensionFor, isSupportedMime, META_MAX_BYTES } from '../../../src/shared/media';

const MB = 1024 * 1024;

describe('media types and caps', () => {
  it('keeps photos up to 5 MB, audio and video up to 16 MB, documents up to 100 MB, never stickers', () => {
    expect([
      maxStoredBytes('image'),
      maxStoredBytes('audio'),
      maxStoredBytes('video'),
      maxStoredBytes('document'),
      maxStoredBytes('sticker'),
    ]).toEqual([5 * MB, 16 * MB, 16 * MB, 100 * MB, null]);
    for (const t of ['image', 'audio', 'video', 'document'] as const)
      expect(maxStoredBytes(t)!).toBeLessThanOrEqual(META_MAX_BYTES[t]);
  });

  it.each([
    ['image', 'image/jpeg', true],
    ['image', 'IMAGE/PNG', true],
    ['image', 'image/gif', false],
    ['image', 'image/webp', false],
    ['sticker', 'image/webp', true],
    ['audio', 'audio/ogg; codecs=opus', true],
    ['audio', 'audio/ogg', true],
    ['audio', 'audio/ogg; codecs=vorbis', false],
    ['audio', 'audio/mpeg', true],
    ['audio', 'audio/wav', false],
    ['video', 'video/mp4', true],
    ['video', 'video/quicktime', false],
    ['document', 'application/pdf', true],
    ['document', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', true],
    ['document', 'application/zip', false],
  ] as const)('%s %s supported: %s', (type, mime, ok) => {
    expect(isSupportedMime(type, mime)).toBe(ok);
  });

  it('names files by type', () => {
    expect([
      extensionFor('image/jpeg'),
      extensionFor('audio/ogg; codecs=opus'),
      extensionFor('application/pdf'),
      extensionFor('x/unknown'),
    ]).toEqual(['.jpg', '.ogg', '.pdf', '.bin']);
  });
});

describe('captions shown to a provider', () => {
  it('drops links and phone numbers, formatting and invisible characters', () => {
    expect(
      captionForProvider('*urge* la fuga\u200B, llámame al +52 55 1234-5678 o ve https://x.co/a'),
    ).toBe('urge la fuga, llámame al … o ve …');
    expect(captionForProvider('piso 2, depto 301, CP 06700')).toBe('piso 2, depto 301, CP 06700');
  });

  it('cuts at 1,024 characters and turns nothing into undefined', () => {
    const long = captionForProvider('a'.repeat(3000))!;
    expect(long.length).toBe(1024);
    expect(long.endsWith('…')).toBe(true);
    expect([
      captionForProvider(null),
      captionForProvider('   '),
      captionForProvider('www.spam.com'),
    ]).toEqual([undefined, undefined, undefined]);
  });

  it('file names: sanitised and bounded', () => {
    expect(filenameForProvider('cotización\n final.pdf')).toBe('cotización final.pdf');
    expect(filenameForProvider(null)).toBeUndefined();
  });
});
