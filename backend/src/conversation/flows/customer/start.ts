/** Starting a request for what was asked (the trade, the hurry, the problem, a place already given). */
import type { ActiveState, Want } from '../../state';
import type { StepResult } from '../env';
import { call, mainMenuState, stay } from '../env';
import { tag } from '../tags';

/** Start a request for what was asked: straight to the location when the service is known. */
export function startRequest(state: ActiveState, want: Want): StepResult {
  // A pin already shared (from the menu) stays the place of what is asked for now, unless an
  // address comes with the request.
  const earlier = 'want' in state ? state.want?.place : undefined;
  const next: ActiveState = {
    ...mainMenuState(state.profile),
    want: earlier && !want.place && !want.address ? { ...want, place: earlier } : want,
  } as ActiveState;
  return stay(next, call('listServiceTypes', {}, tag('services.customer')));
}
