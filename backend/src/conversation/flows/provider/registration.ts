/**
 * Provider registration: display name → services (multi-select) → base location → radius → visit
 * fee (provider/fee.ts). The services, base and radius questions are asked again to change one of
 * them later (`editing`, from "Mi perfil de proveedor"): the answer is then saved at once
 * (provider/profile.ts).
 */
import { t } from '../../locales';
import type { OperationResult, ServiceType } from '../../operations';
import { menuMessage } from '../../render/menu';
import { pageOf } from '../../render/paging';
import { prompt } from '../../render/prompts';
import { RADIUS_OPTIONS_KM, selectedServicesLine } from '../../render/provider';
import type { ActiveState, Place, StateOf } from '../../state';
import { notAName, sameName, validateName } from '../../text/name';
import { normalizeWords, pickNumber } from '../../text/words';
import type { Env, Input, StepResult } from '../env';
import { call, mainMenuState, stay } from '../env';
import { geocoded, locationInput } from '../customer/location';
import { servicesNamed } from '../customer/service';
import { tag } from '../tags';
import { saveProfileChange } from './profile';

export function provNameInput(
  state: StateOf<'provName'>,
  input: Input,
  env: Env,
): StepResult | null {
  const locale = state.profile.locale;
  let raw: string | null = null;
  if (input.kind === 'text') {
    // "sí", "mi nombre", "el mismo": the name offered; "no", "¿para qué?": not a name.
    if (sameName(input.text) && state.profile.name) raw = state.profile.name;
    else if (notAName(input.text))
      return stay(state, ...prompt(state, env, t(locale, 'name.notAName')));
    else raw = input.text;
  }
  if (input.kind === 'tap' && input.tap?.kind === 'pname.same' && state.profile.name)
    raw = state.profile.name;
  if (raw === null) return null;
  const check = validateName(raw);
  if (!check.ok) return stay(state, ...prompt(state, env, t(locale, `name.${check.reason}`)));
  return stay(
    { ...state, draft: { ...state.draft, name: check.name } },
    call('listServiceTypes', {}, tag('services.provider')),
  );
}

export function provNameResult(
  state: StateOf<'provName'>,
  result: OperationResult,
  env: Env,
): StepResult | null {
  if (result.op !== 'listServiceTypes' || !state.draft.name) return null;
  const { profile } = state;
  if (!result.ok) return stay(state, ...prompt(state, env, t(profile.locale, 'error.temporary')));
  if (result.output.services.length === 0) {
    return stay(mainMenuState(profile), menuMessage(profile, t(profile.locale, 'service.none')));
  }
  // "Soy plomero (y electricista)": those trades are already marked; the others are a tap away.
  const named = result.output.services.filter(
    (s) => s.code === state.trade || (state.trades ?? []).includes(s.code),
  );
  const said = named.length > 0;
  const serviceIds = [
    ...state.draft.serviceIds,
    ...named.map((s) => s.id).filter((id) => !state.draft.serviceIds.includes(id)),
  ];
  const next: ActiveState = {
    name: 'provServices',
    profile,
    draft: { ...state.draft, serviceIds },
    services: result.output.services,
    page: 0,
  };
  const lead = said
    ? selectedServicesLine(profile.locale, result.output.services, serviceIds)
    : undefined;
  return stay(next, ...prompt(next, env, lead));
}

const DONE_WORDS = new Set([
  'listo',
  'done',
  'ok',
  'terminado',
  'ya',
  'finish',
  'next',
  'siguiente',
]);

export function provServicesInput(
  state: StateOf<'provServices'>,
  input: Input,
  env: Env,
): StepResult | null {
  if (input.kind === 'tap' && input.tap?.kind === 'psvc.toggle') {
    const id = input.tap.serviceId;
    return state.services.some((s) => s.id === id) ? toggle(state, id, env) : null;
  }
  if (input.kind === 'tap' && input.tap?.kind === 'psvc.page') {
    const next = { ...state, page: input.tap.page };
    return stay(next, ...prompt(next, env));
  }
  if (input.kind === 'tap' && input.tap?.kind === 'psvc.done') return done(state, env);
  if (input.kind === 'text') {
    if (DONE_WORDS.has(normalizeWords(input.text))) return done(state, env);
    const n = pickNumber(input.text);
    const service = n === null ? undefined : pageOf(state.services, state.page, 9).items[n - 1];
    if (service) return toggle(state, service.id, env);
    // "plomería y gas", "soy electricista": marked (typing one never unmarks it).
    const named = servicesNamed(state.services, input.text);
    if (named.length > 0) return mark(state, named, env);
  }
  return null;
}

function mark(state: StateOf<'provServices'>, services: ServiceType[], env: Env): StepResult {
  const ids = state.draft.serviceIds;
  const serviceIds = [...ids, ...services.map((s) => s.id).filter((id) => !ids.includes(id))];
  const next = { ...state, draft: { ...state.draft, serviceIds } };
  return stay(
    next,
    ...prompt(next, env, selectedServicesLine(state.profile.locale, state.services, serviceIds)),
  );
}

function toggle(state: StateOf<'provServices'>, serviceId: number, env: Env): StepResult {
  const ids = state.draft.serviceIds;
  const serviceIds = ids.includes(serviceId)
    ? ids.filter((id) => id !== serviceId)
    : [...ids, serviceId];
  const next = { ...state, draft: { ...state.draft, serviceIds } };
  return stay(
    next,
    ...prompt(next, env, selectedServicesLine(state.profile.locale, state.services, serviceIds)),
  );
}

function done(state: StateOf<'provServices'>, env: Env): StepResult {
  if (state.draft.serviceIds.length === 0) {
    return stay(state, ...prompt(state, env, t(state.profile.locale, 'provider.needService')));
  }
  if (state.editing)
    return saveProfileChange(state, { serviceTypeIds: state.draft.serviceIds }, env);
  const next: ActiveState = { name: 'provLocation', profile: state.profile, draft: state.draft };
  return stay(next, ...prompt(next, env));
}

export function provLocationInput(
  state: StateOf<'provLocation'>,
  input: Input,
  env: Env,
): StepResult | null {
  return locationInput(state, input, env, (place) => toRadius(state, place, env));
}

export function provLocationResult(
  state: StateOf<'provLocation'>,
  result: OperationResult,
  env: Env,
): StepResult | null {
  return result.op === 'geocodeAddress'
    ? geocoded(state, result, env, (place) => toRadius(state, place, env))
    : null;
}

function toRadius(state: StateOf<'provLocation'>, place: Place, env: Env): StepResult {
  if (state.editing)
    return saveProfileChange({ ...state, draft: { ...state.draft, place } }, { base: place }, env);
  const next: ActiveState = {
    name: 'provRadius',
    profile: state.profile,
    draft: { ...state.draft, place },
  };
  return stay(next, ...prompt(next, env));
}

export function provRadiusInput(
  state: StateOf<'provRadius'>,
  input: Input,
  env: Env,
): StepResult | null {
  let km: number | null = null;
  if (input.kind === 'tap' && input.tap?.kind === 'radius') km = input.tap.km;
  if (input.kind === 'text') km = radiusFromText(input.text);
  if (km === null || km < 1 || km > 50) return null;
  if (state.editing) return saveProfileChange(state, { radiusKm: km }, env);
  const next: ActiveState = {
    name: 'provFee',
    profile: state.profile,
    draft: { ...state.draft, radiusKm: km },
  };
  return stay(next, ...prompt(next, env));
}

/**
 * A radius typed in words: "10", "10 km", "como 10 kilómetros", "hasta 5"; "toda la ciudad" is the
 * widest option, "cerca" / "poquito" the narrowest.
 */
export function radiusFromText(text: string): number | null {
  const words = normalizeWords(text);
  const m =
    /^(?:(?:como|unos|hasta|maximo|max|mas o menos|about|up to|around|within) )*(\d{1,2})(?: ?(?:km|kms|kilometros|kilometers|kilometres|kilometro))?(?: (?:a la redonda|de mi base|around|from my base))?$/.exec(
      words,
    );
  if (m) return Number(m[1]);
  if (
    /^(?:toda la ciudad|toda la cdmx|todo el df|lo que sea|donde sea|lejos|anywhere|the whole city|far)$/.test(
      words,
    )
  )
    return Math.max(...RADIUS_OPTIONS_KM);
  if (/^(?:cerca|poquito|solo cerca|nearby|close|just close)$/.test(words))
    return Math.min(...RADIUS_OPTIONS_KM);
  return null;
}
