/**
 * Configuration, read once from the environment and validated. A bad value stops the process with
 * one message naming every problem. Variables are declared in variables.ts; `Config` is the shape
 * of that declaration tree with each declaration replaced by its value.
 */
import { isNode, type Node, type Resolved, type Tree, type Variable } from './declare';
import { declaredVariables, envSchema } from './schema';
import { variables } from './variables';

export type Config = Resolved<typeof variables>;

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const { value, error } = envSchema.validate(env, { abortEarly: false, convert: true });
  const details = error?.details ?? [];
  const problems = details.map((d) => d.message.replace(/"/g, ''));
  const invalid = new Set(details.map((d) => d.path[0]));
  const validated = value as Record<string, unknown>;
  const values = new Map<Variable<unknown>, unknown>();
  for (const v of declaredVariables) {
    if (!invalid.has(v.name)) values.set(v, v.read(validated[v.name]));
  }
  if (validated.NODE_ENV === 'production') {
    for (const [v, val] of values) {
      const problem = v.inProduction(val);
      if (problem) problems.push(`${v.name} ${problem} (refused in production)`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return resolve(variables, values) as Config;
}

function resolve(tree: Tree, values: ReadonlyMap<Variable<unknown>, unknown>): unknown {
  const valueOf = (n: Node<unknown>) =>
    n.kind === 'variable' ? values.get(n) : n.read(values.get(n.of));
  return Object.fromEntries(
    Object.entries(tree).map(([field, n]) => [field, isNode(n) ? valueOf(n) : resolve(n, values)]),
  );
}
