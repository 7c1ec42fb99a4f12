import {
  MessageLimitError,
  charCount,
  checkCount,
  checkId,
  checkText,
  checkUnique,
} from '../../../src/outbound/limits';

describe('charCount (code points, as Meta counts)', () => {
  it.each([
    ['', 0],
    ['hola', 4],
    ['mañana', 6], // precomposed ñ
    ['👋', 1], // 2 UTF-16 units, 1 code point
    ['Hola 👋🏽', 7], // wave + skin tone modifier = 2 code points
    ['🇲🇽', 2], // flag = 2 regional indicators
    ['👨‍👩‍👧', 5], // ZWJ family: 3 people + 2 joiners
    ['e\u0301', 2], // decomposed é: base + combining accent
  ])('%p has %d characters', (text, expected) => {
    expect(charCount(text)).toBe(expected);
  });

  it('differs from UTF-16 length for emoji', () => {
    expect('😀😀😀'.length).toBe(6);
    expect(charCount('😀😀😀')).toBe(3);
  });
});

describe('MessageLimitError', () => {
  it('names the field, the limit and the actual length', () => {
    try {
      checkText('text.body', 'x'.repeat(11), 10);
      throw new Error('expected a throw');
    } catch (e) {
      expect(e).toBeInstanceOf(MessageLimitError);
      const err = e as MessageLimitError;
      expect(err).toMatchObject({
        name: 'MessageLimitError',
        field: 'text.body',
        rule: 'maxLength',
        limit: 10,
        actual: 11,
      });
      expect(err.message).toBe('text.body: at most 10 characters, got 11');
    }
  });

  it('covers counts, blanks, ids and duplicates', () => {
    expect(() => checkCount('buttons', 4, 1, 3)).toThrow('buttons: at most 3 items, got 4');
    expect(() => checkCount('buttons', 0, 1, 3)).toThrow('buttons: at least 1 items, got 0');
    expect(() => checkText('body', '   ', 10)).toThrow('body: required and must not be blank');
    expect(() => checkId('id', ' a', 10)).toThrow('id: must not start or end with whitespace');
    expect(() => checkUnique(['a', 'b', 'a'], (i) => `t[${i}]`)).toThrow(
      't[2]: must be unique within the message, found 2 times (a)',
    );
  });
});
