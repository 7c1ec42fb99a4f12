/**
 * The visit/diagnosis fee: registration's last (optional) question, and later changes from the
 * provider's menu. An amount in whole pesos (0–10,000), "sin costo de visita" (0) or
 * "a convenir" (null); anything that looks like an amount but is not one gets a hint.
 */
import { t } from '../../locales';
import type { OperationResult, OperationResultOf } from '../../operations';
import { feeValue } from '../../render/fees';
import { menuMessage } from '../../render/menu';
import { prompt } from '../../render/prompts';
import type { ActiveState, StateOf } from '../../state';
import { feeInText, readFee, type FeeAnswer } from '../../text/money';
import { displayName } from '../../text/sanitize';
import type { Env, Input, StepResult } from '../env';
import { call, mainMenuState, stay } from '../env';
import { tag } from '../tags';

type FeeState = StateOf<'provFee' | 'editFee'>;

/** The fee given (pesos, 0 or null), a hint to ask again, or null when the input is not about the fee. */
function feeFrom(
  state: FeeState,
  input: Input,
  env: Env,
): { fee: number | null } | StepResult | null {
  if (input.kind === 'tap' && input.tap?.kind === 'fee.free') return { fee: 0 };
  if (input.kind === 'tap' && input.tap?.kind === 'fee.agree') return { fee: null };
  if (input.kind !== 'text') return null;
  const answer = readFee(input.text);
  if (answer === null) return null;
  if (answer.kind === 'invalid') {
    const hint = answer.why === 'range' ? 'provider.feeRange' : 'provider.feeFormat';
    return stay(state, ...prompt(state, env, t(state.profile.locale, hint)));
  }
  return { fee: feeOf(answer) };
}

/** An amount in pesos, 0 for "sin costo de visita", null for "a convenir". */
function feeOf(answer: Exclude<FeeAnswer, { kind: 'invalid' }>): number | null {
  return answer.kind === 'amount' ? answer.pesos : answer.kind === 'free' ? 0 : null;
}

const isFee = (v: { fee: number | null } | StepResult): v is { fee: number | null } => 'fee' in v;

/** Registration: the fee answered → register with everything gathered. */
export function provFeeInput(state: StateOf<'provFee'>, input: Input, env: Env): StepResult | null {
  const got = feeFrom(state, input, env);
  if (got === null || !isFee(got)) return got;
  const { draft, profile } = state;
  return stay(
    state,
    call(
      'registerProvider',
      {
        idempotencyKey: env.eventId,
        userId: profile.userId,
        displayName: draft.name,
        serviceTypeIds: draft.serviceIds,
        lat: draft.place.lat,
        lng: draft.place.lng,
        radiusKm: draft.radiusKm,
        visitFee: got.fee,
      },
      tag('provider.register'),
    ),
  );
}

export function provFeeResult(
  state: StateOf<'provFee'>,
  result: OperationResult,
  env: Env,
): StepResult | null {
  if (result.op !== 'registerProvider') return null;
  const locale = state.profile.locale;
  if (!result.ok) return stay(state, ...prompt(state, env, t(locale, 'error.temporary')));
  const { status, created } = result.output;
  const profile = {
    ...state.profile,
    provider: { status, online: state.profile.provider?.online ?? false },
  };
  const lead = created
    ? t(locale, 'provider.pending', { name: displayName(state.draft.name, 60) })
    : t(locale, 'provider.alreadyRegistered', { status: t(locale, `pstatus.${status}`) });
  return stay(mainMenuState(profile), menuMessage(profile, lead));
}

/** "Costo de visita" in the provider's menu. */
export function startEditFee(state: ActiveState, env: Env, text?: string): StepResult {
  const { profile } = state;
  if (!profile.provider)
    return stay(state, ...prompt(state, env, t(profile.locale, 'provider.notRegistered')));
  const next: StateOf<'editFee'> = { name: 'editFee', profile };
  // "Cambiar mi costo de visita a 250": the amount is in the message, not asked again.
  const given = text ? feeInText(text) : null;
  if (given && given.kind !== 'invalid') return saveFee(next, feeOf(given));
  return stay(next, ...prompt(next, env));
}

export function editFeeInput(state: StateOf<'editFee'>, input: Input, env: Env): StepResult | null {
  const got = feeFrom(state, input, env);
  if (got === null || !isFee(got)) return got;
  return saveFee(state, got.fee);
}

function saveFee(state: StateOf<'editFee'>, fee: number | null): StepResult {
  return stay(
    state,
    call(
      'setVisitFee',
      { providerUserId: state.profile.userId, visitFee: fee },
      tag('provider.fee'),
    ),
  );
}

export function feeSaved(
  state: ActiveState,
  result: OperationResultOf<'setVisitFee'>,
  env: Env,
): StepResult {
  const { profile } = state;
  const locale = profile.locale;
  if (!result.ok) return stay(state, ...prompt(state, env, t(locale, 'error.temporary')));
  if (result.output.status === 'not_provider') {
    const next = mainMenuState({ ...profile, provider: null });
    return stay(next, menuMessage(next.profile, t(locale, 'provider.notRegistered')));
  }
  const lead = t(locale, 'provider.feeSaved', { fee: feeValue(locale, result.output.visitFee) });
  return stay(mainMenuState(profile), menuMessage(profile, lead));
}
