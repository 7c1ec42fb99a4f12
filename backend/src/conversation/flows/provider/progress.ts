/**
 * A provider's news on a job, typed: "voy en camino, llego en 20" / "ya llegué". With one active
 * job its customer is told at once (a fixed sentence, never the provider's own words); with several
 * the provider sees them with each customer's contact; with none they are told so.
 */
import type { Notices } from '../../notices';
import type { OperationResultOf } from '../../operations';
import { t } from '../../locales';
import { serviceName } from '../../render/format';
import { say } from '../../render/out';
import { activeJobCards } from '../../render/provider';
import { prompt } from '../../render/prompts';
import type { ActiveState } from '../../state';
import { displayName } from '../../text/sanitize';
import type { JobProgress } from '../../understanding/understand';
import type { Env, StepResult } from '../env';
import { stay } from '../env';
import { parseTag, tag } from '../tags';
import { answerOpenOffer, readsOfferAnswers } from './typed-offer';
import type { Command } from '../../commands';

/** The progress as a tag argument (tags carry integers): 1 on the way, 2 arrived. */
export function progressCode(progress: JobProgress | undefined): number {
  return progress === 'arrived' ? 2 : 1;
}

/** The longest wait said to a customer ("llega en unos 240 min" is already a lot). */
export const MAX_ETA_MINUTES = 240;

/** Second argument of an `offer.typedWay` tag: the jobs were looked up first and there were none. */
export const JOBS_CHECKED = 1;

/** The customer of a job just accepted with "voy en camino, llego en 20" hears it too. */
export function progressOnAcceptance(
  job: {
    requestId: number;
    serviceName: Notices['providerProgress']['serviceName'];
    provider: { name: string };
    customer: { conversationKey: string };
  },
  etaMinutes: number | undefined,
): Command {
  const data: Notices['providerProgress'] = {
    requestId: job.requestId,
    providerName: job.provider.name,
    serviceName: job.serviceName,
    progress: 'onTheWay',
    ...(etaMinutes && etaMinutes <= MAX_ETA_MINUTES ? { etaMinutes } : {}),
  };
  return { kind: 'notify', to: job.customer.conversationKey, notice: 'providerProgress', data };
}

/** The provider's active jobs are known: tell the one customer, or show which ones there are. */
export function progressJobsLoaded(
  state: ActiveState,
  result: OperationResultOf<'listMyJobs'>,
  env: Env,
): StepResult {
  const locale = state.profile.locale;
  if (!result.ok) return stay(state, ...prompt(state, env, t(locale, 'error.temporary')));
  const [code, eta] = parseTag(result.tag).args;
  const progress: JobProgress = code === 2 ? 'arrived' : 'onTheWay';
  const etaMinutes =
    progress === 'onTheWay' && eta !== undefined && eta >= 1 && eta <= MAX_ETA_MINUTES
      ? eta
      : undefined;
  const { jobs } = result.output;
  // "Llego en 40" with no job yet: about the offer they hold, if any (matching never offers to a
  // provider busy with a job, so there is no other job it could be about). answerOffer decides.
  if (jobs.length === 0 && progress === 'onTheWay' && readsOfferAnswers(state))
    return answerOpenOffer(state, env, true, tag('offer.typedWay', etaMinutes ?? 0, JOBS_CHECKED));
  if (jobs.length === 0) return stay(state, ...prompt(state, env, t(locale, 'progress.noJobs')));
  const [job] = jobs;
  if (jobs.length > 1 || !job?.customerKey)
    return stay(
      state,
      say(locale, 'progress.several', { count: jobs.length }),
      ...activeJobCards(locale, jobs),
    );
  const data: Notices['providerProgress'] = {
    requestId: job.requestId,
    providerName: job.providerName,
    serviceName: job.serviceName,
    progress,
    ...(etaMinutes ? { etaMinutes } : {}),
  };
  const customer = job.customerName
    ? displayName(job.customerName, 60)
    : t(locale, 'progress.theCustomer');
  return stay(
    state,
    { kind: 'notify', to: job.customerKey, notice: 'providerProgress', data },
    say(locale, progress === 'arrived' ? 'progress.toldArrived' : 'progress.toldOnTheWay', {
      name: customer,
    }),
  );
}

/** The customer hears the provider is on the way (and about when) or at the door. */
export function providerProgressNotice(
  state: ActiveState,
  data: Notices['providerProgress'],
): StepResult {
  const locale = state.profile.locale;
  const service = serviceName(locale, data.serviceName);
  const name = displayName(data.providerName, 60);
  if (data.progress === 'arrived')
    return stay(state, say(locale, 'progress.arrived', { service, name }));
  return stay(
    state,
    data.etaMinutes
      ? say(locale, 'progress.onTheWayEta', { service, name, minutes: data.etaMinutes })
      : say(locale, 'progress.onTheWay', { service, name }),
  );
}
