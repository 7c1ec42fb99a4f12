/** A stand-in for the bot's webhook endpoint: records raw bodies and headers. */
import type { AddressInfo } from 'node:net';
import express from 'express';

export interface ReceivedWebhook {
  raw: Buffer;
  signature: string | undefined;
  headers: Record<string, string | string[] | undefined>;
}

export async function startReceiver(status = 200) {
  const received: ReceivedWebhook[] = [];
  const app = express();
  app.post('/webhook', express.raw({ type: () => true }), (req, res) => {
    received.push({
      raw: req.body as Buffer,
      signature: req.get('x-hub-signature-256'),
      headers: req.headers,
    });
    res.status(status).send('EVENT_RECEIVED');
  });
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    received,
    async waitForCount(n: number, timeoutMs = 3000): Promise<ReceivedWebhook[]> {
      const until = Date.now() + timeoutMs;
      while (received.length < n) {
        if (Date.now() > until) throw new Error(`expected ${n} webhooks, got ${received.length}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return received;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
