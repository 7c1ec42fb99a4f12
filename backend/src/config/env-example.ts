/**
 * The lines of .env.example that document declared variables, rendered from the declarations
 * (doc comment + `NAME=value`). Everything else in the file (header, section titles, docker-compose
 * and script variables) is written by hand and kept as it is. Pure: text in, text out; the
 * env-example test compares the file with its rendering and can write it.
 */
import type { Variable } from './declare';

/** The default of a variable as it would be written in an env file; undefined when computed or absent. */
export function defaultInEnv(v: Variable<unknown>): string | undefined {
  const d = (v.schema.describe() as { flags?: { default?: unknown } }).flags?.default;
  if (d === undefined || typeof d === 'function') return undefined;
  if (typeof d === 'boolean') return d ? '1' : '0';
  return String(d);
}

/** The value .env.example shows: the declared example, else the default. */
export function exampleValue(v: Variable<unknown>): string {
  const value = v.example ?? defaultInEnv(v);
  if (value === undefined) {
    throw new Error(`${v.name} has no static default: declare an example value for .env.example`);
  }
  return value;
}

/** The doc comment and assignment of one variable (`commented`: the `# NAME=value` form). */
export function renderVariable(v: Variable<unknown>, commented = false): string[] {
  const shown = exampleValue(v);
  const fallback = defaultInEnv(v);
  const doc = v.doc.map((l) => `# ${l}`);
  if (fallback !== undefined && fallback !== shown)
    doc.push(`# Default: ${fallback || '(empty)'}.`);
  return [...doc, `${commented ? '# ' : ''}${v.name}=${shown}`];
}

const ASSIGNMENT = /^(#\s*)?([A-Z][A-Z0-9_]*)=/;
const SECTION = /^#\s*(-{3,}|={3,})/;

/** A comment line that belongs to the variable below it (not a section title, not `# NAME=`). */
function isDocLine(line: string): boolean {
  return line.startsWith('#') && !SECTION.test(line) && !ASSIGNMENT.test(line);
}

/**
 * `text` with the block of every declared variable (the comment lines directly above its
 * `NAME=` line, and that line) replaced by its rendering; `missing` lists declared variables
 * that have no line in `text` (add a `NAME=` line in the right section, then render again).
 */
export function renderEnvExample(
  text: string,
  declared: readonly Variable<unknown>[],
): { text: string; missing: string[] } {
  const byName = new Map(declared.map((v) => [v.name, v]));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const m = ASSIGNMENT.exec(line);
    const v = m ? byName.get(m[2] as string) : undefined;
    if (!m || !v) {
      out.push(line);
      continue;
    }
    while (out.length > 0 && isDocLine(out[out.length - 1] as string)) out.pop();
    out.push(...renderVariable(v, Boolean(m[1])));
    seen.add(v.name);
  }
  return { text: out.join('\n'), missing: declared.map((v) => v.name).filter((n) => !seen.has(n)) };
}
