/**
 * Flag rules set at runtime, in one Redis hash (queue/keys.ts `flagsKey`): field = flag key,
 * value = JSON `{ percent, at, by }`. Every process reads the same hash, so a change reaches all
 * of them (within the provider's cache bound). A flag absent from the hash has no override: its
 * environment default applies.
 */
import type { RedisClient } from '../queue/redis';
import { flagsKey } from '../queue/keys';
import { isFlagKey, type FlagKey, type FlagRule } from '../shared/feature-flags';

export interface StoredRule extends FlagRule {
  /** When it was set (epoch ms). */
  at: number;
  /** Who set it (audit actor, e.g. `key:1a2b3c…`). */
  by: string;
}

export type Overrides = Partial<Record<FlagKey, StoredRule>>;

export class FlagStore {
  private readonly key: string;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.key = flagsKey(prefix);
  }

  /** Every override (one round trip). Fields that are not a known flag or not a valid rule are ignored. */
  async readAll(): Promise<Overrides> {
    const raw = await this.redis.hgetall(this.key);
    const out: Overrides = {};
    for (const [field, value] of Object.entries(raw)) {
      const rule = parseStored(value);
      if (isFlagKey(field) && rule) out[field] = rule;
    }
    return out;
  }

  async write(flag: FlagKey, rule: StoredRule): Promise<void> {
    await this.redis.hset(
      this.key,
      flag,
      JSON.stringify({ percent: rule.percent, at: rule.at, by: rule.by }),
    );
  }

  /** Remove the override; true when there was one. */
  async remove(flag: FlagKey): Promise<boolean> {
    return (await this.redis.hdel(this.key, flag)) > 0;
  }
}

function parseStored(value: string): StoredRule | null {
  try {
    const v = JSON.parse(value) as Partial<StoredRule>;
    const percent = v.percent;
    if (typeof percent !== 'number' || !Number.isInteger(percent) || percent < 0 || percent > 100)
      return null;
    return {
      percent,
      at: typeof v.at === 'number' ? v.at : 0,
      by: typeof v.by === 'string' ? v.by : '',
    };
  } catch {
    return null;
  }
}
