/**
 * "Cancelar" in the middle of a booking or a sign-up is taken back at once: the step cancelled
 * is kept with the menu, and "seguir" / "no espera, sí lo necesito" / "actually I still need it"
 * as the next message picks it up where it was (a lookup in flight is asked again).
 */
import { t } from '../locales';
import { menuMessage } from '../render/menu';
import { prompt } from '../render/prompts';
import { RESUMABLE, type ActiveState, type ResumableState, type StateOf } from '../state';
import { takesBackCancel } from '../understanding/understand';
import type { Env, Input, StepResult } from './env';
import { stay } from './env';

function resumable(state: ActiveState): state is ResumableState {
  return (RESUMABLE as readonly string[]).includes(state.name);
}

/** "Cancelar" from a step that can be taken back: the menu, remembering the step. Null otherwise. */
export function cancelResumable(state: ActiveState): StepResult | null {
  if (!resumable(state)) return null;
  const next: StateOf<'mainMenu'> = { name: 'mainMenu', profile: state.profile, resume: state };
  return stay(next, menuMessage(state.profile, t(state.profile.locale, 'menu.cancelledResumable')));
}

/** The message right after that "cancelar" takes it back: the step again, as it was. */
export function resumeCancelled(
  state: StateOf<'mainMenu'>,
  input: Input,
  env: Env,
): StepResult | null {
  if (!state.resume || input.kind !== 'text' || !takesBackCancel(input.text)) return null;
  const back = settled({ ...state.resume, profile: state.profile } as ResumableState);
  return stay(back, ...prompt(back, env, t(state.profile.locale, 'menu.resumed')));
}

/** A lookup or a file that was in flight when it was cancelled is asked for again. */
function settled(state: ResumableState): ResumableState {
  switch (state.name) {
    case 'shareLocation': {
      const { typed: _typed, confirm: _confirm, ...rest } = state;
      return { ...rest, place: null };
    }
    case 'describeProblem':
      return { ...state, saving: 0 };
    default:
      return state;
  }
}
