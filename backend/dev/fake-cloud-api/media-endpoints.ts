/**
 * The Cloud API's media endpoints, faked (bearer token checked like the send endpoint):
 *   GET    /:version/:mediaId                       → { messaging_product, url, mime_type, sha256, file_size, id }
 *   GET    /whatsapp_business/attachments/?mid&ext&hash  (bearer token) → the bytes (URL valid 5 minutes)
 *   POST   /:version/:phoneNumberId/media            multipart: messaging_product, type, file → { id }
 *   DELETE /:version/:mediaId                        → { success: true }
 * Unknown ids get Meta's "object does not exist" (HTTP 400, code 100).
 */
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { FakeContext } from './context';
import { DOWNLOAD_PATH } from './media-store';
import { FAILURE_PRESETS, metaErrorBody } from './meta-responses';

/** Meta's limit is 100 MB for documents; a little more so the bot's own cap is what is tested. */
export const MAX_UPLOAD_BYTES = 110 * 1024 * 1024;

const VERSION = /^v\d+\.\d+$/;
const ID = /^\d{1,32}$/;

function tokenOk(ctx: FakeContext, req: Request, res: Response): boolean {
  const header = req.get('authorization') ?? '';
  const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
  const expected = ctx.options.accessToken;
  if (token !== '' && (expected === undefined || token === expected)) return true;
  const err = FAILURE_PRESETS.token;
  res
    .status(err.httpStatus)
    .set('WWW-Authenticate', 'OAuth "Facebook Platform" "invalid_token"')
    .json(metaErrorBody(err));
  return false;
}

function noSuchObject(res: Response, id: string, verb: string): void {
  res.status(400).json(
    metaErrorBody({
      code: 100,
      message: `Unsupported ${verb} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
    }),
  );
}

export function mediaRoutes(ctx: FakeContext): Router {
  const r = Router();
  const auth = (req: Request, res: Response, next: NextFunction) =>
    tokenOk(ctx, req, res) ? next() : undefined;

  r.get(DOWNLOAD_PATH, auth, (req, res) => {
    const media = ctx.media.resolveDownload(req.query);
    if (media === 'expired' || media === 'invalid') {
      res
        .status(media === 'expired' ? 404 : 400)
        .type('text/plain')
        .send(media === 'expired' ? 'URL expired' : 'invalid URL');
      return;
    }
    if (media.failDownloads > 0) {
      media.failDownloads--;
      res.status(500).type('text/plain').send('temporarily unavailable');
      return;
    }
    ctx.mediaDownloads.push({ id: media.id, at: Date.now() });
    res
      .status(200)
      .set({ 'Content-Type': media.mimeType, 'Content-Length': String(media.bytes.length) })
      .end(media.bytes);
  });

  r.get('/:version/:mediaId', auth, (req, res, next) => {
    const { version, mediaId } = req.params as { version: string; mediaId: string };
    if (!VERSION.test(version) || !ID.test(mediaId)) return next();
    const media = ctx.media.get(mediaId);
    if (!media) return noSuchObject(res, mediaId, 'get');
    const base = `${req.protocol}://${req.get('host')}`;
    res.json({
      messaging_product: 'whatsapp',
      url: `${base}${DOWNLOAD_PATH}?${ctx.media.downloadQuery(media.id)}`,
      mime_type: media.mimeType,
      sha256: media.sha256,
      file_size: media.reportedSize,
      id: media.id,
    });
  });

  r.delete('/:version/:mediaId', auth, (req, res, next) => {
    const { version, mediaId } = req.params as { version: string; mediaId: string };
    if (!VERSION.test(version) || !ID.test(mediaId)) return next();
    if (!ctx.media.delete(mediaId)) return noSuchObject(res, mediaId, 'delete');
    res.json({ success: true });
  });

  r.post(
    '/:version/:phoneNumberId/media',
    auth,
    express.raw({ type: () => true, limit: MAX_UPLOAD_BYTES }),
    async (req, res) => {
      const { phoneNumberId } = req.params as { version: string; phoneNumberId: string };
      const known = ctx.options.phoneNumberId;
      if (known !== undefined && phoneNumberId !== known)
        return noSuchObject(res, phoneNumberId, 'post');
      const invalid = (message: string) =>
        res
          .status(400)
          .json(metaErrorBody({ code: 100, message: `(#100) ${message}`, details: message }));
      const contentType = req.get('content-type') ?? '';
      if (!/^multipart\/form-data/i.test(contentType) || !Buffer.isBuffer(req.body))
        return invalid('The request must be multipart/form-data.');
      let form: FormData;
      try {
        form = await new globalThis.Response(req.body, {
          headers: { 'content-type': contentType },
        }).formData();
      } catch {
        return invalid('Could not parse the multipart body.');
      }
      if (form.get('messaging_product') !== 'whatsapp')
        return invalid('The parameter messaging_product is required.');
      const file = form.get('file');
      if (file === null || typeof file === 'string')
        return invalid('The parameter file is required.');
      const type = form.get('type');
      const mimeType = typeof type === 'string' && type !== '' ? type : file.type;
      if (!mimeType) return invalid('The parameter type is required.');
      const bytes = Buffer.from(await file.arrayBuffer());
      const media = ctx.media.add({ bytes, mimeType }, 'upload', {
        phoneNumberId,
        filename: file.name,
      });
      res.json({ id: media.id });
    },
  );

  return r;
}
