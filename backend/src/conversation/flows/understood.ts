/**
 * Free text the current step did not ask for, read by the understanding layer: a request for a
 * service ("ocupo un cerrajero, me quedé afuera"), a question ("¿cuánto cobran?", "el plomero no
 * ha llegado"), a change of name or language, a wish to stop messages or talk to a person. Each
 * intent gets an answer that moves the conversation on; nothing gets a bare "No entendí".
 */
import { IN_PROGRESS } from '../../shared/marketplace-status';
import { thanksAnswer } from './typed-option';
import { askDeleteData, askForHuman, optIn, optOut } from './care';
import { t } from '../locales';
import type { OperationResultOf } from '../operations';
import { menuMessage } from '../render/menu';
import { say, send, textMessage } from '../render/out';
import { feeValue, priceAnswer } from '../render/fees';
import { displayName } from '../text/sanitize';
import { prompt } from '../render/prompts';
import { requestStatusMessage } from '../render/customer';
import type { ActiveState, Want } from '../state';
import { validateName } from '../text/name';
import { normalizeWords } from '../text/words';
import { feeInText } from '../text/money';
import { tradesIn, understand, type Understanding } from '../understanding/understand';
import type { Env, StepResult } from './env';
import { call, mainMenuState, stay, withProfile } from './env';
import {
  cancelWord,
  goMenu,
  languageQuestion,
  setOnline,
  startProviderRegistration,
  switchLocale,
  requestsLookup,
} from './global';
import { tag } from './tags';
import { problemFromText } from './customer/problem';
import { tradeOf } from './customer/switch-service';
import { addressInMessage, coordinatesIn, withoutAddress } from '../text/address';
import { providerProfileAsked } from './provider/profile';
import { progressCode } from './provider/progress';
import { requestUnlessOpen } from './customer/same-trade';
import { anotherProviderAsked } from './customer/replace';
import { approvalAsked } from './provider/account';

/** Intents that count in any step, even one that waits for typed text (a comment, an address). */
const ALWAYS: ReadonlySet<Understanding['intent']> = new Set([
  'human',
  'opt_out',
  'opt_in',
  'delete_data',
]);

/** What free text means here, or null when the step should read it itself. */
export function strongIntent(text: string): Understanding | null {
  const meaning = understand(text);
  return ALWAYS.has(meaning.intent) ? meaning : null;
}

/** Act on what the text says; null when nothing was understood (the caller says what it can do). */
export function onUnderstood(
  state: ActiveState,
  meaning: Understanding,
  env: Env,
  text?: string,
): StepResult | null {
  const { profile } = state;
  const locale = profile.locale;
  // "Quiero otro plomero", "mándame a alguien más": about the provider, whatever else it says.
  const another = anotherProviderAsked(state, meaning, env);
  if (another) return another;
  // "¿Qué sigue?" right after signing up: the review.
  if (
    meaning.approval === 'next' &&
    profile.provider?.status === 'pending' &&
    !ALWAYS.has(meaning.intent)
  )
    return approvalAsked(state, env);
  switch (meaning.intent) {
    case 'request_service':
      // A bare hurry ("¡urgente!") starts a request from the menu; elsewhere it is about what is
      // under way (the step answers it: "sigo al pendiente", the open question).
      if (!meaning.service && meaning.urgent && state.name !== 'mainMenu' && bareHurry(text))
        return null;
      // "Necesito plomero" again while a plumber is being found: that request's news, not a second one.
      if (state.name === 'awaitingProvider' && meaning.service === tradeOf(state.service))
        return statusLookup(state);
      return requestUnlessOpen(state, wantOf(meaning, text));
    case 'price':
      // A provider's "¿cuánto cobro de visita?": their own fee, on their profile; "mi costo de
      // visita a 300" / "que sea gratis": the new fee.
      if (profile.provider && text && ownFeeAsked(text))
        return providerProfileAsked(state, feeInText(text) ? 'fee' : undefined, env, text);
      return priceQuestion(state, env);
    case 'status':
      return statusLookup(state);
    case 'my_requests':
      return requestsLookup(mainMenuState(profile), 'requests.list');
    case 'cancel':
      // "ya no lo necesito, cancela": as the word "cancelar" where the person is.
      return cancelWord(state, env);
    case 'help':
      return stay(state, say(locale, 'help.body'), ...prompt(state, env));
    case 'payment':
      return stay(state, ...prompt(state, env, t(locale, 'say.payment')));
    case 'about':
      return stay(
        state,
        ...prompt(
          state,
          env,
          t(locale, meaning.topic === 'coverage' ? 'about.coverage' : 'about.trust'),
        ),
      );
    case 'schedule':
      // "Mejor otro día" while a provider is being found: the request is still on; how to put it off.
      return stay(
        state,
        ...prompt(
          state,
          env,
          t(locale, state.name === 'awaitingProvider' ? 'say.scheduleWaiting' : 'say.schedule'),
        ),
      );
    case 'menu':
      return goMenu(state, env);
    case 'change_name':
      return changeName(state, meaning.name, env);
    case 'language':
      return meaning.locale
        ? switchLocale(state, meaning.locale, env)
        : stay(state, languageQuestion(locale));
    case 'provider_signup':
      return startProviderRegistration(state, env, meaning.service, text ? tradesIn(text) : []);
    case 'go_online':
    case 'go_offline':
      return profile.provider
        ? setOnline(state, meaning.intent === 'go_online', env)
        : stay(state, ...prompt(state, env, t(locale, 'provider.notRegistered')));
    case 'my_jobs':
      return profile.provider
        ? stay(
            state,
            call(
              'listMyJobs',
              { providerUserId: profile.userId },
              tag('jobs.list', meaning.unreachable ? 1 : 0),
            ),
          )
        : stay(state, ...prompt(state, env, t(locale, 'say.noJobs')));
    case 'provider_profile':
      if (meaning.approval) return approvalAsked(state, env);
      return providerProfileAsked(state, meaning.part, env, text);
    case 'job_progress':
      // "Voy en camino, llego en 20" / "ya llegué": the customer of the active job is told.
      return profile.provider ? progressLookup(state, meaning) : null;
    case 'job_done':
      // A provider: their one active job is marked done; with several, each with its "Terminado"
      // (one tap, never a guess at which job).
      return profile.provider
        ? stay(state, call('listMyJobs', { providerUserId: profile.userId }, tag('jobs.done')))
        : stay(state, ...prompt(state, env, t(locale, 'say.jobDoneCustomer')));
    // Human help and privacy (flows/care.ts): heard in every step.
    case 'human':
      return askForHuman(state, env, 'user', text);
    case 'opt_out':
      // A provider's "ya me voy a descansar, no me manden nada": offline for the day, not unsubscribed.
      return meaning.offline && profile.provider
        ? setOnline(state, false, env)
        : optOut(state, env);
    case 'opt_in':
      return optIn(state, env);
    case 'delete_data':
      return askDeleteData(state, env);
    case 'thanks':
      return thanksAnswer(state, env, meaning.bye === true);
    case 'greeting':
      return state.name === 'mainMenu'
        ? stay(
            state,
            menuMessage(profile, t(locale, 'greeting.returning', { name: profile.name ?? '' })),
          )
        : stay(
            state,
            ...prompt(state, env, t(locale, 'greeting.returning', { name: profile.name ?? '' })),
          );
    case 'affirm':
    case 'deny':
    case 'give_name':
    case 'unknown':
      return null;
  }
}

/**
 * "¿Cuánto cobran?": while the customer looks at a list of providers (or one of their cards), the
 * visit fee of each; while waiting for one, that one's; anywhere else, how prices work.
 */
function priceQuestion(state: ActiveState, env: Env): StepResult {
  const locale = state.profile.locale;
  if (state.name === 'awaitingProvider' && state.offered) {
    const { name, visitFee } = state.offered;
    const fee = t(locale, 'offer.fee', {
      name: displayName(name, 60),
      fee: feeValue(locale, visitFee),
    });
    return stay(state, ...prompt(state, env, fee));
  }
  if (state.name !== 'browseProviders' && state.name !== 'providerDetail')
    return stay(state, ...prompt(state, env, t(locale, 'say.price')));
  const fresh = state.name === 'providerDetail' ? state.detail : null;
  const providers = state.candidates.map((c) =>
    fresh && fresh.userId === c.providerUserId
      ? { name: fresh.name, visitFee: fresh.visitFee }
      : { name: c.name, visitFee: c.visitFee },
  );
  if (fresh && !providers.some((p) => p.name === fresh.name))
    providers.unshift({ name: fresh.name, visitFee: fresh.visitFee });
  return stay(state, send(textMessage(priceAnswer(locale, providers))), ...prompt(state, env));
}

/** How the customer's requests are going ("¿ya viene?"): looked up, answered by requests.ts. */
function statusLookup(state: ActiveState): StepResult {
  return requestsLookup(state, 'requests.status');
}

/** "¡Urgente!", "apúrense": a hurry and nothing else (no trade, no problem described). */
function bareHurry(text: string | undefined): boolean {
  return text !== undefined && problemFromText(text) === undefined;
}

/** "¿Cuánto cobro?", "mi costo de visita", "what do I charge": a provider asking about their own fee. */
function ownFeeAsked(text: string): boolean {
  return /\b(?:cobro|cobramos|mi costo|mi visita|mi tarifa|mi precio|do i charge|my fee|my visit fee|my price)\b/.test(
    normalizeWords(text),
  );
}

/** Which job a provider's "voy en camino" is about: their active jobs (jobs.ts decides). */
function progressLookup(state: ActiveState, meaning: Understanding): StepResult {
  return stay(
    state,
    call(
      'listMyJobs',
      { providerUserId: state.profile.userId },
      tag('jobs.progress', progressCode(meaning.progress), meaning.etaMinutes ?? 0),
    ),
  );
}

/** What a request said in free text asks for: the service, the hurry, the problem if described, the address if given. */
export function wantOf(meaning: Understanding, text?: string): Want {
  // "Cerrajero el sábado": short, but the day must reach the provider with the request.
  // "… en Av. Álvaro Obregón 120, Roma Norte": where is not asked again, and the street stays out
  // of the problem (providers read it before they accept).
  const address = text ? addressInMessage(text) : null;
  const said = text && address ? withoutAddress(text, address) : text;
  const problem = said ? problemFromText(said, meaning.later === true) : undefined;
  // "… https://maps.google.com/?q=19.41,-99.16": the point, like a pin.
  const point = text && !address ? coordinatesIn(text) : null;
  return {
    ...(point ? { place: { ...point, label: null } } : {}),
    ...(meaning.service ? { service: meaning.service } : {}),
    ...(meaning.urgent ? { urgent: true } : {}),
    ...(meaning.later ? { later: true } : {}),
    ...(meaning.also?.length ? { also: meaning.also } : {}),
    ...(problem ? { problem } : {}),
    ...(address ? { address } : {}),
  };
}

/** "no, me llamo Sofía" / "cambiar mi nombre": save the name given, or ask for it. */
function changeName(state: ActiveState, name: string | undefined, env: Env): StepResult {
  const locale = state.profile.locale;
  const check = name ? validateName(name) : null;
  if (check?.ok) return stay(state, call('saveUser', { name: check.name }, tag('name.change')));
  const next: ActiveState = {
    name: 'askName',
    profile: state.profile,
    suggested: null,
    then: 'menu',
    saving: null,
    changing: true,
  };
  return stay(next, ...prompt(next, env, t(locale, 'name.changeAsk')));
}

/** A name change was saved (or not): confirm, and go on where the person was. */
export function nameChanged(
  state: ActiveState,
  result: OperationResultOf<'saveUser'>,
  env: Env,
): StepResult {
  const locale = state.profile.locale;
  if (!result.ok) return stay(state, ...prompt(state, env, t(locale, 'error.temporary')));
  const next = withProfile(state, { ...state.profile, name: result.output.user.name });
  return stay(
    next,
    ...prompt(next, env, t(locale, 'name.changed', { name: result.output.user.name ?? '' })),
  );
}

/** "¿Ya viene el plomero?": the state of the latest open request, or none. */
export function statusLoaded(
  state: ActiveState,
  result: OperationResultOf<'listMyRequests'>,
  env: Env,
): StepResult {
  const { profile } = state;
  const locale = profile.locale;
  if (!result.ok) return stay(state, ...prompt(state, env, t(locale, 'error.temporary')));
  const open = result.output.requests.find((r) => IN_PROGRESS.includes(r.status));
  // No request yet: say so and keep the step the person is in (a booking half done is not lost).
  if (!open)
    return state.name === 'mainMenu'
      ? stay(state, menuMessage(profile, t(locale, 'say.noOpenRequest')))
      : stay(state, ...prompt(state, env, t(locale, 'say.noOpenRequest')));
  return stay(state, requestStatusMessage(locale, env, open));
}
