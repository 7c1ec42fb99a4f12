/**
 * Customer: choose a service → share a location → browse providers → detail → book.
 * Each state also handles the results of the operations it asked for ("the asking state
 * waits for its answer").
 */
import type { OperationResult, OperationResultOf, ServiceType } from '../../operations';
import { t } from '../../locales';
import { menuMessage } from '../../render/menu';
import { prompt } from '../../render/prompts';
import type { ActiveState, ChosenService, Place, StateOf } from '../../state';
import { sanitizeUserText } from '../../text/sanitize';
import { looksLikeAddress, normalizeWords, pickNumber, postalCode } from '../../text/words';
import type { Env, Input, StepResult } from '../env';
import { call, mainMenuState, stay, withProfile } from '../env';
import { tag } from '../tags';
import { pageOf } from '../../render/paging';

/* ---------------- choose a service ---------------- */

export function chooseServiceInput(
  state: StateOf<'chooseService'>,
  input: Input,
  env: Env,
): StepResult | null {
  if (input.kind === 'tap' && input.tap?.kind === 'svc.pick') {
    const { serviceId } = input.tap;
    const service = state.services.find((s) => s.id === serviceId);
    return service ? pickService(state, service, env) : null;
  }
  if (input.kind === 'tap' && input.tap?.kind === 'svc.page') {
    const next = { ...state, page: input.tap.page };
    return stay(next, ...prompt(next, env));
  }
  if (input.kind === 'text') {
    const service = serviceFromText(state, input.text);
    return service ? pickService(state, service, env) : null;
  }
  return null;
}

function pickService(state: StateOf<'chooseService'>, service: ServiceType, env: Env): StepResult {
  const next: ActiveState = {
    name: 'shareLocation',
    profile: state.profile,
    service: { id: service.id, name: service.name },
    place: null,
  };
  return stay(next, ...prompt(next, env));
}

/** "2" (row number on the visible page) or a service name ("plomería", "electricista"). */
function serviceFromText(state: StateOf<'chooseService'>, text: string): ServiceType | null {
  const n = pickNumber(text);
  if (n !== null) {
    const page = pageOf(state.services, state.page, 10);
    return page.items[n - 1] ?? null;
  }
  const typed = normalizeWords(text);
  if (typed.length < 3) return null;
  const matches = state.services.filter((s) =>
    [s.name.es, s.name.en, s.code].some((name) => {
      const known = normalizeWords(name);
      return (
        known === typed ||
        (typed.length >= 4 &&
          (known.startsWith(typed) ||
            typed.startsWith(known.slice(0, Math.max(4, known.length - 3)))))
      );
    }),
  );
  return matches.length === 1 ? (matches[0] as ServiceType) : null;
}

/** mainMenu asked for the service list. */
export function servicesLoaded(
  state: ActiveState,
  result: OperationResultOf<'listServiceTypes'>,
  env: Env,
): StepResult {
  const locale = state.profile.locale;
  if (!result.ok) return stay(state, menuMessage(state.profile, t(locale, 'error.temporary')));
  if (result.output.services.length === 0)
    return stay(state, menuMessage(state.profile, t(locale, 'service.none')));
  const next: ActiveState = {
    name: 'chooseService',
    profile: state.profile,
    services: result.output.services,
    page: 0,
  };
  return stay(next, ...prompt(next, env));
}

/* ---------------- location ---------------- */

/** Location input shared by the customer and the provider registration: a pin, a postal code or an address. */
export function locationInput<S extends ActiveState>(
  state: S,
  input: Input,
  env: Env,
  onPlace: (place: Place) => StepResult,
): StepResult | null {
  const locale = state.profile.locale;
  if (input.kind === 'location') {
    return input.place
      ? onPlace(input.place)
      : stay(state, ...prompt(state, env, t(locale, 'location.badPin')));
  }
  if (input.kind !== 'text') return null;
  const code = postalCode(input.text);
  if (code)
    return stay(
      state,
      call('geocodeAddress', { query: code, kind: 'postalCode', country: 'MX' }, tag('geocode')),
    );
  if (looksLikeAddress(input.text)) {
    const query = sanitizeUserText(input.text, { maxLength: 200 });
    return stay(
      state,
      call('geocodeAddress', { query, kind: 'address', country: 'MX' }, tag('geocode')),
    );
  }
  return stay(state, ...prompt(state, env, t(locale, 'location.invalid')));
}

export function geocoded<S extends ActiveState>(
  state: S,
  result: OperationResultOf<'geocodeAddress'>,
  env: Env,
  onPlace: (place: Place) => StepResult,
): StepResult {
  const locale = state.profile.locale;
  if (!result.ok) return stay(state, ...prompt(state, env, t(locale, 'error.temporary')));
  if (result.output.status === 'not_found')
    return stay(state, ...prompt(state, env, t(locale, 'location.notFound')));
  const { lat, lng, label } = result.output;
  return onPlace({ lat, lng, label: sanitizeUserText(label, { maxLength: 120 }) || null });
}

export function shareLocationInput(
  state: StateOf<'shareLocation'>,
  input: Input,
  env: Env,
): StepResult | null {
  return locationInput(state, input, env, (place) => searchAt(state, place, env));
}

export function shareLocationResult(
  state: StateOf<'shareLocation'>,
  result: OperationResult,
  env: Env,
): StepResult | null {
  if (result.op === 'geocodeAddress')
    return geocoded(state, result, env, (place) => searchAt(state, place, env));
  if (result.op === 'findCandidates' && state.place)
    return candidatesLoaded({ ...state, place: state.place }, result, env);
  return null;
}

function searchAt(state: StateOf<'shareLocation'>, place: Place, env: Env): StepResult {
  return stay(
    { ...state, place },
    call(
      'findCandidates',
      {
        serviceTypeId: state.service.id,
        lat: place.lat,
        lng: place.lng,
        customerUserId: state.profile.userId,
        limit: env.candidateLimit,
      },
      tag('candidates'),
    ),
  );
}

function candidatesLoaded(
  state: StateOf<'shareLocation'> & { place: Place },
  result: OperationResultOf<'findCandidates'>,
  env: Env,
): StepResult {
  const locale = state.profile.locale;
  if (!result.ok) {
    const retry = { ...state, place: null };
    return stay(retry, ...prompt(retry, env, t(locale, 'error.temporary')));
  }
  const candidates = result.output.candidates.slice(0, env.candidateLimit);
  if (candidates.length === 0) return nobodyNear(state, state.service);
  const next: ActiveState = {
    name: 'browseProviders',
    profile: state.profile,
    service: state.service,
    place: state.place,
    candidates,
  };
  return stay(next, ...prompt(next, env));
}

function nobodyNear(state: ActiveState, service: ChosenService): StepResult {
  const locale = state.profile.locale;
  const lead = t(locale, 'providers.none', { service: serviceLabel(state, service) });
  return stay(mainMenuState(state.profile), menuMessage(state.profile, lead));
}

function serviceLabel(state: ActiveState, service: ChosenService): string {
  return sanitizeUserText(service.name[state.profile.locale] || service.name.es, { maxLength: 40 });
}

/* ---------------- providers and booking ---------------- */

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
  if (input.kind === 'text') {
    const n = pickNumber(input.text);
    if (n === null) return null;
    const candidate = state.candidates[n - 1];
    if (candidate) return openDetail(state, candidate.providerUserId, env);
    if (n === state.candidates.length + 1) return book(state, env);
  }
  return null;
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

export function detailInput(
  state: StateOf<'providerDetail'>,
  input: Input,
  env: Env,
): StepResult | null {
  if (input.kind !== 'tap') return null;
  if (input.tap?.kind === 'detail.book' && input.tap.providerUserId === state.detail.userId) {
    return book(state, env);
  }
  if (input.tap?.kind === 'detail.back') {
    const { detail: _detail, reviews: _reviews, ...rest } = state;
    const next: ActiveState = { ...rest, name: 'browseProviders' };
    return stay(next, ...prompt(next, env));
  }
  return null;
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
