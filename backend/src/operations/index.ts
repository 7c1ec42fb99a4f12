/** Every operation the conversation can call, bound to the database. */
import type { Knex } from 'knex';
import type { Config } from '../config';
import type { Logger } from '../observability/logger';
import type { OperationHandlers } from './registry';
import { geocodeAddress, listServiceTypes } from './catalog';
import { joinWaitlist } from './coverage';
import {
  completeJob,
  confirmJobDone,
  dropJob,
  listMyJobs,
  rateJob,
  ratingStatus,
  reopenJob,
} from './jobs';
import { findCandidates, getProviderDetail } from './matching';
import { answerOffer, expireOffer, offerRequest } from './offers';
import {
  getProviderStats,
  registerProvider,
  setProviderOnline,
  setVisitFee,
  updateProviderProfile,
} from './providers';
import {
  cancelRequest,
  createRequest,
  listMyRequests,
  replaceProvider,
  retryRequest,
  shareJobLocation,
} from './requests';
import { loadUser, saveUser } from './users';
import {
  attachMediaToRequest,
  listRequestMediaHandler,
  requestMediaMessages,
  saveMedia,
} from './media';
import type { MediaService } from '../media';
import {
  cachedFindCandidates,
  invalidateProviderLists,
  type CandidateCache,
} from './candidate-cache';
import type { OperationHandler } from './registry';
import type { CareDeps } from '../care/deps';
import { closeHandoff, eraseMyData, openHandoff, setOptOut } from './care';

export interface OperationDeps {
  knex: Knex;
  config: Pick<Config, 'marketplace'>;
  logger?: Logger;
  /** Cache of provider lists; omitted = no caching. */
  cache?: CandidateCache;
  /** Received media (Cloud API + storage); omitted = `saveMedia` answers `failed`, nothing is shown. */
  media?: MediaService;
  /** Human help and privacy (handoffs, opt-out, erasure); omitted (some tests) = those operations fail. */
  care?: CareDeps;
}

/** An operation whose dependencies were not given: it fails like an operation that cannot run. */
function unavailable<K extends 'openHandoff' | 'closeHandoff' | 'setOptOut' | 'eraseMyData'>(
  op: K,
): OperationHandler<K> {
  return async () => {
    throw new Error(`${op}: no care dependencies configured`);
  };
}

/** Run `handler`, then mark cached provider lists stale. */
function invalidating<
  K extends 'setProviderOnline' | 'registerProvider' | 'setVisitFee' | 'updateProviderProfile',
>(handler: OperationHandler<K>, cache: CandidateCache | undefined): OperationHandler<K> {
  if (!cache) return handler;
  return async (input, ctx) => {
    const out = await handler(input, ctx);
    await invalidateProviderLists(cache.redis, cache.prefix);
    return out;
  };
}

export function createOperationHandlers(deps: OperationDeps): OperationHandlers {
  const { knex } = deps;
  return {
    loadUser: loadUser(knex, deps.logger),
    saveUser: saveUser(knex, deps.logger),
    listServiceTypes: listServiceTypes(knex),
    geocodeAddress: geocodeAddress(),
    findCandidates: deps.cache
      ? cachedFindCandidates(findCandidates(knex), deps.cache)
      : findCandidates(knex),
    getProviderDetail: getProviderDetail(knex),
    createRequest: createRequest(knex),
    offerRequest: offerRequest(knex, {
      offerTimeoutSeconds: deps.config.marketplace.offerTimeoutSeconds,
    }),
    expireOffer: expireOffer(knex, {
      maxMissedOffers: deps.config.marketplace.missedOffersBeforeOffline,
    }),
    answerOffer: answerOffer(knex),
    cancelRequest: cancelRequest(knex),
    retryRequest: retryRequest(knex),
    replaceProvider: replaceProvider(knex),
    shareJobLocation: shareJobLocation(knex),
    listMyJobs: listMyJobs(knex),
    ratingStatus: ratingStatus(knex),
    reopenJob: reopenJob(knex),
    completeJob: completeJob(knex, { doneMinMinutes: deps.config.marketplace.jobDoneMinMinutes }),
    confirmJobDone: confirmJobDone(knex),
    dropJob: dropJob(knex),
    rateJob: rateJob(knex),
    listMyRequests: listMyRequests(knex),
    registerProvider: invalidating(registerProvider(knex), deps.cache),
    setProviderOnline: invalidating(setProviderOnline(knex), deps.cache),
    setVisitFee: invalidating(setVisitFee(knex), deps.cache),
    getProviderStats: getProviderStats(knex),
    openHandoff: deps.care ? openHandoff(deps.care) : unavailable('openHandoff'),
    closeHandoff: deps.care ? closeHandoff(deps.care) : unavailable('closeHandoff'),
    setOptOut: deps.care ? setOptOut(deps.care) : unavailable('setOptOut'),
    eraseMyData: deps.care ? eraseMyData(deps.care) : unavailable('eraseMyData'),
    updateProviderProfile: invalidating(updateProviderProfile(knex), deps.cache),
    joinWaitlist: joinWaitlist(knex),
    saveMedia: saveMedia(deps.media),
    attachMediaToRequest: attachMediaToRequest(knex),
    listRequestMedia: listRequestMediaHandler(knex),
    requestMediaMessages: requestMediaMessages(deps.media),
  };
}
