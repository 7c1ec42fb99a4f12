/**
 * Like helpers/system.ts `startTestSystem`, but the bot logs at `debug` into memory, so a test
 * can read every line it wrote. Same isolation: own Postgres schema, own Redis prefix, own fake.
 */
import { Writable } from 'node:stream';
import { loadConfig } from '../../../src/config';
import { createSystem, type Role } from '../../../src/system';
import { createLogger } from '../../../src/observability/logger';
import { signBody } from '../../../src/shared/signature';
import { createTestDb } from '../../helpers/db';
import { startFakeCloudApi } from '../../helpers/fake';
import { deleteByPrefix, testPrefix } from '../../helpers/redis';
import type { TestSystem } from '../../helpers/system';

export interface CapturedSystem extends TestSystem {
  /** Every log line written so far (raw JSON text). */
  logs: string[];
}

export async function startCapturedSystem(env: Record<string, string> = {}, role: Role = 'all'): Promise<CapturedSystem> {
  const db = await createTestDb();
  const prefix = testPrefix();
  const fake = await startFakeCloudApi({ accessToken: process.env.WHATSAPP_ACCESS_TOKEN, appSecret: process.env.WHATSAPP_APP_SECRET });
  const config = loadConfig({
    ...process.env,
    DATABASE_SCHEMA: db.schema,
    REDIS_KEY_PREFIX: prefix,
    WHATSAPP_API_BASE_URL: fake.url,
    QUEUE_STALLED_INTERVAL_MS: '1000',
    RETRY_BASE_DELAY_MS: '50',
    WORKER_CONCURRENCY: '8',
    ...env,
  });
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      cb();
    },
  });
  const logger = createLogger({ level: 'debug', pretty: false, destination });
  const system = await createSystem(config, role, logger);
  const port = await system.listen(0);
  const baseUrl = `http://127.0.0.1:${port}`;
  fake.setWebhookUrl(`${baseUrl}/webhook`);
  return {
    system,
    config,
    fake,
    db,
    baseUrl,
    prefix,
    logs,
    postWebhook: (body, signature) => {
      const raw = typeof body === 'string' ? body : JSON.stringify(body);
      return fetch(`${baseUrl}/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature ?? signBody(raw, config.whatsapp.appSecret) },
        body: raw,
      });
    },
    stop: async () => {
      await system.stop();
      await fake.stop();
      await deleteByPrefix(process.env.REDIS_URL!, prefix);
      await db.destroy();
    },
  };
}
