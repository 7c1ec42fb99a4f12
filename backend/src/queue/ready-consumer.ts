/**
 * Reads the ready stream (queue/ready-stream.ts) and drains each signalled conversation, up to
 * `concurrency` conversations at once. An entry is acknowledged (and deleted) only after its
 * drain finished, so a crash leaves it pending; another consumer claims it after `claimIdleMs`
 * (longer than the conversation lock, so the crashed holder's lock has expired by then).
 *
 * - Several signals for one conversation while its drain runs here: one more drain after the
 *   current one, then all of them are acknowledged.
 * - Conversation locked elsewhere ('busy': another process, or a lock left by a failed attempt
 *   that could not release it): tried again with a short backoff until the lock is free, the
 *   entry still pending.
 * - Drain left work behind ('pending', a very busy conversation): signalled again, then acked.
 * - Drain failed: retried here with exponential backoff and jitter, the entry still pending.
 *   Poison events and commands are dead-lettered by the drain itself after their attempts.
 */
import type { Logger } from '../observability/logger';
import { maskKey } from '../shared/mask';
import type { RedisClient } from './redis';
import { READY_GROUP, entriesOf, ensureReadyGroup, signalReady } from './ready-stream';
import { readyStreamKey } from './keys';

export type DrainResult = 'drained' | 'busy' | 'pending';

export interface ReadyConsumerOptions {
  /** Connection for XREADGROUP BLOCK (nothing else may use it). */
  blocking: RedisClient;
  /** Shared command connection (acks, claims, re-signals). */
  redis: RedisClient;
  prefix: string;
  consumer: string;
  concurrency: number;
  /** Pending entries idle this long belong to a dead consumer and are claimed. */
  claimIdleMs: number;
  /** How often to look for such entries. */
  claimEveryMs: number;
  retryBaseDelayMs: number;
  logger: Logger;
  drain(key: string): Promise<DrainResult>;
}

interface Running {
  ids: string[];
  again: boolean;
}

const BLOCK_MS = 1000;
/** Retries of a failed drain back off up to this (a Redis or Postgres restart takes seconds). */
const MAX_RETRY_DELAY_MS = 10_000;

export class ReadyConsumer {
  private readonly running = new Map<string, Running>();
  private closing = false;
  private loop: Promise<void> | null = null;
  private claimTimer: NodeJS.Timeout | null = null;
  private slotFree: (() => void) | null = null;
  private idle: (() => void) | null = null;
  private ackIds: string[] = [];
  private ackScheduled = false;
  private readonly stream: string;

  constructor(private readonly o: ReadyConsumerOptions) {
    this.stream = readyStreamKey(o.prefix);
  }

  async start(): Promise<void> {
    await ensureReadyGroup(this.o.redis, this.o.prefix);
    this.loop = this.readLoop();
    this.claimTimer = setInterval(() => void this.claim(), this.o.claimEveryMs);
    this.claimTimer.unref();
    void this.claim();
  }

  /** Stop reading, let in-flight drains finish (their entries are then acknowledged). */
  async close(): Promise<void> {
    this.closing = true;
    if (this.claimTimer) clearInterval(this.claimTimer);
    this.slotFree?.();
    // The blocked XREADGROUP returns within BLOCK_MS; entries it brings are still handled.
    await this.loop?.catch(() => undefined);
    if (this.running.size > 0) await new Promise<void>((resolve) => (this.idle = resolve));
    await this.flushAcks();
  }

  get inFlight(): number {
    return this.running.size;
  }

  private async readLoop(): Promise<void> {
    let failures = 0;
    while (!this.closing) {
      if (this.running.size >= this.o.concurrency) {
        await new Promise<void>((resolve) => (this.slotFree = resolve));
        this.slotFree = null;
        continue;
      }
      try {
        const res = (await this.o.blocking.xreadgroup(
          'GROUP',
          READY_GROUP,
          this.o.consumer,
          'COUNT',
          this.o.concurrency - this.running.size,
          'BLOCK',
          BLOCK_MS,
          'STREAMS',
          this.stream,
          '>',
        )) as [string, unknown][] | null;
        failures = 0;
        for (const [, entries] of res ?? [])
          for (const e of entriesOf(entries)) this.handle(e.id, e.key);
      } catch (err) {
        failures++;
        const message = (err as Error).message;
        if (/NOGROUP/.test(message))
          await ensureReadyGroup(this.o.redis, this.o.prefix).catch(() => undefined);
        this.o.logger.warn(
          { event: 'ready.read_failed', err: message, failures },
          'ready stream read failed',
        );
        await sleep(Math.min(50 * 2 ** Math.min(failures, 6), 2000));
      }
    }
  }

  private handle(id: string, key: string): void {
    const current = this.running.get(key);
    if (current) {
      if (!current.ids.includes(id)) current.ids.push(id);
      current.again = true;
      return;
    }
    const run: Running = { ids: [id], again: false };
    this.running.set(key, run);
    void this.run(key, run);
  }

  private async run(key: string, run: Running): Promise<void> {
    let failures = 0;
    let busy = 0;
    for (;;) {
      run.again = false;
      try {
        const result = await this.o.drain(key);
        if (result === 'busy') {
          // Also while shutting down: the holder is usually another live worker about to
          // release; the shutdown deadline bounds the wait (then the entry is claimed later).
          busy++;
          await sleep(
            Math.round(Math.min(25 * 2 ** Math.min(busy - 1, 6), 1000) * (0.5 + Math.random())),
          );
          run.again = true;
          continue;
        }
        busy = 0;
        if (result === 'pending') await signalReady(this.o.redis, this.o.prefix, key);
        failures = 0;
      } catch (err) {
        failures++;
        this.o.logger.warn(
          { event: 'ready.drain_failed', key: maskKey(key), failures, err: (err as Error).message },
          'drain failed; retrying',
        );
        if (this.closing) return this.leave(key);
        const delay = Math.min(this.o.retryBaseDelayMs * 2 ** (failures - 1), MAX_RETRY_DELAY_MS);
        await sleep(Math.round(delay * (0.5 + Math.random())));
        run.again = true;
      }
      if (!run.again) break;
    }
    this.running.delete(key);
    this.ack(run.ids);
    this.slotFree?.();
    if (this.running.size === 0) this.idle?.();
  }

  /** Shutting down with work unfinished: the entries stay pending, for another consumer to claim. */
  private leave(key: string): void {
    this.running.delete(key);
    if (this.running.size === 0) this.idle?.();
  }

  /** Acks of one tick go out together: XACK + XDEL with many ids each. */
  private ack(ids: string[]): void {
    this.ackIds.push(...ids);
    if (this.ackScheduled) return;
    this.ackScheduled = true;
    setImmediate(() => void this.flushAcks());
  }

  private async flushAcks(): Promise<void> {
    this.ackScheduled = false;
    const ids = this.ackIds;
    this.ackIds = [];
    if (ids.length === 0) return;
    try {
      await Promise.all([
        this.o.redis.xack(this.stream, READY_GROUP, ...ids),
        this.o.redis.xdel(this.stream, ...ids),
      ]);
    } catch (err) {
      // Unacknowledged entries are claimed again later: the drain then finds nothing to do.
      this.o.logger.warn(
        { event: 'ready.ack_failed', err: (err as Error).message, count: ids.length },
        'ready ack failed',
      );
    }
  }

  /** Take over entries a dead consumer left pending. */
  private async claim(): Promise<void> {
    if (this.closing) return;
    try {
      let cursor = '0-0';
      for (let page = 0; page < 10 && !this.closing; page++) {
        const room = this.o.concurrency - this.running.size;
        if (room <= 0) return;
        const res = (await this.o.redis.xautoclaim(
          this.stream,
          READY_GROUP,
          this.o.consumer,
          this.o.claimIdleMs,
          cursor,
          'COUNT',
          room,
        )) as [string, unknown, unknown?];
        const entries = entriesOf(res[1]);
        for (const e of entries) {
          this.o.logger.info(
            { event: 'ready.claimed', key: maskKey(e.key) },
            'took over a pending conversation',
          );
          this.handle(e.id, e.key);
        }
        cursor = res[0];
        if (cursor === '0-0') return;
      }
    } catch (err) {
      this.o.logger.debug(
        { event: 'ready.claim_failed', err: (err as Error).message },
        'claim failed',
      );
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
