/**
 * The intake baseline: a bare Express server that reads the request body (as the webhook does,
 * with express.raw) and answers 200 `{"ok":true}`. No signature check, no parsing, no Redis.
 * PORT (default 3901).
 */
import express from 'express';

const app = express();
app.disable('x-powered-by');
app.disable('etag');
app.get('/health', (_req, res) => {
  res.json({ ok: true });
});
app.post('/webhook', express.raw({ type: () => true, limit: '3mb' }), (_req, res) => {
  res.status(200).json({ ok: true });
});
const server = app.listen(Number(process.env.PORT ?? 3901), '127.0.0.1', () => {
  console.log(`bare server listening on ${process.env.PORT ?? 3901}`);
});
server.keepAliveTimeout = 65_000;
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
