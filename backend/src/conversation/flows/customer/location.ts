/**
 * Where: a WhatsApp location pin, a 5-digit postal code or a typed address (geocoded).
 * Shared by the customer (then candidates are searched) and the provider registration.
 * The asking state waits for the answers of the operations it asked for.
 */
import type { OperationResult, OperationResultOf } from '../../operations';
import { t } from '../../locales';
import { buttonsMessage, send } from '../../render/out';
import { tapId } from '../../ids';
import { prompt } from '../../render/prompts';
import type { ActiveState, ChosenService, Place, StateOf } from '../../state';
import { sanitizeUserText } from '../../text/sanitize';
import {
  addressInMessage,
  addressText,
  coordinatesIn,
  looksLikeAddress,
  mapsShortLink,
  plainlyAnAddress,
  postalCode,
} from '../../text/address';
import { requestRepeated, withMoreWords } from './problem-text';
import type { Env, Input, StepResult } from '../env';
import { call, mainMenuState, stay } from '../env';
import { tag } from '../tags';
import { looksLikeSentence, understand, type Intent } from '../../understanding/understand';
import { typedOption } from '../typed-option';
import { outsideCoverage } from './coverage';
import { switchedService, tradeOf } from './switch-service';
import { confirmPlace } from '../../render/customer';
import { ASIDES } from './asides';

/** What is said at "¿a dónde vamos?" that is not a place: answered for what it is, never geocoded. */
const NOT_A_PLACE: ReadonlySet<Intent> = new Set<Intent>([
  ...ASIDES,
  'my_jobs',
  'thanks',
  'greeting',
  'affirm',
  'deny',
  'opt_out',
  'opt_in',
  'delete_data',
  'job_done',
  'provider_signup',
]);

/** "gracias", "ya no lo necesito", "¿cuánto cobran?" where an address is asked: not an address. */
function saysSomethingElse(text: string): boolean {
  return (
    postalCode(text) === null && !plainlyAnAddress(text) && NOT_A_PLACE.has(understand(text).intent)
  );
}

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
  if (input.kind !== 'text' || saysSomethingElse(input.text)) return null;
  // A Google Maps link with its coordinates, or a typed "19.4194, -99.1633": that point.
  const point = coordinatesIn(input.text);
  if (point) return onPlace({ ...point, label: null });
  // A short link cannot be opened here: say how to send the place instead.
  if (mapsShortLink(input.text))
    return stay(state, ...prompt(state, env, t(locale, 'location.shortLink')));
  const code = postalCode(input.text);
  if (code)
    return stay(
      state,
      call('geocodeAddress', { query: code, kind: 'postalCode', country: 'MX' }, tag('geocode')),
    );
  if (looksLikeAddress(input.text)) {
    const query = sanitizeUserText(addressText(input.text), { maxLength: 200 });
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
  // "sí" / "no" typed at "¿Es ahí?" answer it; anything else is read as another address.
  if (state.confirm && input.kind === 'text') {
    const answer = typedOption(state, input.text, env);
    if (answer) return shareLocationInput(state, answer, env);
  }
  if (state.confirm && input.kind === 'tap' && input.tap?.kind === 'place.yes')
    return searchAt(withoutConfirm(state), state.confirm, env);
  if (state.confirm && input.kind === 'tap' && input.tap?.kind === 'place.no') {
    const again = withoutConfirm(state);
    return stay(again, ...prompt(again, env, t(state.profile.locale, 'location.notThere')));
  }
  // "Mejor un electricista": the service is taken back, never geocoded as an address.
  if (input.kind === 'text') {
    const switched = switchedService(state, input.text);
    if (switched) return switched;
    // "¡Urgente!" or the request sent again: where is still the question.
    const repeated = requestRepeated(input.text, state.service.name);
    if (repeated === 'hurry') {
      const hurried: StateOf<'shareLocation'> = {
        ...state,
        problem: { ...(state.problem ?? { text: null, mediaIds: [] }), urgent: true },
      };
      return stay(hurried, ...prompt(hurried, env, t(state.profile.locale, 'location.hurry')));
    }
    if (repeated) return stay(state, ...prompt(state, env));
    // "Sale mucha agua" (the same trade, no place in it): more about the trouble, for the provider.
    if (moreTrouble(state, input.text))
      return withMoreProblem(withoutConfirm(state), input.text, env);
  }
  if (input.kind === 'text' && saysSomethingElse(input.text)) return null;
  // A typed street address is kept as the job's address; the neighbourhood places it.
  const asked = withoutConfirm(state);
  // "Insurgentes Sur 1234" was not found, then "Del Valle" (or "03100"): one address together.
  if (state.street && input.kind === 'text') {
    const part = addressText(input.text);
    const code = postalCode(input.text);
    if (code || (!/\d/.test(part) && looksLikeAddress(part))) {
      const typed = sanitizeUserText(`${state.street}, ${code ?? part}`, { maxLength: 160 });
      return stay(
        { ...asked, typed },
        call(
          'geocodeAddress',
          code
            ? { query: code, kind: 'postalCode', country: 'MX' }
            : { query: typed, kind: 'address', country: 'MX' },
          tag('geocode'),
        ),
      );
    }
  }
  const typed =
    input.kind === 'text' && !postalCode(input.text) && looksLikeAddress(input.text)
      ? sanitizeUserText(addressText(input.text), { maxLength: 160 })
      : undefined;
  return locationInput(typed ? { ...asked, typed } : asked, input, env, (place) =>
    searchAt(asked, place, env),
  );
}

/**
 * An address said before "¿a dónde vamos?" (with the request, or with the problem): placed as if
 * typed here, so the question is not asked.
 */
export function placeSaidAddress(state: StateOf<'shareLocation'>, address: string): StepResult {
  const code = postalCode(address);
  if (code)
    return stay(
      state,
      call('geocodeAddress', { query: code, kind: 'postalCode', country: 'MX' }, tag('geocode')),
    );
  const typed = sanitizeUserText(address, { maxLength: 160 });
  return stay(
    { ...state, typed },
    call('geocodeAddress', { query: typed, kind: 'address', country: 'MX' }, tag('geocode')),
  );
}

/** The same trade's words and no place ("también gotea la regadera"): the trouble, not where. */
function moreTrouble(state: StateOf<'shareLocation'>, text: string): boolean {
  const meaning = understand(text);
  return (
    meaning.intent === 'request_service' &&
    meaning.service !== undefined &&
    meaning.service === tradeOf(state.service.name) &&
    postalCode(text) === null &&
    !plainlyAnAddress(text) &&
    addressInMessage(text) === null
  );
}

/** Words added to the problem the provider reads; then where, again. */
function withMoreProblem(state: StateOf<'shareLocation'>, text: string, env: Env): StepResult {
  const next: StateOf<'shareLocation'> = { ...state, problem: withMoreWords(state.problem, text) };
  return stay(next, ...prompt(next, env, t(state.profile.locale, 'problem.thanks')));
}

function withoutConfirm(state: StateOf<'shareLocation'>): StateOf<'shareLocation'> {
  const { confirm: _confirm, typed: _typed, street: _street, ...rest } = state;
  return rest;
}

export function shareLocationResult(
  state: StateOf<'shareLocation'>,
  result: OperationResult,
  env: Env,
): StepResult | null {
  if (result.op === 'geocodeAddress') {
    const out = result.ok ? result.output : null;
    const { typed, street: _street, ...rest } = state;
    // "Y ya mojó el piso": a sentence that is no place anyone knows is more about the trouble.
    if (out?.status === 'not_found' && typed && !/\d/.test(typed) && looksLikeSentence(typed))
      return withMoreProblem(rest, typed, env);
    // A street with its number that could not be placed: kept, so the colonia typed next completes it.
    if (out?.status === 'not_found' && typed && /\d/.test(typed)) {
      const next = { ...rest, street: typed };
      return stay(
        next,
        ...prompt(next, env, t(state.profile.locale, 'location.needArea', { place: typed })),
      );
    }
    return geocoded(rest, result, env, (found) => {
      // The address as typed is the job's; the geocoder's answer is its area.
      const place = { ...found, label: typed ?? found.label, area: found.label };
      // Only a postal code (or a broad area) placed it: ask before searching there.
      if (out?.status === 'found' && (out.matchedBy === 'postalCode' || out.matchedBy === 'area')) {
        const next = { ...rest, confirm: place };
        return stay(next, confirmPlace(next));
      }
      return searchAt(rest, place, env);
    });
  }
  if (result.op === 'findCandidates' && state.place)
    return candidatesLoaded({ ...state, place: state.place }, result, env);
  return null;
}

export function searchAt(state: StateOf<'shareLocation'>, place: Place, env: Env): StepResult {
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
  const coverage = result.output.coverage;
  if (candidates.length === 0 && coverage?.covered === false)
    return outsideCoverage(state, coverage, state.place);
  if (candidates.length === 0) return nobodyNear(state, state.service, state.place);
  const next: ActiveState = {
    name: 'browseProviders',
    profile: state.profile,
    service: state.service,
    place: state.place,
    candidates,
    ...(state.problem ? { problem: state.problem } : {}),
  };
  return stay(next, ...prompt(next, env));
}

/**
 * Nobody free nearby: not a dead end. The search is kept as the last one (the menu's "Repetir" and
 * the "Buscar de nuevo" button run it again, same service and place), and a person is one tap away.
 */
function nobodyNear(state: ActiveState, service: ChosenService, place: Place): StepResult {
  const locale = state.profile.locale;
  const profile = {
    ...state.profile,
    lastRequest: {
      serviceTypeId: service.id,
      serviceName: service.name,
      lat: place.lat,
      lng: place.lng,
      address: place.label,
    },
  };
  const lead = t(locale, 'providers.none', { service: serviceLabel(state, service) });
  return stay(
    mainMenuState(profile),
    send(
      buttonsMessage(lead, [
        { id: tapId({ kind: 'menu.repeat' }), title: t(locale, 'btn.searchAgain') },
        { id: tapId({ kind: 'menu.human' }), title: t(locale, 'btn.human') },
        { id: tapId({ kind: 'menu.open' }), title: t(locale, 'btn.menu') },
      ]),
    ),
  );
}

function serviceLabel(state: ActiveState, service: ChosenService): string {
  return sanitizeUserText(service.name[state.profile.locale] || service.name.es, { maxLength: 40 });
}

/** A pin sent from the menu before anything asked for it: kept as where, then which service. */
export function locationFirst(state: ActiveState, input: Input): StepResult | null {
  if (state.name !== 'mainMenu' || input.kind !== 'location' || !input.place) return null;
  return placeFirst(state, input.place);
}

function placeFirst(state: StateOf<'mainMenu'>, place: Place): StepResult {
  const want = { ...state.want, place };
  return stay(
    { ...mainMenuState(state.profile), want } as ActiveState,
    call('listServiceTypes', {}, tag('services.customer')),
  );
}

/**
 * An address typed at the menu before anything asked for it ("Av. Insurgentes Sur 1234, Del
 * Valle"): geocoded, kept as where like a pin, then which service.
 */
export function addressFirst(state: ActiveState, text: string): StepResult | null {
  if (state.name !== 'mainMenu') return null;
  // A maps link with its coordinates from the menu: kept like a pin.
  const point = coordinatesIn(text);
  if (point) return placeFirst(state, { ...point, label: null });
  if (!plainlyAnAddress(text)) return null;
  const code = postalCode(text);
  const query = code ?? sanitizeUserText(addressText(text), { maxLength: 200 });
  if (!query) return null;
  return stay(
    state,
    call(
      'geocodeAddress',
      { query, kind: code ? 'postalCode' : 'address', country: 'MX' },
      tag('geocode'),
    ),
  );
}

/** The menu's typed address, geocoded: kept as where (or "not found" and the menu). */
export function addressFirstResult(
  state: StateOf<'mainMenu'>,
  result: OperationResult,
  env: Env,
): StepResult | null {
  if (result.op !== 'geocodeAddress') return null;
  return geocoded(state, result, env, (place) => placeFirst(state, place));
}
