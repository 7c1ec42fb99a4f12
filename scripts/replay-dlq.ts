/**
 * Dead-letter queue tool.
 *   npm run replay-dlq -- list            show what is in the DLQ (no personal data)
 *   npm run replay-dlq -- show <id>       one letter in full (phone masked)
 *   npm run replay-dlq -- replay <id>     put one back on its queue
 *   npm run replay-dlq -- replay --all    put every letter back
 */
import { loadConfig } from '../backend/src/config';
import { createRedis, waitReady } from '../backend/src/queue/redis';
import { withScripts } from '../backend/src/queue/scripts';
import { createQueues } from '../backend/src/queue/queues';
import { replayDeadLetter } from '../backend/src/queue/replay';
import { maskKey } from '../backend/src/shared/mask';

async function main(): Promise<void> {
  const [cmd = 'list', arg] = process.argv.slice(2);
  const config = loadConfig();
  const redis = withScripts(createRedis(config.redis, 'command', 'ub-dlq'));
  await waitReady(redis);
  const queues = createQueues(redis, config.redis.prefix);
  const deps = {
    redis,
    queues,
    prefix: config.redis.prefix,
    dedupeTtlMs: config.webhook.dedupeTtlSeconds * 1000,
  };
  try {
    const jobs = await queues.dead.getJobs(['waiting', 'delayed', 'paused', 'completed', 'failed']);
    if (cmd === 'list') {
      console.log(`${jobs.length} dead letter(s)`);
      for (const j of jobs) {
        const d = j.data;
        console.log(
          `${j.id}\t${d.origin}\t${maskKey(d.key)}\tattempts=${d.attempts}\tcode=${d.errorCode ?? '-'}\t${new Date(d.failedAt).toISOString()}\t${d.error.slice(0, 120)}`,
        );
      }
    } else if (cmd === 'show' && arg) {
      const j = jobs.find((x) => x.id === arg);
      if (!j) throw new Error(`no dead letter ${arg}`);
      console.log(JSON.stringify({ ...j.data, key: maskKey(j.data.key) }, null, 2));
    } else if (cmd === 'replay' && arg) {
      const targets = arg === '--all' ? jobs : jobs.filter((x) => x.id === arg);
      if (targets.length === 0) throw new Error(`no dead letter ${arg}`);
      for (const j of targets)
        console.log(
          `${j.id}: ${await replayDeadLetter(deps, j, config.queue.outboundMaxAttempts)}`,
        );
    } else {
      console.error('usage: replay-dlq list | show <id> | replay <id|--all>');
      process.exitCode = 2;
    }
  } finally {
    await queues.close();
    redis.disconnect();
  }
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
