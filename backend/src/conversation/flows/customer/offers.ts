/**
 * Customer side of a request's life, in any dialog state: offering providers one after the
 * other (timeout → expire → next; decline → next; the provider went offline → next), acceptance,
 * cancellation, retry. The provider the customer chose is never replaced without asking
 * (customer/chosen.ts), an accepted job is cancelled only with a reason (customer/cancel.ts), and
 * a provider whose offer expired is told whether it went on to someone else only when it did.
 * Everything needed comes in the event (operation output, notice or timer data); the dialog
 * state only changes when the customer is sitting in `awaitingProvider` for that request.
 */
import type { Command } from '../../commands';
import { t } from '../../locales';
import type { Notices } from '../../notices';
import type { OperationResultOf } from '../../operations';
import { acceptedMessage, cancelRequestButtons, nobodyMessage } from '../../render/customer';
import { feeValue } from '../../render/fees';
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
import { chosenUnavailable } from './chosen';
import { cancelConfirm, cancelledWithReason } from './cancel';

const MAX_OFFER_RETRIES = 3;
const RETRY_DELAY_MS = 30_000;

/** The dialog is about this request (waiting for a provider, or asked whether to replace the chosen one). */
function waitingFor(state: ActiveState, requestId: number): boolean {
  return (
    (state.name === 'awaitingProvider' || state.name === 'replaceChosen') &&
    state.requestId === requestId
  );
}

/** The offer that expired just before asking for the next provider: its provider is told what became of it. */
export interface Expired {
  offerId: number;
  setOffline: boolean;
}

/** Ask for the next provider of a request. */
export function offerNext(requestId: number, env: Env, attempt = 0, expired?: Expired): Command {
  return call(
    'offerRequest',
    {
      idempotencyKey: env.eventId,
      requestId,
      maxOffers: env.maxOffersPerRequest,
      ...(expired ? { previousOfferId: expired.offerId } : {}),
    },
    expired
      ? tag('offer.next', requestId, attempt, expired.offerId, expired.setOffline ? 1 : 0)
      : tag('offer.next', requestId, attempt),
  );
}

export function offerOutcome(
  state: ActiveState,
  result: OperationResultOf<'offerRequest'>,
  env: Env,
): StepResult {
  const locale = state.profile.locale;
  const { name: tagName, args } = parseTag(result.tag);
  const [requestId, attempt = 0, previousOfferId, setOffline] = args;
  // The customer's own "Buscar a otro": they can simply tap again.
  if (!result.ok && tagName === 'offer.replace')
    return stay(state, ...prompt(state, env, t(locale, 'error.temporary')));
  if (!result.ok) {
    if (requestId === undefined) return stay(state, say(locale, 'error.temporary'));
    if (attempt + 1 < MAX_OFFER_RETRIES) {
      return stay(state, {
        kind: 'startTimer',
        timerId: timerIds.offerRetry(requestId, attempt + 1),
        delayMs: RETRY_DELAY_MS,
        timer: 'offerRetry',
        data: {
          requestId,
          attempt: attempt + 1,
          ...(previousOfferId !== undefined
            ? { previousOfferId, setOffline: setOffline === 1 ? 1 : 0 }
            : {}),
        },
      });
    }
    return stay(state, say(locale, 'error.temporary'));
  }
  const out = result.output;
  // The provider whose offer expired just before: told whether the request went on to someone else.
  const told: Command[] = out.previous
    ? [
        {
          kind: 'notify',
          to: out.previous.conversationKey,
          notice: 'offerExpired',
          data: {
            offerId: out.previous.offerId,
            requestId: out.requestId,
            passedOn: out.status === 'offered',
            setOffline: setOffline === 1,
          },
        },
      ]
    : [];
  if (out.status === 'chosen_unavailable') {
    const next = chosenUnavailable(state, out);
    return stay(next.state, ...told, ...next.commands);
  }
  if (out.status === 'none') {
    if (out.reason === 'not_open') {
      // "Buscar a otro" on a request that was cancelled or taken meanwhile: say so.
      if (tagName === 'offer.replace')
        return stay(state, ...told, ...prompt(state, env, t(locale, 'unexpected.stale')));
      return stay(state, ...told);
    }
    const next = waitingFor(state, out.requestId) ? mainMenuState(state.profile) : state;
    return stay(next, ...told, nobodyMessage(locale, out.requestId, out.serviceName));
  }
  const name = displayName(out.provider.name, 60);
  const time = formatDuration(locale, env.offerTimeoutMs);
  const body =
    out.attempt <= 1
      ? t(locale, 'offer.sent', { service: serviceName(locale, out.serviceName), name, time })
      : t(locale, 'offer.sentNext', { name, time });
  const fee = t(locale, 'offer.fee', { name, fee: feeValue(locale, out.provider.visitFee) });
  const offered = { name: out.provider.name, visitFee: out.provider.visitFee };
  // Asked for another provider from the "look for another?" question: wait for this one now.
  const next: ActiveState =
    state.name === 'replaceChosen' && state.requestId === out.requestId
      ? {
          name: 'awaitingProvider',
          profile: state.profile,
          requestId: out.requestId,
          service: out.serviceName,
          offered,
        }
      : state.name === 'awaitingProvider' && state.requestId === out.requestId
        ? { ...state, offered }
        : state;
  return stay(
    next,
    ...told,
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
        ...(out.urgent ? { urgent: true } : {}),
      },
    },
    {
      kind: 'startTimer',
      timerId: timerIds.offer(out.offerId),
      delayMs: env.offerTimeoutMs,
      timer: 'offerTimeout',
      data: { requestId: out.requestId, offerId: out.offerId },
    },
    cancelRequestButtons(locale, out.requestId, paragraphs(body, fee)),
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
  // The provider hears what became of the request once the next one is known (offerOutcome).
  return stay(
    state,
    say(locale, 'offer.timedOut', { name: displayName(out.provider.name, 60) }),
    offerNext(out.requestId, env, 0, { offerId: out.offerId, setOffline: out.setOffline }),
  );
}

/** The provider holding the offer went offline: it was withdrawn at once, go on without waiting for the timer. */
export function offerWithdrawn(
  state: ActiveState,
  data: Notices['offerWithdrawn'],
  env: Env,
): StepResult {
  return stay(
    state,
    { kind: 'cancelTimer', timerId: timerIds.offer(data.offerId) },
    say(state.profile.locale, 'offer.withdrawn', { name: displayName(data.providerName, 60) }),
    offerNext(data.requestId, env),
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

/**
 * The provider who accepted can no longer go ("ya no puedo ir"): the request is searching again;
 * the customer is told and, from the menu, waits for it again while someone else is offered it.
 */
export function providerDropped(
  state: ActiveState,
  data: Notices['jobDropped'],
  env: Env,
): StepResult {
  const locale = state.profile.locale;
  const next: ActiveState =
    state.name === 'mainMenu'
      ? {
          name: 'awaitingProvider',
          profile: state.profile,
          requestId: data.requestId,
          service: data.serviceName,
        }
      : state;
  return stay(
    next,
    say(locale, 'job.dropped', {
      name: displayName(data.providerName, 60),
      service: serviceName(locale, data.serviceName),
    }),
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
  if (out.status === 'confirm') return cancelConfirm(state, out, env);
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
        reason: out.reason,
      },
    });
  }
  const lead = t(locale, 'request.cancelled', { service: serviceName(locale, out.serviceName) });
  if (
    waitingFor(state, out.requestId) ||
    state.name === 'myRequests' ||
    cancelledWithReason(state, out.requestId)
  ) {
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
