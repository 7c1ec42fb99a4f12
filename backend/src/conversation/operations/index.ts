/**
 * The I/O the pure step may ask for. The step emits `{ kind: 'call', op, input, tag }`;
 * the runner (conversation/runner) runs the operation (Postgres, matching, geocoding …) and feeds the
 * outcome back as an internal `result` event for the same conversation, processed right away,
 * with the same `op` and `tag`. A thrown/failed operation comes back as `ok: false`.
 *
 * Every input and output is plain JSON (numbers, strings, booleans, null, arrays, objects).
 * Ids are integers (Postgres `integer`/`bigint` read as a JS number). Times are epoch ms.
 * "Conversation key" = the key of a conversation (shared/conversation-key.ts):
 * `wa:<wa_id>` when the user has a wa_id, else `bs:<bsuid>`.
 * "Phone" = the digits to send to / to put in `https://wa.me/<digits>` (country code, no `+`,
 * Mexico `521…` already turned into `52…`), or null when the user's number is withheld
 * (BSUID-only users).
 *
 * Operations that create or change rows take an `idempotencyKey` (the id of the event that
 * caused them): running the same operation again with the same key must return the same
 * outcome without doing the work twice.
 *
 * Contracts are grouped by topic, one file each (users, catalog, matching, requests, offers,
 * jobs, providers, media, coverage); each has a handler file of the same name in backend/src/operations/. Add an
 * operation to its topic's interface (input + output types), then register its handler in
 * `operations/index.ts`. The compiler then checks both sides.
 */
import type { UsersOperations } from './users';
import type { CatalogOperations } from './catalog';
import type { MatchingOperations } from './matching';
import type { RequestsOperations } from './requests';
import type { OffersOperations } from './offers';
import type { JobsOperations } from './jobs';
import type { ProvidersOperations } from './providers';
import type { CareOperations } from './care';
import type { MediaOperations } from './media';
import type { CoverageOperations } from './coverage';

export type * from './types';
export type * from './users';
export type * from './catalog';
export type * from './matching';
export type * from './requests';
export type * from './offers';
export type * from './jobs';
export { RATING_EDIT_WINDOW_MS } from './jobs';
export type * from './providers';
export type * from './care';
export type * from './media';
export type * from './coverage';

/** Every operation the step may call. */
export interface Operations
  extends
    UsersOperations,
    CatalogOperations,
    MatchingOperations,
    RequestsOperations,
    OffersOperations,
    JobsOperations,
    ProvidersOperations,
    MediaOperations,
    CoverageOperations,
    CareOperations {}

export type OperationName = keyof Operations;

export type CallCommandOf<K extends OperationName> = {
  kind: 'call';
  op: K;
  input: Operations[K]['input'];
  /** Free data the step wants back with the result (which continuation, which ids). */
  tag?: string;
};
export type CallCommand = { [K in OperationName]: CallCommandOf<K> }[OperationName];

export type OperationResultOf<K extends OperationName> =
  | { kind: 'result'; op: K; tag?: string; ok: true; output: Operations[K]['output'] }
  | { kind: 'result'; op: K; tag?: string; ok: false; error: string };
export type OperationResult = { [K in OperationName]: OperationResultOf<K> }[OperationName];

/** One line per operation, for docs/conversation.md (the compiler keeps it complete). */
export const OPERATION_SUMMARIES: Record<OperationName, string> = {
  loadUser: 'find or create the user of this conversation',
  saveUser: 'save name and/or locale',
  listServiceTypes: 'active service types, localised names',
  geocodeAddress: 'typed address / 5-digit postal code → lat/lng (+ coverage) or not_found',
  findCandidates: 'eligible providers for a service at a point, in display order (+ coverage)',
  getProviderDetail: 'provider profile + latest reviews',
  createRequest: 'create a searching request (idempotent)',
  offerRequest:
    'atomically claim the next (or the chosen) provider → offered | none | chosen_unavailable',
  expireOffer: 'offer timer fired → expired | not_pending',
  answerOffer:
    'provider accepts/declines (a tap, or typed: the open offer) → accepted | declined | already_answered | not_available | none_open',
  cancelRequest:
    'customer cancels → cancelled | confirm (accepted job, no reason) | not_cancellable | not_found',
  retryRequest: 'new request copying a no_providers one (linked to it)',
  shareJobLocation:
    'a pin sent while a provider has the job: the job moves there, the provider is told',
  replaceProvider:
    'customer wants someone else: pending offer withdrawn / accepted job back to searching, choice cleared',
  listMyJobs: "the provider's active jobs",
  dropJob: 'provider can no longer go: the accepted job goes back to searching (someone else)',
  completeJob: 'provider marks the job done (too soon after accepting: the customer confirms)',
  confirmJobDone: 'customer confirms (or not) a provider\'s too-early "done", or says it first',
  ratingStatus: 'has the customer rated this finished job',
  reopenJob: 'the customer says a job marked done is not finished',
  rateJob: 'save stars (and later a comment) for a completed job',
  listMyRequests: "the customer's latest requests",
  registerProvider: 'register as provider (pending approval)',
  setProviderOnline:
    'go online/offline (approved providers only); offline withdraws pending offers',
  setVisitFee: "change the provider's visit fee",
  getProviderStats:
    "provider's own rating, jobs, status, services, base, radius, fee and latest rating comments",
  openHandoff: 'hand the conversation to a person (console inbox); the bot pauses',
  closeHandoff: 'handoff timed out → closed | already closed by an operator',
  setOptOut: 'opt out of / back in to proactive and template messages',
  eraseMyData: "erase the person's data (Postgres, Redis, media), audited",
  updateProviderProfile:
    'provider changes services (replaced at once), base (refused outside coverage) or radius',
  saveMedia:
    'fetch a photo / voice note / document from WhatsApp and keep it → stored | too_large | unsupported_type | failed',
  attachMediaToRequest: "link the user's stored media to their request",
  listRequestMedia: "a request's stored media",
  requestMediaMessages:
    "messages showing a request's media to a provider (re-uploaded, sent by id)",
  joinWaitlist: 'out of coverage: "let me know when you arrive" for the city at a point',
};
