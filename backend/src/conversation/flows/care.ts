/**
 * Human help and privacy, as pure functions (state + input → state + commands) that the router
 * calls for the understanding layer's intents (`human`, `opt_out`, `opt_in`, `delete_data`), the
 * menu's "talk to a person" row and a provider's appeal button.
 *
 * - Handoff: `askForHuman` asks for `openHandoff`; from then on the runner records the person's
 *   messages for the console instead of running the step (conversation/runner/drain.ts), until an
 *   operator hands the conversation back (notice `handoffReturned`) or the timeout fires (timer
 *   `handoffTimeout` → `closeHandoff`). Either way the person is told and gets the menu.
 * - Opt-out / opt-in: recorded by `setOptOut`; the sender honours it (outbound/sender.ts).
 * - Erasure: `askDeleteData` asks to confirm (state `confirmErase`); yes → `eraseMyData`, then the
 *   conversation starts afresh (state null).
 */
import type { Ctx } from '../context';
import type { Locale } from '../locale-types';
import { t } from '../locales';
import type { OperationResult, OperationResultOf } from '../operations';
import { menuMessage } from '../render/menu';
import { confirmErasePrompt } from '../render/care';
import { prompt } from '../render/prompts';
import { paragraphs, say, send } from '../render/out';
import type { ActiveState, StateOf } from '../state';
import { timerIds } from '../timers';
import type { Env, Input, StepResult } from './env';
import { call, mainMenuState, stay } from './env';
import { tag } from './tags';

/* ---------------------------------------------------------------- handoff */

/** Hand the conversation to a person; `said` (what they wrote) opens the transcript. */
export function askForHuman(
  state: ActiveState,
  env: Env,
  reason: 'user' | 'appeal',
  said?: string,
): StepResult {
  // Handoff switched off (feature flag `handoff`): say so honestly, keep the dialog.
  if (!env.flags.handoff)
    return stay(state, ...prompt(state, env, t(state.profile.locale, 'handoff.off')));
  return stay(
    state,
    call(
      'openHandoff',
      { idempotencyKey: env.eventId, reason, ...(said ? { said } : {}) },
      tag(reason === 'appeal' ? 'handoff.appeal' : 'handoff.open'),
    ),
  );
}

export function handoffOpened(
  state: ActiveState,
  result: OperationResultOf<'openHandoff'>,
  env: Env,
): StepResult {
  const locale = state.profile.locale;
  if (!result.ok) return stay(state, say(locale, 'error.temporary'));
  const { handoffId, created } = result.output;
  if (!created) return stay(state, say(locale, 'handoff.already'));
  const lead = result.tag?.startsWith('handoff.appeal') ? t(locale, 'handoff.appeal') : null;
  return stay(state, send({ type: 'text', body: paragraphs(lead, waitText(locale, env)) }), {
    kind: 'startTimer',
    timerId: timerIds.handoff(handoffId),
    delayMs: env.care.handoffTimeoutMs,
    timer: 'handoffTimeout',
    data: { handoffId },
  });
}

/** What the person is told about the wait: minutes in business hours, the hours otherwise. */
export function waitText(locale: Locale, ctx: Ctx): string {
  const { hours, utcOffsetMinutes, expectedWaitMinutes } = ctx.care;
  if (inBusinessHours(ctx.now, hours, utcOffsetMinutes))
    return t(locale, 'handoff.opened', { minutes: expectedWaitMinutes });
  return t(locale, 'handoff.openedLater', {
    open: clock(hours.openMinute),
    close: clock(hours.closeMinute),
  });
}

const DAY_MS = 86_400_000;

/** Whether `now` (epoch ms) falls in business hours, in the business's local time. */
export function inBusinessHours(
  now: number,
  hours: Ctx['care']['hours'],
  utcOffsetMinutes: number,
): boolean {
  const local = now + utcOffsetMinutes * 60_000;
  const days = Math.floor(local / DAY_MS);
  // 1970-01-01 was a Thursday (ISO weekday 4).
  const isoWeekday = ((((days + 3) % 7) + 7) % 7) + 1;
  const minute = Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
  return (
    hours.days.includes(isoWeekday) && minute >= hours.openMinute && minute < hours.closeMinute
  );
}

function clock(minuteOfDay: number): string {
  const h = Math.floor(minuteOfDay / 60);
  const m = minuteOfDay % 60;
  return `${h}:${String(m).padStart(2, '0')}`;
}

/** Nobody answered in time: close the handoff (unless an operator already did). */
export function handoffTimedOut(state: ActiveState, data: { handoffId: number }): StepResult {
  return stay(
    state,
    call(
      'closeHandoff',
      { handoffId: data.handoffId, by: 'timeout' },
      tag('handoff.timeout', data.handoffId),
    ),
  );
}

export function handoffClosed(
  state: ActiveState,
  result: OperationResultOf<'closeHandoff'>,
): StepResult {
  if (!result.ok || !result.output.closed) return stay(state);
  return backToBot(state, t(state.profile.locale, 'handoff.timedOut'));
}

/** An operator handed the conversation back from the console. */
export function handoffReturned(state: ActiveState, data: { handoffId: number }): StepResult {
  const out = backToBot(state, t(state.profile.locale, 'handoff.returned'));
  return {
    state: out.state,
    commands: [{ kind: 'cancelTimer', timerId: timerIds.handoff(data.handoffId) }, ...out.commands],
  };
}

function backToBot(state: ActiveState, lead: string): StepResult {
  if (state.name === 'askName') return stay(state, send({ type: 'text', body: lead }));
  return stay(mainMenuState(state.profile), menuMessage(state.profile, lead));
}

/* ---------------------------------------------------------------- opt-out */

/** `env` is accepted for the router's uniform call (`optOut(state, env)`); nothing in it is needed. */
export function optOut(state: ActiveState, _env?: Env): StepResult {
  return stay(state, call('setOptOut', { optedOut: true }, tag('care.optOut')));
}

export function optIn(state: ActiveState, _env?: Env): StepResult {
  return stay(state, call('setOptOut', { optedOut: false }, tag('care.optIn')));
}

export function optOutSaved(
  state: ActiveState,
  result: OperationResultOf<'setOptOut'>,
): StepResult {
  const locale = state.profile.locale;
  if (!result.ok) return stay(state, say(locale, 'error.temporary'));
  return stay(
    state,
    say(locale, result.tag?.startsWith('care.optIn') ? 'care.optedIn' : 'care.optedOut'),
  );
}

/* ---------------------------------------------------------------- erasure */

export function askDeleteData(state: ActiveState, _env?: Env): StepResult {
  const next: ActiveState = { name: 'confirmErase', profile: state.profile, erasing: false };
  return stay(next, confirmErasePrompt(state.profile.locale));
}

/** In `confirmErase`: the buttons (or a typed yes/no); null lets the router handle the rest. */
export function confirmEraseInput(
  state: StateOf<'confirmErase'>,
  input: Input,
  env: Env,
): StepResult | null {
  const locale = state.profile.locale;
  const answer =
    input.kind === 'tap' && input.tap?.kind === 'care.eraseYes'
      ? 'yes'
      : input.kind === 'tap' && input.tap?.kind === 'care.eraseNo'
        ? 'no'
        : input.kind === 'text'
          ? typedAnswer(input.text)
          : null;
  if (answer === null) return null;
  if (state.erasing) return stay(state, say(locale, 'care.erasing'));
  if (answer === 'no')
    return stay(mainMenuState(state.profile), menuMessage(state.profile, t(locale, 'care.kept')));
  return stay(
    { ...state, erasing: true },
    call('eraseMyData', { idempotencyKey: env.eventId }, tag('care.erase')),
  );
}

function typedAnswer(text: string): 'yes' | 'no' | null {
  const word = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\s]/gu, '')
    .trim();
  if (['si', 'si borrar', 'borrar', 'yes', 'yes delete', 'delete'].includes(word)) return 'yes';
  if (['no', 'no conservar', 'conservar', 'no keep it', 'keep'].includes(word)) return 'no';
  return null;
}

export function erasedResult(
  state: ActiveState,
  result: OperationResultOf<'eraseMyData'>,
): StepResult {
  const locale = state.profile.locale;
  if (!result.ok || !result.output.erased) {
    return stay(
      mainMenuState(state.profile),
      menuMessage(state.profile, t(locale, 'error.temporary')),
    );
  }
  // Nothing of the person is kept: the conversation starts afresh if they write again.
  return stay(null, say(locale, 'care.erased'));
}

/* ---------------------------------------------------------------- routing of results */

/** The results of the operations above, whatever the state. */
export function careResult(
  state: ActiveState,
  result: Extract<
    OperationResult,
    { op: 'openHandoff' | 'closeHandoff' | 'setOptOut' | 'eraseMyData' }
  >,
  env: Env,
): StepResult {
  switch (result.op) {
    case 'openHandoff':
      return handoffOpened(state, result, env);
    case 'closeHandoff':
      return handoffClosed(state, result);
    case 'setOptOut':
      return optOutSaved(state, result);
    case 'eraseMyData':
      return erasedResult(state, result);
  }
}

/** The privacy notice line for a first contact, or null when no URL is configured. */
export function privacyNoticeLine(locale: Locale, ctx: Ctx): string | null {
  const url = ctx.care.privacyNoticeUrl;
  return url ? t(locale, 'care.privacyNotice', { url }) : null;
}
