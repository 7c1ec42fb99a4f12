/**
 * "Mi perfil de proveedor": the provider's numbers, settings and latest rating comments, and the
 * way to change their services, base or radius from WhatsApp (the visit fee has its own flow,
 * provider/fee.ts). A change asks registration's question again (provServices, provLocation,
 * provRadius with `editing`), starting from the profile as it is, and is saved at once with
 * updateProviderProfile; one short confirmation, then the menu.
 */
import { t } from '../../locales';
import type { OperationResultOf, ProviderOwnProfile, ProviderStats } from '../../operations';
import { formatList, localName, mapsLink, serviceName } from '../../render/format';
import { menuMessage } from '../../render/menu';
import { prompt } from '../../render/prompts';
import { formatKm } from '../../render/provider-profile';
import { selectedServicesLine } from '../../render/provider';
import type { ActiveState, Place, ProviderDraft, StateOf } from '../../state';
import { truncate } from '../../text/sanitize';
import type { Env, StepResult } from '../env';
import { call, mainMenuState, stay, withProfile } from '../env';
import { parseTag, tag } from '../tags';
import { startEditFee } from './fee';

/** What a provider can change here (the visit fee is `menu.fee`). */
export type ProfilePart = 'services' | 'base' | 'radius';

/** Parts as tag arguments (tags carry integers). */
const PART_CODE: Record<ProfilePart, number> = { services: 1, base: 2, radius: 3 };
const partOf = (code: number | undefined): ProfilePart | null =>
  (Object.keys(PART_CODE) as ProfilePart[]).find((p) => PART_CODE[p] === code) ?? null;

/** "Mi perfil de proveedor" (the menu row, or typed): load it. */
export function showProfile(state: ActiveState, env: Env): StepResult {
  return stay(state, loadProfile(state, env, tag('provider.stats')));
}

function loadProfile(state: ActiveState, env: Env, withTag: string) {
  return call(
    'getProviderStats',
    { providerUserId: state.profile.userId, commentsLimit: env.reviewsShown },
    withTag,
  );
}

/**
 * "Cambiar servicios / mi base / distancia", tapped in the profile or typed anywhere: from the
 * profile just shown, or once it is loaded (a stale tap or a typed wish starts from fresh data).
 */
export function startProfileEdit(state: ActiveState, part: ProfilePart, env: Env): StepResult {
  const { profile } = state;
  if (!profile.provider)
    return stay(state, ...prompt(state, env, t(profile.locale, 'provider.notRegistered')));
  if (state.name === 'provProfile') return editPart(state, part, env);
  return stay(state, loadProfile(state, env, tag('provider.edit', PART_CODE[part])));
}

/**
 * Typed: "mi perfil", "cambiar mis servicios / mi zona / el radio / mi costo de visita". Only for
 * providers; for anyone else the words are not understood here (null: the caller says what can
 * be done), since "cambiar mi ubicación" may mean something else to a customer.
 */
export function providerProfileAsked(
  state: ActiveState,
  part: ProfilePart | 'fee' | undefined,
  env: Env,
  text?: string,
): StepResult | null {
  if (!state.profile.provider) return null;
  if (part === undefined) return showProfile(state, env);
  if (part === 'fee') return startEditFee(state, env, text);
  return startProfileEdit(state, part, env);
}

/** The profile as registration's draft: what the edit starts from. */
function currentDraft(
  stats: ProviderStats,
  own: ProviderOwnProfile,
): ProviderDraft & { place: Place } {
  return {
    name: stats.name,
    serviceIds: own.services.map((s) => s.id),
    place: { lat: own.lat, lng: own.lng, label: own.area },
  };
}

function editPart(state: StateOf<'provProfile'>, part: ProfilePart, env: Env): StepResult {
  const { profile } = state;
  const draft = currentDraft(state.stats, state.own);
  switch (part) {
    case 'services':
      return stay(state, call('listServiceTypes', {}, tag('services.edit')));
    case 'base': {
      const next: ActiveState = { name: 'provLocation', profile, draft, editing: true };
      return stay(next, ...prompt(next, env));
    }
    case 'radius': {
      const next: ActiveState = {
        name: 'provRadius',
        profile,
        draft: { ...draft, radiusKm: state.own.radiusKm },
        editing: true,
      };
      return stay(next, ...prompt(next, env));
    }
  }
}

/** The profile loaded: shown (with what can be changed), or straight into the change asked for. */
export function profileLoaded(
  state: ActiveState,
  result: OperationResultOf<'getProviderStats'>,
  env: Env,
): StepResult {
  const { profile } = state;
  const locale = profile.locale;
  if (!result.ok) return stay(state, ...prompt(state, env, t(locale, 'error.temporary')));
  if (result.output.status === 'not_provider') {
    const next = withProfile(state, { ...profile, provider: null });
    return stay(next, ...prompt(next, env, t(locale, 'provider.notRegistered')));
  }
  const { stats, profile: own, comments } = result.output;
  const next: ActiveState = {
    name: 'provProfile',
    profile: { ...profile, provider: { status: stats.status, online: stats.online } },
    stats,
    own,
    comments,
  };
  const { name, args } = parseTag(result.tag);
  const part = name === 'provider.edit' ? partOf(args[0]) : null;
  return part ? editPart(next, part, env) : stay(next, ...prompt(next, env));
}

/** The catalogue for "Cambiar servicios": the multi-select, the current services marked. */
export function profileServicesLoaded(
  state: StateOf<'provProfile'>,
  result: OperationResultOf<'listServiceTypes'>,
  env: Env,
): StepResult | null {
  if (parseTag(result.tag).name !== 'services.edit') return null;
  const locale = state.profile.locale;
  if (!result.ok) return stay(state, ...prompt(state, env, t(locale, 'error.temporary')));
  const { services } = result.output;
  if (services.length === 0) return stay(state, ...prompt(state, env, t(locale, 'service.none')));
  const draft = currentDraft(state.stats, state.own);
  const next: ActiveState = {
    name: 'provServices',
    profile: state.profile,
    draft,
    services,
    page: 0,
    editing: true,
  };
  return stay(next, ...prompt(next, env, selectedServicesLine(locale, services, draft.serviceIds)));
}

/** Save one change (the services, the base or the radius) at once. */
export function saveProfileChange(
  state: ActiveState,
  change: { serviceTypeIds: number[] } | { base: Place } | { radiusKm: number },
  env: Env,
): StepResult {
  const input = { idempotencyKey: env.eventId, providerUserId: state.profile.userId };
  if ('serviceTypeIds' in change)
    return stay(
      state,
      call(
        'updateProviderProfile',
        { ...input, serviceTypeIds: change.serviceTypeIds },
        tag('provider.update', PART_CODE.services),
      ),
    );
  if ('base' in change)
    return stay(
      state,
      call(
        'updateProviderProfile',
        { ...input, base: { lat: change.base.lat, lng: change.base.lng } },
        tag('provider.update', PART_CODE.base),
      ),
    );
  return stay(
    state,
    call(
      'updateProviderProfile',
      { ...input, radiusKm: change.radiusKm },
      tag('provider.update', PART_CODE.radius),
    ),
  );
}

/** Saved: one short confirmation with the menu. Refused or failed: the question again, with why. */
export function profileUpdated(
  state: ActiveState,
  result: OperationResultOf<'updateProviderProfile'>,
  env: Env,
): StepResult {
  const { profile } = state;
  const locale = profile.locale;
  if (!result.ok) return stay(state, ...prompt(state, env, t(locale, 'error.temporary')));
  const out = result.output;
  switch (out.status) {
    case 'not_provider': {
      const next = mainMenuState({ ...profile, provider: null });
      return stay(next, menuMessage(next.profile, t(locale, 'provider.notRegistered')));
    }
    case 'no_services':
      return stay(state, ...prompt(state, env, t(locale, 'provider.needService')));
    case 'outside_coverage': {
      const { place } = out.coverage;
      const served = formatList(
        locale,
        out.coverage.served.map((s) => localName(locale, s, 60)),
      );
      const lead = place
        ? t(locale, 'provider.baseOutside', { place: localName(locale, place, 60), served })
        : t(locale, 'provider.baseOutsideUnknown', { served });
      return stay(state, ...prompt(state, env, lead));
    }
    case 'updated':
      return stay(
        mainMenuState(profile),
        menuMessage(profile, savedText(state, out.profile, partOf(parseTag(result.tag).args[0]))),
      );
  }
}

/** "Listo: ahora ofreces Plomería y Gas." / "… tu base ahora es Roma Norte." / "… hasta 10 km …". */
function savedText(state: ActiveState, own: ProviderOwnProfile, part: ProfilePart | null): string {
  const locale = state.profile.locale;
  switch (part) {
    case 'services':
      return t(locale, 'provider.servicesSaved', {
        services: truncate(
          formatList(
            locale,
            own.services.map((s) => serviceName(locale, s.name, 30)),
          ),
          300,
        ),
      });
    case 'base': {
      const area =
        own.area ?? (state.name === 'provLocation' ? state.draft.place?.label : null) ?? null;
      return area
        ? t(locale, 'provider.baseSaved', { place: truncate(area, 80) })
        : t(locale, 'provider.baseSavedPin', { maps: mapsLink(own.lat, own.lng) });
    }
    case 'radius':
      return t(locale, 'provider.radiusSaved', { km: formatKm(own.radiusKm) });
    case null:
      return t(locale, 'provider.profileSaved');
  }
}
