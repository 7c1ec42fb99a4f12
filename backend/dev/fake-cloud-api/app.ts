/**
 * The fake's Express app: the Cloud API send endpoint and media endpoints (bearer-token checked)
 * plus `/__fake` control routes.
 * Plain JSON sends usually arrive through `send-fast-path.ts` instead (same handler, no Express).
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import type { FakeContext } from './context';
import { controlRoutes } from './control-routes';
import { mediaRoutes } from './media-endpoints';
import { metaErrorBody } from './meta-responses';
import { expressReply, MAX_SEND_BODY_BYTES, rejectToken, sendEndpoint } from './send-endpoint';

function bearerCheck(ctx: FakeContext) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const params = {
      version: String(req.params.version ?? ''),
      phoneNumberId: String(req.params.phoneNumberId ?? ''),
    };
    if (!rejectToken(ctx, req.get('authorization'), params, expressReply(res))) next();
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
    express.json({ limit: MAX_SEND_BODY_BYTES }),
    sendEndpoint(ctx),
  );
  app.use(mediaRoutes(ctx));
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
