/**
 * The fake's Express app: the Cloud API send endpoint (bearer-token checked) plus `/__fake` control routes.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import type { FakeContext } from './context';
import { controlRoutes } from './control-routes';
import { FAILURE_PRESETS, metaErrorBody } from './meta-responses';
import { sendEndpoint } from './send-endpoint';

function bearerCheck(ctx: FakeContext) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.get('authorization') ?? '';
    const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
    const expected = ctx.options.accessToken;
    if (token !== '' && (expected === undefined || token === expected)) return next();
    const err = FAILURE_PRESETS.token;
    ctx.recorder.add({
      at: Date.now(),
      kind: 'message',
      apiVersion: String(req.params.version ?? ''),
      phoneNumberId: String(req.params.phoneNumberId ?? ''),
      headers: {},
      body: undefined,
      status: err.httpStatus,
      errorCode: err.code,
    });
    res
      .status(err.httpStatus)
      .set('WWW-Authenticate', 'OAuth "Facebook Platform" "invalid_token"')
      .json(metaErrorBody(err));
  };
}

export function createFakeApp(ctx: FakeContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use('/__fake', controlRoutes(ctx));
  app.post(
    '/:version/:phoneNumberId/messages',
    bearerCheck(ctx),
    express.json({ limit: '1mb' }),
    sendEndpoint(ctx),
  );
  app.use((_req: Request, res: Response) => {
    res.status(400).json(metaErrorBody({ code: 100, message: 'Unknown path components' }));
  });
  // Malformed JSON and other errors, in Meta's shape.
  app.use(
    (
      err: Error & { type?: string; status?: number },
      _req: Request,
      res: Response,
      _next: NextFunction,
    ) => {
      if (err.type === 'entity.parse.failed') {
        res.status(400).json(
          metaErrorBody({
            code: 100,
            message: '(#100) Invalid JSON in request body',
            details: err.message,
          }),
        );
        return;
      }
      res
        .status(err.status ?? 500)
        .json(
          metaErrorBody({ code: 1, message: 'An unknown error occurred', details: err.message }),
        );
    },
  );
  return app;
}
