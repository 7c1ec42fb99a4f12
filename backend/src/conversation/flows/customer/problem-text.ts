/** The words of a problem: how much is kept, and more words added to what was said. */
import type { LocalizedText } from '../../operations';
import type { Problem } from '../../state';
import { sanitizeUserText } from '../../text/sanitize';
import { normalize } from '../../understanding/normalize';
import { namesTradePerson, understand } from '../../understanding/understand';
import { tradeOf } from './switch-service';

/** Characters of the problem kept (longer texts are cut, and the customer is told). */
export const MAX_PROBLEM_TEXT = 500;

/** The problem with more words after what was said ("se rompió el tubo · sale mucha agua"). */
export function withMoreWords(problem: Problem | undefined, text: string): Problem {
  const more = sanitizeUserText(text, { maxLength: MAX_PROBLEM_TEXT });
  const joined = sanitizeUserText([problem?.text, more].filter(Boolean).join(' · '), {
    maxLength: MAX_PROBLEM_TEXT,
  });
  return { ...problem, text: joined || null, mediaIds: problem?.mediaIds ?? [] };
}

/** Words it takes to describe a problem ("se rompió el tubo de la cocina"); fewer is a label. */
export const DESCRIBES = 4;

/**
 * The request said again while its questions are open ("necesito plomero" sent twice, "¡urgente!"):
 * `hurry` or `same`, never the problem or the place; null when it says anything more (a word of
 * the trouble, another trade).
 */
export function requestRepeated(text: string, service: LocalizedText): 'hurry' | 'same' | null {
  if (text.length > 120) return null;
  const meaning = understand(text);
  if (meaning.intent !== 'request_service') return null;
  const trade = tradeOf(service);
  if (meaning.service !== undefined && meaning.service !== trade) return null;
  if (saysTrouble(text, service)) return null;
  return meaning.urgent ? 'hurry' : 'same';
}

/**
 * Whether the words say something of the trouble besides asking, hurrying and naming the trade
 * ("se rompió el tubo", "fuga"): "necesito un plomero urgente" says nothing a provider can use.
 */
function saysTrouble(text: string, service?: LocalizedText): boolean {
  const names = service
    ? new Set([...normalize(service.es).tokens, ...normalize(service.en).tokens])
    : new Set<string>();
  return normalize(text).tokens.some(
    (t) => !ASKING.has(t) && !names.has(t) && !namesTradePerson(t),
  );
}

/** Words of asking and hurrying, which say nothing about the trouble itself. */
const ASKING: ReadonlySet<string> = new Set(
  (
    'necesito ocupo busco quiero requiero urge urgente urgencia un una el la los las de por favor porfa porfavor xfa ya rapido ' +
    'ahorita ahora mismo ayuda auxilio hola buenas oigan oiga please pls i need a an the asap now urgent urgently help hi hello ' +
    'someone somebody alguien otra vez again sigo esperando servicio service ' +
    'plomeria electricidad cerrajeria carpinteria pintura albanileria jardineria limpieza fumigacion ' +
    'plumbing electrical locksmith carpentry painting masonry gardening cleaning'
  ).split(' '),
);
