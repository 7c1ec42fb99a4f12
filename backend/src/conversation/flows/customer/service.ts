/** Customer: choosing a service from the list (paged), by row number or by name. */
import { sanitizeUserText } from '../../text/sanitize';
import type { OperationResultOf, ServiceType } from '../../operations';
import { t } from '../../locales';
import type { Locale } from '../../locale-types';
import { menuMessage } from '../../render/menu';
import { formatList, serviceName } from '../../render/format';
import { paragraphs } from '../../render/out';
import { afterService } from './problem';
import { pageOf } from '../../render/paging';
import { prompt } from '../../render/prompts';
import type { ActiveState, StateOf } from '../../state';
import { normalizeWords, pickNumber } from '../../text/words';
import { normalize } from '../../understanding/normalize';
import { serviceOf } from '../../understanding/understand';
import type { Env, Input, StepResult } from '../env';
import { stay } from '../env';

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
  // A pin before the service: kept as where (not asked again), then the service.
  if (input.kind === 'location' && input.place) {
    const next = { ...state, want: { ...state.want, place: input.place } };
    return stay(next, ...prompt(next, env, t(state.profile.locale, 'want.place')));
  }
  return null;
}

function pickService(state: StateOf<'chooseService'>, service: ServiceType, env: Env): StepResult {
  return afterService(state, { id: service.id, name: service.name }, env, state.want);
}

/** "2" (row number on the visible page) or a service name ("plomería", "electricista"). */
function serviceFromText(state: StateOf<'chooseService'>, text: string): ServiceType | null {
  const n = pickNumber(text);
  if (n !== null) {
    const page = pageOf(state.services, state.page, 10);
    return page.items[n - 1] ?? null;
  }
  return serviceByName(state.services, text);
}

/**
 * The services a text names, each part on its own ("plomería y gas", "plomero, electricista,
 * pintor"): by the service's name, else by the trade's words (the understanding lexicon).
 */
export function servicesNamed(services: readonly ServiceType[], text: string): ServiceType[] {
  const parts = text
    .split(/\s*(?:[,;/+&]|\by\b|\be\b|\band\b|\btambi[eé]n\b)\s*/iu)
    .filter((p) => p.trim().length > 0);
  const out: ServiceType[] = [];
  for (const part of parts.slice(0, 12)) {
    const found = serviceByName(services, part) ?? serviceByTrade(services, part);
    if (found && !out.includes(found)) out.push(found);
  }
  return out;
}

function serviceByTrade(services: readonly ServiceType[], text: string): ServiceType | null {
  const found = serviceOf(normalize(text).tokens);
  return found && found.weight >= 2
    ? (services.find((s) => s.code === found.service) ?? null)
    : null;
}

function serviceByName(services: readonly ServiceType[], text: string): ServiceType | null {
  const typed = normalizeWords(text);
  if (typed.length < 3) return null;
  const matches = services.filter((s) =>
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
  const want = state.name === 'mainMenu' ? state.want : undefined;
  const wanted = want?.service
    ? result.output.services.find((s) => s.code === want.service)
    : undefined;
  if (wanted) {
    // Said earlier ("ocupo un cerrajero"): straight to where.
    const lead = paragraphs(
      want?.greet ? t(locale, 'name.saved', { name: state.profile.name ?? '' }) : null,
      t(locale, want?.urgent ? 'want.urgent' : 'want.service', {
        service: serviceName(locale, wanted.name),
      }),
      want?.later ? t(locale, 'want.later') : null,
      want?.also?.length ? alsoNext(locale, want.also, result.output.services) : null,
      want?.address && !want.place ? addressNoted(locale, want.address) : null,
    );
    return afterService(state, { id: wanted.id, name: wanted.name }, env, want, lead);
  }
  const next: ActiveState = {
    name: 'chooseService',
    profile: state.profile,
    services: result.output.services,
    page: 0,
    ...(want ? { want } : {}),
  };
  const lead = want
    ? paragraphs(
        want.greet ? t(locale, 'name.saved', { name: state.profile.name ?? '' }) : null,
        // A pin or an address first: say it is kept, so the place is not asked again.
        want.place && !want.urgent
          ? want.place.label
            ? addressNoted(locale, want.place.label)
            : t(locale, 'want.place')
          : t(locale, want.urgent ? 'want.anyUrgent' : 'want.any'),
        want.address && !want.place ? addressNoted(locale, want.address) : null,
      )
    : undefined;
  return stay(next, ...prompt(next, env, lead));
}

/** "Después pídeme *Electricidad* desde el menú": the other trades of the same message. */
function alsoNext(
  locale: Locale,
  codes: readonly string[],
  services: readonly ServiceType[],
): string | null {
  const names = codes
    .map((c) => services.find((s) => s.code === c))
    .filter((s): s is ServiceType => s !== undefined)
    .map((s) => `*${serviceName(locale, s.name)}*`);
  return names.length ? t(locale, 'want.also', { services: formatList(locale, names) }) : null;
}

/** "📍 Listo, anoté la dirección: Durango 200, Roma Norte." */
function addressNoted(locale: Locale, address: string): string {
  return t(locale, 'want.placeNamed', { place: sanitizeUserText(address, { maxLength: 120 }) });
}
