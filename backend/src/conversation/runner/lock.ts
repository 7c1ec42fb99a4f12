/**
 * Per-conversation lock: two events of one person never run at the same time.
 * The lock has a TTL (a crashed worker cannot hold it forever) and is renewed while held;
 * the state version check in the commit is the fence if a lock ever expires mid-step.
 * The worker takes it together with its first snapshot (`ConversationStore.begin`) and may
 * have it released by its last pop (`popOutboxRun` with the lock): `held` / `released` tell
 * this object so.
 */
import { randomUUID } from 'node:crypto';
import * as scripts from '../../queue/scripts';
import type { ScriptedRedis } from '../../queue/scripts';
import type { ConversationKeys } from '../../queue/keys';

export class ConversationLock {
  readonly token = randomUUID();
  private timer: NodeJS.Timeout | null = null;
  private isHeld = false;

  constructor(
    private readonly redis: ScriptedRedis,
    private readonly keys: ConversationKeys,
    readonly ttlMs: number,
  ) {}

  get key(): string {
    return this.keys.lock;
  }

  get holding(): boolean {
    return this.isHeld;
  }

  async acquire(): Promise<boolean> {
    const ok = await scripts.lock(this.redis, this.keys.lock, {
      token: this.token,
      ttlMs: this.ttlMs,
    });
    if (ok) this.held();
    return ok;
  }

  /** The lock was taken with this token (by a script): keep it renewed. */
  held(): void {
    this.isHeld = true;
    this.timer = setInterval(
      () => {
        scripts
          .renew(this.redis, this.keys.lock, { token: this.token, ttlMs: this.ttlMs })
          .catch(() => undefined);
      },
      Math.max(100, Math.floor(this.ttlMs / 3)),
    );
    this.timer.unref();
  }

  /** A script released the lock: stop renewing it. */
  released(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.isHeld = false;
  }

  /** Release and return how many events/commands are still pending for this conversation. */
  async release(): Promise<number> {
    this.released();
    return scripts.releaseAndPeek(this.redis, this.keys, this.token);
  }
}
