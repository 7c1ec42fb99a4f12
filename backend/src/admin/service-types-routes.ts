/** Admin: the service catalogue — list, create, update, deactivate (every change audited). */
import { Router } from 'express';
import Joi from 'joi';
import type { Knex } from 'knex';
import { writeAudit } from '../db/audit-log';
import {
  createServiceType,
  deactivateServiceType,
  listServiceTypes,
  updateServiceType,
  type NewServiceType,
  type ServiceTypePatch,
} from '../db/service-types';
import { actorFrom } from './auth';
import { HttpError, notFound, parseId, validate } from './http';
import type { AdminDeps } from './types';

const name = Joi.string().trim().min(1).max(80);
const createBody = Joi.object<NewServiceType>({
  code: Joi.string()
    .pattern(/^[a-z][a-z0-9_]{0,39}$/)
    .required(),
  nameEs: name.required(),
  nameEn: name.required(),
  sortOrder: Joi.number().integer().min(0).max(100_000),
  active: Joi.boolean(),
});
const patchBody = Joi.object<ServiceTypePatch>({
  nameEs: name,
  nameEn: name,
  sortOrder: Joi.number().integer().min(0).max(100_000),
  active: Joi.boolean(),
}).min(1);
const listQuery = Joi.object<{ includeInactive: boolean }>({
  includeInactive: Joi.boolean().truthy('1').falsy('0').default(false),
});

export function serviceTypesRouter(deps: AdminDeps): Router {
  const router = Router();
  const { knex } = deps;

  router.get('/service-types', async (req, res) => {
    const { includeInactive } = validate(listQuery, req.query, 'query');
    res.json({ items: await listServiceTypes(knex, { includeInactive }) });
  });

  router.post('/service-types', async (req, res) => {
    const input = validate(createBody, req.body, 'body');
    const result = await knex.transaction(async (trx: Knex.Transaction) => {
      const created = await createServiceType(trx, input);
      if (created.ok)
        await writeAudit(trx, {
          actor: actorFrom(res),
          action: 'service_type.create',
          entity: 'service_type',
          entityId: created.serviceType.id,
          data: { ...input },
        });
      return created;
    });
    if (!result.ok)
      throw new HttpError(409, 'code_taken', `service type code ${input.code} already exists`);
    res.status(201).json({ serviceType: result.serviceType });
  });

  router.patch('/service-types/:id', async (req, res) => {
    const id = parseId(req);
    const patch = validate(patchBody, req.body, 'body');
    const updated = await knex.transaction(async (trx: Knex.Transaction) => {
      const row = await updateServiceType(trx, id, patch);
      if (row)
        await writeAudit(trx, {
          actor: actorFrom(res),
          action: 'service_type.update',
          entity: 'service_type',
          entityId: id,
          data: { ...patch },
        });
      return row;
    });
    if (!updated) throw notFound('service type');
    res.json({ serviceType: updated });
  });

  router.post('/service-types/:id/deactivate', async (req, res) => {
    const id = parseId(req);
    const updated = await knex.transaction(async (trx: Knex.Transaction) => {
      const row = await deactivateServiceType(trx, id);
      if (row)
        await writeAudit(trx, {
          actor: actorFrom(res),
          action: 'service_type.deactivate',
          entity: 'service_type',
          entityId: id,
        });
      return row;
    });
    if (!updated) throw notFound('service type');
    res.json({ serviceType: updated });
  });

  return router;
}
