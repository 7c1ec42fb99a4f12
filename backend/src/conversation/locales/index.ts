import type { Locale } from '../locale-types';
import { en } from './en';
import { es } from './es';
import { formatMessage } from './icu';

type Catalog = typeof es;
export type MessageKey = keyof Catalog;

/*
 * The parameters of a catalogue string, read from its text by the compiler (syntax: icu.ts).
 * `Args` yields a union of plain names (`name`) and plural selectors tagged `#count`.
 */
type TrimStart<S extends string> = S extends ` ${infer R}` | `\n${infer R}` ? TrimStart<R> : S;
type Trim<S extends string> = TrimStart<S> extends `${infer R} ` ? Trim<R> : TrimStart<S>;

type Args<S extends string> = S extends `${string}{${infer R}` ? AfterBrace<R> : never;

/** After a top-level "{": a plain `{name}`, or `{name, plural, …}`. */
type AfterBrace<R extends string> = R extends `${infer Head}}${infer After}`
  ? Head extends `${string},${string}`
    ? R extends `${infer Name},${string}plural,${infer Branches}`
      ? Branches_<Branches, `#${Trim<Name>}`>
      : never
    : Trim<Head> | Args<After>
  : never;

/** The branches of a plural (`one {…} other {…}`) up to the "}" that closes it. */
type Branches_<B extends string, Acc extends string> =
  TrimStart<B> extends `}${infer After}`
    ? Acc | Args<After>
    : TrimStart<B> extends `${string}{${infer Branch}`
      ? BranchText<Branch, Acc>
      : Acc;

/** One branch's text, which may hold plain `{name}` parameters, up to its closing "}". */
type BranchText<S extends string, Acc extends string> = S extends `${infer Text}}${infer After}`
  ? Text extends `${string}{${infer Inner}`
    ? BranchText<After, Acc | Trim<Inner>>
    : Branches_<After, Acc>
  : Acc;

type ArgsOf<K extends MessageKey> = Args<Catalog[K]>;
type PluralNames<U> = U extends `#${infer N}` ? N : never;
type PlainNames<U> = U extends `#${string}` ? never : U;

/** Plain parameters take text or numbers; a plural selector must be a number. */
export type ParamsOf<K extends MessageKey> = {
  [P in PlainNames<ArgsOf<K>>]: string | number;
} & { [P in PluralNames<ArgsOf<K>>]: number };
export type ParamArgs<K extends MessageKey> = [ArgsOf<K>] extends [never]
  ? []
  : [params: ParamsOf<K>];

export const catalogs: Record<Locale, Record<MessageKey, string>> = { es, en };

/**
 * Render a message in `locale`: `{name}` parameters and ICU plurals
 * (`{count, plural, one {# reseña} other {# reseñas}}`); the compiler checks the parameters.
 */
export function t<K extends MessageKey>(locale: Locale, key: K, ...args: ParamArgs<K>): string {
  const params = (args[0] ?? {}) as Record<string, string | number>;
  return formatMessage(locale, catalogs[locale][key], params);
}
