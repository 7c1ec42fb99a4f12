import { createHmac } from 'node:crypto';
import { signBody, verifySignature } from '../../../src/shared/signature';

const SECRET = 'app-secret-123';
const hmacHex = (body: Buffer | string, secret = SECRET) =>
  createHmac('sha256', secret).update(body).digest('hex');

describe('signBody', () => {
  it('is sha256= + lowercase hex HMAC of the bytes', () => {
    const body = '{"object":"whatsapp_business_account"}';
    expect(signBody(body, SECRET)).toBe(`sha256=${hmacHex(body)}`);
    expect(signBody(Buffer.from(body), SECRET)).toBe(signBody(body, SECRET));
    expect(signBody(body, SECRET)).toMatch(/^sha256=[0-9a-f]{64}$/);
  });
});

describe('verifySignature', () => {
  const raw = Buffer.from('{"entry":[{"id":"1"}]}');
  const good = signBody(raw, SECRET);

  it('accepts the right signature', () => {
    expect(verifySignature(raw, good, SECRET)).toBe(true);
  });

  it('rejects a different secret or a changed body', () => {
    expect(verifySignature(raw, good, 'other-secret')).toBe(false);
    expect(verifySignature(Buffer.from('{"entry":[{"id":"2"}]}'), good, SECRET)).toBe(false);
  });

  it('rejects a missing or empty header', () => {
    expect(verifySignature(raw, undefined, SECRET)).toBe(false);
    expect(verifySignature(raw, '', SECRET)).toBe(false);
    expect(verifySignature(raw, 'sha256=', SECRET)).toBe(false);
  });

  it('accepts only the exact sha256= prefix', () => {
    const hex = good.slice('sha256='.length);
    for (const header of [
      `sha1=${hex}`,
      `SHA256=${hex}`,
      `sha256:${hex}`,
      ` sha256=${hex}`,
      hex,
      `sha256= ${hex}`,
    ]) {
      expect(verifySignature(raw, header, SECRET)).toBe(false);
    }
  });

  it('rejects wrong lengths without throwing', () => {
    expect(verifySignature(raw, good.slice(0, -2), SECRET)).toBe(false);
    expect(verifySignature(raw, `${good}00`, SECRET)).toBe(false);
    expect(verifySignature(raw, `${good} `, SECRET)).toBe(false);
    expect(verifySignature(raw, 'sha256=ab', SECRET)).toBe(false);
  });

  it('rejects non-hex, even when its valid-hex prefix would decode to the digest', () => {
    const hex = good.slice('sha256='.length);
    expect(verifySignature(raw, `sha256=${hex.slice(0, 62)}zz`, SECRET)).toBe(false);
    expect(verifySignature(raw, `sha256=${'g'.repeat(64)}`, SECRET)).toBe(false);
  });

  it('accepts uppercase and mixed-case hex (decoded digest is compared, not the text)', () => {
    const hex = good.slice('sha256='.length);
    expect(verifySignature(raw, `sha256=${hex.toUpperCase()}`, SECRET)).toBe(true);
    const mixed = [...hex].map((c, i) => (i % 2 ? c.toUpperCase() : c)).join('');
    expect(verifySignature(raw, `sha256=${mixed}`, SECRET)).toBe(true);
  });

  it('never throws on garbage input', () => {
    const garbage: unknown[] = [
      null,
      42,
      {},
      [],
      'sha256=' + '\u0000'.repeat(64),
      'sha256=' + 'é'.repeat(64),
    ];
    for (const header of garbage) {
      expect(() => verifySignature(raw, header as string, SECRET)).not.toThrow();
      expect(verifySignature(raw, header as string, SECRET)).toBe(false);
    }
    expect(verifySignature(undefined as unknown as Buffer, good, SECRET)).toBe(false);
  });

  describe('is computed over the raw bytes, never re-serialised JSON', () => {
    // What Meta sends: non-ASCII escaped as \uXXXX and '/' escaped as '\/'.
    const metaBody = '{"text":{"body":"J\'ai mang\\u00e9 des p\\u00e2tes \\ud83c\\udf5d a\\/b"}}';
    const rawBytes = Buffer.from(metaBody, 'utf8');
    const header = signBody(rawBytes, SECRET);

    it('verifies the raw bytes with \\u00e9, emoji surrogates and \\/ escapes', () => {
      expect(verifySignature(rawBytes, header, SECRET)).toBe(true);
    });

    it('fails for JSON.stringify(JSON.parse(raw)): different bytes', () => {
      const reserialised = JSON.stringify(JSON.parse(metaBody));
      expect(reserialised).toContain('mangé');
      expect(reserialised).toContain('🍝');
      expect(reserialised).toContain('a/b');
      expect(verifySignature(Buffer.from(reserialised), header, SECRET)).toBe(false);
    });

    it('verifies literal UTF-8 é and emoji bytes when those are what was sent', () => {
      const literal = Buffer.from('{"text":{"body":"mangé 🍝 a/b"}}', 'utf8');
      expect(literal.length).toBeGreaterThan('{"text":{"body":"mangé 🍝 a/b"}}'.length);
      expect(verifySignature(literal, `sha256=${hmacHex(literal)}`, SECRET)).toBe(true);
      // Hashing the latin1 re-encoding (a classic mistake) gives other bytes.
      expect(
        verifySignature(
          Buffer.from(literal.toString('latin1'), 'utf8'),
          `sha256=${hmacHex(literal)}`,
          SECRET,
        ),
      ).toBe(false);
    });
  });
});
