/** Customer: rating a finished job (stars from a list, then an optional comment). */
import { t } from '../../locales';
import type { Notices } from '../../notices';
import type { OperationResultOf } from '../../operations';
import { doneQuestion, ratingList } from '../../render/customer';
import { serviceName } from '../../render/format';
import { menuMessage } from '../../render/menu';
import { prompt } from '../../render/prompts';
import type { ActiveState, StateOf } from '../../state';
import { displayName, sanitizeUserText, stripUrls } from '../../text/sanitize';
import {
  normalizeWords,
  nothingToAdd,
  parseStars,
  starsInText,
  starsInWords,
  thumbsUp,
} from '../../text/words';
import type { Env, Input, StepResult } from '../env';
import { call, mainMenuState, stay } from '../env';
import { timerIds } from '../../timers';
import { rateStars } from '../global';
import { wantOf } from '../understood';
import { startRequest } from './start';
import { say } from '../../render/out';
import { normalize } from '../../understanding/normalize';
import { understand } from '../../understanding/understand';
import { tag } from '../tags';

/** States the "please rate" question may replace; elsewhere it does not interrupt the dialog. */
const INTERRUPTIBLE = new Set<ActiveState['name']>([
  'mainMenu',
  'awaitingProvider',
  'myRequests',
  'rateJob',
  'rateComment',
]);

/** The provider marked the job done: the customer confirms it first ("¿Quedó listo?"), then rates. */
export function jobCompleted(
  state: ActiveState,
  data: Notices['jobCompleted'],
  env: Env,
): StepResult {
  // Job lifecycle switched off (feature flag `job_lifecycle`): straight to the stars, no reminder.
  if (!env.flags.job_lifecycle) return askStars(state, data, env, { remind: false });
  const locale = state.profile.locale;
  const name = displayName(data.providerName, 60);
  const service = serviceName(locale, data.serviceName);
  const next: ActiveState = INTERRUPTIBLE.has(state.name)
    ? {
        name: 'rateJob',
        profile: state.profile,
        requestId: data.requestId,
        providerName: data.providerName,
        confirmed: false,
      }
    : state;
  return stay(
    next,
    doneQuestion(locale, data.requestId, t(locale, 'rate.confirm', { name, service }), [
      name,
      service,
    ]),
    {
      kind: 'startTimer',
      timerId: timerIds.rateReminder(data.requestId),
      delayMs: env.rateReminderMs,
      timer: 'rateReminder',
      data: { requestId: data.requestId },
    },
  );
}

/**
 * The customer already confirmed the job is done (the too-early "done" they confirmed): straight
 * to the stars, with the reminder.
 */
export function askStars(
  state: ActiveState,
  data: Notices['jobCompleted'],
  env: Env,
  { remind = true, saidDone = false }: { remind?: boolean; saidDone?: boolean } = {},
): StepResult {
  const locale = state.profile.locale;
  const name = displayName(data.providerName, 60);
  const service = serviceName(locale, data.serviceName);
  const next: ActiveState = INTERRUPTIBLE.has(state.name)
    ? {
        name: 'rateJob',
        profile: state.profile,
        requestId: data.requestId,
        providerName: data.providerName,
        confirmed: true,
      }
    : state;
  // `saidDone`: the customer just said it is done ("ya quedó"), not the provider.
  const ask = t(locale, saidDone ? 'rate.promptSaidDone' : 'rate.prompt', { name, service });
  const list = ratingList(locale, data.requestId, ask, [name, service]);
  if (!remind) return stay(next, list);
  return stay(next, list, {
    kind: 'startTimer',
    timerId: timerIds.rateReminder(data.requestId),
    delayMs: env.rateReminderMs,
    timer: 'rateReminder',
    data: { requestId: data.requestId },
  });
}

/** "Sí, quedó": the stars. */
export function doneConfirmed(state: ActiveState, requestId: number, env: Env): StepResult {
  const providerName =
    state.name === 'rateJob' && state.requestId === requestId ? state.providerName : '';
  const next: ActiveState = {
    name: 'rateJob',
    profile: state.profile,
    requestId,
    providerName,
    confirmed: true,
  };
  return stay(next, ...prompt(next, env, t(state.profile.locale, 'rate.confirmed')));
}

/** "Aún no": the job goes back to the provider, who is told. */
export function notDoneYet(state: ActiveState, requestId: number, env: Env): StepResult {
  return stay(
    state.name === 'rateJob' ? mainMenuState(state.profile) : state,
    call(
      'reopenJob',
      { idempotencyKey: env.eventId, requestId, customerUserId: state.profile.userId },
      tag('job.reopen', requestId),
    ),
  );
}

export function jobReopened(
  state: ActiveState,
  result: OperationResultOf<'reopenJob'>,
  env: Env,
): StepResult {
  const locale = state.profile.locale;
  if (!result.ok) return stay(state, ...prompt(state, env, t(locale, 'error.temporary')));
  const out = result.output;
  if (out.status !== 'reopened')
    return stay(state, ...prompt(state, env, t(locale, 'rate.cannotReopen')));
  return stay(
    state,
    {
      kind: 'notify',
      to: out.provider.conversationKey,
      notice: 'jobReopened',
      data: { requestId: out.requestId, serviceName: out.serviceName },
    },
    { kind: 'cancelTimer', timerId: timerIds.rateReminder(out.requestId) },
    ...prompt(state, env, t(locale, 'rate.reopened', { name: displayName(out.provider.name, 60) })),
  );
}

/** The reminder fired: ask what happened, unless the job was rated (or reopened) meanwhile. */
export function rateReminderFired(state: ActiveState, requestId: number): StepResult {
  return stay(
    state,
    call(
      'ratingStatus',
      { requestId, customerUserId: state.profile.userId },
      tag('rate.reminder', requestId),
    ),
  );
}

export function ratingStatusLoaded(
  state: ActiveState,
  result: OperationResultOf<'ratingStatus'>,
): StepResult {
  if (!result.ok) return stay(state);
  const out = result.output;
  if (!out.done || out.rated || !out.providerName || !out.serviceName) return stay(state);
  const locale = state.profile.locale;
  const name = displayName(out.providerName, 60);
  const service = serviceName(locale, out.serviceName);
  // Outside the 24 h window the list goes out as the approved `rating` template.
  return stay(
    state,
    ratingList(locale, out.requestId, t(locale, 'rate.reminder', { name, service }), [
      name,
      service,
    ]),
  );
}

export function rateJobInput(state: StateOf<'rateJob'>, input: Input, env: Env): StepResult | null {
  if (input.kind !== 'text') return null;
  const stars = parseStars(input.text);
  // Stars given straight away also say the job is done.
  if (stars !== null) return rateStars(state, state.requestId, stars, env);
  // "Sí, todo bien, le doy 5 estrellas, muy puntual": the stars, then the rest as the comment.
  const mixed = starsInText(input.text);
  if (mixed) {
    const next = mixed.comment ? { ...state, comment: mixed.comment } : state;
    return rateStars(next, state.requestId, mixed.stars, env);
  }
  if (state.confirmed !== false) {
    // "Excelente, muy puntual", "mal, llegó tarde": the rows' words are the stars; the rest, the comment.
    const worded = starsInWords(input.text);
    if (!worded) return null;
    const next = worded.comment ? { ...state, comment: worded.comment } : state;
    return rateStars(next, state.requestId, worded.stars, env);
  }
  const answer = doneAnswer(input.text);
  if (answer === 'yes') return doneConfirmed(state, state.requestId, env);
  if (answer === 'no') return notDoneYet(state, state.requestId, env);
  return null;
}

/** Phrases that say the job is not finished ("aún no", "todavía le falta", "not yet"). */
const NOT_DONE =
  /\b(aun no|todavia no|no ha terminado|no termino|no quedo|no esta listo|falta|le falta|sigue|no vino|nunca vino|no llego|nunca llego|no se presento|not yet|not done|not finished|unfinished|never came|never showed)\b/;
/** Phrases that say it is ("ya quedó", "sí quedó", "ya terminó", "all done"). */
const DONE =
  /\b(quedo|ya termino|termino bien|esta listo|ya esta|todo bien|all done|it is done|finished|done)\b/;

/** A typed answer to "¿Quedó listo?": yes, no, or not an answer. */
export function doneAnswer(text: string): 'yes' | 'no' | null {
  const { text: words } = normalize(text);
  if (NOT_DONE.test(words)) return 'no';
  const intent = understand(text).intent;
  if (intent === 'deny') return 'no';
  if (intent === 'affirm' || DONE.test(words)) return 'yes';
  return null;
}

/** "Necesito", "ocupo", "busco", "I need": asking for someone, not describing someone. */
function asksForSomeone(text: string): boolean {
  return /\b(?:necesito|ocupo|busco|requiero|me urge|ocupamos|necesitamos|i need|we need|looking for)\b/.test(
    normalizeWords(text),
  );
}

/** Result of saving the stars (from any state: the rating list works wherever it is tapped). */
export function starsSaved(
  state: ActiveState,
  result: OperationResultOf<'rateJob'>,
  env: Env,
): StepResult {
  const locale = state.profile.locale;
  if (!result.ok) return stay(state, ...prompt(state, env, t(locale, 'error.temporary')));
  const out = result.output;
  if (out.status === 'locked') return stay(state, ...prompt(state, env, t(locale, 'rate.locked')));
  if (out.status === 'not_allowed') {
    const next =
      state.name === 'rateJob' && state.requestId === out.requestId
        ? mainMenuState(state.profile)
        : state;
    return stay(next, ...prompt(next, env, t(locale, 'rate.notAllowed')));
  }
  const next: ActiveState = {
    name: 'rateComment',
    profile: state.profile,
    requestId: out.requestId,
    providerName: out.provider.name,
    stars: out.stars,
  };
  // The provider hears of the rating, and of a change to it within the edit window.
  const notify =
    out.first || out.changed
      ? [
          {
            kind: 'notify' as const,
            to: out.provider.conversationKey,
            notice: 'ratingReceived' as const,
            data: {
              requestId: out.requestId,
              stars: out.stars,
              ratingAvg: out.provider.ratingAvg,
              ratingCount: out.provider.ratingCount,
              ...(out.first ? {} : { updated: true }),
            },
          },
        ]
      : [];
  // A comment said with the stars is saved now instead of being asked for.
  const said =
    state.name === 'rateJob' && state.requestId === out.requestId ? state.comment : undefined;
  const then = said ? saveComment(next, said, env) : stay(next, ...prompt(next, env));
  return stay(
    then.state,
    ...notify,
    { kind: 'cancelTimer', timerId: timerIds.rateReminder(out.requestId) },
    ...then.commands,
  );
}

export function rateCommentInput(
  state: StateOf<'rateComment'>,
  input: Input,
  env: Env,
): StepResult | null {
  const locale = state.profile.locale;
  if (
    input.kind === 'tap' &&
    input.tap?.kind === 'rate.skip' &&
    input.tap.requestId === state.requestId
  ) {
    return stay(mainMenuState(state.profile), menuMessage(state.profile, t(locale, 'rate.thanks')));
  }
  if (input.kind !== 'text') return null;
  // "no", "nada", "no gracias", 👍: no comment (never saved as a comment the provider would read as one).
  if (nothingToAdd(input.text) || thumbsUp(input.text))
    return stay(mainMenuState(state.profile), menuMessage(state.profile, t(locale, 'rate.thanks')));
  // "Ahora necesito un electricista": a new request, not a review the provider would read (a
  // trade named in a review, "súper amable y limpio", is still the review: it takes "necesito").
  const meaning = understand(input.text);
  if (meaning.intent === 'request_service' && meaning.service && asksForSomeone(input.text)) {
    const next = startRequest(mainMenuState(state.profile), wantOf(meaning, input.text));
    return stay(next.state, say(locale, 'rate.thanks'), ...next.commands);
  }
  return saveComment(state, input.text, env);
}

/** Save the comment of a rating (kept up to the limit; the customer is told when it was cut). */
function saveComment(state: StateOf<'rateComment'>, text: string, env: Env): StepResult {
  const locale = state.profile.locale;
  const whole = stripUrls(sanitizeUserText(text));
  const comment = stripUrls(sanitizeUserText(text, { maxLength: MAX_COMMENT }));
  if ([...comment].length < 2)
    return stay(state, ...prompt(state, env, t(locale, 'rate.commentTooShort')));
  // Long comments are kept up to the limit, and the customer is told (never cut silently).
  return stay(
    { ...state, saving: comment, ...(whole.length > comment.length ? { cut: true } : {}) },
    call(
      'rateJob',
      {
        idempotencyKey: env.eventId,
        requestId: state.requestId,
        customerUserId: state.profile.userId,
        stars: state.stars,
        comment,
      },
      tag('rate.comment', state.requestId),
    ),
  );
}

export function commentSaved(
  state: StateOf<'rateComment'>,
  result: OperationResultOf<'rateJob'>,
  env: Env,
  comment: string | null,
): StepResult {
  const locale = state.profile.locale;
  if (!result.ok) return stay(state, ...prompt(state, env, t(locale, 'error.temporary')));
  const out = result.output;
  if (out.status === 'locked')
    return stay(mainMenuState(state.profile), menuMessage(state.profile, t(locale, 'rate.locked')));
  const thanks = t(locale, state.cut ? 'rate.thanksCut' : 'rate.thanks', { max: MAX_COMMENT });
  const tell =
    out.status === 'saved' && comment
      ? [
          {
            kind: 'notify' as const,
            to: out.provider.conversationKey,
            notice: 'ratingComment' as const,
            data: { requestId: out.requestId, stars: out.stars, comment },
          },
        ]
      : [];
  return stay(mainMenuState(state.profile), ...tell, menuMessage(state.profile, thanks));
}

/** Characters of a rating comment kept. */
export const MAX_COMMENT = 500;
