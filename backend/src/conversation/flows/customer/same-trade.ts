/**
 * A request for the trade of a request still open ("¿me puede traer un tinaco?" while the plumber
 * is on the way, "necesito plomero" again an hour later): that request's news and its provider's
 * contact first, with "Pedir otro aparte"; a second job is never started by a message about the
 * first. Looked up only when the customer's last request was for that trade.
 */
import { IN_PROGRESS } from '../../../shared/marketplace-status';
import type { OperationResultOf } from '../../operations';
import { sameTradeOpenMessage } from '../../render/customer';
import type { ActiveState, StateOf, Want } from '../../state';
import type { Env, StepResult } from '../env';
import { call, stay } from '../env';
import { tag } from '../tags';
import { startRequest } from './start';
import { tradeOf } from './switch-service';

export function requestUnlessOpen(state: ActiveState, want: Want): StepResult {
  const last = state.profile.lastRequest;
  if (!want.service || !last || tradeOf(last.serviceName) !== want.service)
    return startRequest(state, want);
  const next: StateOf<'mainMenu'> = { name: 'mainMenu', profile: state.profile, want };
  return stay(
    next,
    call(
      'listMyRequests',
      { customerUserId: state.profile.userId, limit: 10 },
      tag('requests.before'),
    ),
  );
}

/** The customer's requests are known: the open one of that trade first, or on with the request. */
export function openFirstLoaded(
  state: ActiveState,
  result: OperationResultOf<'listMyRequests'>,
  env: Env,
): StepResult {
  // Moved on meanwhile (another message was read first): nothing to do.
  if (state.name !== 'mainMenu' || !state.want) return stay(state);
  const want = state.want;
  if (!result.ok) return startRequest(state, want);
  const open = result.output.requests.find(
    (r) => IN_PROGRESS.includes(r.status) && tradeOf(r.serviceName) === want.service,
  );
  if (!open) return startRequest(state, want);
  return stay(state, sameTradeOpenMessage(state.profile.locale, env, open));
}

/** "Pedir otro aparte": the request held, after all (or a new one from the list). */
export function wantGo(state: ActiveState): StepResult {
  return state.name === 'mainMenu' && state.want
    ? startRequest(state, state.want)
    : startRequest(state, {});
}
