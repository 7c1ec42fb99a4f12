/**
 * Run the fake Cloud API standalone (`npm run fake-cloud-api`).
 *   PORT (default 4010), FAKE_HOST (default 127.0.0.1), FAKE_WEBHOOK_URL (the bot's POST /webhook),
 *   WHATSAPP_APP_SECRET (signs webhooks), WHATSAPP_ACCESS_TOKEN (expected bearer token; unset = any),
 *   FAKE_AUTO_STATUSES=1 (post sent/delivered/read after each send), FAKE_STATUS_BATCH_MS /
 *   FAKE_STATUS_BATCH_MAX (group statuses due within that window into one webhook, at most that
 *   many each; default: one webhook per status), FAKE_LATENCY_MS.
 * Refuses to start with NODE_ENV=production.
 */
import { assertNotProduction, startFakeCloudApi } from './server';

async function main(): Promise<void> {
  assertNotProduction();
  const env = process.env;
  const fake = await startFakeCloudApi({
    port: Number(env.PORT ?? 4010),
    host: env.FAKE_HOST ?? '127.0.0.1',
    ...(env.FAKE_WEBHOOK_URL ? { webhookUrl: env.FAKE_WEBHOOK_URL } : {}),
    ...(env.WHATSAPP_APP_SECRET ? { appSecret: env.WHATSAPP_APP_SECRET } : {}),
    ...(env.WHATSAPP_ACCESS_TOKEN ? { accessToken: env.WHATSAPP_ACCESS_TOKEN } : {}),
    autoStatuses: env.FAKE_AUTO_STATUSES === '1' || env.FAKE_AUTO_STATUSES === 'true',
    ...(env.FAKE_STATUS_BATCH_MS ? { statusBatchMs: Number(env.FAKE_STATUS_BATCH_MS) } : {}),
    ...(env.FAKE_STATUS_BATCH_MAX ? { statusBatchMax: Number(env.FAKE_STATUS_BATCH_MAX) } : {}),
  });
  if (env.FAKE_LATENCY_MS) fake.setLatency(Number(env.FAKE_LATENCY_MS));
  console.log(`fake Cloud API listening on ${fake.url}`);
  console.log(`  send endpoint: ${fake.url}/<version>/<phone-number-id>/messages`);
  console.log(
    `  demo chat page: ${fake.url}/chat (published on the host's FAKE_CLOUD_API_PORT with --profile demo)`,
  );
  console.log(
    `  webhooks go to: ${env.FAKE_WEBHOOK_URL ?? '(none yet: POST /__fake/webhook {"url": …})'}`,
  );
  if (!env.WHATSAPP_APP_SECRET)
    console.log(
      '  warning: WHATSAPP_APP_SECRET is not set, webhooks are signed with an empty secret',
    );
  const shutdown = () => {
    fake.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});
