import { LOCALES } from '../../../src/conversation/locale-types';
import type { Locale } from '../../../src/conversation/locale-types';
import { catalogs, t } from '../../../src/conversation/locales';
import type { MessageKey, ParamsOf } from '../../../src/conversation/locales';
import { compile, formatMessage, messageArgs } from '../../../src/conversation/locales/icu';
import { LIMITS } from '../../../src/conversation/render/limits';

const keys = Object.keys(catalogs.es) as MessageKey[];
const argsOf = (s: string): { plain: string[]; plural: string[] } => {
  const all = messageArgs(s);
  return {
    plain: all.filter((a) => !a.endsWith(':plural')),
    plural: all.filter((a) => a.endsWith(':plural')).map((a) => a.slice(0, -':plural'.length)),
  };
};
const pluralKeys = keys.filter((k) => argsOf(catalogs.es[k]).plural.length > 0);

/** The longest value each plain placeholder can take when the step renders it (see render/format.ts, render/*.ts). */
const WORST: Record<string, string> = {
  name: 'Ñ'.repeat(60), // names: validated ≤ 60, displayed with displayName(…, 60)
  service: 'S'.repeat(40), // serviceName(…, 40)
  auto: 'A'.repeat(24), // a list row's title (row.auto), at most 24 characters
  rating: '★4.8 (1,234,567 reseñas) xxxx', // formatRating / formatAverage, whichever is longer
  count: '99999+',
  distance: '99999 km',
  status: 'Buscando proveedor xxxxxxx',
  when: 'hace 9,999 minutos',
  km: '50',
  time: '99 horas y 55 minutos', // formatDuration
  link: 'https://wa.me/123456789012345',
  place: 'P'.repeat(160),
  maps: 'https://maps.google.com/?q=-90.000000,-180.000000',
  area: ' (' + 'A'.repeat(80) + ')',
  services: 'X'.repeat(300),
  online: 'desconectado',
  details: 'D'.repeat(30), // a row description next to a name (render/rows.ts)
  fullName: 'F'.repeat(39), // cut by render/rows.ts to the room `details` leaves
  served: 'C'.repeat(200), // formatList of the served metros' names
  wait: 'unos 50 segundos', // runner/slow-down.ts waitText: the longest it renders
  duration: '50 segundos',
  url: 'https://' + 'u'.repeat(200),
  minutes: '1440', // handoff.opened: HANDOFF_EXPECTED_WAIT_MINUTES (at most 24 h)
  open: '23:59',
  close: '24:00',
  problem: 'Q'.repeat(600), // displayName(problem, 600) in the offer
  comment: 'C'.repeat(500), // displayName(comment, 500) in the rating comment notice
  max: '500',
  mb: '100',
  // visit fees (render/fees.ts feeValue): "$10,000 MXN", "to be agreed"
  fee: '$10,000 MXN xxxx',
  // price.list: up to 9 lines of price.item ("• " + name ≤ 60 + ": " + fee)
  list: Array.from({ length: 9 }, () => `• ${'Ñ'.repeat(60)}: $10,000 MXN xxxx`).join('\n'),
  // cancel.reason: a row title, or the customer's words (≤ 200) in quotes; provider.reason: an
  // admin's reason, sanitizeUserText(…, { maxLength: 300 }): the longer of the two
  reason: `“${'R'.repeat(300)}”`,
};
/** Values every plural selector is rendered with: the plural forms, and the largest we show. */
const COUNTS = [0, 1, 2, 5, 21, 1_000_000, 99_999_999];

function limitFor(key: string): number {
  if (key.startsWith('btn.')) return LIMITS.buttonTitle;
  if (key.startsWith('list.')) return LIMITS.listButton;
  if (key.startsWith('row.')) return LIMITS.rowTitle;
  if (key.startsWith('desc.')) return LIMITS.rowDescription;
  return LIMITS.body;
}

const render = (locale: Locale, key: MessageKey, params: Record<string, string | number>): string =>
  (t as (l: Locale, k: MessageKey, p: Record<string, string | number>) => string)(
    locale,
    key,
    params,
  );

describe('locale catalogues', () => {
  it('es and en have exactly the same keys', () => {
    for (const locale of LOCALES)
      expect(Object.keys(catalogs[locale]).sort()).toEqual([...keys].sort());
  });

  it.each(keys)('%s is valid message syntax with the same arguments in every locale', (key) => {
    const expected = messageArgs(catalogs.es[key]);
    for (const locale of LOCALES) expect(messageArgs(catalogs[locale][key])).toEqual(expected);
  });

  it.each(keys)('%s fits its WhatsApp limit in every locale with worst-case parameters', (key) => {
    for (const locale of LOCALES) {
      const { plain, plural } = argsOf(catalogs[locale][key]);
      for (const n of plain) expect(WORST).toHaveProperty([n]);
      for (const count of plural.length ? COUNTS : [0]) {
        const params: Record<string, string | number> = Object.fromEntries([
          ...plain.map((n) => [n, WORST[n] as string]),
          ...plural.map((n) => [n, count]),
        ]);
        const rendered = render(locale, key, params);
        expect(rendered).not.toMatch(/[{}]/);
        expect({ key, locale, count, length: rendered.length }).toEqual({
          key,
          locale,
          count,
          length: Math.min(rendered.length, limitFor(key)),
        });
        expect(rendered.trim().length).toBeGreaterThan(0);
      }
    }
  });

  it('button titles of one message are distinct', () => {
    for (const locale of LOCALES) {
      expect(t(locale, 'btn.accept')).not.toBe(t(locale, 'btn.decline'));
      expect(t(locale, 'btn.book')).not.toBe(t(locale, 'btn.back'));
      expect(t(locale, 'btn.cancelRequest')).not.toBe(t(locale, 'btn.menu'));
      expect(t(locale, 'btn.tryAgain')).not.toBe(t(locale, 'btn.menu'));
      expect(t(locale, 'btn.goOnline')).not.toBe(t(locale, 'btn.menu'));
      expect(t(locale, 'btn.goOffline')).not.toBe(t(locale, 'btn.menu'));
      expect(t(locale, 'btn.notifyMe')).not.toBe(t(locale, 'btn.menu'));
      expect(t(locale, 'row.more')).not.toBe(t(locale, 'row.previous'));
    }
  });

  it('keeps placeholders that were not given visible instead of dropping them', () => {
    expect((t as (l: 'es', k: MessageKey, p: object) => string)('es', 'name.saved', {})).toContain(
      '{name}',
    );
    expect(
      (t as (l: 'es', k: MessageKey, p: object) => string)('es', 'rating.value', { rating: '4.8' }),
    ).toBe('★4.8 ({count})');
  });

  it('says no system words to people ("sesión", "expiró", "session expired")', () => {
    for (const locale of LOCALES)
      for (const key of keys) expect(catalogs[locale][key]).not.toMatch(/sesi[oó]n|expir|session/i);
  });

  it('never calls the providers "the best" (the list is ordered by distance and rating)', () => {
    for (const locale of LOCALES)
      for (const key of keys) expect(catalogs[locale][key]).not.toMatch(/mejor(es)? |the best/i);
  });
});

describe('plural forms (0, 1, 2) in every locale', () => {
  /** Plural nouns that must never follow "1". */
  const PLURAL_NOUNS =
    /(^|\D)1 (reseñas|trabajos|días|minutos|horas|segundos|estrellas|opciones|servicios|marcados|reviews|jobs|days|minutes|hours|seconds|stars|options|services)\b/;

  it.each(pluralKeys)(
    '%s picks a different form for 1 and for 2, and never "1 <plural>"',
    (key) => {
      for (const locale of LOCALES) {
        const { plain, plural } = argsOf(catalogs[locale][key]);
        const at = (n: number): string =>
          render(locale, key, {
            ...Object.fromEntries(plain.map((p) => [p, 'x'])),
            ...Object.fromEntries(plural.map((p) => [p, n])),
          });
        const [zero, one, two] = [at(0), at(1), at(2)];
        for (const s of [zero, one, two]) expect(s).not.toMatch(/[{}#]/);
        expect(one).not.toMatch(PLURAL_NOUNS);
        // Not just the digit: the words around it change too.
        expect(one.replace(/\d/g, 'N')).not.toBe(two.replace(/\d/g, 'N'));
      }
    },
  );

  const cases: [
    MessageKey,
    Record<string, string | number>,
    [string, string, string],
    [string, string, string],
  ][] = [
    [
      'rating.value',
      { rating: '4.8' },
      ['★4.8 (0 reseñas)', '★4.8 (1 reseña)', '★4.8 (2 reseñas)'],
      ['★4.8 (0 reviews)', '★4.8 (1 review)', '★4.8 (2 reviews)'],
    ],
    [
      'job.completed',
      { rating: '★5.0' },
      ['0 trabajos.', '1 trabajo.', '2 trabajos.'],
      ['0 jobs.', '1 job.', '2 jobs.'],
    ],
    [
      'detail.head',
      { name: 'Ana', rating: '★5.0', distance: '1 km', services: 'Gas' },
      ['Aún sin trabajos terminados', '\n1 trabajo terminado\n', '\n2 trabajos terminados\n'],
      ['No jobs done yet', '\n1 job done\n', '\n2 jobs done\n'],
    ],
    [
      'desc.done',
      {},
      ['Aún no marcas ninguno', '1 servicio marcado', '2 servicios marcados'],
      ['Nothing marked yet', '1 service marked', '2 services marked'],
    ],
    [
      'desc.more',
      {},
      ['0 opciones más', '1 opción más', '2 opciones más'],
      ['0 more options', '1 more option', '2 more options'],
    ],
    [
      'time.days',
      {},
      ['hace 0 días', 'ayer', 'hace 2 días'],
      ['0 days ago', 'yesterday', '2 days ago'],
    ],
    [
      'time.minutes',
      {},
      ['hace 0 minutos', 'hace 1 minuto', 'hace 2 minutos'],
      ['0 minutes ago', '1 minute ago', '2 minutes ago'],
    ],
    [
      'rating.received',
      { rating: '★5.0' },
      ['con 0 estrellas.', 'con 1 estrella.', 'con 2 estrellas.'],
      ['you 0 stars.', 'you 1 star.', 'you 2 stars.'],
    ],
    [
      'requests.media',
      {},
      ['Mandaste 0 fotos o audios', 'Mandaste 1 foto o audio', 'Mandaste 2 fotos o audios'],
      [
        'You sent 0 photos or voice notes',
        'You sent 1 photo or voice note',
        'You sent 2 photos or voice notes',
      ],
    ],
    [
      'rating.updated',
      { rating: '★5.0' },
      ['a 0 estrellas.', 'a 1 estrella.', 'a 2 estrellas.'],
      ['to 0 stars.', 'to 1 star.', 'to 2 stars.'],
    ],
    [
      'rating.comment',
      { comment: 'Muy bien' },
      ['(0 estrellas)', '(1 estrella)', '(2 estrellas)'],
      ['(0 stars)', '(1 star)', '(2 stars)'],
    ],
    [
      'done.confirmed',
      { rating: '★5.0' },
      ['0 trabajos.', '1 trabajo.', '2 trabajos.'],
      ['0 jobs.', '1 job.', '2 jobs.'],
    ],
    [
      'provider.commentsHead',
      {},
      ['Los últimos 0 comentarios', 'El último comentario de', 'Los últimos 2 comentarios'],
      ['The latest 0 comments', 'The latest comment from', 'The latest 2 comments'],
    ],
    [
      'progress.several',
      {},
      ['Tienes 0 trabajos activos', 'Tienes 1 trabajo activo', 'Tienes 2 trabajos activos'],
      ['You have 0 active jobs', 'You have 1 active job', 'You have 2 active jobs'],
    ],
    [
      'drop.several',
      {},
      ['Tienes 0 trabajos activos', 'Tienes 1 trabajo activo', 'Tienes 2 trabajos activos'],
      ['You have 0 active jobs', 'You have 1 active job', 'You have 2 active jobs'],
    ],
    [
      'desc.editServices',
      {},
      ['Aún no ofreces ninguno', 'Ahora ofreces 1 servicio', 'Ahora ofreces 2 servicios'],
      ['You offer none yet', 'You offer 1 service now', 'You offer 2 services now'],
    ],
    [
      'duration.minutesHalf',
      {},
      ['0 minutos y medio', '1 minuto y medio', '2 minutos y medio'],
      ['0 and a half minutes', 'a minute and a half', '2 and a half minutes'],
    ],
  ];

  it.each(cases)('%s reads right for 0, 1 and 2', (key, params, es, en) => {
    const { plural } = argsOf(catalogs.es[key]);
    const at = (locale: Locale, n: number): string =>
      render(locale, key, { ...params, ...Object.fromEntries(plural.map((p) => [p, n])) });
    [0, 1, 2].forEach((n, i) => {
      expect(at('es', n)).toContain(es[i]);
      expect(at('en', n)).toContain(en[i]);
    });
  });

  it('every plural key has an explicit case above or is a duration/time unit', () => {
    const covered = new Set(cases.map((c) => c[0]));
    const rest = pluralKeys.filter((k) => !covered.has(k));
    expect(rest.every((k) => /^(duration\.|time\.|provider\.stats$)/.test(k))).toBe(true);
  });
});

describe('message syntax (locales/icu.ts)', () => {
  it('prefers an exact =N branch, then the plural category, then other', () => {
    const m = '{n, plural, =0 {ninguno} one {# uno} other {# varios}}';
    expect(formatMessage('es', m, { n: 0 })).toBe('ninguno');
    expect(formatMessage('es', m, { n: 1 })).toBe('1 uno');
    expect(formatMessage('es', m, { n: 2 })).toBe('2 varios');
    // CLDR gives Spanish a "many" category for millions: with no such branch, "other".
    expect(formatMessage('es', m, { n: 1_000_000 })).toBe('1,000,000 varios');
    expect(formatMessage('en', '{n, plural, one {# item} other {# items}}', { n: 1234 })).toBe(
      '1,234 items',
    );
  });

  it('fills plain parameters inside a branch, and leaves # alone outside plurals', () => {
    const m = 'Nº #{id}: {n, plural, one {# reseña de {who}} other {# reseñas de {who}}}.';
    expect(formatMessage('es', m, { id: 7, n: 1, who: 'Ana' })).toBe('Nº #7: 1 reseña de Ana.');
    expect(formatMessage('es', m, { id: 7, n: 3, who: 'Ana' })).toBe('Nº #7: 3 reseñas de Ana.');
  });

  it('rejects malformed messages', () => {
    for (const bad of [
      '{n, plural, one {x}}', // no other
      '{n, select, a {x} other {y}}', // unsupported type
      '{n, plural, one {x} other {y}', // unclosed
      'a } b',
      '{n, plural, few {x} other {y} other {z}}',
      '{n, plural, one {{m, plural, other {x}}} other {y}}', // nested plural
      '{, plural, other {x}}',
    ])
      expect(() => compile(bad)).toThrow(/message syntax/);
  });

  it('checks parameters at compile time, plural selectors as numbers', () => {
    const ok: ParamsOf<'rating.value'> = { rating: '4.8', count: 3 };
    // @ts-expect-error a plural selector must be a number
    const notNumber: ParamsOf<'rating.value'> = { rating: '4.8', count: '3' };
    // @ts-expect-error every parameter is required
    const missing: ParamsOf<'detail.head'> = {
      name: 'x',
      rating: 'x',
      distance: 'x',
      services: 'x',
    };
    expect([ok, notNumber, missing]).toHaveLength(3);
    expect(t('es', 'desc.done', { count: 1 })).toBe('1 servicio marcado');
    // @ts-expect-error no parameters for a message without placeholders
    expect(t('es', 'menu.prompt', { x: 1 })).toBe(catalogs.es['menu.prompt']);
  });
});
