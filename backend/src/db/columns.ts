/**
 * Repositories return camelCase rows. A column map (field → column) lists every field of a row
 * type once; `selectList` turns it into `column as field` entries usable in both `select` and
 * `returning`, optionally prefixed with a table alias for joins.
 */
export type ColumnMap<T> = { readonly [K in keyof T]-?: string };

export function selectList<T>(map: ColumnMap<T>, alias?: string): string[] {
  return Object.entries(map).map(
    ([field, column]) => `${alias ? `${alias}.` : ''}${String(column)} as ${field}`,
  );
}
