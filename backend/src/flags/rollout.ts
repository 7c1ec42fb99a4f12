/**
 * Percentage rollout: a flag at N % is on for a conversation key when the key's bucket (0–9999,
 * a hash of flag and key) is below N × 100. The same key always lands in the same bucket, so one
 * person always gets the same variant; raising N only adds people (nobody on at 10 % is off at
 * 20 %); each flag hashes with its own name, so two flags at 10 % are not on for the same people.
 */
import { createHash } from 'node:crypto';
import type { FlagRule } from '../shared/feature-flags';

export const BUCKETS = 10_000;

export function bucketOf(flagKey: string, targetingKey: string): number {
  const digest = createHash('sha256').update(`${flagKey}\0${targetingKey}`, 'utf8').digest();
  return digest.readUInt32BE(0) % BUCKETS;
}

/**
 * Whether `rule` is on for this key. A partial rollout needs a key: without one it is off (the
 * conservative variant).
 */
export function ruleIsOn(
  rule: FlagRule,
  flagKey: string,
  targetingKey: string | undefined,
): boolean {
  if (rule.percent >= 100) return true;
  if (rule.percent <= 0 || !targetingKey) return false;
  return bucketOf(flagKey, targetingKey) < rule.percent * (BUCKETS / 100);
}
