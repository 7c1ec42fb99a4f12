/**
 * A provider who can no longer go to a job they accepted ("ya no puedo ir, se me ponchó la
 * llanta", "cancelar"): asked once ("¿Seguro?", the customer is named), then the job goes back to
 * searching (dropJob), the customer hears it and their conversation offers it to someone else.
 * With several active jobs, which one is never guessed: each job's card has its own "Ya no puedo
 * ir" (tapping it is the answer), and a person can help.
 */
import { jobQuestion } from '../../render/job-question';
import { t } from '../../locales';
import type { OperationResultOf } from '../../operations';
import { say } from '../../render/out';
import { activeJobCards } from '../../render/provider';
import { prompt } from '../../render/prompts';
import type { ActiveState } from '../../state';
import type { Env, StepResult } from '../env';
import { call, stay } from '../env';
import { parseTag, tag } from '../tags';
import { nothingToAnswer } from '../typed-option';

/** Argument of the `jobs.drop` tag: asked by a typed "no puedo" that found no offer open. */
export const FROM_TYPED_NO = 1;

/** "Ya no puedo ir" / "cancelar" from a provider: their active jobs first (tag `jobs.drop`). */
export function dropAsked(state: ActiveState, from = 0): StepResult {
  return stay(
    state,
    call('listMyJobs', { providerUserId: state.profile.userId }, tag('jobs.drop', from)),
  );
}

/** No active job to give back: a typed "no puedo" had nothing to answer (null: look further). */
export function nothingToDrop(
  state: ActiveState,
  result: OperationResultOf<'listMyJobs'>,
  env: Env,
): StepResult | null {
  if (parseTag(result.tag).args[0] !== FROM_TYPED_NO) return null;
  return nothingToAnswer(state, env, false, t(state.profile.locale, 'offer.noneOpen'));
}

/**
 * The provider's active jobs are known: one → "¿Seguro?"; several → the cards, each with its own
 * "Ya no puedo ir";
 * none → null (the caller goes on as for anyone: their own open request, if any).
 */
export function dropJobsLoaded(
  state: ActiveState,
  result: OperationResultOf<'listMyJobs'>,
  env: Env,
): StepResult | null {
  const locale = state.profile.locale;
  if (!result.ok) return stay(state, ...prompt(state, env, t(locale, 'error.temporary')));
  const { jobs } = result.output;
  if (jobs.length === 0) return null;
  const [job] = jobs;
  if (jobs.length > 1 || !job)
    return stay(
      state,
      say(locale, 'drop.several', { count: jobs.length }),
      ...activeJobCards(locale, jobs, { drop: true }),
    );
  const name = job.customerName || t(locale, 'progress.theCustomer');
  return stay(
    state,
    jobQuestion(
      locale,
      'drop.ask',
      { name, service: job.serviceName },
      [{ kind: 'job.drop', requestId: job.requestId }, 'btn.dropYes'],
      [{ kind: 'job.keep', requestId: job.requestId }, 'btn.dropNo'],
    ),
  );
}

/** "Ya no puedo ir" confirmed: give the job back. */
export function dropJobCall(state: ActiveState, requestId: number, env: Env): StepResult {
  return stay(
    state,
    call(
      'dropJob',
      { idempotencyKey: env.eventId, requestId, providerUserId: state.profile.userId },
      tag('job.drop', requestId),
    ),
  );
}

/** Given back: the provider thanked, the customer told (their conversation looks for someone else). */
export function jobDropped(
  state: ActiveState,
  result: OperationResultOf<'dropJob'>,
  env: Env,
): StepResult {
  const locale = state.profile.locale;
  if (!result.ok) return stay(state, ...prompt(state, env, t(locale, 'error.temporary')));
  const out = result.output;
  switch (out.status) {
    case 'dropped':
      return stay(
        state,
        {
          kind: 'notify',
          to: out.customer.conversationKey,
          notice: 'jobDropped',
          data: {
            requestId: out.requestId,
            serviceName: out.serviceName,
            providerName: out.providerName,
          },
        },
        say(locale, 'drop.done'),
      );
    case 'already_done':
      return stay(state, ...prompt(state, env, t(locale, 'job.alreadyCompleted')));
    case 'not_allowed':
      return stay(state, ...prompt(state, env, t(locale, 'unexpected.stale')));
  }
}
