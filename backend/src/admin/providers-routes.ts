/** Admin: list providers, approve / reject / suspend them (audited, and the provider is told). */
import { Router, type Request, type Response } from 'express';
import Joi from 'joi';
import { listProviders, type ProviderFilter } from '../db/listings';
import { getProviderById, listProviderServiceIds, type StatusAction } from '../db/providers';
import { decideProvider } from './provider-decisions';
import { actorFrom } from './auth';
import { HttpError, notFound, pagination, parseId, validate } from './http';
import type { AdminDeps } from './types';

const listQuery = Joi.object<ProviderFilter>({
  status: Joi.string().valid('pending', 'approved', 'rejected', 'suspended'),
  service: Joi.string().pattern(/^[a-z][a-z0-9_]{0,39}$/),
  online: Joi.boolean().truthy('1').falsy('0'),
  ...pagination,
});

const actionBody = Joi.object<{ reason?: string }>({
  reason: Joi.string().trim().max(500).allow(''),
});

export function providersRouter(deps: AdminDeps): Router {
  const router = Router();

  router.get('/providers', async (req, res) => {
    res.json(await listProviders(deps.knex, validate(listQuery, req.query, 'query')));
  });

  router.get('/providers/:id', async (req, res) => {
    const provider = await getProviderById(deps.knex, parseId(req));
    if (!provider) throw notFound('provider');
    res.json({
      provider: {
        ...provider,
        serviceTypeIds: await listProviderServiceIds(deps.knex, provider.id),
      },
    });
  });

  for (const action of ['approve', 'reject', 'suspend'] as const) {
    router.post(`/providers/:id/${action}`, async (req, res) =>
      changeStatus(deps, action, req, res),
    );
  }
  return router;
}

async function changeStatus(
  deps: AdminDeps,
  action: StatusAction,
  req: Request,
  res: Response,
): Promise<void> {
  const id = parseId(req);
  const { reason } = validate(actionBody, req.body, 'body');
  const result = await decideProvider(deps, {
    providerId: id,
    action,
    actor: actorFrom(res),
    ...(reason ? { reason } : {}),
  });
  if (!result.ok && result.reason === 'not_found') throw notFound('provider');
  if (!result.ok)
    throw new HttpError(
      409,
      'invalid_transition',
      `cannot ${action} a provider that is ${result.status}`,
      { status: result.status },
    );
  res.json({ provider: result.provider, notified: result.notified });
}
