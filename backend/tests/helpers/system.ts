/**
 * The whole bot in-process for e2e tests: its own Postgres schema, its own Redis prefix,
 * the local Cloud API fake over real HTTP, and the webhook on a random port.
 */
import { loadConfig, type Config } from '../../src/config';
import { createSystem, type Role, type System, type SystemOptions } from '../../src/wiring/system';
import { createLogger, type Logger } from '../../src/observability/logger';
import { signBody } from '../../src/shared/signature';
import { createTestDb, type TestDb } from './db';
import { startFakeCloudApi, type FakeCloudApi } from './fake';
import { deleteByPrefix, testPrefix } from './redis';

export interface TestSystem {
  system: System;
  config: Config;
  fake: FakeCloudApi;
  db: TestDb;
  baseUrl: string;
  prefix: string;
  /** POST a body to /webhook signed like Meta does (over exactly these bytes). */
  postWebhook(body: unknown | string, signature?: string): Promise<Response>;
  stop(): Promise<void>;
}

export async function startTestSystem(
  env: Record<string, string> = {},
  role: Role = 'all',
  opts: { logger?: Logger } & SystemOptions = {},
): Promise<TestSystem> {
  const db = await createTestDb();
  const prefix = testPrefix();
  const fake = await startFakeCloudApi({
    accessToken: process.env.WHATSAPP_ACCESS_TOKEN,
    appSecret: process.env.WHATSAPP_APP_SECRET,
  });
  const config = loadConfig({
    ...process.env,
    DATABASE_SCHEMA: db.schema,
    REDIS_KEY_PREFIX: prefix,
    WHATSAPP_API_BASE_URL: fake.url,
    QUEUE_STALLED_INTERVAL_MS: '1000',
    RETRY_BASE_DELAY_MS: '50',
    WORKER_CONCURRENCY: '8',
    // Scripted users tap faster than people; the per-user limits have their own tests.
    INBOUND_LIMIT_PER_MINUTE: '1000',
    INBOUND_LIMIT_PER_HOUR: '10000',
    INBOUND_ANSWER_LIMIT_PER_MINUTE: '1000',
    INBOUND_ANSWER_LIMIT_PER_HOUR: '10000',
    // Fixtures insert providers straight into the database (no invalidation): no list cache.
    // The cache has its own test (integration/operations/candidate-cache).
    PROVIDER_LIST_CACHE_SECONDS: '0',
    // Scripted providers tap "Terminado" seconds after accepting; the minimum (the customer confirms
    // first) has its own test (e2e/marketplace/offers-respect).
    JOB_DONE_MIN_MINUTES: '0',
    ...env,
  });
  const logger =
    opts.logger ?? createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent', pretty: false });
  const { logger: _logger, ...options } = opts;
  const system = await createSystem(config, role, logger, options);
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
    postWebhook: (body, signature) => {
      const raw = typeof body === 'string' ? body : JSON.stringify(body);
      return fetch(`${baseUrl}/webhook`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': signature ?? signBody(raw, config.whatsapp.appSecret),
        },
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
