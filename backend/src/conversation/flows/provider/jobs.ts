/** Provider side of offers and jobs: the offer arrives, accept/decline, mark done, and the customer's news. */
import type { Notices } from '../../notices';
import type { OperationResultOf } from '../../operations';
import { formatRating, serviceName } from '../../render/format';
import { say } from '../../render/out';
import {
  activeJobCards,
  jobAcceptedMessage,
  JOBS_SHOWN,
  offerMessage,
} from '../../render/provider';
import { t } from '../../locales';
import { prompt } from '../../render/prompts';
import type { ActiveState } from '../../state';
import type { Env, StepResult } from '../env';
import { call } from '../env';
import { buttonsMessage, send } from '../../render/out';
import { tapId } from '../../ids';
import { displayName } from '../../text/sanitize';
import { parseTag, tag } from '../tags';
import { JOBS_CHECKED, progressCode, progressOnAcceptance } from './progress';
import { FROM_TYPED_NO, dropAsked } from './drop';
import { nothingToAnswer, thanksAnswer } from '../typed-option';
import { THUMBS_UP } from './typed-offer';
import { stay } from '../env';

/** "Mis trabajos": each active job with the customer's contact, the place and "Terminado". */
export function jobsLoaded(
  state: ActiveState,
  result: OperationResultOf<'listMyJobs'>,
  env: Env,
  unreachable = false,
): StepResult {
  const locale = state.profile.locale;
  if (!result.ok) return stay(state, ...prompt(state, env, t(locale, 'error.temporary')));
  const { jobs } = result.output;
  if (jobs.length === 0) return stay(state, ...prompt(state, env, t(locale, 'jobs.none')));
  return stay(
    state,
    // "El cliente no contesta": what to do, then the cards with the contact.
    ...(unreachable ? [say(locale, 'jobs.unreachable')] : []),
    say(locale, 'jobs.count', { count: jobs.length }),
    ...activeJobCards(locale, jobs),
    ...(jobs.length > JOBS_SHOWN
      ? [say(locale, 'jobs.more', { count: jobs.length - JOBS_SHOWN })]
      : []),
  );
}

/** "Ya terminé": the one active job is marked done (as its "Terminado"); several: the list. */
export function doneJobsLoaded(
  state: ActiveState,
  result: OperationResultOf<'listMyJobs'>,
  env: Env,
): StepResult {
  const only = result.ok && result.output.jobs.length === 1 ? result.output.jobs[0] : undefined;
  if (!only) return jobsLoaded(state, result, env);
  return stay(
    state,
    call(
      'completeJob',
      {
        idempotencyKey: env.eventId,
        requestId: only.requestId,
        providerUserId: state.profile.userId,
      },
      tag('job.complete'),
    ),
  );
}

export function offerReceived(state: ActiveState, data: Notices['offerReceived']): StepResult {
  // The problem's photos and voice notes follow the offer (re-uploaded once, sent by media id).
  const media = data.mediaCount
    ? [call('requestMediaMessages', { requestId: data.requestId }, tag('offer.media'))]
    : [];
  return stay(state, offerMessage(state.profile.locale, data), ...media);
}

/** The media of an offered request, sent to the provider after the offer. */
export function offerMediaLoaded(
  state: ActiveState,
  result: OperationResultOf<'requestMediaMessages'>,
): StepResult {
  if (!result.ok) return stay(state);
  return stay(state, ...result.output.messages.map((message) => send(message)));
}

/** What the provider's tap on Accept/Decline turned out to be — decided by Postgres, never by local state. */
export function offerAnswered(
  state: ActiveState,
  result: OperationResultOf<'answerOffer'>,
  env: Env,
): StepResult {
  const locale = state.profile.locale;
  if (!result.ok) return stay(state, say(locale, 'error.temporary'));
  const out = result.output;
  switch (out.status) {
    case 'accepted': {
      // Accepted with "voy en camino, llego en 20": the customer hears that too, right after.
      const [eta] = parseTag(result.tag).args;
      const onTheWay = result.tag?.startsWith('offer.typedWay')
        ? [progressOnAcceptance(out.job, eta || undefined)]
        : [];
      return stay(
        state,
        jobAcceptedMessage(locale, out.job),
        {
          kind: 'notify',
          to: out.job.customer.conversationKey,
          notice: 'offerAccepted',
          data: {
            requestId: out.job.requestId,
            offerId: out.offerId,
            serviceName: out.job.serviceName,
            provider: { name: out.job.provider.name, phone: out.job.provider.phone },
          },
        },
        ...onTheWay,
      );
    }
    case 'declined':
      return stay(state, say(locale, 'offer.youDeclined'), {
        kind: 'notify',
        to: out.customer.conversationKey,
        notice: 'offerDeclined',
        data: { requestId: out.requestId, offerId: out.offerId, providerName: out.providerName },
      });
    case 'already_answered':
      return stay(
        state,
        say(locale, out.accepted ? 'offer.alreadyAccepted' : 'offer.alreadyDeclined'),
      );
    case 'not_available':
      return stay(state, say(locale, 'offer.notAvailable'));
    case 'none_open':
      // "Llego en 40" with neither a job nor an offer.
      if (result.tag?.startsWith('offer.typedWay') && parseTag(result.tag).args[1] === JOBS_CHECKED)
        return stay(state, ...prompt(state, env, t(locale, 'progress.noJobs')));
      // "Ya voy" with no offer open: news for the customer of their job.
      if (result.tag?.startsWith('offer.typedWay'))
        return stay(
          state,
          call(
            'listMyJobs',
            { providerUserId: state.profile.userId },
            tag('jobs.progress', progressCode('onTheWay'), parseTag(result.tag).args[0] ?? 0),
          ),
        );
      // "No puedo ir" with no offer open: about a job they accepted, if any (asked before it goes).
      if (result.tag?.startsWith('offer.typedNo')) return dropAsked(state, FROM_TYPED_NO);
      // A bare 👍 with no offer open: thanks, as anywhere.
      if (result.tag?.startsWith('offer.typedYes') && parseTag(result.tag).args[0] === THUMBS_UP)
        return thanksAnswer(state, env);
      // Typed "acepto" with nothing to accept; a bare "sí" was probably meant for something else.
      return nothingToAnswer(
        state,
        env,
        result.tag?.startsWith('offer.typedYes') === true,
        t(locale, 'offer.noneOpen'),
      );
  }
}

export function jobCompletedResult(
  state: ActiveState,
  result: OperationResultOf<'completeJob'>,
): StepResult {
  const locale = state.profile.locale;
  if (!result.ok) return stay(state, say(locale, 'error.temporary'));
  const out = result.output;
  switch (out.status) {
    case 'completed':
      return stay(
        state,
        {
          kind: 'notify',
          to: out.customer.conversationKey,
          notice: 'jobCompleted',
          data: {
            requestId: out.requestId,
            providerName: out.stats.name,
            serviceName: out.serviceName,
          },
        },
        say(locale, 'job.completed', {
          rating: formatRating(locale, out.stats.ratingAvg, out.stats.ratingCount),
          jobs: Math.max(0, Math.floor(out.stats.jobsDone)),
        }),
      );
    case 'needs_customer':
      // Too soon after accepting to take the provider's word alone: the customer confirms first.
      return stay(state, say(locale, 'job.tooSoon'), {
        kind: 'notify',
        to: out.customer.conversationKey,
        notice: 'jobDoneClaimed',
        data: {
          requestId: out.requestId,
          providerName: out.providerName,
          serviceName: out.serviceName,
        },
      });
    case 'already_completed':
      return stay(state, say(locale, 'job.alreadyCompleted'));
    case 'not_allowed':
      return stay(state, say(locale, 'job.notAllowed'));
  }
}

export function ratingReceived(state: ActiveState, data: Notices['ratingReceived']): StepResult {
  const locale = state.profile.locale;
  return stay(
    state,
    say(locale, data.updated ? 'rating.updated' : 'rating.received', {
      stars: Math.min(5, Math.max(1, data.stars)),
      rating: formatRating(locale, data.ratingAvg, data.ratingCount),
    }),
  );
}

/** The customer's comment on their rating. */
export function ratingCommentReceived(
  state: ActiveState,
  data: Notices['ratingComment'],
): StepResult {
  const locale = state.profile.locale;
  return stay(
    state,
    say(locale, 'rating.comment', {
      stars: Math.min(5, Math.max(1, data.stars)),
      comment: displayName(data.comment, 500),
    }),
  );
}

/** The customer says the job is not finished: it is the provider's again, with "Terminado". */
export function jobReopenedNotice(state: ActiveState, data: Notices['jobReopened']): StepResult {
  const locale = state.profile.locale;
  return stay(
    state,
    send(
      buttonsMessage(
        t(locale, 'job.reopened', { service: serviceName(locale, data.serviceName) }),
        [
          {
            id: tapId({ kind: 'job.done', requestId: data.requestId }),
            title: t(locale, 'btn.markDone'),
          },
        ],
      ),
    ),
  );
}
