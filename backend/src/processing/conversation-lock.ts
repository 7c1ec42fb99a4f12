/**
 * Per-conversation lock: two events of one person never run at the same time.
 * The lock has a TTL (a crashed worker cannot hold it forever) and is renewed while held;
 * the state version check in the commit is the fence if a lock ever expires mid-step.
 */
import { randomUUID } from 'node:crypto';
import type { ScriptedRedis } from '../queue/scripts';
import type { ConversationKeys } from '../queue/keys';

export class ConversationLock {
  private readonly token = randomUUID();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly redis: ScriptedRedis,
    private readonly keys: ConversationKeys,
    private readonly ttlMs: number,
  ) {}

  async acquire(): Promise<boolean> {
    const ok = (await this.redis.ubLock(this.keys.lock, this.token, this.ttlMs)) === 1;
    if (ok) {
      this.timer = setInterval(() => {
        this.redis.ubRenew(this.keys.lock, this.token, this.ttlMs).catch(() => undefined);
      }, Math.max(100, Math.floor(this.ttlMs / 3)));
      this.timer.unref();
    }
    return ok;
  }

  /** Release and return how many events/commands are still pending for this conversation. */
  async release(): Promise<number> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    return this.redis.ubReleaseAndPeek(this.keys.lock, this.keys.inbox, this.keys.outbox, this.token);
  }
}
