/** A new user's name: asked once, validated, saved; then the menu (or provider registration). */
import { t } from '../locales';
import type { OperationResultOf } from '../operations';
import { menuMessage } from '../render/menu';
import { prompt } from '../render/prompts';
import type { ActiveState, StateOf } from '../state';
import { validateName } from '../text/name';
import type { Env, Input, StepResult } from './env';
import { call, mainMenuState, stay } from './env';
import { tag } from './tags';

export function askNameInput(state: StateOf<'askName'>, input: Input, env: Env): StepResult | null {
  if (state.saving !== null) return null;
  let raw: string | null = null;
  if (input.kind === 'text') raw = input.text;
  if (input.kind === 'tap' && input.tap?.kind === 'name.profile' && state.suggested)
    raw = state.suggested;
  if (raw === null) return null;
  const check = validateName(raw);
  if (!check.ok)
    return stay(state, ...prompt(state, env, t(state.profile.locale, `name.${check.reason}`)));
  return stay(
    { ...state, saving: check.name },
    // A new user's language may have been chosen by their first message: store it with the name.
    call('saveUser', state.profile.locale === 'en' ? { name: check.name, locale: 'en' } : { name: check.name }, tag('name.save')),
  );
}

export function nameSaved(
  state: StateOf<'askName'>,
  result: OperationResultOf<'saveUser'>,
  env: Env,
): StepResult | null {
  if (state.saving === null || !result.tag?.startsWith('name.save')) return null;
  const locale = state.profile.locale;
  if (!result.ok) {
    const retry = { ...state, saving: null };
    return stay(retry, ...prompt(retry, env, t(locale, 'error.temporary')));
  }
  const profile = { ...state.profile, name: result.output.user.name ?? state.saving };
  const lead = t(locale, 'name.saved', { name: profile.name });
  if (state.then === 'provider') {
    const next: ActiveState = {
      name: 'provName',
      profile,
      draft: { name: '', serviceIds: [], place: null },
    };
    return stay(next, ...prompt(next, env, lead));
  }
  return stay(mainMenuState(profile), menuMessage(profile, lead));
}
