/**
 * The admin API, mounted by the application at `/admin`:
 *
 *   GET  /providers?status=&service=&online=&limit=&offset=     GET /providers/:id
 *   POST /providers/:id/approve | /reject | /suspend  {reason?}
 *   GET  /requests?status=&service=&customerId=&from=&to=&limit=&offset=
 *   GET  /requests/:id                                           GET /requests/:id/offers
 *   GET  /service-types?includeInactive=   POST /service-types   PATCH /service-types/:id
 *   POST /service-types/:id/deactivate
 *   GET  /flags     PUT /flags/:key {enabled | percent}     DELETE /flags/:key (back to the environment's rule)
 *
 * Every route needs an API key (auth.ts); bodies and query strings are validated with joi
 * (400 with details), unknown ids answer 404, and every change writes an audit_log row.
 */
import express, { Router } from 'express';
import { apiKeyAuth } from './auth';
import { flagsRouter } from './flags-routes';
import { adminErrorHandler } from './http';
import { providersRouter } from './providers-routes';
import { requestsRouter } from './requests-routes';
import { serviceTypesRouter } from './service-types-routes';
import type { AdminDeps } from './types';

export function createAdminRouter(deps: AdminDeps): Router {
  const router = Router();
  router.use(apiKeyAuth(deps.apiKeys));
  router.use(express.json({ limit: '100kb' }));
  router.use(providersRouter(deps));
  router.use(requestsRouter(deps));
  router.use(serviceTypesRouter(deps));
  if (deps.flags) router.use(flagsRouter(deps.flags));
  router.use((_req, res) => {
    res.status(404).json({ error: 'not_found', message: 'no such admin endpoint' });
  });
  router.use(adminErrorHandler);
  return router;
}
