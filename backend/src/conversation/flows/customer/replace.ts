/**
 * The customer wants someone else ("quiero otro plomero", "mándame a alguien más", "someone
 * else"): looking at a profile, back to the list; while their request waits on a provider, that
 * provider lets go of it and the next one is asked at once; from anywhere else, asked first
 * ("¿Busco a otro?", naming who has it) so a request that was only mentioned is never changed.
 * The provider who had it is told; nobody who had it is offered it again.
 */
import { IN_PROGRESS } from '../../../shared/marketplace-status';
import { t } from '../../locales';
import type { Command } from '../../commands';
import type { Locale } from '../../locale-types';
import type { LocalizedText, OperationResultOf } from '../../operations';
import { say } from '../../render/out';
import { serviceName } from '../../render/format';
import { jobQuestion } from '../../render/job-question';
import { prompt } from '../../render/prompts';
import type { ActiveState } from '../../state';
import { displayName } from '../../text/sanitize';
import { timerIds } from '../../timers';
import type { Intent, Understanding } from '../../understanding/understand';
import { SERVICE_CODES } from '../../understanding/services';
import type { Env, StepResult } from '../env';
import { call, stay } from '../env';
import { parseTag, tag } from '../tags';
import { backToList } from './booking';
import { offerNext } from './offers';
import { requestsLoaded } from './requests';
import { startRequest } from './start';

/** What a wish for someone else can come with ("ya no quiero a ese, cancela" is still about him). */
const ABOUT_A_PROVIDER: ReadonlySet<Intent> = new Set([
  'request_service',
  'unknown',
  'status',
  'cancel',
  'deny',
  'price',
  'my_requests',
  'thanks',
  'affirm',
]);

/** "Otro", said where the customer is: null when it is not about a provider (the caller goes on). */
export function anotherProviderAsked(
  state: ActiveState,
  meaning: Understanding,
  env: Env,
): StepResult | null {
  if (!meaning.another || !ABOUT_A_PROVIDER.has(meaning.intent)) return null;
  const locale = state.profile.locale;
  switch (state.name) {
    case 'providerDetail':
      return backToList(state, env, t(locale, 'providers.pickAnother'));
    case 'browseProviders':
      return stay(state, ...prompt(state, env, t(locale, 'providers.pickAnother')));
    case 'awaitingProvider':
      // "Mándame otro" lets go of the provider at once; a bare "mejor otro" is asked about first.
      return meaning.another === 'provider'
        ? replaceProviderCall(state, state.requestId, env)
        : stay(state, askReplace(locale, state.requestId, state.service, state.offered?.name));
    case 'replaceChosen':
      return replaceProviderCall(state, state.requestId, env);
    default: {
      // Away from the booking, only words that name a provider ("otro" alone could be anything).
      if (meaning.another !== 'provider') return null;
      // Which request is meant is looked up; the trade named, if any, starts one when none is open.
      const service = meaning.service ? SERVICE_CODES.indexOf(meaning.service) + 1 : 0;
      return stay(
        state,
        call(
          'listMyRequests',
          { customerUserId: state.profile.userId, limit: 10 },
          tag('requests.replace', service),
        ),
      );
    }
  }
}

/**
 * The customer's requests are known: one open → "¿Busco a otro?" (or at once, when nobody holds
 * it); several → the list; none → the trade named starts a request, else "no open request".
 */
export function replaceLookupLoaded(
  state: ActiveState,
  result: OperationResultOf<'listMyRequests'>,
  env: Env,
): StepResult {
  const locale = state.profile.locale;
  if (!result.ok) return stay(state, ...prompt(state, env, t(locale, 'error.temporary')));
  const open = result.output.requests.filter((r) => IN_PROGRESS.includes(r.status));
  const [only] = open;
  if (!only) {
    const service = SERVICE_CODES[(parseTag(result.tag).args[0] ?? 0) - 1];
    if (service) return startRequest(state, { service });
    return stay(state, ...prompt(state, env, t(locale, 'say.noOpenRequest')));
  }
  if (open.length > 1) return requestsLoaded(state, { ...result, output: { requests: open } }, env);
  const holder = only.status === 'accepted' ? only.providerName : only.offeredTo;
  if (!holder) return replaceProviderCall(state, only.requestId, env);
  return stay(
    state,
    askReplace(locale, only.requestId, only.serviceName, holder, only.status === 'accepted'),
  );
}

/** "¿Busco a otro?", naming who has the request: "Sí, buscar a otro" / "No, así está bien". */
function askReplace(
  locale: Locale,
  requestId: number,
  service: LocalizedText,
  holder: string | null | undefined,
  accepted = false,
): Command {
  return jobQuestion(
    locale,
    !holder ? 'replace.ask' : accepted ? 'replace.askAccepted' : 'replace.askOffered',
    { name: holder ?? '', service },
    [{ kind: 'req.change', requestId }, 'btn.replaceYes'],
    [{ kind: 'req.keep', requestId }, 'btn.replaceNo'],
  );
}

/** Let go of whoever holds the request (replaceProvider), then ask the next one. */
export function replaceProviderCall(state: ActiveState, requestId: number, env: Env): StepResult {
  return stay(
    state,
    call(
      'replaceProvider',
      { idempotencyKey: env.eventId, requestId, customerUserId: state.profile.userId },
      tag('request.replace', requestId),
    ),
  );
}

/** Let go of: the provider told, their offer's timer stopped, the customer waits for the next one. */
export function providerReplaced(
  state: ActiveState,
  result: OperationResultOf<'replaceProvider'>,
  env: Env,
): StepResult {
  const locale = state.profile.locale;
  if (!result.ok) return stay(state, ...prompt(state, env, t(locale, 'error.temporary')));
  const out = result.output;
  if (out.status !== 'replaced')
    return stay(state, ...prompt(state, env, t(locale, 'replace.notOpen')));
  const { previous } = out;
  const service = serviceName(locale, out.serviceName);
  const next: ActiveState = {
    name: 'awaitingProvider',
    profile: state.profile,
    requestId: out.requestId,
    service: out.serviceName,
  };
  const told = previous
    ? [
        {
          kind: 'notify' as const,
          to: previous.conversationKey,
          notice: 'requestCancelled' as const,
          data: {
            requestId: out.requestId,
            offerId: previous.offerId,
            serviceName: out.serviceName,
            replaced: true,
          },
        },
        ...(previous.offerId !== null
          ? [{ kind: 'cancelTimer' as const, timerId: timerIds.offer(previous.offerId) }]
          : []),
      ]
    : [];
  const done = previous
    ? say(locale, previous.wasAccepted ? 'replace.doneAccepted' : 'replace.doneOffered', {
        name: displayName(previous.name, 60),
        service,
      })
    : say(locale, 'replace.doneNone', { service });
  return stay(next, ...told, done, offerNext(out.requestId, env));
}
