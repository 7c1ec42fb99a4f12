/**
 * Apply or undo the database migrations.
 *
 *   tsx scripts/migrate.ts latest
 *   tsx scripts/migrate.ts rollback [--yes-i-know] [--skip-backup]
 *
 * Reads DATABASE_URL and DATABASE_SCHEMA (default `public`).
 * `rollback` undoes ONE batch (the last `migrate latest`), never all of them, and only after a
 * backup: it runs scripts/backup.sh (BACKUP_PREFIX=pre-rollback, BACKUP_DIR as usual) and stops if
 * that fails. With NODE_ENV=production it refuses unless `--yes-i-know` is given. `--skip-backup`
 * is for when a backup was just taken another way (the compiled image has no pg_dump: run
 * `docker compose run --rm backup` first, see runbook.md "Undo a migration").
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createKnex, migrateLatest, migrationConfig } from '../backend/src/db/knex';

const USAGE = 'usage: tsx scripts/migrate.ts latest | rollback [--yes-i-know] [--skip-backup]';
const BACKUP_SCRIPT = path.join(__dirname, 'backup.sh');

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

/** scripts/backup.sh before a rollback; the path of the dump, or a refusal. */
function backupFirst(url: string): string {
  if (!fs.existsSync(BACKUP_SCRIPT))
    fail(
      `refusing to roll back: ${BACKUP_SCRIPT} is not here to take a backup first. Take one ` +
        '(docker compose run --rm backup bash scripts/backup.sh) and run again with --skip-backup.',
    );
  console.error('rollback: taking a backup first (scripts/backup.sh)…');
  const r = spawnSync('bash', [BACKUP_SCRIPT], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      BACKUP_PREFIX: 'pre-rollback',
      BACKUP_PUSHGATEWAY_URL: '',
      REDIS_URL: '',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  const file = (r.stdout ?? '').trim().split('\n')[0] ?? '';
  if (r.status !== 0 || !file)
    fail('refusing to roll back: the backup failed (see above); nothing was changed.');
  return file;
}

async function main(): Promise<void> {
  const [action = 'latest', ...flags] = process.argv.slice(2);
  const known = new Set(['--yes-i-know', '--skip-backup']);
  if (
    (action !== 'latest' && action !== 'rollback') ||
    flags.some((f) => !known.has(f)) ||
    (action === 'latest' && flags.length > 0)
  )
    fail(USAGE, 2);
  const url = process.env.DATABASE_URL;
  if (!url) fail('DATABASE_URL is not set');
  const schema = process.env.DATABASE_SCHEMA || 'public';

  if (
    action === 'rollback' &&
    process.env.NODE_ENV === 'production' &&
    !flags.includes('--yes-i-know')
  )
    fail(
      'refusing to roll back a production database without --yes-i-know. A rollback drops what the ' +
        'last batch of migrations created (tables and their data). Read runbook.md "Undo a migration" first.',
    );

  const knex = createKnex({ url, schema, poolMax: 2 });
  try {
    if (action === 'latest') {
      const names = await migrateLatest(knex, schema);
      console.log(
        names.length
          ? `applied in schema ${schema}:\n  ${names.join('\n  ')}`
          : `nothing to do in schema ${schema}`,
      );
      return;
    }
    const config = migrationConfig(schema);
    const [completed] = (await knex.migrate.list(config)) as [{ name: string }[], unknown[]];
    if (completed.length === 0) {
      console.log(`nothing to roll back in schema ${schema}`);
      return;
    }
    const backup = flags.includes('--skip-backup') ? null : backupFirst(url);
    if (backup) console.error(`rollback: backup ${backup}`);
    // false = the last batch only (knex's `all` flag stays off).
    const [batch, names] = (await knex.migrate.rollback(config, false)) as [number, string[]];
    console.log(
      names.length
        ? `rolled back batch ${batch} in schema ${schema}:\n  ${names.join('\n  ')}`
        : `nothing to roll back in schema ${schema}`,
    );
  } finally {
    await knex.destroy();
  }
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
