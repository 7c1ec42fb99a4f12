/**
 * The feature-flag service: what the admin API, the ops console and the conversation runner call.
 * Listing reads Redis directly (what an operator sees is what is stored); a change writes the
 * Redis hash inside a Postgres transaction that holds its audit row, so a change that did not
 * reach Redis leaves no audit row and an audited change is in Redis (only a failed commit after
 * the Redis write could leave a change without its row). Evaluation goes through the OpenFeature
 * client (redis-provider.ts: cached, hashed rollout; metrics-hook.ts: counted).
 */
import type { Client } from '@openfeature/server-sdk';
import type { Knex } from 'knex';
import { writeAudit } from '../db/audit-log';
import {
  CONVERSATION_FLAG_KEYS,
  FLAG_KEYS,
  FLAGS,
  formatFlagRule,
  type ConversationFlags,
  type FlagKey,
  type FlagRule,
} from '../shared/feature-flags';
import type { FlagStore, StoredRule } from './store';

export interface FlagView {
  key: FlagKey;
  description: string;
  /** Read by the conversation step (evaluated per conversation key). */
  conversation: boolean;
  /** The rule in force: `on`, `off` or `N%`. */
  rule: string;
  /** Where `rule` comes from: a runtime change (Redis) or the environment (FEATURE_FLAGS / declared default). */
  source: 'redis' | 'environment';
  /** The environment's rule (what a cleared flag goes back to). */
  environment: string;
  /** The runtime change in force, if any: its rule, when (ISO time) and by whom. */
  override: { rule: string; at: string; by: string } | null;
}

export interface FlagServiceDeps {
  knex: Knex;
  store: FlagStore;
  defaults: Record<FlagKey, FlagRule>;
  client: Client;
  now?: () => number;
}

export class FlagService {
  private readonly now: () => number;

  constructor(private readonly d: FlagServiceDeps) {
    this.now = d.now ?? Date.now;
  }

  async list(): Promise<FlagView[]> {
    const overrides = await this.d.store.readAll();
    return FLAG_KEYS.map((k) => this.view(k, overrides[k]));
  }

  async get(key: FlagKey): Promise<FlagView> {
    return this.view(key, (await this.d.store.readAll())[key]);
  }

  /** Set a flag's rule for every process (audited as `flag.set`). */
  async set(key: FlagKey, rule: FlagRule, actor: string): Promise<FlagView> {
    const before = await this.get(key);
    const stored: StoredRule = { percent: rule.percent, at: this.now(), by: actor };
    await this.d.knex.transaction(async (trx) => {
      await writeAudit(trx, {
        actor,
        action: 'flag.set',
        entity: 'flag',
        entityId: key,
        data: { from: before.rule, fromSource: before.source, to: formatFlagRule(rule) },
      });
      await this.d.store.write(key, stored);
    });
    return this.view(key, stored);
  }

  /**
   * Drop the runtime rule: the environment's applies again (audited as `flag.clear`). Nothing is
   * written, and `cleared` is false, when there was no runtime rule.
   */
  async clear(key: FlagKey, actor: string): Promise<{ flag: FlagView; cleared: boolean }> {
    const before = await this.get(key);
    if (!before.override) return { flag: before, cleared: false };
    await this.d.knex.transaction(async (trx) => {
      await writeAudit(trx, {
        actor,
        action: 'flag.clear',
        entity: 'flag',
        entityId: key,
        data: { from: before.rule, to: before.environment },
      });
      await this.d.store.remove(key);
    });
    return { flag: this.view(key, undefined), cleared: true };
  }

  /** A flag's value for one targeting key (the conversation key; a partial rollout without one is off). */
  isEnabled(key: FlagKey, targetingKey?: string): Promise<boolean> {
    return this.d.client.getBooleanValue(
      key,
      FLAGS[key].default,
      targetingKey ? { targetingKey } : {},
    );
  }

  /** Every flag the conversation step reads, for one conversation (StepContext.flags). */
  async conversationFlags(conversationKey: string): Promise<ConversationFlags> {
    const values = await Promise.all(
      CONVERSATION_FLAG_KEYS.map((k) => this.isEnabled(k, conversationKey)),
    );
    return Object.fromEntries(
      CONVERSATION_FLAG_KEYS.map((k, i) => [k, values[i]]),
    ) as ConversationFlags;
  }

  private view(key: FlagKey, override: StoredRule | undefined): FlagView {
    const environment = this.d.defaults[key];
    return {
      key,
      description: FLAGS[key].description,
      conversation: FLAGS[key].conversation,
      rule: formatFlagRule(override ?? environment),
      source: override ? 'redis' : 'environment',
      environment: formatFlagRule(environment),
      override: override
        ? {
            rule: formatFlagRule(override),
            at: new Date(override.at).toISOString(),
            by: override.by,
          }
        : null,
    };
  }
}
