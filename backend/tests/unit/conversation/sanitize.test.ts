/**
 * What one person's text may look like in a message to another (conversation/text/sanitize.ts,
 * issue 16 finding 4): no link-like text whatever the domain ending, no phone number, never the
 * brand or a look-alike; ordinary names, addresses and comments left as they are.
 */
import fc from 'fast-check';
import {
  containsUrl,
  displayName,
  shownToOthers,
  stripBrand,
  stripPhones,
  stripUrls,
} from '../../../src/conversation/text/sanitize';
import { validateName } from '../../../src/conversation/text/name';

const shown = (s: string) => shownToOthers(s, 500);

describe('links: any domain ending', () => {
  it.each([
    ['pagos-ubermench.top', '…'],
    ['Soporte pagos-ubermench.top ya', 'Soporte … ya'],
    ['https://pagos-ubermench.xyz/anticipo', '…'],
    ['paga en http://1.2.3.4/pago hoy', 'paga en … hoy'],
    ['hxxps://evil.example/a', '…'],
    ['ftp://files.example', '…'],
    ['bit.ly/x', '…'],
    ['bit.ly', '…'],
    ['www.pagos', '…'],
    ['WWW.PAGOS.MX', '…'],
    ['pagos.mx/anticipo?x=1#a', '…'],
    ['sub.domain.example.click', '…'],
    ['mi-tienda.online', '…'],
    ['pagos.xn--p1ai', '…'],
    ['evil.com:8080', '…'],
    ['PAGOS-UBER.TOP', '…'],
    ['pagos-uber。top', '…'],
    ['pagos-uber．top', '…'],
    ['x.com', '…'],
    ['escríbeme a soporte@pagos.top', 'escríbeme a …'],
    ['(ver pagos.top)', '(ver …)'],
  ])('%s → %s', (input, output) => {
    expect(stripUrls(input)).toBe(output);
    expect(containsUrl(input)).toBe(true);
  });

  it('keeps abbreviations written without a space, decimals, times and prices', () => {
    for (const ok of [
      'Av.Reforma 123, Col.Centro',
      'Calle 5 de Mayo No.23, C.P. 06700',
      'Ma.Luisa Hernández',
      'Dr.Gómez',
      'Edif.Torres int.B',
      'Llegó a las 10:30, cobró $1,500.50',
      'Calificación 4.5 de 5',
      'Juan Pérez',
      'S.A. de C.V.',
      'etc. etc.',
    ])
      expect([ok, stripUrls(ok)]).toEqual([ok, ok]);
  });

  it('a name with a link of any ending is refused at registration', () => {
    expect(validateName('Soporte Ubermench pagos-ubermench.top')).toEqual({
      ok: false,
      reason: 'url',
    });
    expect(validateName('Ana pagos.click')).toEqual({ ok: false, reason: 'url' });
    expect(validateName('Ma.Luisa Pérez')).toMatchObject({ ok: true });
  });
});

describe('phone numbers', () => {
  it.each([
    '5512345678',
    '55 1234 5678',
    '55-1234-5678',
    '(55) 1234-5678',
    '(55)1234 5678',
    '55.1234.5678',
    '+52 1 55 1234 5678',
    '+52 55 1234 5678',
    '+525512345678',
    '044 55 1234 5678',
    '01 800 123 4567',
    '5512 3456',
    '５５１２３４５６７８',
    '٥٥١٢٣٤٥٦٧٨',
    '𝟓𝟓𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖',
  ])('%s is removed', (phone) => {
    expect(stripPhones(`llámame al ${phone} ya`)).toBe('llámame al … ya');
    expect(stripPhones(`tel${phone}`)).toBe('tel…');
  });

  it('keeps short numbers: street numbers, postal codes, interiors, prices, times', () => {
    for (const ok of [
      'Calle 10 #123 int 4',
      'C.P. 03100',
      'CP 03100, Benito Juárez',
      'Mz 12 Lt 34',
      'cobró $1,500 a las 10:30',
      'Depto 1203',
    ])
      expect([ok, stripPhones(ok)]).toEqual([ok, ok]);
  });
});

describe('the brand is reserved', () => {
  it.each([
    'Ubermench',
    'UBERMENCH',
    'ubermench',
    'Uber mench',
    'Uber-Mench',
    'U b e r m e n c h',
    'U.b.e.r.m.e.n.c.h',
    'Ubermensh',
    'Ubermensch',
    'Übermensch',
    'Ubermënch',
    'Uberrmench',
    'Üb3rm3nch',
    'Ubеrmеnch', // Cyrillic е
    'Uвermench', // Cyrillic в
    'Ubermenk',
  ])('%s', (brand) => {
    for (const input of [brand, `Soporte ${brand}`, `${brand} Soporte`, `Soporte${brand}`]) {
      const out = shown(input);
      expect([input, /[uü]\s*[bв]/i.test(out.replace(/Soporte/g, ''))]).toEqual([input, false]);
      expect(out).not.toMatch(/mench|mensh|mensch|menk|m3nch/i);
    }
  });

  it('keeps Uber alone and words that merely follow it', () => {
    for (const ok of [
      'Uber',
      'Uber Eats',
      'llegué en Uber',
      'el Uber mencionó la dirección',
      'Uber mensajería',
      'número',
      'Ubicación',
    ])
      expect([ok, stripBrand(ok)]).toEqual([ok, ok]);
  });
});

describe('shownToOthers / displayName: every field shown to another person', () => {
  it.each([
    // The strings of the report.
    ['Ubermench Soporte', '… Soporte'],
    ['Soporte Ubermench pagos-ubermench.top', 'Soporte …'],
    ['https://pagos-ubermench.xyz/anticipo', '?'],
    ['pagos-uber.top … 5512345678', '?'],
    [
      'Excelente, pero págale en pagos-uber.top o al 55 1234 5678',
      'Excelente, pero págale en … o al …',
    ],
    // Ordinary text survives.
    ['María José Hernández', 'María José Hernández'],
    ['Calle Orizaba 10, Col. Roma Norte, CDMX', 'Calle Orizaba 10, Col. Roma Norte, CDMX'],
    ['Muy puntual y amable. 10/10', 'Muy puntual y amable. 10/10'],
  ])('%s → %s', (input, output) => {
    expect(displayName(input, 200)).toBe(output);
  });

  it('cuts after removing, so a truncation never leaves half a link, a phone or the brand', () => {
    const out = shownToOthers('Visita pagos-ubermench.top o llama al 55 1234 5678 ya', 12);
    expect(out).toBe('Visita … o…');
    expect(shownToOthers('Plomería Ubermench', 12)).toBe('Plomería …');
  });

  it('still removes invisible and formatting characters first (a zero-width space cannot split a link or the brand)', () => {
    expect(shown('pagos\u200B-ubermench.top')).toBe('…');
    expect(shown('Uber\u200Dmench')).toBe('…');
    expect(shown('55\u20601234\u20605678')).toBe('…');
    expect(shown('*Ubermench*')).toBe('…');
  });

  it('for any text with bait spliced in, what is shown contains no link, no long digit run and no brand (property)', () => {
    const bait = fc.constantFrom(
      'pagos-ubermench.top',
      'https://x.example/a',
      'www.pagos.mx',
      'bit.ly/x',
      'a@b.co',
      '55 1234 5678',
      '+52 1 55 1234 5678',
      'Ubermench',
      'Uber mench',
      'Ubermensh',
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string({ maxLength: 12 }),
            fc.constantFrom(' ', '.', '-', '/', 'Av.', 'Col. Roma'),
          ),
          { maxLength: 6 },
        ),
        bait,
        fc.nat(6),
        fc.nat(160),
        (parts, b, at, max) => {
          const words = [...parts];
          words.splice(at % (words.length + 1), 0, ` ${b} `);
          const out = shownToOthers(words.join(''), max + 1);
          expect(out.length).toBeLessThanOrEqual(max + 1);
          expect(containsUrl(out)).toBe(false);
          expect(out).not.toMatch(/\d(?:[\s().\-/]{0,3}\d){7,}/);
          expect(stripBrand(out)).toBe(out);
        },
      ),
      { seed: 20261216, numRuns: 2000 },
    );
  });
});
