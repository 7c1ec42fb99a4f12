/** An accepted job: done, then rated. */
import type { JobSummary, LocalizedText, ProviderStats } from './types';

export interface JobsOperations {
  /** The provider's active jobs (accepted, not done), oldest first, at most 10. */
  listMyJobs: { input: { providerUserId: number }; output: { jobs: JobSummary[] } };

  /**
   * The provider marks an accepted job done: request → `done`, provider no longer
   * busy. `already_completed` if it was; `not_allowed` if it is not this provider's
   * accepted job. Idempotent by `idempotencyKey`.
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
      | { status: 'already_completed'; requestId: number }
      | { status: 'not_allowed'; requestId: number };
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
          provider: {
            conversationKey: string;
            name: string;
            ratingAvg: number | null;
            ratingCount: number;
          };
        }
      | { status: 'not_allowed'; requestId: number };
  };
}
