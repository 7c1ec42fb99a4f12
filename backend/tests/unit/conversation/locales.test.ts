import { LOCALES } from '../../../src/conversation/locale-types';
import { catalogs, t } from '../../../src/conversation/locales';
import type { MessageKey } from '../../../src/conversation/locales';
import { LIMITS } from '../../../src/conversation/render/limits';

const keys = Object.keys(catalogs.es) as MessageKey[];
const placeholders = (s: string): string[] =>
  [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();

/** The longest value each placeholder can take when the step renders it (see render/format.ts, render/*.ts). */
const WORST: Record<string, string> = {
  name: 'Ñ'.repeat(60), // names: validated ≤ 60, displayed with displayName(…, 60)
  service: 'S'.repeat(40), // serviceName(…, 40)
  rating: '★4.8 (99999+ reseñas) xxxxxxx', // formatRating / formatAverage, whichever is longer
  count: '99999+',
  distance: '99999 km',
  page: '99',
  status: 'Buscando proveedor xxxxxxx',
  when: 'hace 9999 días',
  n: '9999',
  km: '50',
  minutes: '999',
  link: 'https://wa.me/123456789012345',
  place: 'P'.repeat(160),
  maps: 'https://maps.google.com/?q=-90.000000,-180.000000',
  area: ' (' + 'A'.repeat(80) + ')',
  services: 'X'.repeat(300),
  jobs: '99999',
  online: 'desconectado',
  stars: '5',
  wait: 'unos 50 segundos', // runner/slow-down.ts waitText: the longest it renders
  duration: '50 segundos',
};

function limitFor(key: string): number {
  if (key.startsWith('btn.')) return LIMITS.buttonTitle;
  if (key.startsWith('list.')) return LIMITS.listButton;
  if (key.startsWith('row.')) return LIMITS.rowTitle;
  if (key.startsWith('desc.')) return LIMITS.rowDescription;
  return LIMITS.body;
}

describe('locale catalogues', () => {
  it('es and en have exactly the same keys', () => {
    for (const locale of LOCALES)
      expect(Object.keys(catalogs[locale]).sort()).toEqual([...keys].sort());
  });

  it.each(keys)('%s has the same placeholders in every locale', (key) => {
    const expected = placeholders(catalogs.es[key]);
    for (const locale of LOCALES) expect(placeholders(catalogs[locale][key])).toEqual(expected);
  });

  it.each(keys)('%s fits its WhatsApp limit in every locale with worst-case parameters', (key) => {
    for (const locale of LOCALES) {
      const names = placeholders(catalogs[locale][key]);
      for (const n of names) expect(WORST).toHaveProperty([n]);
      const params = Object.fromEntries(names.map((n) => [n, WORST[n] as string]));
      const rendered = (
        t as (l: typeof locale, k: MessageKey, p: Record<string, string>) => string
      )(locale, key, params);
      expect(rendered).not.toMatch(/\{\w+\}/);
      expect({ key, locale, length: rendered.length }).toEqual({
        key,
        locale,
        length: Math.min(rendered.length, limitFor(key)),
      });
      expect(rendered.trim().length).toBeGreaterThan(0);
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
    }
  });

  it('keeps placeholders that were not given visible instead of dropping them', () => {
    expect((t as (l: 'es', k: MessageKey, p: object) => string)('es', 'name.saved', {})).toContain(
      '{name}',
    );
  });
});
