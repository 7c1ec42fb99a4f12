/**
 * backend/src/db is the only place SQL is written. Everywhere else in backend/src, code calls a
 * repository: no table access through a Knex instance or transaction (`knex('users')`,
 * `trx('offers')`, `tx.trx(…)`), no raw SQL (`.raw`, `.whereRaw`, …), no query builder started
 * from Knex (`knex.select`, `knex.schema`, `knex.fn`), no value import of `knex` or `pg` (types
 * only), and no SQL statement text. Passing a `Knex` or a transaction along, and opening a
 * transaction (`knex.transaction`), stay allowed: an operation decides what one transaction
 * holds, the repositories write its statements. Migrations, seeds and scripts live outside
 * backend/src.
 */
import fs from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '..', '..', '..', 'src');
const DB = path.join(SRC, 'db');
/** User-facing words: English sentences may read like SQL ("select a service from the list"). */
const LOCALES = path.join(SRC, 'conversation', 'locales');

interface Rule {
  name: string;
  pattern: RegExp;
  appliesTo?: (file: string) => boolean;
}

const RULES: Rule[] = [
  { name: 'table access through Knex', pattern: /\b(?:knex|trx)!?\s*\(/g },
  {
    name: 'raw SQL',
    pattern:
      /(?<!\bexpress)\.(?:raw|whereRaw|orWhereRaw|andWhereRaw|havingRaw|orHavingRaw|orderByRaw|groupByRaw|joinRaw|fromRaw|selectRaw)\s*\(/g,
  },
  {
    name: 'query builder started from Knex',
    pattern:
      /\b(?:knex|trx)!?\.(?:select|from|into|table|insert|update|del|delete|where|whereIn|with|withRecursive|count|first|pluck|queryBuilder|schema|fn|ref|migrate|seed|column|columns|union|distinct)\b/g,
  },
  {
    name: 'value import of knex or pg',
    pattern: /^\s*import\s+(?!type\b)[^;]*?from\s+['"](?:knex|pg)['"]/gm,
  },
  {
    name: 'SQL statement text',
    pattern:
      /\b(?:select\s+[\w"*(][^;`']{0,160}?\s+from\s|insert\s+into\s|update\s+\w+\s+set\s|delete\s+from\s)/gi,
    appliesTo: (file) => !file.startsWith(LOCALES + path.sep),
  },
];

/** Comments may talk about SQL: drop block comments and `//` comments (not `://` in URLs). */
function withoutComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

function offendersIn(file: string, text: string): string[] {
  const code = withoutComments(text);
  const found: string[] = [];
  for (const rule of RULES) {
    if (rule.appliesTo && !rule.appliesTo(file)) continue;
    for (const m of code.matchAll(rule.pattern)) {
      const line = code.slice(0, m.index).split('\n').length;
      found.push(`${path.relative(SRC, file)}:${line} ${rule.name}: ${m[0].trim().slice(0, 60)}`);
    }
  }
  return found;
}

function tsFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((d) =>
      d.isDirectory()
        ? tsFiles(path.join(dir, d.name))
        : d.name.endsWith('.ts')
          ? [path.join(dir, d.name)]
          : [],
    );
}

describe('SQL is written only in backend/src/db', () => {
  const all = tsFiles(SRC);
  const outside = all.filter((f) => !f.startsWith(DB + path.sep));

  it('no file outside backend/src/db touches a table, writes raw SQL or imports a Knex value', () => {
    expect(outside.length).toBeGreaterThan(50);
    expect(outside.flatMap((f) => offendersIn(f, fs.readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('the scan does find the SQL of the repositories themselves', () => {
    const inDb = all.filter((f) => f.startsWith(DB + path.sep));
    const found = inDb.flatMap((f) => offendersIn(f, fs.readFileSync(f, 'utf8')));
    for (const rule of RULES) expect(found.some((o) => o.includes(` ${rule.name}: `))).toBe(true);
  });

  it('flags each kind of SQL and leaves passing a Knex along, transactions and comments alone', () => {
    const file = path.join(SRC, 'operations', 'example.ts');
    const bad = [
      "const row = await knex('users').where({ id }).first();",
      "await tx.trx('operation_results').insert(row);",
      "await deps.knex!('providers').count();",
      "await trx.raw('set local enable_bitmapscan = off');",
      "q.whereRaw('p.online')",
      "const q = knex.select('id').from('users');",
      'const now = knex.fn.now();',
      "import knexFactory from 'knex';",
      "import { Pool } from 'pg';",
      'const sql = `select id from users where wa_id = ?`;',
      "const sql = 'delete from offers where id = ?';",
      'const sql = `insert into message_log (wamid) values (?)`;',
      "const sql = 'update providers set online = false';",
    ];
    for (const line of bad) expect(offendersIn(file, line)).toHaveLength(1);
    const good = [
      "import type { Knex } from 'knex';",
      'const handlers = createOperationHandlers({ knex, config });',
      'return once(knex, op, key, input, async ({ trx }) => getRequest(trx, id));',
      'await knex.transaction(async (trx) => work(trx));',
      "router.post('/webhook', express.raw({ type: () => true }), handler);",
      "// knex('users') is a repository's business; select id from users",
      "/* trx.raw('x') */ const url = 'https://example.com/a';",
      "const text = 'Selecciona un servicio de la lista';",
    ];
    for (const line of good) expect(offendersIn(file, line)).toEqual([]);
    expect(
      offendersIn(path.join(LOCALES, 'en.ts'), "pick: 'Select a service from the list'"),
    ).toEqual([]);
  });
});
