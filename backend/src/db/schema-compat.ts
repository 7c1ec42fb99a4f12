/**
 * Expand/contract, checked: what new migrations may do to the schema the running (previous)
 * version uses. During a deploy the migrations run first and the previous version keeps serving
 * until the new one is healthy (and a rollback brings it back onto the migrated schema), so
 * nothing the previous version reads or writes may disappear or refuse its writes:
 *
 *   - a released table or column dropped or renamed (a rename is a drop plus an add);
 *   - a released column's type changed, made NOT NULL, or its default dropped while NOT NULL;
 *   - a column added to a released table as NOT NULL without a default (its inserts fail);
 *   - a check, unique, foreign-key or exclusion constraint (or unique index) added or changed
 *     on released columns (its writes may not pass it);
 *   - a unique constraint or index of a released table dropped (its `on conflict` clauses name it).
 *
 * Contracting (dropping what the current code no longer uses) waits for a later release, once no
 * running version uses it. A change that is safe although it matches a rule (a check that only
 * admits more values) is acknowledged in the migration that makes it, with a line
 * `@compatible <table>.<column or constraint> <why>`, and then not reported.
 */
import type { ConstraintShape, SchemaShape } from './schema-shape';

export interface BreakingChange {
  /** `table`, `table.column` or `table.constraint`: what an `@compatible` line names. */
  object: string;
  problem: string;
}

const constraintKey = (c: ConstraintShape): string => `${c.table}.${c.name}`;

/** What in `after` breaks the code that ran against `before` (empty = additive only). */
export function breakingChanges(
  before: SchemaShape,
  after: SchemaShape,
  acknowledged: ReadonlySet<string> = new Set(),
): BreakingChange[] {
  const found: BreakingChange[] = [];
  const add = (object: string, problem: string): void => {
    if (!acknowledged.has(object)) found.push({ object, problem });
  };
  for (const [table, columns] of Object.entries(before.tables)) {
    const now = after.tables[table];
    if (!now) {
      add(table, 'table dropped or renamed');
      continue;
    }
    for (const [column, was] of Object.entries(columns)) {
      const is = now[column];
      const object = `${table}.${column}`;
      if (!is) add(object, 'column dropped or renamed');
      else if (is.type !== was.type) add(object, `type changed from ${was.type} to ${is.type}`);
      else if (is.notNull && !was.notNull) add(object, 'made NOT NULL');
      else if (is.notNull && was.default !== null && is.default === null && !is.automatic)
        add(object, 'default dropped from a NOT NULL column');
    }
    for (const [column, is] of Object.entries(now)) {
      if (!(column in columns) && is.notNull && is.default === null && !is.automatic) {
        add(`${table}.${column}`, 'added NOT NULL without a default to a released table');
      }
    }
  }
  const previous = new Map(before.constraints.map((c) => [constraintKey(c), c]));
  const current = new Set(after.constraints.map(constraintKey));
  for (const c of before.constraints) {
    if (!current.has(constraintKey(c)) && after.tables[c.table] && 'upxi'.includes(c.kind))
      add(constraintKey(c), `unique constraint or index dropped: ${c.definition}`);
  }
  for (const c of after.constraints) {
    const columns = before.tables[c.table];
    if (!columns) continue; // a new table: nothing released writes to it
    const was = previous.get(constraintKey(c));
    if (was && was.definition === c.definition) continue;
    // Only what constrains released columns can refuse a released write (no columns known: assume it does).
    if (c.columns.length > 0 && c.columns.every((col) => !(col in columns))) continue;
    add(constraintKey(c), `${was ? 'changed' : 'added'} on released columns: ${c.definition}`);
  }
  return found;
}

/** The objects acknowledged by `@compatible <object> …` lines in migration sources. */
export function acknowledgedIn(sources: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const text of sources) {
    for (const m of text.matchAll(/@compatible\s+([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)?)/g))
      out.add(m[1]!);
  }
  return out;
}
