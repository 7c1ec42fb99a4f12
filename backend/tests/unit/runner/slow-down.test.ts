import {
  localeOfState,
  slowDownMessage,
  waitText,
} from '../../../src/conversation/runner/slow-down';
import { buildPayload } from '../../../src/outbound/builders';
import { LIMITS, limitProblems } from '../../../src/conversation/render/limits';

describe('slow-down notice', () => {
  it('uses the language stored in the conversation state, Spanish otherwise', () => {
    expect(localeOfState({ name: 'mainMenu', profile: { locale: 'en' } })).toBe('en');
    expect(localeOfState({ name: 'mainMenu', profile: { locale: 'es' } })).toBe('es');
    expect(localeOfState({ name: 'loading', pending: [] })).toBe('es');
    expect(localeOfState(null)).toBe('es');
    expect(localeOfState({ profile: { locale: 'fr' } })).toBe('es');
  });

  it('is short and kind, and states the wait', () => {
    expect(slowDownMessage('es', 40_000)).toEqual({
      type: 'text',
      body: 'Vas muy rápido 🙂 Espera unos 40 segundos y vuelve a escribirme.',
    });
    expect(slowDownMessage('en', 40_000)).toEqual({
      type: 'text',
      body: "You're going a bit fast 🙂 Wait about 40 seconds and write to me again.",
    });
    expect(slowDownMessage('es', 3_600_000)).toEqual({
      type: 'text',
      body: 'Vas muy rápido 🙂 Espera 1 hora y vuelve a escribirme.',
    });
  });

  it.each([
    [1, 'unos 10 segundos', 'about 10 seconds'],
    [9_000, 'unos 10 segundos', 'about 10 seconds'],
    [10_000, 'unos 10 segundos', 'about 10 seconds'],
    [10_001, 'unos 20 segundos', 'about 20 seconds'],
    [33_400, 'unos 40 segundos', 'about 40 seconds'],
    [40_000, 'unos 40 segundos', 'about 40 seconds'],
    [50_001, '1 minuto', '1 minute'],
    [60_000, '1 minuto', '1 minute'],
    [60_001, '2 minutos', '2 minutes'],
    [90_000, '2 minutos', '2 minutes'],
    [45 * 60_000, '45 minutos', '45 minutes'],
    [59 * 60_000 + 1, '1 hora', '1 hour'],
    [3_600_000, '1 hora', '1 hour'],
    [3_600_001, '2 horas', '2 hours'],
  ])('%i ms reads "%s" / "%s", never shorter than the real wait', (ms, es, en) => {
    expect(waitText('es', ms)).toBe(es);
    expect(waitText('en', ms)).toBe(en);
  });

  it('is a plain text message within Meta limits, in both languages, for any wait', () => {
    for (const locale of ['es', 'en'] as const) {
      for (const ms of [1, 59_000, 3_600_000]) {
        const msg = slowDownMessage(locale, ms);
        expect(msg.type).toBe('text');
        expect((msg as { body: string }).body.length).toBeLessThanOrEqual(LIMITS.body);
        expect(limitProblems(msg)).toEqual([]);
        expect(() => buildPayload({ phone: '5215512345678' }, msg)).not.toThrow();
      }
    }
    expect(slowDownMessage('es', 1000)).not.toEqual(slowDownMessage('en', 1000));
  });
});
