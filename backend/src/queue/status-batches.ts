/** Delivery statuses of one webhook go to the inbound queue as one job (recorded by outbound/statuses.ts). */
import { STATUS_BATCH_OPTIONS } from './job-options';
import type { StatusUpdate } from './jobs';
import type { Queues } from './queues';

export async function addStatusBatch(
  queues: Queues,
  statuses: StatusUpdate[],
  correlationId: string,
): Promise<void> {
  await queues.inbound.add('statuses', { statuses, correlationId }, STATUS_BATCH_OPTIONS);
}
