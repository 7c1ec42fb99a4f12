/**
 * Status notice to everyone with an open request or an accepted job (incidents, maintenance).
 *
 *   npm run broadcast-status -- --es "Tenemos una falla…" --en "We have an outage…" [--id <id>] [--by <name>] [--dry-run]
 *   (production: docker compose exec app-worker node dist/scripts/broadcast-status.js --es … --en …)
 *
 * Enqueues one notice per person on the outbound queue (the running workers send it: text inside
 * the 24 h window, the `notice` template outside it); opted-out people are skipped. The same id
 * never reaches one person twice: re-run with the same id after an interruption, or to reach
 * people whose requests opened since. Without --id, the id is derived from the two texts, so
 * running the same command twice sends nothing twice. --dry-run only counts.
 * Reads the app configuration (DATABASE_URL, REDIS_URL, REDIS_KEY_PREFIX, …) from the environment.
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfig } from '../backend/src/config';
import { createKnex } from '../backend/src/db/knex';
import { createRedis, waitReady } from '../backend/src/queue/redis';
import { createQueues } from '../backend/src/queue/queues';
import {
  broadcastStatusNotice,
  noticeProblems,
  type StatusNotice,
} from '../backend/src/broadcast/status-notice';

const USAGE =
  'usage: broadcast-status --es "<texto>" --en "<text>" [--id <id>] [--by <name>] [--dry-run]';

/** The id a notice gets when none is given: the same two texts, the same id. */
export function defaultNoticeId(es: string, en: string): string {
  return `notice-${createHash('sha256').update(`${es.trim()}\0${en.trim()}`, 'utf8').digest('hex').slice(0, 12)}`;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        es: { type: 'string' },
        en: { type: 'string' },
        id: { type: 'string' },
        by: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const es = values.es ?? '';
  const en = values.en ?? '';
  const notice: StatusNotice = { id: values.id ?? defaultNoticeId(es, en), text: { es, en } };
  const problems = noticeProblems(notice);
  if (problems.length > 0) {
    console.error(`${problems.join('\n')}\n${USAGE}`);
    process.exit(2);
  }
  const actor = `cli:${values.by ?? process.env.USER ?? os.userInfo().username}`.slice(0, 64);
  const config = loadConfig();
  const knex = createKnex({ url: config.db.url, schema: config.db.schema, poolMax: 2 });
  const redis = createRedis(config.redis, 'command', 'ub-broadcast');
  await waitReady(redis);
  const queues = createQueues(redis, config.redis.prefix);
  try {
    const dryRun = values['dry-run'] === true;
    const r = await broadcastStatusNotice(
      {
        knex,
        redis,
        prefix: config.redis.prefix,
        outbound: queues.outbound,
        attempts: config.queue.outboundMaxAttempts,
      },
      notice,
      { actor, dryRun },
    );
    console.log(
      `${dryRun ? 'dry run, nothing enqueued: ' : ''}broadcast ${r.id}: ${r.open} with open requests, ${r.enqueued} ${dryRun ? 'would be ' : ''}enqueued, ` +
        `${r.alreadySent} already sent, ${r.optedOut} opted out`,
    );
  } finally {
    await queues.close();
    redis.disconnect();
    await knex.destroy();
  }
}

if (require.main === module) {
  main().catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
}
