/** The BullMQ queues, created once per process on a shared producer connection. */
import { Queue } from 'bullmq';
import type { RedisClient } from './redis';
import { bullPrefix } from './keys';
import { QUEUE, type DeadLetter, type OutboundJob, type StatusJob, type TimerJob } from './jobs';

export interface Queues {
  inbound: Queue<StatusJob>;
  outbound: Queue<OutboundJob>;
  timers: Queue<TimerJob>;
  dead: Queue<DeadLetter>;
  all: Queue[];
  close(): Promise<void>;
}

export function createQueues(
  connection: RedisClient,
  prefix: string,
  onError: (err: Error) => void = () => undefined,
): Queues {
  const opts = { connection, prefix: bullPrefix(prefix) };
  const inbound = new Queue<StatusJob>(QUEUE.inbound, opts);
  const outbound = new Queue<OutboundJob>(QUEUE.outbound, opts);
  const timers = new Queue<TimerJob>(QUEUE.timers, opts);
  const dead = new Queue<DeadLetter>(QUEUE.dead, opts);
  const all = [inbound, outbound, timers, dead] as Queue[];
  // Connection errors surface as 'error' events; without a listener they would be thrown.
  for (const q of all) q.on('error', onError);
  return {
    inbound,
    outbound,
    timers,
    dead,
    all,
    close: async () => {
      await Promise.all(all.map((q) => q.close()));
    },
  };
}
