/**
 * Cancelling an accepted job: never with one tap. cancelRequest answers `confirm` for an accepted
 * job without a reason; the customer then picks a reason from a short list (picking one is the
 * confirmation), or "Otro motivo" and types it, or keeps the job. The provider is told why.
 */
import { IN_PROGRESS } from '../../../shared/marketplace-status';
import type { CancelReason, OperationResultOf } from '../../operations';
import { t } from '../../locales';
import { CANCEL_REASONS } from '../../render/cancel';
import { menuMessage } from '../../render/menu';
import { prompt } from '../../render/prompts';
import type { ActiveState, StateOf } from '../../state';
import { sanitizeUserText, stripPhoneNumbers, stripUrls } from '../../text/sanitize';
import { pickNumber } from '../../text/words';
import type { Env, Input, StepResult } from '../env';
import { mainMenuState, stay } from '../env';
import { cancelRequestCall } from '../global';
import { requestsLoaded } from './requests';

type Confirm = Extract<
  Extract<OperationResultOf<'cancelRequest'>, { ok: true }>['output'],
  { status: 'confirm' }
>;

const NOTE_MAX = 200;
const NOTE_MIN = 3;

/** The job was accepted: ask "are you sure, and why?" (the reasons list). */
export function cancelConfirm(state: ActiveState, out: Confirm, env: Env): StepResult {
  const next: ActiveState = {
    name: 'cancelWhy',
    profile: state.profile,
    requestId: out.requestId,
    service: out.serviceName,
    providerName: out.providerName,
  };
  return stay(next, ...prompt(next, env));
}

/** The dialog was about cancelling this request (so, once cancelled, it goes back to the menu). */
export function cancelledWithReason(state: ActiveState, requestId: number): boolean {
  return (
    (state.name === 'cancelWhy' || state.name === 'cancelNote') && state.requestId === requestId
  );
}

/** A reason tapped (1-based index of CANCEL_REASONS), in any state. */
export function reasonChosen(
  state: ActiveState,
  requestId: number,
  index: number,
  env: Env,
): StepResult | null {
  const reason = CANCEL_REASONS[index - 1];
  if (!reason) return null;
  if (reason.code !== 'other')
    return cancelWith(state, requestId, { code: reason.code, note: null });
  if (cancelledWithReason(state, requestId)) {
    const s = state as StateOf<'cancelWhy' | 'cancelNote'>;
    const next: ActiveState = { ...s, name: 'cancelNote' };
    return stay(next, ...prompt(next, env));
  }
  // An old list: ask again (cancelRequest answers `confirm` with who took the job).
  return stay(state, cancelRequestCall(state, requestId));
}

/** "No cancelar": nothing changes. */
export function keepJob(state: ActiveState, requestId: number): StepResult {
  const lead = t(state.profile.locale, 'cancel.kept');
  if (cancelledWithReason(state, requestId) || state.name === 'mainMenu')
    return stay(mainMenuState(state.profile), menuMessage(state.profile, lead));
  return stay(state, menuMessage(state.profile, lead));
}

/** The reasons list is open: a row number picks a reason. */
export function cancelWhyInput(
  state: StateOf<'cancelWhy'>,
  input: Input,
  env: Env,
): StepResult | null {
  if (input.kind !== 'text') return null;
  const n = pickNumber(input.text);
  if (n === null) return null;
  if (n === CANCEL_REASONS.length + 1) return keepJob(state, state.requestId);
  return reasonChosen(state, state.requestId, n, env);
}

/** "Otro motivo": the customer's own words, cleaned (no links or phone numbers reach the provider). */
export function cancelNoteInput(
  state: StateOf<'cancelNote'>,
  input: Input,
  env: Env,
): StepResult | null {
  if (input.kind !== 'text') return null;
  const note = stripPhoneNumbers(stripUrls(sanitizeUserText(input.text, { maxLength: NOTE_MAX })));
  if ([...note.replace(/[^\p{L}\p{N}]/gu, '')].length < NOTE_MIN)
    return stay(state, ...prompt(state, env, t(state.profile.locale, 'cancel.noteTooShort')));
  return cancelWith(state, state.requestId, { code: 'other', note });
}

function cancelWith(state: ActiveState, requestId: number, reason: CancelReason): StepResult {
  return stay(state, cancelRequestCall(state, requestId, reason));
}

/**
 * "cancelar" from the menu: the one open request is cancelled (an accepted job asks why first);
 * with several, the list to pick from; with none, "nothing to cancel".
 */
export function cancelLookup(
  state: ActiveState,
  result: OperationResultOf<'listMyRequests'>,
  env: Env,
): StepResult {
  const locale = state.profile.locale;
  if (!result.ok) return stay(state, menuMessage(state.profile, t(locale, 'error.temporary')));
  const open = result.output.requests.filter((r) => IN_PROGRESS.includes(r.status));
  if (open.length === 0)
    return stay(state, menuMessage(state.profile, t(locale, 'menu.nothingToCancel')));
  if (open.length === 1) return stay(state, cancelRequestCall(state, open[0]!.requestId));
  return requestsLoaded(state, { ...result, output: { requests: open } }, env);
}
