/** Dead letters: kept in the `{dead}` queue (never processed), listed and replayed by scripts/replay-dlq.ts. */
import type { Queues } from './queues';
import type { DeadLetter } from './jobs';
import { metrics } from '../observability/metrics';

export async function addDeadLetter(queues: Queues, letter: DeadLetter): Promise<void> {
  await queues.dead.add(letter.origin, letter, { removeOnComplete: false, removeOnFail: false });
  metrics.jobFailures.inc({ queue: letter.origin, final: 'true' });
}
