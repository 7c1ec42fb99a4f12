/**
 * Outside the covered area: say so ("Aún no llegamos a Monterrey"), offer to be told when we
 * arrive, and record that wish (joinWaitlist) when the person taps "Sí, avísame".
 */
import type { Coverage, OperationResultOf } from '../../operations';
import { cellCentre } from '../../ids';
import { t } from '../../locales';
import { outOfCoverageMessage, waitlistJoinedText } from '../../render/customer';
import { prompt } from '../../render/prompts';
import type { ActiveState, Place } from '../../state';
import type { Env, StepResult } from '../env';
import { call, mainMenuState, stay } from '../env';
import { tag } from '../tags';

/** Nobody reaches a point we do not serve: tell the truth and go back to the menu state. */
export function outsideCoverage(
  state: ActiveState,
  coverage: Extract<Coverage, { covered: false }>,
  place: Place,
): StepResult {
  return stay(
    mainMenuState(state.profile),
    outOfCoverageMessage(state.profile.locale, coverage, place),
  );
}

/** "Sí, avísame": record the wish for the area the button carries. */
export function joinWaitlistTap(
  state: ActiveState,
  cell: { latCell: number; lngCell: number },
): StepResult {
  const { lat, lng } = cellCentre(cell);
  return stay(
    state,
    call('joinWaitlist', { userId: state.profile.userId, lat, lng }, tag('waitlist.join')),
  );
}

/** Confirm kindly (also when they were already on the list), then the open question. */
export function waitlistJoined(
  state: ActiveState,
  result: OperationResultOf<'joinWaitlist'>,
  env: Env,
): StepResult {
  const locale = state.profile.locale;
  if (!result.ok) return stay(state, ...prompt(state, env, t(locale, 'error.temporary')));
  return stay(state, ...prompt(state, env, waitlistJoinedText(locale, result.output.place)));
}
