/**
 * Whether a user message answers the question the conversation has open — the taps, locations
 * and typed text a person sends while following the bot, as opposed to text the current step
 * did not ask for. The runner uses it to pick the per-user budget a message counts against
 * (runner/over-limit.ts): answers get a generous one, so nobody following the bot at human
 * speed is ever throttled; unrequested text keeps the strict one.
 */
import type { InboundMessageEvent } from './events';
import type { ConversationState, StateName } from './state';
import { resolveContext } from './context';
import { optionsIn, pickOption } from './flows/typed-option';
import { offerAnswerOf } from './flows/provider/typed-offer';
import { prompt } from './render/prompts';
import { globalWord } from './text/words';

/**
 * Per state: does its open question ask for typed text? Listed for every state, so a new state
 * cannot be added without deciding. Only questions answered by typing count: list and button
 * questions accept a typed row number too, but a person answers those with a tap.
 */
const TEXT_EXPECTED: Record<StateName, boolean> = {
  loading: false,
  askName: true, // "¿Cómo te llamas?"
  mainMenu: false,
  chooseService: false,
  describeProblem: true, // "¿Qué pasa?": words, photos or a voice note
  shareLocation: true, // an address or a postal code (see `expectsText` for the lookup in flight)
  browseProviders: false,
  providerDetail: false,
  awaitingProvider: false,
  rateJob: false,
  rateComment: true, // the optional review comment
  myRequests: false,
  provName: true, // the provider's display name
  provServices: false,
  provLocation: true, // the base's address or postal code
  provRadius: false,
  provFee: true, // the visit fee in pesos
  replaceChosen: false,
  cancelWhy: false,
  cancelNote: true, // the reason for cancelling, in the customer's words
  editFee: true, // the visit fee in pesos
  confirmErase: false, // Yes / No buttons
  provProfile: false,
};

/** True when the conversation's open question is answered by typing (a name, an address, a comment). */
export function expectsText(state: ConversationState | null): boolean {
  if (state === null) return false;
  // The answer was received and is being looked up or saved: more text answers nothing.
  if (state.name === 'shareLocation' && state.place !== null) return false;
  if (state.name === 'askName' && state.saving !== null) return false;
  return TEXT_EXPECTED[state.name];
}

/**
 * True when `event` answers the bot: a tap on one of its reply buttons or list rows (a template
 * quick reply included), a shared location, or typed text where `expectsText`. Free text the
 * state did not ask for and unsupported message types are not answers.
 */
export function isAnswer(state: ConversationState | null, event: InboundMessageEvent): boolean {
  switch (event.kind) {
    case 'button':
    case 'listReply':
    case 'location':
      return true;
    case 'text':
      return expectsText(state) || answersInWords(state, event.text, event.at);
    // Photos and voice notes answer "¿Qué pasa?"; elsewhere nobody asked for them.
    case 'media':
      return state?.name === 'describeProblem';
    case 'unsupported':
      return false;
  }
}

/**
 * Text that answers the open question's buttons or list in words ("sí", "el segundo",
 * "reservar"), or a provider's offer ("acepto"): as much an answer as the tap it stands for.
 */
function answersInWords(state: ConversationState | null, text: string, at: number): boolean {
  if (state === null || state.name === 'loading' || text.length > 80) return false;
  // "menú", "cancelar", "ayuda": commands, not answers (the strict budget, as before).
  if (globalWord(text) !== null) return false;
  if (state.profile.provider && offerAnswerOf(text) === 'accept') return true;
  if (state.profile.provider && offerAnswerOf(text) === 'decline') return true;
  try {
    const options = optionsIn(prompt(state, resolveContext({ now: at, sessionExpired: false })));
    return pickOption(text, options) !== null;
  } catch {
    return false; // only a budget is at stake: the step itself reads the message either way
  }
}
