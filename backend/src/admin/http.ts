/** Validation and error plumbing shared by the admin routes: joi → 400, missing → 404, conflicts → 409. */
import type { NextFunction, Request, Response } from 'express';
import Joi from 'joi';

export class HttpError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string): HttpError =>
  new HttpError(404, 'not_found', `${what} not found`);

/** Validate (and convert) input; throws a 400 listing every problem. */
export function validate<T>(
  schema: Joi.Schema<T>,
  value: unknown,
  where: 'query' | 'body' | 'params',
): T {
  const { value: out, error } = schema.validate(value ?? {}, {
    abortEarly: false,
    convert: true,
    stripUnknown: false,
  });
  if (error) {
    throw new HttpError(
      400,
      'validation_failed',
      `invalid ${where}`,
      error.details.map((d) => ({ path: d.path.join('.'), message: d.message })),
    );
  }
  return out as T;
}

export const idParam = Joi.object({
  id: Joi.number().integer().min(1).max(2_147_483_647).required(),
});

export function parseId(req: Request): number {
  return validate<{ id: number }>(idParam, { id: req.params.id }, 'params').id;
}

export const pagination = {
  limit: Joi.number().integer().min(1).max(200).default(50),
  offset: Joi.number().integer().min(0).max(1_000_000).default(0),
};

/**
 * Last handler of the admin router: client errors as JSON. Anything unexpected goes on to the
 * application's error handler, which logs it and answers a bare 500 (no stack trace, no SQL).
 */
export function adminErrorHandler(
  err: unknown,
  _req: Request,
  res: Response,
  next: NextFunction,
): void {
  if (err instanceof HttpError) {
    res.status(err.status).json({
      error: err.code,
      message: err.message,
      ...(err.details ? { details: err.details } : {}),
    });
    return;
  }
  const e = err as { status?: number; type?: string };
  if (e.type === 'entity.parse.failed') {
    res.status(400).json({ error: 'invalid_json', message: 'the body is not valid JSON' });
    return;
  }
  if (e.status === 413) {
    res.status(413).json({ error: 'payload_too_large', message: 'the body is too large' });
    return;
  }
  next(err);
}
