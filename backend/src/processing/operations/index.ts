/** Every operation the conversation can call, bound to the database. */
import type { Knex } from 'knex';
import type { Config } from '../../config';
import type { Logger } from '../../observability/logger';
import type { OperationHandlers } from '../operation-handlers';
import { loadUser, saveUser } from './user-operations';

export interface OperationDeps {
  knex: Knex;
  config: Config;
  logger: Logger;
}

export function createOperationHandlers(deps: OperationDeps): OperationHandlers {
  const notWired = (name: string) => async () => {
    throw new Error(`operation ${name} is not wired yet`);
  };
  return {
    loadUser: loadUser(deps.knex),
    saveUser: saveUser(deps.knex),
    listServiceTypes: notWired('listServiceTypes'),
    geocodeAddress: notWired('geocodeAddress'),
    findCandidates: notWired('findCandidates'),
    getProviderDetail: notWired('getProviderDetail'),
    createRequest: notWired('createRequest'),
    offerRequest: notWired('offerRequest'),
    expireOffer: notWired('expireOffer'),
    answerOffer: notWired('answerOffer'),
    cancelRequest: notWired('cancelRequest'),
    retryRequest: notWired('retryRequest'),
    completeJob: notWired('completeJob'),
    rateJob: notWired('rateJob'),
    listMyRequests: notWired('listMyRequests'),
    registerProvider: notWired('registerProvider'),
    setProviderOnline: notWired('setProviderOnline'),
    getProviderStats: notWired('getProviderStats'),
  } as OperationHandlers;
}
