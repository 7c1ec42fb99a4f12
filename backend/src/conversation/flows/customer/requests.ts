/** Customer: "my requests" — the list and the detail of one. */
import { t } from '../../locales';
import type { OperationResultOf } from '../../operations';
import { requestDetail } from '../../render/customer';
import { menuMessage } from '../../render/menu';
import { prompt } from '../../render/prompts';
import type { ActiveState, StateOf } from '../../state';
import { pickNumber } from '../../text/words';
import type { Env, Input, StepResult } from '../env';
import { stay } from '../env';

export function requestsLoaded(
  state: ActiveState,
  result: OperationResultOf<'listMyRequests'>,
  env: Env,
): StepResult {
  const locale = state.profile.locale;
  if (!result.ok) return stay(state, menuMessage(state.profile, t(locale, 'error.temporary')));
  const requests = result.output.requests.slice(0, 10);
  if (requests.length === 0)
    return stay(
      state,
      menuMessage(
        state.profile,
        t(locale, state.profile.provider ? 'requests.noneProvider' : 'requests.none'),
      ),
    );
  const next: ActiveState = { name: 'myRequests', profile: state.profile, requests };
  return stay(next, ...prompt(next, env));
}

export function myRequestsInput(
  state: StateOf<'myRequests'>,
  input: Input,
  env: Env,
): StepResult | null {
  let requestId: number | null = null;
  if (input.kind === 'tap' && input.tap?.kind === 'req.show') requestId = input.tap.requestId;
  if (input.kind === 'text') {
    const n = pickNumber(input.text);
    requestId = n === null ? null : (state.requests[n - 1]?.requestId ?? null);
  }
  const request = state.requests.find((r) => r.requestId === requestId);
  return request ? stay(state, requestDetail(state.profile.locale, env, request)) : null;
}
