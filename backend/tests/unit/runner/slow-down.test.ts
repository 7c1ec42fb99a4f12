import { SLOW_DOWN_TEXT, localeOfState, slowDownMessage } from '../../../src/conversation/runner/slow-down';
import { buildPayload } from '../../../src/outbound/builders';

describe('slow-down notice', () => {
  it('uses the language stored in the conversation state, Spanish otherwise', () => {
    expect(localeOfState({ name: 'mainMenu', profile: { locale: 'en' } })).toBe('en');
    expect(localeOfState({ name: 'mainMenu', profile: { locale: 'es' } })).toBe('es');
    expect(localeOfState({ name: 'loading', pending: [] })).toBe('es');
    expect(localeOfState(null)).toBe('es');
    expect(localeOfState({ profile: { locale: 'fr' } })).toBe('es');
  });

  it('is a plain text message within Meta limits, in both languages', () => {
    for (const locale of ['es', 'en'] as const) {
      const msg = slowDownMessage(locale);
      expect(msg).toEqual({ type: 'text', body: SLOW_DOWN_TEXT[locale] });
      expect(SLOW_DOWN_TEXT[locale].length).toBeLessThan(4096);
      expect(() => buildPayload({ phone: '5215512345678' }, msg)).not.toThrow();
    }
    expect(SLOW_DOWN_TEXT.es).not.toBe(SLOW_DOWN_TEXT.en);
  });
});
