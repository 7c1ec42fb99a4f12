export type Locale = 'es' | 'en';
export const LOCALES: readonly Locale[] = ['es', 'en'];
export const DEFAULT_LOCALE: Locale = 'es';
/** The BCP 47 tag of each locale, for `Intl` (plural rules, numbers, lists). */
export const LANGUAGE_TAGS: Record<Locale, string> = { es: 'es-MX', en: 'en-US' };
