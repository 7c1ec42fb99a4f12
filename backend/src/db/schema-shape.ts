/**
 * The shape of one schema as the running code meets it: tables, columns (type, NOT NULL,
 * default), constraints and unique indexes, read from the Postgres catalog. Names of the schema
 * itself are left out of every definition, so two schemas migrated differently compare by
 * content. Used by the two-version migration test (schema-compat.ts says what may change).
 */
import type { Knex } from 'knex';

export interface ColumnShape {
  type: string;
  notNull: boolean;
  default: string | null;
  /** Filled by Postgres (identity or generated): inserts need not name it. */
  automatic: boolean;
}

export interface ConstraintShape {
  table: string;
  name: string;
  /** c check, u unique, f foreign key, p primary key, x exclusion, i unique index. */
  kind: 'c' | 'u' | 'f' | 'p' | 'x' | 'i';
  definition: string;
  /** Columns it covers (empty when Postgres cannot say, e.g. an expression index). */
  columns: string[];
}

export interface SchemaShape {
  /** table → column → shape. */
  tables: Record<string, Record<string, ColumnShape>>;
  constraints: ConstraintShape[];
}

/** Knex's own bookkeeping: not part of what the service uses. */
const BOOKKEEPING = ['knex_migrations', 'knex_migrations_lock'];

export async function readSchemaShape(knex: Knex, schema: string): Promise<SchemaShape> {
  const unqualify = (text: string | null): string | null =>
    text === null ? null : text.split(`${schema}.`).join('');
  const columns = await knex.raw<{
    rows: {
      table: string;
      column: string;
      type: string;
      not_null: boolean;
      default: string | null;
      automatic: boolean;
    }[];
  }>(
    `select c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null,
            pg_get_expr(d.adbin, d.adrelid) as default, (a.attidentity <> '' or a.attgenerated <> '') as automatic
     from pg_attribute a
     join pg_class c on c.oid = a.attrelid
     join pg_namespace n on n.oid = c.relnamespace
     left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
     where n.nspname = ? and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
       and c.relname <> all(?)
     order by c.relname, a.attnum`,
    [schema, BOOKKEEPING],
  );
  const tables: SchemaShape['tables'] = {};
  for (const r of columns.rows) {
    (tables[r.table] ??= {})[r.column] = {
      type: r.type,
      notNull: r.not_null,
      default: unqualify(r.default),
      automatic: r.automatic,
    };
  }
  const constraints = await knex.raw<{
    rows: {
      table: string;
      name: string;
      kind: ConstraintShape['kind'];
      definition: string;
      columns: string[];
    }[];
  }>(
    `select c.relname as table, con.conname as name, con.contype as kind, pg_get_constraintdef(con.oid) as definition,
            array(select a.attname from unnest(con.conkey) k join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k order by a.attname)::text[] as columns
     from pg_constraint con
     join pg_class c on c.oid = con.conrelid
     join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = ? and con.contype in ('c', 'u', 'f', 'p', 'x') and c.relname <> all(?)
     union all
     select t.relname, i.relname, 'i', pg_get_indexdef(i.oid),
            array(select a.attname from unnest(ix.indkey) k join pg_attribute a on a.attrelid = t.oid and a.attnum = k order by a.attname)::text[]
     from pg_index ix
     join pg_class i on i.oid = ix.indexrelid
     join pg_class t on t.oid = ix.indrelid
     join pg_namespace n on n.oid = t.relnamespace
     where n.nspname = ? and ix.indisunique and t.relname <> all(?)
       and not exists (select 1 from pg_constraint con where con.conindid = ix.indexrelid)
     order by 1, 2`,
    [schema, BOOKKEEPING, schema, BOOKKEEPING],
  );
  return {
    tables,
    constraints: constraints.rows.map((r) => ({ ...r, definition: unqualify(r.definition) ?? '' })),
  };
}
