import fc from 'fast-check';
import { jsonDepthExceeds } from '../../../src/intake/json-depth';

const b = (s: string) => Buffer.from(s, 'utf8');

/** Reference: depth of a parsed value (top-level array/object = 1, scalars = 0). */
function depthOf(v: unknown): number {
  if (Array.isArray(v)) return 1 + Math.max(0, ...v.map(depthOf));
  if (v !== null && typeof v === 'object') return 1 + Math.max(0, ...Object.values(v).map(depthOf));
  return 0;
}

describe('jsonDepthExceeds', () => {
  it('counts arrays and objects, top level = 1', () => {
    expect(jsonDepthExceeds(b('1'), 1)).toBe(false);
    expect(jsonDepthExceeds(b('{}'), 1)).toBe(false);
    expect(jsonDepthExceeds(b('{"a":[1]}'), 1)).toBe(true);
    expect(jsonDepthExceeds(b('{"a":[1]}'), 2)).toBe(false);
    expect(jsonDepthExceeds(b('[[],[],[[]]]'), 2)).toBe(true);
  });

  it('ignores brackets inside strings, including after escaped quotes and backslashes', () => {
    expect(jsonDepthExceeds(b(JSON.stringify({ a: '[[[[[[{{{{{' })), 1)).toBe(false);
    expect(jsonDepthExceeds(b(JSON.stringify({ a: 'x\\"[[[[[' })), 1)).toBe(false);
    expect(jsonDepthExceeds(b(JSON.stringify({ a: 'x\\', b: '[[[[' })), 1)).toBe(false);
    expect(jsonDepthExceeds(b('{"a":"\\u005b\\u005b"}'), 1)).toBe(false);
    expect(jsonDepthExceeds(b(JSON.stringify({ 'k[{': ['ü[', '🙂{'] })), 2)).toBe(false);
  });

  it('agrees with the parsed depth for random JSON (fixed seed)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 12 }), fc.integer({ min: 1, max: 14 }), (value, max) => {
        const raw = b(JSON.stringify(value));
        expect(jsonDepthExceeds(raw, max)).toBe(depthOf(value) > max);
      }),
      { seed: 5, numRuns: 2000 },
    );
  });

  it('stops early on a million-deep body (milliseconds, no recursion)', () => {
    const raw = b('['.repeat(1_000_000) + ']'.repeat(1_000_000));
    const started = process.hrtime.bigint();
    expect(jsonDepthExceeds(raw, 32)).toBe(true);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(50);
  });

  it('a realistic Meta envelope is far below the default limit of 32', () => {
    const envelope = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '1',
          changes: [
            {
              field: 'messages',
              value: {
                contacts: [{ profile: { name: 'A' } }],
                messages: [
                  {
                    interactive: { button_reply: { id: 'x' } },
                    errors: [{ error_data: { details: 'x' } }],
                  },
                ],
              },
            },
          ],
        },
      ],
    };
    expect(depthOf(envelope)).toBeLessThan(12);
    expect(jsonDepthExceeds(b(JSON.stringify(envelope)), 12)).toBe(false);
  });
});
