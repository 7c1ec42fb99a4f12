/** Human help and privacy: handoffs to a person, opt-out, erasure (flows/care.ts). */

export interface CareOperations {
  /**
   * Hand this conversation to a person (console inbox). Idempotent for `idempotencyKey`; a
   * conversation with an open handoff gets that one back (`created: false`). From then on the
   * runner records the person's messages for the console instead of running the step.
   * `said`: the message that asked, kept as the first line of the transcript.
   */
  openHandoff: {
    input: { idempotencyKey: string; reason: 'user' | 'appeal'; said?: string };
    output: { handoffId: number; created: boolean };
  };
  /** Close an open handoff (its timeout fired): `closed` false when an operator already had. */
  closeHandoff: { input: { handoffId: number; by: 'timeout' }; output: { closed: boolean } };
  /** Record that the person opted out of (or back in to) proactive and template messages. */
  setOptOut: { input: { optedOut: boolean }; output: { changed: boolean } };
  /**
   * Erase the person's data everywhere (Postgres now; Redis and media right after the
   * conversation's last reply). Idempotent for `idempotencyKey`.
   */
  eraseMyData: { input: { idempotencyKey: string }; output: { erased: boolean } };
}
