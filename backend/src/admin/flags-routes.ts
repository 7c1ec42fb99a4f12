/**
 * Admin: feature flags. GET /flags lists every declared flag with the rule in force and where it
 * comes from; PUT /flags/:key sets a rule for every process ({ enabled: true|false } or
 * { percent: 0-100 }, a rollout hashed on the conversation key); DELETE /flags/:key drops the
 * runtime rule (the environment's applies again). Changes are audited by the service (flags/).
 */
import { Router } from 'express';
import Joi from 'joi';
import type { FlagService } from '../flags';
import { isFlagKey, ruleOf, type FlagKey, type FlagRule } from '../shared/feature-flags';
import { actorFrom } from './auth';
import { notFound, validate } from './http';

const setBody = Joi.object<{ enabled?: boolean; percent?: number }>({
  enabled: Joi.boolean().strict(),
  percent: Joi.number().integer().min(0).max(100).strict(),
}).xor('enabled', 'percent');

function flagKeyOf(param: string | undefined): FlagKey {
  if (!param || !isFlagKey(param)) throw notFound('flag');
  return param;
}

export function flagsRouter(flags: FlagService): Router {
  const router = Router();

  router.get('/flags', async (_req, res) => {
    res.json({ flags: await flags.list() });
  });

  router.get('/flags/:key', async (req, res) => {
    res.json({ flag: await flags.get(flagKeyOf(req.params.key)) });
  });

  router.put('/flags/:key', async (req, res) => {
    const key = flagKeyOf(req.params.key);
    const body = validate(setBody, req.body, 'body');
    const rule: FlagRule =
      body.percent !== undefined ? { percent: body.percent } : ruleOf(body.enabled === true);
    res.json({ flag: await flags.set(key, rule, actorFrom(res)) });
  });

  router.delete('/flags/:key', async (req, res) => {
    res.json(await flags.clear(flagKeyOf(req.params.key), actorFrom(res)));
  });

  return router;
}
