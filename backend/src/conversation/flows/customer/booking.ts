/** Customer: the providers list, a provider's profile, and booking (createRequest → offerRequest). */
import type { OperationResult, OperationResultOf } from '../../operations';
import { t } from '../../locales';
import { prompt } from '../../render/prompts';
import type { ActiveState, Place, StateOf } from '../../state';
import { searchAt } from './location';
import { asksBestRated, asksCheapest, pickNumber, thumbsUp } from '../../text/words';
import type { Candidate } from '../../operations';
import type { Env, Input, StepResult } from '../env';
import { call, stay, withProfile } from '../env';
import { tag } from '../tags';
import { understand } from '../../understanding/understand';

export function browseInput(
  state: StateOf<'browseProviders'>,
  input: Input,
  env: Env,
): StepResult | null {
  if (input.kind === 'tap' && input.tap?.kind === 'pick.provider') {
    const id = input.tap.providerUserId;
    return state.candidates.some((c) => c.providerUserId === id)
      ? openDetail(state, id, env)
      : null;
  }
  if (input.kind === 'tap' && input.tap?.kind === 'pick.auto') return book(state, env);
  if (input.kind === 'location' && input.place) return searchElsewhere(state, input.place, env);
  if (input.kind === 'text') {
    // "¿Cuál tiene mejores reseñas?" / "¿el más barato?": that one's card, or why there is none.
    if (asksBestRated(input.text))
      return bestOf(state, bestRated(state.candidates), 'providers.noneRated', env);
    if (asksCheapest(input.text))
      return bestOf(state, cheapest(state.candidates), 'providers.feesUnknown', env);
    // A bare "sí" / "ok" / 👍 to the list: which one (never booked for them without a choice).
    if (understand(input.text).intent === 'affirm' || thumbsUp(input.text)) {
      const locale = state.profile.locale;
      const lead = t(locale, 'providers.whichOne', { auto: t(locale, 'row.auto') });
      return stay(state, ...prompt(state, env, lead));
    }
    const n = pickNumber(input.text);
    if (n === null) return null;
    const candidate = state.candidates[n - 1];
    if (candidate) return openDetail(state, candidate.providerUserId, env);
    if (n === state.candidates.length + 1) return book(state, env);
  }
  return null;
}

/** The best rated (average, then number of ratings); none when nobody has been rated yet. */
export function bestRated(candidates: readonly Candidate[]): Candidate | undefined {
  return candidates
    .filter((c) => c.ratingCount > 0 && c.ratingAvg !== null)
    .reduce<Candidate | undefined>(
      (best, c) =>
        !best ||
        c.ratingAvg! > best.ratingAvg! ||
        (c.ratingAvg === best.ratingAvg && c.ratingCount > best.ratingCount)
          ? c
          : best,
      undefined,
    );
}

/** The lowest known visit fee (the nearer one on a tie); none when every fee is "to be agreed". */
export function cheapest(candidates: readonly Candidate[]): Candidate | undefined {
  return candidates
    .filter((c) => c.visitFee !== null)
    .reduce<Candidate | undefined>(
      (low, c) => (!low || c.visitFee! < low.visitFee! ? c : low),
      undefined,
    );
}

function bestOf(
  state: StateOf<'browseProviders'>,
  found: Candidate | undefined,
  otherwise: 'providers.noneRated' | 'providers.feesUnknown',
  env: Env,
): StepResult {
  if (found) return openDetail(state, found.providerUserId, env);
  return stay(state, ...prompt(state, env, t(state.profile.locale, otherwise)));
}

function openDetail(
  state: StateOf<'browseProviders'>,
  providerUserId: number,
  env: Env,
): StepResult {
  return stay(
    state,
    call(
      'getProviderDetail',
      {
        providerUserId,
        lat: state.place.lat,
        lng: state.place.lng,
        reviewsLimit: env.reviewsShown,
      },
      tag('detail'),
    ),
  );
}

export function browseResult(
  state: StateOf<'browseProviders'>,
  result: OperationResult,
  env: Env,
): StepResult | null {
  const locale = state.profile.locale;
  if (result.op === 'createRequest') return requestCreated(state, result, undefined, env);
  if (result.op !== 'getProviderDetail') return null;
  if (!result.ok) return stay(state, ...prompt(state, env, t(locale, 'error.temporary')));
  if (result.output.status === 'not_found')
    return stay(state, ...prompt(state, env, t(locale, 'detail.unavailable')));
  const { provider, reviews } = result.output;
  const next: ActiveState = {
    ...state,
    name: 'providerDetail',
    detail: provider,
    reviews: reviews.slice(0, env.reviewsShown),
  };
  return stay(next, ...prompt(next, env));
}

/** A new pin while choosing: the same service, searched around the new place. */
function searchElsewhere(
  state: StateOf<'browseProviders' | 'providerDetail'>,
  place: Place,
  env: Env,
): StepResult {
  const where: StateOf<'shareLocation'> = {
    name: 'shareLocation',
    profile: state.profile,
    service: state.service,
    place: null,
    ...(state.problem ? { problem: state.problem } : {}),
  };
  return searchAt(where, place, env);
}

export function detailInput(
  state: StateOf<'providerDetail'>,
  input: Input,
  env: Env,
): StepResult | null {
  if (input.kind === 'location' && input.place) return searchElsewhere(state, input.place, env);
  if (input.kind !== 'tap') return null;
  if (input.tap?.kind === 'detail.book' && input.tap.providerUserId === state.detail.userId) {
    return book(state, env);
  }
  if (input.tap?.kind === 'detail.back') return backToList(state, env);
  return null;
}

/** From a provider's profile back to the list it was opened from ("Volver", "quiero otro"). */
export function backToList(state: StateOf<'providerDetail'>, env: Env, lead?: string): StepResult {
  const { detail: _detail, reviews: _reviews, ...rest } = state;
  const next: ActiveState = { ...rest, name: 'browseProviders' };
  return stay(next, ...prompt(next, env, lead));
}

export function detailResult(
  state: StateOf<'providerDetail'>,
  result: OperationResult,
  env: Env,
): StepResult | null {
  return result.op === 'createRequest'
    ? requestCreated(state, result, state.detail.userId, env)
    : null;
}

function book(state: StateOf<'browseProviders' | 'providerDetail'>, env: Env): StepResult {
  return stay(
    state,
    call(
      'createRequest',
      {
        idempotencyKey: env.eventId,
        customerUserId: state.profile.userId,
        serviceTypeId: state.service.id,
        lat: state.place.lat,
        lng: state.place.lng,
        address: state.place.label,
        ...(state.place.area ? { area: state.place.area } : {}),
        ...(state.problem?.text ? { problem: state.problem.text } : {}),
        ...(state.problem?.mediaIds.length ? { storedMediaIds: state.problem.mediaIds } : {}),
        ...(state.problem?.urgent ? { urgent: true } : {}),
      },
      tag('request.create'),
    ),
  );
}

function requestCreated(
  state: StateOf<'browseProviders' | 'providerDetail'>,
  result: OperationResultOf<'createRequest'>,
  preferred: number | undefined,
  env: Env,
): StepResult {
  if (!result.ok)
    return stay(state, ...prompt(state, env, t(state.profile.locale, 'error.temporary')));
  const { requestId, serviceName } = result.output;
  const profile = {
    ...state.profile,
    lastRequest: {
      serviceTypeId: state.service.id,
      serviceName,
      lat: state.place.lat,
      lng: state.place.lng,
      address: state.place.label,
    },
  };
  const next: ActiveState = withProfile<ActiveState>(
    { name: 'awaitingProvider', profile, requestId, service: serviceName },
    profile,
  );
  return stay(
    next,
    call(
      'offerRequest',
      {
        idempotencyKey: env.eventId,
        requestId,
        maxOffers: env.maxOffersPerRequest,
        ...(preferred === undefined ? {} : { preferredProviderUserId: preferred }),
      },
      tag('offer.next', requestId, 0),
    ),
  );
}
