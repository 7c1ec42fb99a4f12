/** A new user's name: asked once, validated, saved; then the menu (or provider registration). */
import { t } from '../locales';
import type { OperationResultOf } from '../operations';
import { menuMessage } from '../render/menu';
import { say } from '../render/out';
import { prompt } from '../render/prompts';
import type { ActiveState, StateOf, Want } from '../state';
import { notAName, plainYes, refusesName, validateName } from '../text/name';
import type { Env, Input, StepResult } from './env';
import { call, mainMenuState, stay, withProfile } from './env';
import { languageQuestion, switchLocale } from './global';
import { wantOf } from './understood';
import { startRequest } from './customer/start';
import {
  looksLikeSentence,
  nameWasIntroduced,
  tradesIn,
  understand,
  type Intent,
} from '../understanding/understand';
import { tag } from './tags';
import { describesProblem, keepEarlyMedia, wantWithProblem } from './customer/problem';
import { withMoreWords } from './customer/problem-text';
import {
  addressInMessage,
  addressText,
  coordinatesIn,
  plainlyAnAddress,
  postalCode,
} from '../text/address';
import { sanitizeUserText } from '../text/sanitize';

export function askNameInput(state: StateOf<'askName'>, input: Input, env: Env): StepResult | null {
  if (state.saving !== null) return null;
  let raw: string | null = null;
  let declined = false;
  if (input.kind === 'tap' && input.tap?.kind === 'name.profile' && state.suggested)
    raw = state.suggested;
  // A photo or voice note of the trouble before the name: kept for the request, then the name.
  if (input.kind === 'media' && input.mediaType !== 'sticker') {
    const next = { ...state, want: wantWithProblem(state.want, input.caption) };
    return stay(
      next,
      keepEarlyMedia(state, input, env),
      ...prompt(next, env, t(state.profile.locale, 'name.keepMediaLead')),
    );
  }
  // A pin before the name: kept as where the request goes, then the name.
  if (input.kind === 'location' && input.place && !state.changing) {
    const next = { ...state, want: { ...state.want, place: input.place } };
    return stay(next, ...prompt(next, env, t(state.profile.locale, 'name.keepPlaceLead')));
  }
  if (input.kind === 'text') {
    // The name question listens: a request is kept for later, a language is switched to, and
    // only a name is saved ("necesito un plomero urgente" is not a name).
    const meaning = understand(input.text, { step: 'askName' });
    const locale = state.profile.locale;
    // "sí" / "ok" to "¿usamos «Lupita»?": the WhatsApp name ("Simón", "Vale" are names, not a yes).
    const yes = plainYes(input.text);
    if (yes && !state.suggested) return stay(state, ...prompt(state, env, t(locale, 'name.why')));
    // "Estoy en Durango 200, Roma Norte" / "CP 06700" before the name: where the request goes.
    // A maps link with its coordinates: kept like a pin.
    const point = state.changing || yes ? null : coordinatesIn(input.text);
    if (point && meaning.intent !== 'request_service') {
      const next = { ...state, want: { ...state.want, place: { ...point, label: null } } };
      return stay(next, ...prompt(next, env, t(locale, 'name.keepPlaceLead')));
    }
    const address = state.changing || yes ? null : addressBeforeName(input.text, meaning.intent);
    if (address) {
      const next = { ...state, want: { ...state.want, address } };
      return stay(next, ...prompt(next, env, t(locale, 'name.keepAddressLead')));
    }
    if (yes) raw = state.suggested;
    else
      switch (meaning.intent) {
        case 'give_name':
          // Typed as is: stored as typed (sanitised); found inside a sentence ("me llamo Ana"): the name.
          raw = meaning.name && nameWasIntroduced(input.text) ? meaning.name : input.text;
          break;
        case 'request_service': {
          const said = wantOf(meaning, input.text);
          // What was said before (words, a photo) is kept with what is said now.
          const { problem: _said, ...rest } = said;
          const before = state.want ? { ...state.want, ...rest } : rest;
          const want = said.problem?.text ? wantWithMore(before, said.problem.text) : before;
          const next = { ...state, want };
          // More of the same request in a row ("necesito plomero", "¡urgente!", "se inunda el
          // baño"): a short note, not the whole question again (its buttons are still on screen).
          const earlier = state.want;
          if (earlier && (earlier.service || earlier.urgent || earlier.problem))
            return stay(next, say(locale, 'name.keepMore'));
          return stay(next, ...prompt(next, env, t(locale, 'name.keepWantLead')));
        }
        case 'language':
          return meaning.locale
            ? switchLocale(state, meaning.locale, env)
            : stay(state, languageQuestion(locale));
        case 'provider_signup': {
          const trades = tradesIn(input.text);
          const next = {
            ...state,
            then: 'provider' as const,
            ...(trades.length > 0 ? { want: { ...state.want, trades } } : {}),
          };
          return stay(next, ...prompt(next, env, t(locale, 'name.first')));
        }
        case 'greeting':
          return stay(state, ...prompt(state, env, t(locale, 'name.greeting')));
        default: {
          // "No quiero dar mi nombre": never blocked on it; their WhatsApp name will do.
          if (refusesName(input.text) && state.suggested) {
            raw = state.suggested;
            declined = true;
            break;
          }
          // "no", "¿para qué?", "jaja", "prefiero no decir": not a name; say why we ask.
          if (notAName(input.text) || /[?¿]/.test(input.text))
            return stay(state, ...prompt(state, env, t(locale, 'name.why')));
          // Something else: a plain name that the reader did not recognise is still a name.
          const check = validateName(input.text);
          // A request already said, then more about it ("se me inunda el baño"): kept with it.
          if (
            state.want &&
            (!check.ok || looksLikeSentence(input.text)) &&
            describesProblem(input.text)
          ) {
            const next = { ...state, want: wantWithMore(state.want, input.text) };
            return stay(next, say(locale, 'name.keepMore'));
          }
          if (!check.ok || looksLikeSentence(input.text))
            return stay(
              state,
              ...prompt(state, env, t(locale, check.ok ? 'name.notAName' : `name.${check.reason}`)),
            );
          raw = check.name;
        }
      }
  }
  if (raw === null) return null;
  const check = validateName(raw);
  if (!check.ok)
    return stay(state, ...prompt(state, env, t(state.profile.locale, `name.${check.reason}`)));
  return stay(
    { ...state, saving: check.name, ...(declined ? { declined: true as const } : {}) },
    // A new user's language may have been chosen by their first message: store it with the name.
    call(
      'saveUser',
      state.profile.locale === 'en' ? { name: check.name, locale: 'en' } : { name: check.name },
      tag('name.save'),
    ),
  );
}

export function nameSaved(
  state: StateOf<'askName'>,
  result: OperationResultOf<'saveUser'>,
  env: Env,
): StepResult | null {
  if (state.saving === null || !result.tag?.startsWith('name.save')) return null;
  const locale = state.profile.locale;
  if (!result.ok) {
    const retry = { ...state, saving: null };
    return stay(retry, ...prompt(retry, env, t(locale, 'error.temporary')));
  }
  const profile = { ...state.profile, name: result.output.user.name ?? state.saving };
  const lead = state.declined
    ? t(locale, 'name.keptWhatsApp', { name: profile.name })
    : t(locale, 'name.saved', { name: profile.name });
  if (state.then === 'provider') {
    const trade = state.want?.service;
    const trades = state.want?.trades;
    const next: ActiveState = {
      name: 'provName',
      profile,
      draft: { name: '', serviceIds: [], place: null },
      ...(trade ? { trade } : {}),
      ...(trades && trades.length > 0 ? { trades } : {}),
    };
    return stay(next, ...prompt(next, env, lead));
  }
  if (state.want) return startRequest(withProfile(state, profile), { ...state.want, greet: true });
  if (state.changing)
    return stay(
      mainMenuState(profile),
      menuMessage(profile, t(locale, 'name.changed', { name: profile.name ?? '' })),
    );
  return stay(mainMenuState(profile), menuMessage(profile, lead));
}

/** An address typed at the name question, as the provider will read it; null when it is not one. */
function addressBeforeName(text: string, intent: Intent): string | null {
  if (intent === 'request_service') return null; // the request keeps its own address (wantOf)
  // "CP 06700" is a postal code; a bare "12345" at "¿Cómo te llamas?" is not taken for one.
  const code = /\p{L}/u.test(text) ? postalCode(text) : null;
  if (code) return code;
  if (plainlyAnAddress(text))
    return sanitizeUserText(addressText(text), { maxLength: 160 }) || null;
  // "Durango 200, Roma Norte": a street, its number and a colonia, and little else.
  const found = addressInMessage(text);
  return found && found.length >= text.trim().length * 0.6
    ? sanitizeUserText(found, { maxLength: 160 }) || null
    : null;
}

/** More words about the trouble, added to what was said ("… · se me inunda el baño"). */
function wantWithMore(want: Want, text: string): Want {
  return { ...want, problem: withMoreWords(want.problem, text) };
}
