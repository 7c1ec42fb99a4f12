/**
 * Routing of one event in an active state: global input first, then the state's own
 * handler, then the "unexpected" reply that repeats the open question. Notices, timers and
 * operation results are routed by name; results of operations a state asked for go to that
 * state, background results (offers, jobs, ratings …) are handled in any state.
 */
import { resumeCancelled } from './resume';
import { parseTag } from './tags';
import { dropJobsLoaded, jobDropped, nothingToDrop } from './provider/drop';
import { ownRequestCancel } from './global';
import type { ConversationEvent } from '../events';
import type { Locale } from '../locale-types';
import { t } from '../locales';
import { parseNotice } from '../notices';
import type { TypedNotice } from '../notices';
import type { OperationResult } from '../operations';
import { withNoticeFallback } from '../render/out';
import { assertNever, prompt } from '../render/prompts';
import type { ActiveState } from '../state';
import { parseTimer } from '../timers';
import type { Env, Input, StepResult } from './env';
import { readInput, stay } from './env';
import { globalInput } from './global';
import { nameChanged, onUnderstood, statusLoaded, strongIntent } from './understood';
import {
  describeProblemInput,
  earlyMediaSaved,
  mediaOutsideProblem,
  mediaSaved,
} from './customer/problem';
import { understand } from '../understanding/understand';
import { askNameInput, nameSaved } from './session-name';
import { chooseServiceInput, servicesLoaded } from './customer/service';
import {
  addressFirst,
  addressFirstResult,
  locationFirst,
  shareLocationInput,
  shareLocationResult,
} from './customer/location';
import { browseInput, browseResult, detailInput, detailResult } from './customer/booking';
import {
  offerAccepted,
  offerDeclined,
  providerDropped,
  offerNext,
  offerExpired,
  offerOutcome,
  offerTimedOut,
  offerWithdrawn,
  requestCancelled,
  requestRetried,
} from './customer/offers';
import { replaceChosenInput } from './customer/chosen';
import { providerReplaced, replaceLookupLoaded } from './customer/replace';
import { openFirstLoaded } from './customer/same-trade';
import { jobPinNotice, pinShared, pinToJob } from './customer/pin';
import { cancelLookup, cancelNoteInput, cancelWhyInput } from './customer/cancel';
import { anywhereTap } from './anywhere';
import { typedOption } from './typed-option';
import { typedOfferAnswer } from './provider/typed-offer';
import { progressJobsLoaded, providerProgressNotice } from './provider/progress';
import { doneAnswered, jobDoneClaimed, typedDoneAnswer } from './customer/confirm-done';
import {
  commentSaved,
  doneConfirmed,
  jobReopened,
  notDoneYet,
  rateReminderFired,
  ratingStatusLoaded,
  jobCompleted,
  rateCommentInput,
  rateJobInput,
  starsSaved,
} from './customer/rating';
import { myRequestsInput, requestsLoaded } from './customer/requests';
import { waitlistJoined } from './customer/coverage';
import {
  provLocationInput,
  provLocationResult,
  provNameInput,
  provNameResult,
  provRadiusInput,
  provServicesInput,
} from './provider/registration';
import { editFeeInput, feeSaved, provFeeInput, provFeeResult } from './provider/fee';
import {
  jobReopenedNotice,
  ratingCommentReceived,
  offerMediaLoaded,
  jobsLoaded,
  doneJobsLoaded,
  jobCompletedResult,
  offerAnswered,
  offerReceived,
  ratingReceived,
} from './provider/jobs';
import {
  jobDoneConfirmed,
  jobNotDone,
  offerExpiredNotice,
  requestCancelledNotice,
} from './provider/offer-news';
import { approvalNotice, onlineSet } from './provider/account';
import { careResult, confirmEraseInput, handoffReturned, handoffTimedOut } from './care';
import { profileLoaded, profileServicesLoaded, profileUpdated } from './provider/profile';

/** Handle an event in an active state (the caller adds `markRead` for user messages). */
export function handleEvent(state: ActiveState, event: ConversationEvent, env: Env): StepResult {
  if (event.source === 'user') return handleInput(state, readInput(event), env);
  switch (event.kind) {
    case 'notice': {
      const notice = parseNotice(event.notice, event.data);
      if (!notice) return stay(state);
      const out = onNotice(state, notice, env);
      return { state: out.state, commands: withNoticeFallback(state.profile.locale, out.commands) };
    }
    case 'timer': {
      const timer = parseTimer(event.timer, event.data);
      if (!timer) return stay(state);
      switch (timer.timer) {
        case 'offerTimeout':
          return offerTimedOut(state, timer.data);
        case 'offerRetry': {
          const { requestId, attempt, previousOfferId, setOffline } = timer.data;
          const expired =
            previousOfferId === undefined
              ? undefined
              : { offerId: previousOfferId, setOffline: setOffline === 1 };
          return stay(state, offerNext(requestId, env, attempt, expired));
        }
        case 'rateReminder':
          return rateReminderFired(state, timer.data.requestId);
        case 'handoffTimeout':
          return handoffTimedOut(state, timer.data);
        default:
          return assertNever(timer);
      }
    }
    case 'result': {
      const out = onResult(state, event, env);
      // The offer chain runs on timers and notices too, possibly long after the customer last wrote.
      if (event.op !== 'offerRequest' && event.op !== 'expireOffer') return out;
      return { state: out.state, commands: withNoticeFallback(localeOf(out, state), out.commands) };
    }
  }
}

function localeOf(out: StepResult, previous: ActiveState): Locale {
  return out.state && out.state.name !== 'loading'
    ? out.state.profile.locale
    : previous.profile.locale;
}

/**
 * Messages that expect no answer: a reaction (👍 on one of our messages, or taking it back) and
 * WhatsApp's system notes (a changed number). Replying "I can't read that" to them is noise.
 */
export const SILENT_TYPES: ReadonlySet<string> = new Set(['reaction', 'system']);

export function handleInput(state: ActiveState, input: Input, env: Env): StepResult {
  if (input.kind === 'unsupported' && SILENT_TYPES.has(input.messageType)) return stay(state);
  // Opening the chat again (Meta's `request_welcome`): a greeting, not "I can't read that".
  if (input.kind === 'unsupported' && input.messageType === 'request_welcome') {
    const hello = onUnderstood(state, { intent: 'greeting', writtenIn: null }, env);
    if (hello) return hello;
  }
  // Stopping messages, deleting data, asking for a person: heard in every step.
  const strong = input.kind === 'text' ? strongIntent(input.text) : null;
  // "¿Quedó listo?": the answer works from any state (the ids carry the request).
  const done =
    input.kind === 'tap' && (input.tap?.kind === 'done.yes' || input.tap?.kind === 'done.no')
      ? input.tap
      : null;
  if (done)
    return done.kind === 'done.yes'
      ? doneConfirmed(state, done.requestId, env)
      : notDoneYet(state, done.requestId, env);
  // "No espera, sí lo necesito" right after a "cancelar": before "por error" can mean opting in.
  // Only right after: any other message lets the cancelled step go.
  if (state.name === 'mainMenu' && state.resume) {
    const { resume: _resume, ...rest } = state;
    return resumeCancelled(state, input, env) ?? handleInput(rest, input, env);
  }
  return (
    // The words go with it: a person reads what was said ("el plomero me cobró de más").
    (strong && input.kind === 'text' ? onUnderstood(state, strong, env, input.text) : null) ??
    globalInput(state, input, env) ??
    anywhereTap(state, input, env) ??
    typedTap(state, input, env, true) ??
    stateInput(state, input, env) ??
    typedTap(state, input, env) ??
    (input.kind === 'text' ? typedOfferAnswer(state, input.text, env) : null) ??
    (input.kind === 'text' ? typedDoneAnswer(state, input.text, env) : null) ??
    // Flag `understanding`: off, free text the step did not ask for is not read for its meaning.
    (input.kind === 'text' && env.flags.understanding
      ? onUnderstood(state, understand(input.text), env, input.text)
      : null) ??
    (input.kind === 'text' ? addressFirst(state, input.text) : null) ??
    unexpected(state, input, env)
  );
}

/**
 * "sí", "el primero", "Reservar" typed instead of tapped: handled as that tap. A button's whole
 * title (`exact`) counts before the step reads free text ("Omitir" at "¿Qué pasa?" is not the
 * problem); looser matches only after, for text the step did not take.
 */
function typedTap(state: ActiveState, input: Input, env: Env, exact = false): StepResult | null {
  const tap = input.kind === 'text' ? typedOption(state, input.text, env, exact) : null;
  return tap ? handleInput(state, tap, env) : null;
}

function stateInput(state: ActiveState, input: Input, env: Env): StepResult | null {
  switch (state.name) {
    case 'askName':
      return askNameInput(state, input, env);
    case 'mainMenu':
      // Free text is read by the understanding layer; a photo or a pin starts a request with it.
      return (
        mediaOutsideProblem(state, input, env) ??
        pinToJob(state, input, env) ??
        locationFirst(state, input)
      );
    case 'chooseService':
      return chooseServiceInput(state, input, env) ?? mediaOutsideProblem(state, input, env);
    case 'describeProblem':
      return describeProblemInput(state, input, env);
    case 'shareLocation':
      return state.place ? null : shareLocationInput(state, input, env);
    case 'browseProviders':
      return browseInput(state, input, env);
    case 'providerDetail':
      return detailInput(state, input, env);
    case 'awaitingProvider':
      return null; // free text is read by the understanding layer ("¿ya viene?", "cancelar")
    case 'rateJob':
      return rateJobInput(state, input, env);
    case 'rateComment':
      return rateCommentInput(state, input, env);
    case 'myRequests':
      return myRequestsInput(state, input, env);
    case 'provName':
      return provNameInput(state, input, env);
    case 'provServices':
      return provServicesInput(state, input, env);
    case 'provLocation':
      return provLocationInput(state, input, env);
    case 'provRadius':
      return provRadiusInput(state, input, env);
    case 'provFee':
      return provFeeInput(state, input, env);
    case 'replaceChosen':
      return replaceChosenInput(state, input, env);
    case 'cancelWhy':
      return cancelWhyInput(state, input, env);
    case 'cancelNote':
      return cancelNoteInput(state, input, env);
    case 'editFee':
      return editFeeInput(state, input, env);
    case 'confirmErase':
      return confirmEraseInput(state, input, env);
    case 'provProfile':
      return null; // its rows are taps handled anywhere; free text is read by the understanding layer
    default:
      return assertNever(state);
  }
}

/** Anything the state did not expect: say so briefly and ask the open question again. */
export function unexpected(state: ActiveState, input: Input, env: Env): StepResult {
  const locale = state.profile.locale;
  const lead =
    input.kind === 'unsupported' || input.kind === 'media'
      ? t(locale, 'unexpected.type')
      : input.kind === 'tap'
        ? t(locale, 'unexpected.stale')
        : input.kind === 'location'
          ? t(locale, 'unexpected.location')
          : t(
              locale,
              state.name === 'mainMenu'
                ? 'unexpected.menu'
                : // "urge", "¿hola??", "mejor otro" while waiting: impatience, not nonsense.
                  state.name === 'awaitingProvider'
                  ? 'unexpected.waiting'
                  : 'unexpected.text',
            );
  return stay(state, ...prompt(state, env, lead));
}

function onNotice(state: ActiveState, notice: TypedNotice, env: Env): StepResult {
  switch (notice.notice) {
    case 'offerReceived':
      return offerReceived(state, notice.data);
    case 'offerAccepted':
      return offerAccepted(state, notice.data);
    case 'offerDeclined':
      return offerDeclined(state, notice.data, env);
    case 'offerExpired':
      return offerExpiredNotice(state, notice.data);
    case 'offerWithdrawn':
      return offerWithdrawn(state, notice.data, env);
    case 'requestCancelled':
      return requestCancelledNotice(state, notice.data);
    case 'jobCompleted':
      return jobCompleted(state, notice.data, env);
    case 'jobDoneClaimed':
      return jobDoneClaimed(state, notice.data);
    case 'providerProgress':
      return providerProgressNotice(state, notice.data);
    case 'jobDoneConfirmed':
      return jobDoneConfirmed(state, notice.data);
    case 'jobNotDone':
      return jobNotDone(state, notice.data);
    case 'jobDropped':
      return providerDropped(state, notice.data, env);
    case 'jobPin':
      return jobPinNotice(state, notice.data);
    case 'ratingReceived':
      return ratingReceived(state, notice.data);
    case 'ratingComment':
      return ratingCommentReceived(state, notice.data);
    case 'jobReopened':
      return jobReopenedNotice(state, notice.data);
    case 'providerApproved':
      return approvalNotice(state, 'approved', notice.data.reason);
    case 'providerRejected':
      return approvalNotice(state, 'rejected', notice.data.reason);
    case 'providerSuspended':
      return approvalNotice(state, 'suspended', notice.data.reason);
    case 'handoffReturned':
      return handoffReturned(state, notice.data);
    default:
      return assertNever(notice);
  }
}

function onResult(state: ActiveState, result: OperationResult, env: Env): StepResult {
  const ignore = stay(state);
  switch (result.op) {
    case 'loadUser':
      return ignore;
    case 'saveUser':
      if (result.tag?.startsWith('name.change')) return nameChanged(state, result, env);
      return state.name === 'askName' ? (nameSaved(state, result, env) ?? ignore) : ignore;
    case 'listServiceTypes':
      if (state.name === 'mainMenu') return servicesLoaded(state, result, env);
      if (state.name === 'provName') return provNameResult(state, result, env) ?? ignore;
      if (state.name === 'provProfile') return profileServicesLoaded(state, result, env) ?? ignore;
      return ignore;
    case 'listMyRequests':
      if (result.tag?.startsWith('requests.status')) return statusLoaded(state, result, env);
      if (result.tag?.startsWith('requests.cancel')) return cancelLookup(state, result, env);
      if (result.tag?.startsWith('requests.replace'))
        return replaceLookupLoaded(state, result, env);
      if (result.tag?.startsWith('requests.before')) return openFirstLoaded(state, result, env);
      return state.name === 'mainMenu' ? requestsLoaded(state, result, env) : ignore;
    case 'geocodeAddress':
    case 'findCandidates':
    case 'getProviderDetail':
    case 'createRequest':
    case 'registerProvider':
      return stateResult(state, result, env) ?? ignore;
    case 'offerRequest':
      return offerOutcome(state, result, env);
    case 'expireOffer':
      return offerExpired(state, result, env);
    case 'cancelRequest':
      return requestCancelled(state, result, env);
    case 'retryRequest':
      return requestRetried(state, result, env);
    case 'replaceProvider':
      return providerReplaced(state, result, env);
    case 'shareJobLocation':
      return pinShared(state, result);
    case 'answerOffer':
      return offerAnswered(state, result, env);
    case 'listMyJobs':
      if (result.tag?.startsWith('jobs.progress')) return progressJobsLoaded(state, result, env);
      if (result.tag?.startsWith('jobs.done')) return doneJobsLoaded(state, result, env);
      // "Cancelar" from a provider with no active job: their own open request, as for anyone.
      if (result.tag?.startsWith('jobs.drop'))
        return (
          dropJobsLoaded(state, result, env) ??
          nothingToDrop(state, result, env) ??
          ownRequestCancel(state)
        );
      return jobsLoaded(state, result, env, parseTag(result.tag).args[0] === 1);
    case 'dropJob':
      return jobDropped(state, result, env);
    case 'completeJob':
      return jobCompletedResult(state, result);
    case 'confirmJobDone':
      return doneAnswered(state, result, env);
    case 'rateJob':
      if (result.tag?.startsWith('rate.comment'))
        return state.name === 'rateComment'
          ? commentSaved(state, result, env, state.saving ?? null)
          : ignore;
      return starsSaved(state, result, env);
    case 'setProviderOnline':
      return onlineSet(state, result);
    case 'setVisitFee':
      return feeSaved(state, result, env);
    case 'getProviderStats':
      return profileLoaded(state, result, env);
    case 'openHandoff':
    case 'closeHandoff':
    case 'setOptOut':
    case 'eraseMyData':
      return careResult(state, result, env);
    case 'updateProviderProfile':
      return profileUpdated(state, result, env);
    case 'requestMediaMessages':
      return offerMediaLoaded(state, result);
    case 'joinWaitlist':
      return waitlistJoined(state, result, env);
    case 'reopenJob':
      return jobReopened(state, result, env);
    case 'ratingStatus':
      return ratingStatusLoaded(state, result);
    case 'saveMedia':
      if (result.tag?.startsWith('media.early')) return earlyMediaSaved(state, result, env);
      return mediaSaved(state, result, env) ?? ignore;
    case 'attachMediaToRequest':
    case 'listRequestMedia':
      return ignore;
    default:
      return assertNever(result);
  }
}

/** Results that belong to the state that asked for them. */
function stateResult(state: ActiveState, result: OperationResult, env: Env): StepResult | null {
  switch (state.name) {
    case 'shareLocation':
      return shareLocationResult(state, result, env);
    case 'browseProviders':
      return browseResult(state, result, env);
    case 'providerDetail':
      return detailResult(state, result, env);
    case 'provLocation':
      return provLocationResult(state, result, env);
    case 'provFee':
      return provFeeResult(state, result, env);
    case 'mainMenu':
      return addressFirstResult(state, result, env);
    default:
      return null;
  }
}
