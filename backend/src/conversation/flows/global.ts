/**
 * What works in every state: typed global words (menu, cancel, help, language, provider,
 * online/offline) and taps whose ids carry everything they need (menu rows, language,
 * offers, jobs, requests, ratings). Returns null when the input is not global.
 */
import { cancelResumable } from './resume';
import { dropAsked, dropJobCall } from './provider/drop';
import type { Command } from '../commands';
import type { Tap } from '../ids';
import { tapId } from '../ids';
import type { Locale } from '../locale-types';
import type { CancelReason } from '../operations';
import { t } from '../locales';
import { menuMessage } from '../render/menu';
import { buttonsMessage, say, send } from '../render/out';
import { prompt } from '../render/prompts';
import { providerStatus } from '../render/format';
import type { ActiveState } from '../state';
import type { GlobalWord } from '../text/words';
import type { Env, Input, StepResult } from './env';
import { call, mainMenuState, stay, withProfile } from './env';
import { tag } from './tags';
import { askForHuman } from './care';
import { joinWaitlistTap } from './customer/coverage';
import { showProfile } from './provider/profile';

export function globalInput(state: ActiveState, input: Input, env: Env): StepResult | null {
  if (input.kind === 'word') return onWord(state, input.word, env);

  if (input.kind === 'tap' && input.tap) return onGlobalTap(state, input.tap, env);
  return null;
}

function onWord(state: ActiveState, word: GlobalWord, env: Env): StepResult | null {
  const locale = state.profile.locale;
  switch (word) {
    case 'help':
      return stay(state, say(locale, 'help.body'), ...prompt(state, env));
    case 'language':
      return stay(state, languageQuestion(locale));
    case 'english':
      return switchLocale(state, 'en', env);
    case 'spanish':
      return switchLocale(state, 'es', env);
    case 'menu':
      return goMenu(state, env);
    case 'cancel':
      return cancelWord(state, env);
    case 'provider':
      return startProviderRegistration(state, env);
    case 'online':
    case 'offline':
      // Only a command for (would-be) providers; for anyone else it is ordinary text.
      return state.profile.provider ? setOnline(state, word === 'online', env) : null;
  }
}

function onGlobalTap(state: ActiveState, tap: Tap, env: Env): StepResult | null {
  const { profile } = state;
  switch (tap.kind) {
    case 'menu.open':
      return goMenu(state, env);
    case 'menu.new':
      return needsName(state, env) ?? startNewRequest(state);
    case 'menu.repeat':
      return needsName(state, env) ?? repeatLast(state, env);
    case 'menu.mine':
      return needsName(state, env) ?? requestsLookup(mainMenuState(profile), 'requests.list');
    case 'menu.provider':
      return startProviderRegistration(state, env);
    case 'menu.jobs':
      return stay(state, call('listMyJobs', { providerUserId: profile.userId }, tag('jobs.list')));
    case 'menu.stats':
      return showProfile(state, env);
    case 'menu.help':
      return stay(state, say(profile.locale, 'help.body'), ...prompt(state, env));
    case 'lang.set':
      return switchLocale(state, tap.locale, env);
    case 'prov.online':
    case 'prov.offline':
      return setOnline(state, tap.kind === 'prov.online', env);
    case 'offer.accept':
    case 'offer.decline':
      return stay(
        state,
        call(
          'answerOffer',
          {
            idempotencyKey: env.eventId,
            offerId: tap.offerId,
            providerUserId: profile.userId,
            accept: tap.kind === 'offer.accept',
          },
          tag('offer.answer', tap.offerId),
        ),
      );
    case 'job.done':
      return stay(
        state,
        call(
          'completeJob',
          { idempotencyKey: env.eventId, requestId: tap.requestId, providerUserId: profile.userId },
          tag('job.complete'),
        ),
      );
    case 'job.drop':
      return dropJobCall(state, tap.requestId, env);
    case 'job.keep':
      return stay(state, ...prompt(state, env, t(state.profile.locale, 'drop.kept')));
    case 'req.cancel':
      return stay(state, cancelRequestCall(state, tap.requestId));
    case 'req.retry':
      return stay(
        state,
        call(
          'retryRequest',
          { idempotencyKey: env.eventId, requestId: tap.requestId, customerUserId: profile.userId },
          tag('request.retry'),
        ),
      );
    case 'rate.stars':
      return rateStars(state, tap.requestId, tap.stars, env);
    case 'menu.human':
      return askForHuman(state, env, 'user');
    case 'care.appeal': {
      const status = profile.provider?.status;
      return askForHuman(
        state,
        env,
        status === 'rejected' || status === 'suspended' ? 'appeal' : 'user',
      );
    }
    case 'waitlist.join':
      return joinWaitlistTap(state, tap);
    default:
      return null; // state-specific
  }
}

export function rateStars(
  state: ActiveState,
  requestId: number,
  stars: number,
  env: Env,
): StepResult {
  return stay(
    state,
    call(
      'rateJob',
      { idempotencyKey: env.eventId, requestId, customerUserId: state.profile.userId, stars },
      tag('rate.stars', requestId),
    ),
  );
}

/** Cancel a request; an accepted job needs the customer's `reason` (without one the answer is `confirm`). */
export function cancelRequestCall(
  state: ActiveState,
  requestId: number,
  reason?: CancelReason,
): Command {
  return call(
    'cancelRequest',
    { requestId, customerUserId: state.profile.userId, ...(reason ? { reason } : {}) },
    tag('request.cancel', requestId),
  );
}

/** While the name is missing, nothing but the name question. */
function needsName(state: ActiveState, env: Env): StepResult | null {
  if (state.name !== 'askName' || state.changing) return null;
  return stay(state, ...prompt(state, env, t(state.profile.locale, 'name.first')));
}

export function goMenu(state: ActiveState, env: Env, lead?: string): StepResult {
  return (
    needsName(state, env) ?? stay(mainMenuState(state.profile), menuMessage(state.profile, lead))
  );
}

/** "cancelar" (or "ya no lo necesito, cancela"): what it cancels depends on where the person is. */
export function cancelWord(state: ActiveState, env: Env): StepResult {
  const locale = state.profile.locale;
  switch (state.name) {
    case 'askName':
      return needsName(state, env) as StepResult;
    case 'mainMenu':
      // A provider with a job they accepted: giving it back ("¿Seguro?"); else, as for anyone,
      // their own open request, if there is one (an accepted job asks why first).
      return state.profile.provider ? dropAsked(state) : ownRequestCancel(state);
    case 'awaitingProvider':
    case 'replaceChosen':
      return stay(state, cancelRequestCall(state, state.requestId));
    case 'cancelWhy':
    case 'cancelNote':
      // "cancelar" inside the cancellation question leaves it: nothing is cancelled without a reason.
      return goMenu(state, env, t(locale, 'cancel.kept'));
    case 'rateComment':
      return goMenu(state, env, t(locale, 'rate.thanks'));
    default:
      return cancelResumable(state) ?? goMenu(state, env, t(locale, 'menu.cancelled'));
  }
}

/**
 * The person's own requests, looked up for what they asked: the list ("Mis solicitudes"), how the
 * open one goes ("¿ya viene?"), or cancelling it from the menu ("cancelar").
 */
export function requestsLookup(
  state: ActiveState,
  purpose: 'requests.list' | 'requests.status' | 'requests.cancel',
): StepResult {
  return stay(
    state,
    call('listMyRequests', { customerUserId: state.profile.userId, limit: 10 }, tag(purpose)),
  );
}

/** "Cancelar" from the menu: the person's own open request is looked up (requests.ts decides). */
export function ownRequestCancel(state: ActiveState): StepResult {
  return requestsLookup(state, 'requests.cancel');
}

export function startNewRequest(state: ActiveState): StepResult {
  return stay(mainMenuState(state.profile), call('listServiceTypes', {}, tag('services.customer')));
}

function repeatLast(state: ActiveState, env: Env): StepResult {
  const last = state.profile.lastRequest;
  if (!last) return startNewRequest(state);
  const place = { lat: last.lat, lng: last.lng, label: last.address };
  return stay(
    {
      name: 'shareLocation',
      profile: state.profile,
      service: { id: last.serviceTypeId, name: last.serviceName },
      place,
    },
    call(
      'findCandidates',
      {
        serviceTypeId: last.serviceTypeId,
        lat: place.lat,
        lng: place.lng,
        customerUserId: state.profile.userId,
        limit: env.candidateLimit,
      },
      tag('candidates'),
    ),
  );
}

export function languageQuestion(locale: Locale): Command {
  return send(
    buttonsMessage(t(locale, 'language.ask'), [
      { id: tapId({ kind: 'lang.set', locale: 'es' }), title: t(locale, 'btn.spanish') },
      { id: tapId({ kind: 'lang.set', locale: 'en' }), title: t(locale, 'btn.english') },
    ]),
  );
}

export function switchLocale(state: ActiveState, locale: Locale, env: Env): StepResult {
  const next = withProfile(state, { ...state.profile, locale });
  return stay(
    next,
    call('saveUser', { locale }, tag('locale.save')),
    ...prompt(next, env, t(locale, 'language.changed')),
  );
}

export function startProviderRegistration(
  state: ActiveState,
  env: Env,
  trade?: string,
  trades: readonly string[] = [],
): StepResult {
  const { profile } = state;
  const several = trades.length > 0 ? { trades: [...trades] } : {};
  if (state.name === 'askName') {
    const next = {
      ...state,
      then: 'provider' as const,
      ...(trade || trades.length > 0
        ? { want: { ...state.want, ...(trade ? { service: trade } : {}), ...several } }
        : {}),
    };
    return stay(next, ...prompt(next, env, t(profile.locale, 'name.first')));
  }
  if (profile.provider && profile.provider.status !== 'rejected') {
    const lead = t(profile.locale, 'provider.alreadyRegistered', {
      status: providerStatus(profile.locale, profile.provider.status),
    });
    return stay(state, ...prompt(state, env, lead));
  }
  const next: ActiveState = {
    name: 'provName',
    profile,
    draft: { name: '', serviceIds: [], place: null },
    ...(trade ? { trade } : {}),
    ...several,
  };
  return stay(next, ...prompt(next, env));
}

export function setOnline(state: ActiveState, online: boolean, env: Env): StepResult {
  const { profile } = state;
  const locale = profile.locale;
  if (!profile.provider)
    return stay(state, ...prompt(state, env, t(locale, 'provider.notRegistered')));
  return stay(
    state,
    call('setProviderOnline', { providerUserId: profile.userId, online }, tag('provider.online')),
  );
}
