/**
 * The feature flags, declared once: key, what it gates, its declared default, and whether the
 * conversation step reads it. Evaluation (Redis overrides, environment defaults, percentage
 * rollout, metrics) lives in flags/; the pure conversation core only sees the booleans the runner
 * evaluated for the conversation (StepContext.flags).
 *
 * A rule is how a flag is set: `on`, `off`, or `N%` (on for that share of conversation keys,
 * hashed, so one person always gets the same variant).
 */

export const FLAGS = {
  understanding: {
    description:
      'Free-text understanding layer (what a person writes is read into intents and slots)',
    default: true,
    conversation: true,
  },
  job_lifecycle: {
    description: 'Job and rating lifecycle (open jobs, done, rating with reminders)',
    default: true,
    conversation: true,
  },
  console: {
    description: 'Ops web console',
    default: true,
    conversation: false,
  },
  handoff: {
    description: 'Human handoff (an operator takes over a conversation)',
    default: true,
    conversation: true,
  },
} as const satisfies Record<
  string,
  { description: string; default: boolean; conversation: boolean }
>;

export type FlagKey = keyof typeof FLAGS;
export const FLAG_KEYS = Object.keys(FLAGS) as FlagKey[];

/** The flags the conversation step reads. */
export type ConversationFlagKey = {
  [K in FlagKey]: (typeof FLAGS)[K]['conversation'] extends true ? K : never;
}[FlagKey];
export type ConversationFlags = Record<ConversationFlagKey, boolean>;
export const CONVERSATION_FLAG_KEYS = FLAG_KEYS.filter(
  (k): k is ConversationFlagKey => FLAGS[k].conversation,
);

/** Each conversation flag at its declared default (what the step assumes when the runner passes none). */
export const CONVERSATION_FLAG_DEFAULTS = Object.fromEntries(
  CONVERSATION_FLAG_KEYS.map((k) => [k, FLAGS[k].default]),
) as ConversationFlags;

export function isFlagKey(key: string): key is FlagKey {
  return Object.prototype.hasOwnProperty.call(FLAGS, key);
}

/** How a flag is set: the share of conversation keys it is on for, 0 (off) to 100 (on). */
export interface FlagRule {
  percent: number;
}

export const ruleOf = (on: boolean): FlagRule => ({ percent: on ? 100 : 0 });

/** `on`, `off` or `N%` (an integer 0–100; `0%` is off, `100%` is on). Null when not a rule. */
export function parseFlagRule(text: string): FlagRule | null {
  const s = text.trim().toLowerCase();
  if (s === 'on' || s === 'true' || s === '1') return ruleOf(true);
  if (s === 'off' || s === 'false' || s === '0') return ruleOf(false);
  const m = /^(\d{1,3})%$/.exec(s);
  if (!m) return null;
  const percent = Number(m[1]);
  return percent <= 100 ? { percent } : null;
}

export function formatFlagRule(rule: FlagRule): string {
  if (rule.percent >= 100) return 'on';
  if (rule.percent <= 0) return 'off';
  return `${rule.percent}%`;
}

/**
 * The environment's rules, e.g. `understanding=off,handoff=25%` (FEATURE_FLAGS); flags not named
 * keep their declared default. Throws naming every unknown flag or bad rule.
 */
export function parseFlagDefaults(pairs: Record<string, string>): Record<FlagKey, FlagRule> {
  const problems: string[] = [];
  const out = Object.fromEntries(FLAG_KEYS.map((k) => [k, ruleOf(FLAGS[k].default)])) as Record<
    FlagKey,
    FlagRule
  >;
  for (const [key, text] of Object.entries(pairs)) {
    const rule = parseFlagRule(text);
    if (!isFlagKey(key)) problems.push(`unknown flag "${key}" (known: ${FLAG_KEYS.join(', ')})`);
    else if (!rule) problems.push(`flag ${key}: "${text}" is not on, off or N% (0-100)`);
    else out[key] = rule;
  }
  if (problems.length > 0) throw new Error(problems.join('; '));
  return out;
}
