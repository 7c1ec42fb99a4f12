/**
 * Reads migrations from a directory and names them without their extension, so a database
 * migrated from the TypeScript sources (tsx, ts-jest) and one migrated from compiled `dist/`
 * record the same names and either can roll the other back.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';

type Migration = Knex.Migration;

export class DirectoryMigrationSource implements Knex.MigrationSource<string> {
  constructor(
    private readonly directory: string,
    private readonly extension: '.ts' | '.js',
  ) {}

  async getMigrations(): Promise<string[]> {
    return readdirSync(this.directory)
      .filter((f) => f.endsWith(this.extension) && !f.endsWith('.d.ts'))
      .sort();
  }

  getMigrationName(file: string): string {
    return file.slice(0, -this.extension.length);
  }

  async getMigration(file: string): Promise<Migration> {
    const mod = (await import(path.join(this.directory, file))) as Partial<Migration>;
    if (typeof mod.up !== 'function') throw new Error(`migration ${file} has no up()`);
    return mod as Migration;
  }
}

/** Exactly these migration files (absolute paths), in this order, named like the directory source names them. */
export class FilesMigrationSource implements Knex.MigrationSource<string> {
  constructor(private readonly files: readonly string[]) {}

  async getMigrations(): Promise<string[]> {
    return [...this.files];
  }

  getMigrationName(file: string): string {
    return path.basename(file, path.extname(file));
  }

  async getMigration(file: string): Promise<Migration> {
    const mod = (await import(file)) as Partial<Migration>;
    if (typeof mod.up !== 'function') throw new Error(`migration ${file} has no up()`);
    return mod as Migration;
  }
}

/**
 * The migrations already released (deployed): `<directory>/RELEASED`, one migration name (no
 * extension) per line; `#` starts a comment. Anything in the directory not listed is new in this
 * version and must be additive to the released schema (db/schema-compat.ts).
 */
export function releasedMigrations(directory: string): string[] {
  return readFileSync(path.join(directory, 'RELEASED'), 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean);
}
