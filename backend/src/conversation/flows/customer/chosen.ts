/**
 * The provider the customer chose from the list cannot take the request (unavailable at booking,
 * or they declined, let it expire or went offline): nobody replaces them without asking. The
 * customer is asked "look for another, or cancel?"; the answer is a tap (anywhere) or, while
 * the question is open, a yes/no in words.
 */
import type { OperationResultOf } from '../../operations';
import { t } from '../../locales';
import { replaceChosenPrompt } from '../../render/cancel';
import type { ActiveState, StateOf } from '../../state';
import { displayName } from '../../text/sanitize';
import { normalizeWords } from '../../text/words';
import { understand } from '../../understanding/understand';
import type { Env, Input, StepResult } from '../env';
import { call, stay } from '../env';
import { cancelRequestCall } from '../global';
import { tag } from '../tags';

type ChosenUnavailable = Extract<
  Extract<OperationResultOf<'offerRequest'>, { ok: true }>['output'],
  { status: 'chosen_unavailable' }
>;

/** Ask; the dialog moves to the question when the customer was waiting on this request. */
export function chosenUnavailable(state: ActiveState, out: ChosenUnavailable): StepResult {
  const locale = state.profile.locale;
  // When they had been offered it, the customer was just told why (declined, no answer, offline).
  const lead = out.wasOffered
    ? undefined
    : t(locale, 'chosen.unavailable', { name: displayName(out.providerName, 60) });
  const asking =
    (state.name === 'awaitingProvider' || state.name === 'replaceChosen') &&
    state.requestId === out.requestId;
  const next: ActiveState = asking
    ? {
        name: 'replaceChosen',
        profile: state.profile,
        requestId: out.requestId,
        service: out.serviceName,
        providerName: out.providerName,
      }
    : state;
  return stay(next, replaceChosenPrompt(locale, out.requestId, out.serviceName, lead));
}

/** "Buscar a otro": the customer agreed; the request goes to the best available provider. */
export function findAnother(state: ActiveState, requestId: number, env: Env): StepResult {
  return stay(
    state,
    call(
      'offerRequest',
      {
        idempotencyKey: env.eventId,
        requestId,
        maxOffers: env.maxOffersPerRequest,
        replaceChosen: true,
      },
      tag('offer.replace', requestId),
    ),
  );
}

/** "otro", "busca a otra persona", "someone else": another provider. */
const ANOTHER = /\b(?:otr[oa]s?|another|someone else|somebody else)\b/u;

/** Words while the question is open: yes / "another" → look for another; no → cancel the request. */
export function replaceChosenInput(
  state: StateOf<'replaceChosen'>,
  input: Input,
  env: Env,
): StepResult | null {
  if (input.kind !== 'text') return null;
  const { intent } = understand(input.text);
  if (intent === 'affirm' || ANOTHER.test(normalizeWords(input.text)))
    return findAnother(state, state.requestId, env);
  if (intent === 'deny' || intent === 'cancel')
    return stay(state, cancelRequestCall(state, state.requestId));
  return null;
}
