import type { Locale } from '../locale-types';
import { en } from './en';
import { es } from './es';

export type MessageKey = keyof typeof es;

const catalogs: Record<Locale, Record<MessageKey, string>> = { es, en };

/** Render a message in `locale`, replacing `{name}` placeholders. */
export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  return catalogs[locale][key]
    .replace(/\{(\w+)\}/g, (_m, p: string) => String(params[p] ?? ''))
    .replace(/ +([!?,.])/g, '$1');
}
