/** Admin: service requests with filters, one request, and its offer history. */
import { Router } from 'express';
import Joi from 'joi';
import { listRequests, type RequestFilter } from '../db/listings';
import { listOffersForRequest } from '../db/offers';
import { getRequest } from '../db/requests';
import { notFound, pagination, parseId, validate } from './http';
import type { AdminDeps } from './types';

const listQuery = Joi.object<RequestFilter>({
  status: Joi.string().valid(
    'searching',
    'offered',
    'accepted',
    'done',
    'cancelled',
    'no_providers',
  ),
  service: Joi.string().pattern(/^[a-z][a-z0-9_]{0,39}$/),
  customerId: Joi.number().integer().min(1).max(2_147_483_647),
  from: Joi.date().iso(),
  to: Joi.date()
    .iso()
    .when('from', { is: Joi.exist(), then: Joi.date().greater(Joi.ref('from')) }),
  ...pagination,
});

export function requestsRouter(deps: AdminDeps): Router {
  const router = Router();

  router.get('/requests', async (req, res) => {
    res.json(await listRequests(deps.knex, validate(listQuery, req.query, 'query')));
  });

  router.get('/requests/:id', async (req, res) => {
    const request = await getRequest(deps.knex, parseId(req));
    if (!request) throw notFound('request');
    res.json({ request });
  });

  router.get('/requests/:id/offers', async (req, res) => {
    const request = await getRequest(deps.knex, parseId(req));
    if (!request) throw notFound('request');
    res.json({ request, offers: await listOffersForRequest(deps.knex, request.id) });
  });

  return router;
}
