/** Taking back the service chosen while its problem or place is asked ("mejor un electricista"). */
import type { StateOf } from '../../state';
import { normalizeWords } from '../../text/words';
import { understand } from '../../understanding/understand';
import type { ServiceCode } from '../../understanding/services';
import type { LocalizedText } from '../../operations';
import type { StepResult } from '../env';
import { mainMenuState } from '../env';
import { startRequest } from './start';

/** Words that take back the service chosen ("mejor un electricista", "me equivoqué, era cerrajero"). */
const SWITCH =
  /\b(?:mejor|me equivoque|me equivoco|era|en realidad|no es|no era|cambiar a|cambia a|cambialo a|otro servicio|actually|i meant|instead|wrong service|not plumbing|rather)\b/;

/** The trade a service's shown name is ("Plomería" → plumbing). */
export function tradeOf(name: LocalizedText): ServiceCode | undefined {
  return understand(name.es).service ?? understand(name.en).service;
}

/**
 * While asked about the chosen service's problem or place, a different trade named with a change of
 * mind ("mejor un electricista") or on its own ("un cerrajero"): start over with that one (the
 * place already shared is kept). The same trade, or a problem that names it ("se tapó el baño"), is
 * not a switch. Null when the text does not switch.
 */
export function switchedService(
  state: StateOf<'describeProblem' | 'shareLocation'>,
  text: string,
): StepResult | null {
  if (text.length > 120) return null;
  const meaning = understand(text);
  if (meaning.intent !== 'request_service' || !meaning.service) return null;
  if (meaning.service === tradeOf(state.service.name)) return null;
  const words = normalizeWords(text);
  const bare = words.split(' ').length <= 3;
  if (!bare && !SWITCH.test(words)) return null;
  const place = state.name === 'shareLocation' ? state.place : null;
  return startRequest(mainMenuState(state.profile), {
    service: meaning.service,
    ...(meaning.urgent ? { urgent: true } : {}),
    ...(place ? { place } : {}),
  });
}
