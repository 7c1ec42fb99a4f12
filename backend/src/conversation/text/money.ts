/**
 * Visit fees: what a provider charges to come and look at the job, in whole Mexican pesos
 * (0 = no visit fee, up to 10,000); `null` = to be agreed. Reading what a provider types, and
 * writing amounts the Mexican way ("$1,200 MXN").
 */
import { normalizeWords } from './words';

export const VISIT_FEE_MAX = 10_000;

/** A valid stored visit fee (whole pesos, 0–10,000). */
export function isVisitFee(value: unknown): value is number {
  return (
    typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= VISIT_FEE_MAX
  );
}

export type FeeAnswer =
  | { kind: 'amount'; pesos: number }
  /** "gratis", "sin costo", "0". */
  | { kind: 'free' }
  /** "a convenir", "depende", "omitir". */
  | { kind: 'agree' }
  /** Looks like an amount but is not one we take: cents, a range, or above the maximum. */
  | { kind: 'invalid'; why: 'format' | 'range' };

const FREE = new Set([
  'gratis',
  'sin costo',
  'sin costo de visita',
  'no cobro',
  'no cobro visita',
  'no cobro la visita',
  'nada',
  'free',
  'no charge',
  'no fee',
]);
const AGREE = new Set([
  'a convenir',
  'convenir',
  'por convenir',
  'depende',
  'se acuerda',
  'lo acordamos',
  'omitir',
  'saltar',
  'skip',
  'negotiable',
  'to be agreed',
  'tbd',
  'no se',
  'no lo se',
  'aun no se',
  'depende del trabajo',
  'segun el trabajo',
  'varia',
  'it depends',
  'depends',
  'not sure',
  'i do not know',
  'dont know',
]);
/** Words around an amount that do not change it: "cobro 350 la visita", "son como 300 pesos". */
const AROUND_AMOUNT =
  /\b(?:cobro|cobramos|son|es|seria|serian|como|aprox(?:imadamente)?|mas o menos|la visita|por visita|por la visita|de visita|la revision|el diagnostico|per visit|for the visit|about|around|i charge)\b/giu;

/** Currency words around an amount: "$", "pesos", "MXN", "M.N.". */
const CURRENCY = /\$|(?:pesos?|mxn|mx|m\.\s?n\.?|mn)(?![a-z])/giu;
/** "1,200", "1200", "1200.00", "350.-" (whole pesos, optional zero cents). */
const AMOUNT = /^(\d{1,3}(?:,\d{3})+|\d{1,9})(?:\.(\d{1,2})|\.-)?$/u;

/** What a provider typed as their visit fee, or null when it is not about an amount at all. */
export function readFee(text: string): FeeAnswer | null {
  const words = normalizeWords(text);
  if (FREE.has(words)) return { kind: 'free' };
  if (AGREE.has(words)) return { kind: 'agree' };
  if (!/\d/.test(text)) return null;
  const bare = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(AROUND_AMOUNT, '')
    .replace(CURRENCY, '')
    .replace(/\s+/g, '')
    .trim();
  const m = AMOUNT.exec(bare);
  if (!m) return { kind: 'invalid', why: 'format' };
  if (m[2] !== undefined && Number(m[2]) !== 0) return { kind: 'invalid', why: 'format' };
  const pesos = Number((m[1] as string).replace(/,/g, ''));
  if (!isVisitFee(pesos)) return { kind: 'invalid', why: 'range' };
  return pesos === 0 ? { kind: 'free' } : { kind: 'amount', pesos };
}

/**
 * The new fee inside a request to change it ("cambiar mi costo de visita a 250", "que sea gratis",
 * "ponlo a convenir"), or null when none is given (then the question is asked).
 */
export function feeInText(text: string): FeeAnswer | null {
  const words = ` ${normalizeWords(text)} `;
  if (/ (?:gratis|sin costo|free|no cobro|0 pesos) /.test(words)) return { kind: 'free' };
  if (/ (?:a convenir|por convenir|to be agreed) /.test(words)) return { kind: 'agree' };
  const amounts = text.match(/\$?\s?(?:\d{1,3}(?:,\d{3})+|\d{1,9})(?:\.\d{1,2})?/gu);
  const last = amounts?.at(-1);
  if (!last) return null;
  const answer = readFee(last);
  return answer && answer.kind !== 'invalid' ? answer : null;
}

/** "$1,200 MXN" (or "$1,200" without the currency code). */
export function formatPesos(pesos: number, withCode = true): string {
  const whole = Math.max(0, Math.round(pesos));
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return withCode ? `$${grouped} MXN` : `$${grouped}`;
}
