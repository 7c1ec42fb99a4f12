/** An accepted job: done, then rated. */
import type { JobSummary, LocalizedText, ProviderStats } from './types';

export interface JobsOperations {
  /** The provider's active jobs (accepted, not done), oldest first, at most 10. */
  listMyJobs: { input: { providerUserId: number }; output: { jobs: JobSummary[] } };

  /**
   * The provider marks an accepted job done: request → `done`, provider no longer
   * busy. `already_completed` if it was; `not_allowed` if it is not this provider's
   * accepted job. Too soon after accepting (config JOB_DONE_MIN_MINUTES; the rule is
   * operations/jobs.ts `doneNeedsCustomer`) the job is not closed on the provider's word:
   * `needs_customer`, the claim is recorded and the customer must confirm (confirmJobDone).
   * Idempotent by `idempotencyKey`.
   */
  completeJob: {
    input: { idempotencyKey: string; requestId: number; providerUserId: number };
    output:
      | {
          status: 'completed';
          requestId: number;
          serviceName: LocalizedText;
          customer: { conversationKey: string };
          stats: ProviderStats;
        }
      | {
          status: 'needs_customer';
          requestId: number;
          serviceName: LocalizedText;
          /** The provider's display name (as the customer knows them). */
          providerName: string;
          customer: { conversationKey: string };
        }
      | { status: 'already_completed'; requestId: number }
      | { status: 'not_allowed'; requestId: number };
  };

  /**
   * The provider can no longer go ("ya no puedo ir, se me ponchó la llanta"): their accepted job
   * goes back to searching (no provider, no choice standing; their offer `cancelled`, so it is
   * never offered to them again), they are free for other work, and the customer's conversation
   * looks for someone else. `not_allowed` if it is not this provider's accepted job;
   * `already_done` if it was finished meanwhile. Idempotent by `idempotencyKey`.
   */
  dropJob: {
    input: { idempotencyKey: string; requestId: number; providerUserId: number };
    output:
      | {
          status: 'dropped';
          requestId: number;
          serviceName: LocalizedText;
          /** The provider's display name (as the customer knows them). */
          providerName: string;
          customer: { conversationKey: string };
        }
      | { status: 'already_done'; requestId: number }
      | { status: 'not_allowed'; requestId: number };
  };

  /**
   * The customer answers the provider's "done" that came too soon after accepting: `done: true`
   * closes the job (as completeJob would; `provider` carries who to tell and their fresh stats),
   * `done: false` withdraws the claim (`not_done`: the provider is told). Only the customer of
   * an accepted job the provider claimed done may answer (`not_allowed` otherwise);
   * `already_completed` if it was closed. `requestId: null` answers for the customer's job that
   * awaits their word (a typed "sí, ya quedó"); `none_claimed` when there is none.
   * Idempotent by `idempotencyKey`.
   */
  confirmJobDone: {
    input: {
      idempotencyKey: string;
      requestId: number | null;
      customerUserId: number;
      done: boolean;
      /**
       * The customer's word closes a job its provider has not said is done (a provider who forgets
       * "Terminado" is freed). With `requestId: null` (typed "ya quedó, gracias", never a bare "sí")
       * their one accepted job is only found: `confirm_close`, nothing changes ("ya quedó" is also
       * "all set" in Mexico), and the customer is asked; with the `requestId` of that question's
       * "Sí, ya terminó", it closes.
       */
      closes?: boolean;
    };
    output:
      | {
          status: 'completed';
          requestId: number;
          serviceName: LocalizedText;
          provider: { conversationKey: string; stats: ProviderStats };
        }
      | {
          status: 'not_done';
          requestId: number;
          serviceName: LocalizedText;
          provider: { conversationKey: string; name: string };
        }
      | { status: 'already_completed'; requestId: number }
      | { status: 'not_allowed'; requestId: number }
      | { status: 'none_claimed' }
      | {
          status: 'confirm_close';
          requestId: number;
          serviceName: LocalizedText;
          /** The provider's display name (as the customer knows them). */
          providerName: string;
        };
  };

  /**
   * Save (upsert) the customer's rating of a completed request: `stars` 1–5 and, in a later
   * call, an optional `comment` (≤ 500 chars, already sanitised). `first` is true when this
   * call created the rating (false when it updated it); `provider` carries the provider's
   * conversation key and updated rating. `not_allowed` if the request is not the customer's
   * or not `done`. Idempotent by `idempotencyKey`.
   */
  rateJob: {
    input: {
      idempotencyKey: string;
      requestId: number;
      customerUserId: number;
      stars: number;
      comment?: string;
    };
    output:
      | {
          status: 'saved';
          requestId: number;
          stars: number;
          first: boolean;
          /** The stars differ from the ones saved before (an edit within the window). */
          changed: boolean;
          provider: {
            conversationKey: string;
            name: string;
            ratingAvg: number | null;
            ratingCount: number;
          };
        }
      | { status: 'not_allowed'; requestId: number }
      /** Rated more than `RATING_EDIT_WINDOW_MS` ago: one rating per job, no more changes. */
      | { status: 'locked'; requestId: number };
  };

  /**
   * The customer says a job marked done is not finished: back to `accepted` (the provider busy
   * with it again) when it was completed within the last 48 h and not rated; `not_allowed`
   * otherwise. `provider` = who must be told.
   */
  reopenJob: {
    input: { idempotencyKey: string; requestId: number; customerUserId: number };
    output:
      | {
          status: 'reopened';
          requestId: number;
          serviceName: LocalizedText;
          provider: { conversationKey: string; name: string };
        }
      | { status: 'not_allowed'; requestId: number };
  };

  /** Whether the customer has rated a finished job (for the reminder). */
  ratingStatus: {
    input: { requestId: number; customerUserId: number };
    output: {
      requestId: number;
      done: boolean;
      rated: boolean;
      providerName: string | null;
      serviceName: LocalizedText | null;
    };
  };
}

/** A rating can be changed (stars or comment) this long after it was first given. */
export const RATING_EDIT_WINDOW_MS = 15 * 60_000;
