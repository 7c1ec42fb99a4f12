/** Customer: rating a finished job (stars from a list, then an optional comment). */
import { t } from '../../locales';
import type { Notices } from '../../notices';
import type { OperationResultOf } from '../../operations';
import { ratingList } from '../../render/customer';
import { serviceName } from '../../render/format';
import { menuMessage } from '../../render/menu';
import { prompt } from '../../render/prompts';
import type { ActiveState, StateOf } from '../../state';
import { displayName, sanitizeUserText, stripUrls } from '../../text/sanitize';
import { parseStars } from '../../text/words';
import type { Env, Input, StepResult } from '../env';
import { call, mainMenuState, stay } from '../env';
import { rateStars } from '../global';
import { tag } from '../tags';

/** States the "please rate" question may replace; elsewhere it does not interrupt the dialog. */
const INTERRUPTIBLE = new Set<ActiveState['name']>([
  'mainMenu',
  'awaitingProvider',
  'myRequests',
  'rateJob',
  'rateComment',
]);

export function jobCompleted(state: ActiveState, data: Notices['jobCompleted']): StepResult {
  const locale = state.profile.locale;
  const name = displayName(data.providerName, 60);
  const service = serviceName(locale, data.serviceName);
  const body = t(locale, 'rate.prompt', { name, service });
  const next: ActiveState = INTERRUPTIBLE.has(state.name)
    ? {
        name: 'rateJob',
        profile: state.profile,
        requestId: data.requestId,
        providerName: data.providerName,
      }
    : state;
  return stay(next, ratingList(locale, data.requestId, body, [name, service]));
}

export function rateJobInput(state: StateOf<'rateJob'>, input: Input, env: Env): StepResult | null {
  if (input.kind !== 'text') return null;
  const stars = parseStars(input.text);
  return stars === null ? null : rateStars(state, state.requestId, stars, env);
}

/** Result of saving the stars (from any state: the rating list works wherever it is tapped). */
export function starsSaved(
  state: ActiveState,
  result: OperationResultOf<'rateJob'>,
  env: Env,
): StepResult {
  const locale = state.profile.locale;
  if (!result.ok) return stay(state, ...prompt(state, env, t(locale, 'error.temporary')));
  const out = result.output;
  if (out.status === 'not_allowed') {
    const next =
      state.name === 'rateJob' && state.requestId === out.requestId
        ? mainMenuState(state.profile)
        : state;
    return stay(next, ...prompt(next, env, t(locale, 'rate.notAllowed')));
  }
  const next: ActiveState = {
    name: 'rateComment',
    profile: state.profile,
    requestId: out.requestId,
    providerName: out.provider.name,
    stars: out.stars,
  };
  const notify = out.first
    ? [
        {
          kind: 'notify' as const,
          to: out.provider.conversationKey,
          notice: 'ratingReceived' as const,
          data: {
            requestId: out.requestId,
            stars: out.stars,
            ratingAvg: out.provider.ratingAvg,
            ratingCount: out.provider.ratingCount,
          },
        },
      ]
    : [];
  return stay(next, ...notify, ...prompt(next, env));
}

export function rateCommentInput(
  state: StateOf<'rateComment'>,
  input: Input,
  env: Env,
): StepResult | null {
  const locale = state.profile.locale;
  if (
    input.kind === 'tap' &&
    input.tap?.kind === 'rate.skip' &&
    input.tap.requestId === state.requestId
  ) {
    return stay(mainMenuState(state.profile), menuMessage(state.profile, t(locale, 'rate.thanks')));
  }
  if (input.kind !== 'text') return null;
  const comment = stripUrls(sanitizeUserText(input.text, { maxLength: 500 }));
  if ([...comment].length < 2)
    return stay(state, ...prompt(state, env, t(locale, 'rate.commentTooShort')));
  return stay(
    state,
    call(
      'rateJob',
      {
        idempotencyKey: env.eventId,
        requestId: state.requestId,
        customerUserId: state.profile.userId,
        stars: state.stars,
        comment,
      },
      tag('rate.comment', state.requestId),
    ),
  );
}

export function commentSaved(
  state: StateOf<'rateComment'>,
  result: OperationResultOf<'rateJob'>,
  env: Env,
): StepResult {
  const locale = state.profile.locale;
  if (!result.ok) return stay(state, ...prompt(state, env, t(locale, 'error.temporary')));
  return stay(mainMenuState(state.profile), menuMessage(state.profile, t(locale, 'rate.thanks')));
}
