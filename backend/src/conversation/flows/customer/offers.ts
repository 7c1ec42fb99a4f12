/**
 * Customer side of a request's life, in any dialog state: offering providers one after the
 * other (timeout → expire → next; decline → next), acceptance, cancellation, retry.
 * Everything needed comes in the event (operation output, notice or timer data); the dialog
 * state only changes when the customer is sitting in `awaitingProvider` for that request.
 */
import type { Command } from '../../commands';
import { t } from '../../locales';
import type { Notices } from '../../notices';
import type { OperationResultOf } from '../../operations';
import { acceptedMessage, cancelRequestButtons, nobodyMessage } from '../../render/customer';
import {
  formatDuration,
  requestStatus as requestStatusLabel,
  serviceName,
} from '../../render/format';
import { menuMessage } from '../../render/menu';
import { paragraphs, say } from '../../render/out';
import { prompt } from '../../render/prompts';
import type { ActiveState } from '../../state';
import { displayName } from '../../text/sanitize';
import { timerIds } from '../../timers';
import type { Env, StepResult } from '../env';
import { call, mainMenuState, stay } from '../env';
import { parseTag, tag } from '../tags';

const MAX_OFFER_RETRIES = 3;
const RETRY_DELAY_MS = 30_000;

function waitingFor(state: ActiveState, requestId: number): boolean {
  return state.name === 'awaitingProvider' && state.requestId === requestId;
}

/** Ask for the next provider of a request. */
export function offerNext(requestId: number, env: Env, attempt = 0): Command {
  return call(
    'offerRequest',
    { idempotencyKey: env.eventId, requestId, maxOffers: env.maxOffersPerRequest },
    tag('offer.next', requestId, attempt),
  );
}

export function offerOutcome(
  state: ActiveState,
  result: OperationResultOf<'offerRequest'>,
  env: Env,
): StepResult {
  const locale = state.profile.locale;
  if (!result.ok) {
    const [requestId, attempt = 0] = parseTag(result.tag).args;
    if (requestId === undefined) return stay(state, say(locale, 'error.temporary'));
    if (attempt + 1 < MAX_OFFER_RETRIES) {
      return stay(state, {
        kind: 'startTimer',
        timerId: timerIds.offerRetry(requestId, attempt + 1),
        delayMs: RETRY_DELAY_MS,
        timer: 'offerRetry',
        data: { requestId, attempt: attempt + 1 },
      });
    }
    return stay(state, say(locale, 'error.temporary'));
  }
  const out = result.output;
  if (out.status === 'none') {
    if (out.reason === 'not_open') return stay(state);
    const next = waitingFor(state, out.requestId) ? mainMenuState(state.profile) : state;
    return stay(next, nobodyMessage(locale, out.requestId, out.serviceName));
  }
  const name = displayName(out.provider.name, 60);
  const time = formatDuration(locale, env.offerTimeoutMs);
  const body =
    out.attempt <= 1
      ? t(locale, 'offer.sent', { service: serviceName(locale, out.serviceName), name, time })
      : t(locale, 'offer.sentNext', { name, time });
  return stay(
    state,
    {
      kind: 'notify',
      to: out.provider.conversationKey,
      notice: 'offerReceived',
      data: {
        offerId: out.offerId,
        requestId: out.requestId,
        serviceName: out.serviceName,
        distanceKm: out.distanceKm,
        area: out.area,
        answerWithinMinutes: env.offerTimeoutMs / 60_000,
        ...(out.problem ? { problem: out.problem } : {}),
        ...(out.mediaCount ? { mediaCount: out.mediaCount } : {}),
      },
    },
    {
      kind: 'startTimer',
      timerId: timerIds.offer(out.offerId),
      delayMs: env.offerTimeoutMs,
      timer: 'offerTimeout',
      data: { requestId: out.requestId, offerId: out.offerId },
    },
    cancelRequestButtons(
      locale,
      out.requestId,
      paragraphs(out.preferredUnavailable ? t(locale, 'offer.preferredUnavailable') : null, body),
    ),
  );
}

/** The offer timer fired: expire the offer (if still pending) in Postgres first. */
export function offerTimedOut(
  state: ActiveState,
  data: { requestId: number; offerId: number },
): StepResult {
  return stay(
    state,
    call(
      'expireOffer',
      { offerId: data.offerId },
      tag('offer.expire', data.requestId, data.offerId),
    ),
  );
}

export function offerExpired(
  state: ActiveState,
  result: OperationResultOf<'expireOffer'>,
  env: Env,
): StepResult {
  if (!result.ok) {
    // Try again later rather than leave the request stuck on a silent provider.
    const [requestId, offerId] = parseTag(result.tag).args;
    if (requestId === undefined || offerId === undefined) return stay(state);
    return stay(state, {
      kind: 'startTimer',
      timerId: `${timerIds.offer(offerId)}:${env.eventId}`,
      delayMs: RETRY_DELAY_MS,
      timer: 'offerTimeout',
      data: { requestId, offerId },
    });
  }
  const out = result.output;
  if (out.status === 'not_pending') return stay(state);
  const locale = state.profile.locale;
  return stay(
    state,
    {
      kind: 'notify',
      to: out.provider.conversationKey,
      notice: 'offerExpired',
      data: { offerId: out.offerId, requestId: out.requestId },
    },
    say(locale, 'offer.timedOut', { name: displayName(out.provider.name, 60) }),
    offerNext(out.requestId, env),
  );
}

export function offerDeclined(
  state: ActiveState,
  data: Notices['offerDeclined'],
  env: Env,
): StepResult {
  return stay(
    state,
    { kind: 'cancelTimer', timerId: timerIds.offer(data.offerId) },
    say(state.profile.locale, 'offer.declined', { name: displayName(data.providerName, 60) }),
    offerNext(data.requestId, env),
  );
}

export function offerAccepted(state: ActiveState, data: Notices['offerAccepted']): StepResult {
  const next = waitingFor(state, data.requestId) ? mainMenuState(state.profile) : state;
  return stay(
    next,
    { kind: 'cancelTimer', timerId: timerIds.offer(data.offerId) },
    acceptedMessage(
      state.profile.locale,
      data.provider.name,
      data.provider.phone,
      data.serviceName,
    ),
  );
}

export function requestCancelled(
  state: ActiveState,
  result: OperationResultOf<'cancelRequest'>,
  env: Env,
): StepResult {
  const locale = state.profile.locale;
  if (!result.ok) return stay(state, ...prompt(state, env, t(locale, 'error.temporary')));
  const out = result.output;
  if (out.status === 'not_found')
    return stay(state, ...prompt(state, env, t(locale, 'request.notFound')));
  if (out.status === 'not_cancellable') {
    const lead = t(locale, 'request.notCancellable', {
      status: requestStatusLabel(locale, out.current),
    });
    return stay(state, ...prompt(state, env, lead));
  }
  const commands: Command[] = [];
  if (out.provider) {
    if (out.provider.offerId !== null)
      commands.push({ kind: 'cancelTimer', timerId: timerIds.offer(out.provider.offerId) });
    commands.push({
      kind: 'notify',
      to: out.provider.conversationKey,
      notice: 'requestCancelled',
      data: {
        requestId: out.requestId,
        offerId: out.provider.offerId,
        serviceName: out.serviceName,
      },
    });
  }
  const lead = t(locale, 'request.cancelled', { service: serviceName(locale, out.serviceName) });
  if (waitingFor(state, out.requestId) || state.name === 'myRequests') {
    return stay(mainMenuState(state.profile), ...commands, menuMessage(state.profile, lead));
  }
  return stay(state, ...commands, ...prompt(state, env, lead));
}

export function requestRetried(
  state: ActiveState,
  result: OperationResultOf<'retryRequest'>,
  env: Env,
): StepResult {
  const locale = state.profile.locale;
  if (!result.ok) return stay(state, ...prompt(state, env, t(locale, 'error.temporary')));
  const out = result.output;
  if (out.status === 'not_allowed')
    return stay(state, ...prompt(state, env, t(locale, 'request.retryNotAllowed')));
  const next: ActiveState = {
    name: 'awaitingProvider',
    profile: state.profile,
    requestId: out.requestId,
    service: out.serviceName,
  };
  return stay(next, offerNext(out.requestId, env));
}
