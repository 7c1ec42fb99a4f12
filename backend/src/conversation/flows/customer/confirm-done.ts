/**
 * The customer confirms a job the provider marked done too soon after accepting it (the timing
 * rule: operations/jobs.ts `doneNeedsCustomer`). "Sí, ya quedó" closes the job and goes straight
 * to the stars (already confirmed: not asked again); "Todavía no" tells the provider. The
 * question's buttons work in any state (their ids carry the request).
 */
import { jobQuestion } from '../../render/job-question';
import { t } from '../../locales';
import type { Notices } from '../../notices';
import type { OperationResultOf } from '../../operations';
import { say } from '../../render/out';
import { prompt } from '../../render/prompts';
import type { ActiveState } from '../../state';
import { displayName } from '../../text/sanitize';
import type { Env, StepResult } from '../env';
import { call, stay } from '../env';
import { parseTag, tag } from '../tags';
import { rateStars } from '../global';
import { parseStars, starsInText } from '../../text/words';
import { askStars } from './rating';
import { nothingToAnswer } from '../typed-option';
import { understand } from '../../understanding/understand';

export function jobDoneClaimed(state: ActiveState, data: Notices['jobDoneClaimed']): StepResult {
  return stay(
    state,
    jobQuestion(
      state.profile.locale,
      'done.ask',
      { name: data.providerName, service: data.serviceName },
      [{ kind: 'job.confirm', requestId: data.requestId }, 'btn.doneYes'],
      [{ kind: 'job.notYet', requestId: data.requestId }, 'btn.doneNotYet'],
    ),
  );
}

/** "Sí, ya terminó" to the question about a job its provider had not called done: close it. */
export function closeJob(state: ActiveState, requestId: number, env: Env): StepResult {
  return stay(
    state,
    call(
      'confirmJobDone',
      {
        idempotencyKey: env.eventId,
        requestId,
        customerUserId: state.profile.userId,
        done: true,
        closes: true,
      },
      tag('job.confirm', requestId),
    ),
  );
}

/** "Sí, ya quedó" / "Todavía no". */
export function answerDone(
  state: ActiveState,
  requestId: number,
  done: boolean,
  env: Env,
): StepResult {
  return stay(
    state,
    call(
      'confirmJobDone',
      { idempotencyKey: env.eventId, requestId, customerUserId: state.profile.userId, done },
      tag('job.confirm', requestId),
    ),
  );
}

export function doneAnswered(
  state: ActiveState,
  result: OperationResultOf<'confirmJobDone'>,
  env: Env,
): StepResult {
  const locale = state.profile.locale;
  if (!result.ok) return stay(state, ...prompt(state, env, t(locale, 'error.temporary')));
  const out = result.output;
  switch (out.status) {
    case 'completed': {
      const { stats } = out.provider;
      const asked = askStars(
        state,
        { requestId: out.requestId, providerName: stats.name, serviceName: out.serviceName },
        env,
        { saidDone: true },
      );
      // Typed with the stars ("sí, ya quedó, 5 estrellas"): saved at once, not asked for.
      const given = result.tag?.startsWith('job.typed:') ? parseTag(result.tag).args[0] : undefined;
      const next = (asked.state as ActiveState | null) ?? state;
      const rate =
        given !== undefined && given >= 1 && given <= 5
          ? rateStars(next, out.requestId, given, env)
          : asked;
      return stay(
        rate.state,
        {
          kind: 'notify',
          to: out.provider.conversationKey,
          notice: 'jobDoneConfirmed',
          data: {
            requestId: out.requestId,
            ratingAvg: stats.ratingAvg,
            ratingCount: stats.ratingCount,
            jobsDone: stats.jobsDone,
          },
        },
        ...rate.commands,
      );
    }
    case 'not_done':
      return stay(
        state,
        {
          kind: 'notify',
          to: out.provider.conversationKey,
          notice: 'jobNotDone',
          data: { requestId: out.requestId, serviceName: out.serviceName },
        },
        say(locale, 'done.notYet', { name: displayName(out.provider.name, 60) }),
      );
    case 'confirm_close':
      // "Ya quedó" is also "all set": asked before the job is closed.
      return stay(
        state,
        jobQuestion(
          locale,
          'done.askClose',
          { name: out.providerName, service: out.serviceName },
          [{ kind: 'job.close', requestId: out.requestId }, 'btn.doneYes'],
          [{ kind: 'job.open', requestId: out.requestId }, 'btn.doneNotYet'],
        ),
      );
    case 'already_completed':
      return stay(state, ...prompt(state, env, t(locale, 'job.alreadyCompleted')));
    case 'not_allowed':
      return stay(state, ...prompt(state, env, t(locale, 'unexpected.stale')));
    case 'none_claimed':
      // Typed with no job awaiting their word: "ya quedó" is explained; a bare "sí" was not for this.
      return nothingToAnswer(
        state,
        env,
        result.tag?.startsWith('job.typedYes') === true,
        t(locale, 'say.jobDoneCustomer'),
      );
  }
}

/** Whether the person could be answering "¿Ya quedó?" by typing (not in a step of its own). */
const READS_DONE_ANSWERS: ReadonlySet<ActiveState['name']> = new Set([
  'mainMenu',
  'awaitingProvider',
]);

/**
 * A customer typing the answer to "¿Ya quedó?" instead of tapping it: "sí, ya quedó", "ya
 * terminó", a bare "sí" / "todavía no", "aún no termina". Postgres finds the job awaiting their
 * word (confirmJobDone with `requestId: null`); providers' "ya quedó" is about their own jobs.
 */
export function typedDoneAnswer(state: ActiveState, text: string, env: Env): StepResult | null {
  const { profile } = state;
  if (profile.provider || !READS_DONE_ANSWERS.has(state.name) || text.length > 120) return null;
  const meaning = understand(text);
  // "Not yet" only in so many words: a bare "no" ("no gracias") never tells a provider the job is undone.
  const notDone = meaning.notDone === true;
  // Stars given with it ("sí, 5 estrellas") say it is done, and are the rating once it is.
  const stars = notDone ? null : (parseStars(text) ?? starsInText(text)?.stars ?? null);
  const done = meaning.intent === 'job_done' || meaning.intent === 'affirm' || stars !== null;
  if (!notDone && !done) return null;
  const bare = !notDone && stars === null && meaning.intent === 'affirm';
  return stay(
    state,
    call(
      'confirmJobDone',
      {
        idempotencyKey: env.eventId,
        requestId: null,
        customerUserId: profile.userId,
        done: !notDone,
        // "Ya quedó, gracias" closes the job even before the provider taps "Terminado".
        ...(!notDone && !bare ? { closes: true } : {}),
      },
      stars !== null ? tag('job.typed', stars) : tag(bare ? 'job.typedYes' : 'job.typed'),
    ),
  );
}
