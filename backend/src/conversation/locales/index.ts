import type { Locale } from '../locale-types';
import { en } from './en';
import { es } from './es';

type Catalog = typeof es;
export type MessageKey = keyof Catalog;

/** The `{placeholder}` names of a catalogue string, as a union type. */
type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;
export type ParamsOf<K extends MessageKey> = Record<Placeholders<Catalog[K]>, string | number>;
export type ParamArgs<K extends MessageKey> = [Placeholders<Catalog[K]>] extends [never]
  ? []
  : [params: ParamsOf<K>];

export const catalogs: Record<Locale, Record<MessageKey, string>> = { es, en };

/** Render a message in `locale`, replacing `{name}` placeholders (the compiler checks which). */
export function t<K extends MessageKey>(locale: Locale, key: K, ...args: ParamArgs<K>): string {
  const params = (args[0] ?? {}) as Record<string, string | number>;
  return catalogs[locale][key].replace(/\{(\w+)\}/g, (m, p: string) =>
    p in params ? String(params[p]) : m,
  );
}
