/**
 * Everything the fake received on the send endpoint, in order, with what it answered.
 */
import { waIdForNumber } from '../../src/shared/phone';

export interface RecordedMessage {
  /** 1, 2, 3… in arrival order (use `since` to poll for new ones). */
  seq: number;
  /** Arrival time, epoch ms. */
  at: number;
  kind: 'message' | 'read';
  apiVersion: string;
  phoneNumberId: string;
  /** Request headers, without `authorization`. */
  headers: Record<string, string>;
  /** Parsed JSON body (as sent by the bot). */
  body: unknown;
  /** `to` (or BSUID `recipient`) of a send; undefined for mark-as-read. */
  to?: string;
  /** Message `type` of a send (`text`, `interactive`, `template`…). */
  type?: string;
  /** What the fake answered. */
  status: number;
  /** wamid given to an accepted send. */
  messageId?: string;
  /** Meta error code when it failed (synchronously, or `async` via a failed status). */
  errorCode?: number;
  /** True when the send was accepted and a `failed` status webhook follows. */
  failsLater?: boolean;
}

type Waiter = { predicate: (m: RecordedMessage) => boolean; resolve: (m: RecordedMessage) => void };

export class Recorder {
  private items: RecordedMessage[] = [];
  private seq = 0;
  private waiters = new Set<Waiter>();

  /** Keeps at most `max` records (oldest dropped), so long load tests do not grow without bound. */
  constructor(private readonly max = 100_000) {}

  add(entry: Omit<RecordedMessage, 'seq'>): RecordedMessage {
    const recorded = { ...entry, seq: ++this.seq };
    this.items.push(recorded);
    if (this.items.length > this.max) this.items.splice(0, this.items.length - this.max);
    for (const w of [...this.waiters]) {
      if (w.predicate(recorded)) {
        this.waiters.delete(w);
        w.resolve(recorded);
      }
    }
    return recorded;
  }

  all(since = 0): RecordedMessage[] {
    return this.items.slice(this.firstAfter(since));
  }

  /** Index of the first record with seq > `since` (records are in seq order): a poll costs O(log n + new). */
  private firstAfter(since: number): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.items[mid]!.seq > since) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Sends (not reads) to `to`, matched by canonical WhatsApp id (`521…` ≡ `52…`) or exact BSUID. */
  for(to: string, since = 0): RecordedMessage[] {
    const key = waIdForNumber(to);
    return this.items.filter(
      (m) =>
        m.seq > since && m.kind === 'message' && m.to !== undefined && waIdForNumber(m.to) === key,
    );
  }

  /** Clears the records; sequence numbers keep increasing so pollers never see an old seq again. */
  reset(): void {
    this.items = [];
  }

  /** First record (existing or future) matching `predicate`; rejects after `timeoutMs`. */
  waitFor(predicate: (m: RecordedMessage) => boolean, timeoutMs: number): Promise<RecordedMessage> {
    const existing = this.items.find(predicate);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(
          new Error(
            `fake Cloud API: no matching request within ${timeoutMs} ms (${this.items.length} recorded)`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}
