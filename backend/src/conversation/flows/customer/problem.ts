/**
 * Customer: "¿Qué pasa?" — after the service, what is wrong, in words, up to three photos or voice
 * notes (optional: "Continuar" / "Omitir"). What was said earlier counts: a first message that
 * describes the trouble, or a photo with its caption sent from the menu. The problem travels with
 * the request and reaches the providers with the offer.
 */
import type { MediaContent } from '../../events';
import { t } from '../../locales';
import type { OperationResultOf } from '../../operations';
import { send, textMessage } from '../../render/out';
import { prompt } from '../../render/prompts';
import type { ActiveState, ChosenService, Problem, StateOf, Want } from '../../state';
import { sanitizeUserText } from '../../text/sanitize';
import { addressInMessage, plainlyAnAddress, withoutAddress } from '../../text/address';
import { nothingToAdd, thumbsUp } from '../../text/words';
import { normalize } from '../../understanding/normalize';
import { serviceOf, understand, type Intent } from '../../understanding/understand';
import type { Env, Input, StepResult } from '../env';
import { call, mainMenuState, stay } from '../env';
import { tag } from '../tags';
import { placeSaidAddress, searchAt, shareLocationInput } from './location';
import { switchedService } from './switch-service';
import { DESCRIBES, MAX_PROBLEM_TEXT, requestRepeated } from './problem-text';
import { ASIDES } from './asides';

/** Photos and voice notes kept per request. */
export const MAX_PROBLEM_MEDIA = 3;
/** A first message this long already says what is wrong: the question is not asked again. */

const EMPTY: Problem = { text: null, mediaIds: [] };

/** What is said at "¿Qué pasa?" that is not the trouble. */
const NOT_A_PROBLEM: ReadonlySet<Intent> = new Set<Intent>(ASIDES);

/** An address and nothing about the trouble ("Durango 45, col. Roma", not "fuga en la calle 5 de mayo 12"). */
function onlyAnAddress(text: string): boolean {
  return plainlyAnAddress(text) && understand(text).intent !== 'request_service';
}

/** The problem as said so far by a request in free text ("se me metió agua al cuarto, ocupo plomero"). */
export function problemFromText(text: string, short = false): Problem | undefined {
  const clean = sanitizeUserText(text, { maxLength: MAX_PROBLEM_TEXT });
  if (!clean) return undefined;
  return short || clean.split(/\s+/).length >= DESCRIBES
    ? { text: clean, mediaIds: [] }
    : undefined;
}

/** The service is chosen: ask what is wrong, unless it was already said. */
export function afterService(
  state: ActiveState,
  service: ChosenService,
  env: Env,
  want?: Want,
  lead?: string,
): StepResult {
  // "¡Urgente!" said with the request goes with the problem to the providers.
  const said = want?.urgent ? { ...(want.problem ?? EMPTY), urgent: true as const } : want?.problem;
  if (said && (said.text || said.mediaIds.length > 0)) {
    const next: StateOf<'shareLocation'> = {
      name: 'shareLocation',
      profile: state.profile,
      service,
      place: null,
      problem: said,
    };
    // The pin came first: search there at once (the lead still greets and names the service).
    if (want?.place) return led(lead, searchAt(next, want.place, env));
    // The address came with the request: placed, not asked for.
    if (want?.address) return led(lead, placeSaidAddress(next, want.address));
    return stay(next, ...prompt(next, env, lead));
  }
  const next: ActiveState = {
    name: 'describeProblem',
    profile: state.profile,
    service,
    problem: said ?? EMPTY,
    saving: 0,
    ...(want?.place ? { place: want.place } : want?.address ? { address: want.address } : {}),
  };
  return stay(next, ...prompt(next, env, lead));
}

/** A step that asks nothing (a search, a geocoding) with the lead sent first. */
function led(lead: string | undefined, result: StepResult): StepResult {
  return lead ? { ...result, commands: [send(textMessage(lead)), ...result.commands] } : result;
}

function toLocation(state: StateOf<'describeProblem'>, env: Env, lead?: string): StepResult {
  const next: StateOf<'shareLocation'> = {
    name: 'shareLocation',
    profile: state.profile,
    service: state.service,
    place: null,
    problem: state.problem,
  };
  if (state.place) return led(lead, searchAt(next, state.place, env));
  if (state.address) return led(lead, placeSaidAddress(next, state.address));
  return stay(next, ...prompt(next, env, lead));
}

function saveMediaCall(
  state: ActiveState,
  media: MediaContent,
  env: Pick<Env, 'eventId'>,
  tagName: 'media.save' | 'media.early' = 'media.save',
) {
  return call(
    'saveMedia',
    {
      idempotencyKey: env.eventId,
      userId: state.profile.userId,
      mediaId: media.mediaId,
      mediaType: media.mediaType,
      mimeType: media.mimeType,
      ...(media.caption ? { caption: media.caption } : {}),
      ...(media.sha256 ? { sha256: media.sha256 } : {}),
      ...(media.voice ? { voice: true } : {}),
      ...(media.filename ? { filename: media.filename } : {}),
    },
    tag(tagName),
  );
}

/**
 * A photo or voice note sent before anything asked for it (with the first message, or at the
 * name question): fetched and kept now, attached to the problem when it is saved
 * (`earlyMediaSaved`), whatever step the person has reached by then.
 */
export function keepEarlyMedia(state: ActiveState, media: MediaContent, env: Pick<Env, 'eventId'>) {
  return saveMediaCall(state, media, env, 'media.early');
}

/** A want that says a problem is on its way (its files are attached as they are saved). */
export function wantWithProblem(want: Want | undefined, caption?: string): Want {
  const text = caption ? sanitizeUserText(caption, { maxLength: MAX_PROBLEM_TEXT }) || null : null;
  const problem = want?.problem ?? EMPTY;
  return { ...want, problem: { ...problem, text: problem.text ?? text } };
}

/** An early photo or voice note was kept: add it to the problem of the step the person is in. */
export function earlyMediaSaved(
  state: ActiveState,
  result: OperationResultOf<'saveMedia'>,
  env: Env,
): StepResult {
  const out = result.ok ? result.output : null;
  if (!out) return stay(state);
  if (out.status !== 'stored')
    return stay(state, ...prompt(state, env, refusal(state.profile.locale, out)));
  const caption = out.caption
    ? sanitizeUserText(out.caption, { maxLength: MAX_PROBLEM_TEXT }) || null
    : null;
  const add = (problem: Problem | undefined): Problem => ({
    text: problem?.text ?? caption,
    mediaIds: [...(problem?.mediaIds ?? []), out.storedMediaId].slice(0, MAX_PROBLEM_MEDIA),
  });
  switch (state.name) {
    case 'askName':
    case 'mainMenu':
    case 'chooseService':
      return stay({ ...state, want: { ...state.want, problem: add(state.want?.problem) } });
    case 'describeProblem':
    case 'shareLocation':
      return stay({ ...state, problem: add(state.problem) });
    default:
      return stay(state); // the request was already sent: the file stays with the person's media
  }
}

export function describeProblemInput(
  state: StateOf<'describeProblem'>,
  input: Input,
  env: Env,
): StepResult | null {
  const locale = state.profile.locale;
  if (
    input.kind === 'tap' &&
    (input.tap?.kind === 'problem.done' || input.tap?.kind === 'problem.skip')
  )
    return toLocation(state, env);
  // In a hurry, straight to where: a shared location (or a typed address) answers the next question.
  if (input.kind === 'location' || (input.kind === 'text' && onlyAnAddress(input.text))) {
    const where: StateOf<'shareLocation'> = {
      name: 'shareLocation',
      profile: state.profile,
      service: state.service,
      place: null,
      problem: state.problem,
    };
    return shareLocationInput(where, input, env);
  }
  if (input.kind === 'text') {
    // "Mejor un electricista": the service chosen is taken back, not described as the problem.
    const switched = switchedService(state, input.text);
    if (switched) return switched;
    // "Necesito plomero" again or "¡urgente!": nothing to add (never the problem); on to where.
    const repeated = requestRepeated(input.text, state.service.name);
    if (repeated === 'hurry')
      return toLocation(
        { ...state, problem: { ...state.problem, urgent: true } },
        env,
        t(locale, 'want.anyUrgent'),
      );
    if (repeated) return toLocation(state, env);
    const clean = sanitizeUserText(input.text);
    // "no", "nada", "no sé": nothing to add (the question is optional); "hola", "ok": not a problem.
    if (nothingToAdd(clean)) return toLocation(state, env);
    const intent = understand(clean).intent;
    // "ya no lo necesito", "¿cuánto cobran?", "menú": answered for what they are, not kept as the problem.
    if (NOT_A_PROBLEM.has(intent)) return null;
    // "no", "ok", 👍: nothing (more) to add; the question is optional, go on to where.
    if (intent === 'deny' || intent === 'affirm' || thumbsUp(clean)) return toLocation(state, env);
    if (intent === 'greeting' || intent === 'thanks')
      return stay(state, ...prompt(state, env, t(locale, 'problem.unclear')));
    if (!describesProblem(clean))
      return stay(state, ...prompt(state, env, t(locale, 'problem.unclear')));
    // "Se fue la luz, estoy en Durango 200, Roma Norte": the problem, and where (kept apart).
    const address = state.place || state.address ? null : addressInMessage(clean);
    const said = address ? withoutAddress(clean, address) : clean;
    const text = [state.problem.text, said].filter(Boolean).join(' · ');
    const kept = sanitizeUserText(text, { maxLength: MAX_PROBLEM_TEXT });
    const cut = kept.length < text.length;
    return toLocation(
      { ...state, problem: { ...state.problem, text: kept }, ...(address ? { address } : {}) },
      env,
      cut ? t(locale, 'problem.cut', { max: MAX_PROBLEM_TEXT }) : t(locale, 'problem.thanks'),
    );
  }
  if (input.kind === 'media') {
    if (input.mediaType === 'sticker') return null;
    if (state.problem.mediaIds.length + state.saving >= MAX_PROBLEM_MEDIA)
      return stay(
        state,
        ...prompt(state, env, t(locale, 'problem.full', { max: MAX_PROBLEM_MEDIA })),
      );
    return stay({ ...state, saving: state.saving + 1 }, saveMediaCall(state, input, env));
  }
  return null;
}

/** A photo or voice note sent outside "¿Qué pasa?" (e.g. from the menu): keep it and start a request. */
export function mediaOutsideProblem(state: ActiveState, input: Input, env: Env): StepResult | null {
  if (input.kind !== 'media' || input.mediaType === 'sticker') return null;
  if (state.name !== 'mainMenu' && state.name !== 'chooseService') return null;
  return stay(mainMenuState(state.profile), saveMediaCall(state, input, env));
}

/** The file was fetched and kept (or refused): count it, tell how many, and offer to go on. */
export function mediaSaved(
  state: ActiveState,
  result: OperationResultOf<'saveMedia'>,
  env: Env,
): StepResult | null {
  const locale = state.profile.locale;
  const out = result.ok ? result.output : null;
  if (state.name === 'describeProblem') {
    const waiting = { ...state, saving: Math.max(0, state.saving - 1) };
    if (!out) return stay(waiting, ...prompt(waiting, env, t(locale, 'error.temporary')));
    if (out.status !== 'stored')
      return stay(waiting, ...prompt(waiting, env, refusal(locale, out)));
    const caption = out.caption
      ? sanitizeUserText(out.caption, { maxLength: MAX_PROBLEM_TEXT })
      : null;
    const problem: Problem = {
      text: waiting.problem.text ?? caption,
      mediaIds: [...waiting.problem.mediaIds, out.storedMediaId].slice(0, MAX_PROBLEM_MEDIA),
    };
    const next = { ...waiting, problem };
    const count = problem.mediaIds.length;
    if (count >= MAX_PROBLEM_MEDIA && next.saving === 0)
      return toLocation(next, env, t(locale, 'problem.gotAll', { count }));
    return stay(
      next,
      ...prompt(next, env, t(locale, 'problem.got', { count, max: MAX_PROBLEM_MEDIA })),
    );
  }
  if (state.name === 'mainMenu' && out?.status === 'stored') {
    // A photo from the menu: what is wrong, then which service.
    const caption = out.caption
      ? sanitizeUserText(out.caption, { maxLength: MAX_PROBLEM_TEXT })
      : null;
    // "Así está la fuga": the caption may name the trade, then the services list is skipped.
    const service = caption ? understand(caption).service : undefined;
    const address = caption ? addressInMessage(caption) : null;
    const said = caption && address ? withoutAddress(caption, address) || null : caption;
    const want: Want = {
      ...(service ? { service } : {}),
      ...(address ? { address } : {}),
      problem: { text: said, mediaIds: [out.storedMediaId] },
    };
    return stay(
      { ...mainMenuState(state.profile), want } as ActiveState,
      call('listServiceTypes', {}, tag('services.customer')),
    );
  }
  if (state.name === 'mainMenu' && out)
    return stay(state, ...prompt(state, env, refusal(locale, out)));
  return null;
}

function refusal(
  locale: ActiveState['profile']['locale'],
  out: Exclude<OperationResultOf<'saveMedia'>, { ok: false }>['output'],
): string {
  switch (out.status) {
    case 'too_large':
      return t(locale, 'problem.tooLarge', { mb: Math.round(out.maxBytes / (1024 * 1024)) });
    case 'unsupported_type':
      return t(locale, 'problem.unsupported');
    default:
      return t(locale, 'problem.failed');
  }
}

/**
 * Words that can tell a provider something: two real words, or one word of the trade's lexicon
 * ("fuga", "chispas"). Keyboard mashing, emoji alone and one-letter floods are not a problem.
 */
export function describesProblem(text: string): boolean {
  const { tokens } = normalize(text);
  const words = tokens.filter(
    (w) => /\p{L}{2}/u.test(w) && /[aeiouy]/.test(w) && !/(\p{L})\1{3}/u.test(w),
  );
  if (words.length >= 2) return true;
  return words.length === 1 && serviceOf(words) !== null;
}
