/**
 * Taps of the questions that protect a booking and of the visit fee, valid in any state (their ids
 * carry what they need): look for another provider than the one chosen (or than the one holding
 * the request, when the customer asked for someone else), a reason for cancelling
 * an accepted job or keeping it, the customer's answer to a "done" that came too soon (or to
 * "¿Ya terminó?" after their own "ya quedó"), the
 * provider menu's "Costo de visita" and the changes offered in "Mi perfil de proveedor". Null
 * when not one of them.
 */
import type { Env, Input, StepResult } from './env';
import { stay } from './env';
import { prompt } from '../render/prompts';
import { t } from '../locales';
import { findAnother } from './customer/chosen';
import { replaceProviderCall } from './customer/replace';
import { wantGo } from './customer/same-trade';
import { keepJob, reasonChosen } from './customer/cancel';
import { startEditFee } from './provider/fee';
import { startProfileEdit } from './provider/profile';
import { answerDone, closeJob } from './customer/confirm-done';
import type { ActiveState } from '../state';

export function anywhereTap(state: ActiveState, input: Input, env: Env): StepResult | null {
  if (input.kind !== 'tap' || !input.tap) return null;
  if (state.name === 'askName' && !state.changing) return null; // the name comes first
  const tap = input.tap;
  switch (tap.kind) {
    case 'req.replace':
      return findAnother(state, tap.requestId, env);
    case 'want.go':
      return wantGo(state);
    case 'req.change':
      return replaceProviderCall(state, tap.requestId, env);
    case 'req.why':
      return reasonChosen(state, tap.requestId, tap.reason, env);
    case 'req.keep':
      return keepJob(state, tap.requestId);
    case 'menu.fee':
      return startEditFee(state, env);
    case 'prof.services':
      return startProfileEdit(state, 'services', env);
    case 'prof.base':
      return startProfileEdit(state, 'base', env);
    case 'prof.radius':
      return startProfileEdit(state, 'radius', env);
    case 'job.confirm':
    case 'job.notYet':
      return answerDone(state, tap.requestId, tap.kind === 'job.confirm', env);
    case 'job.close':
      return closeJob(state, tap.requestId, env);
    case 'job.open':
      return stay(state, ...prompt(state, env, t(state.profile.locale, 'done.stillOpen')));
    default:
      return null;
  }
}
