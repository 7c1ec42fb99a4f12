import { Writable } from 'node:stream';
import { maskKey, maskPhone, maskPhonesInText } from '../../../src/shared/mask';
import { scrubEvent, scrubValue } from '../../../src/observability/sentry';
import { createLogger } from '../../../src/observability/logger';

describe('masking', () => {
  it('keeps only the last 4 digits of phone numbers', () => {
    expect(maskPhone('5215512345678')).toBe('*********5678');
    expect(maskPhone('123')).toBe('***');
    expect(maskKey('wa:5215512345678')).toBe('wa:*********5678');
    expect(maskKey('bs:MX.1234567890')).toBe('bs:*********7890');
    expect(maskPhonesInText('call +52 155 1234 5678 now, order 42')).toBe(
      'call *********5678 now, order 42',
    );
    expect(maskPhonesInText('to 5215512345678.')).toBe('to *********5678.');
    expect(maskPhonesInText('wa:5215512345678')).toBe('wa:*********5678');
    // Correlation ids and other tokens stay intact, so logs can still be followed.
    const uuid = '3f2b8c1e-80e4-4a12-9c3d-12345678abcd';
    expect(maskPhonesInText(`corr ${uuid}`)).toBe(`corr ${uuid}`);
    expect(maskPhonesInText('12345678-1234-4abc-8def-123456789012')).toBe(
      '12345678-1234-4abc-8def-123456789012',
    );
  });
});

describe('Sentry scrubbing', () => {
  it('removes secrets, message bodies and phone numbers from a real event object', () => {
    const event = {
      message: 'failed for 5215512345678',
      request: {
        headers: { authorization: 'Bearer EAAG123', 'x-hub-signature-256': 'sha256=abc' },
        data: '{"text":"hola"}',
      },
      extra: {
        text: 'mi dirección es Calle 5',
        nested: { accessToken: 'EAAG', phone: '5215512345678' },
      },
      breadcrumbs: [{ message: 'sent to 5215512345678' }],
    };
    const out = JSON.stringify(scrubEvent(event as never));
    for (const leaked of ['EAAG', 'sha256=abc', 'hola', 'Calle 5', '5215512345678'])
      expect(out).not.toContain(leaked);
    expect(out).toContain('5678');
    expect(scrubValue({ api_key: 'k', ok: 1 })).toEqual({ api_key: '[redacted]', ok: 1 });
  });
});

describe('logger', () => {
  it('redacts tokens/signatures/text and masks phone numbers in every line', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    const real = createLogger({ level: 'info', pretty: false, destination: sink });
    real.info(
      {
        from: '5215512345678',
        text: 'hola secreto',
        token: 'EAAG-secret',
        headers: { authorization: 'Bearer x' },
      },
      'msg from 5215512345678',
    );
    await new Promise((r) => setImmediate(r));
    const out = lines.join('');
    expect(out).toContain('*********5678');
    for (const leaked of ['5215512345678', 'hola secreto', 'EAAG-secret', 'Bearer x'])
      expect(out).not.toContain(leaked);
  });
});
