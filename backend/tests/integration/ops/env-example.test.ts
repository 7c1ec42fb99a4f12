/**
 * .env.example documents every variable of backend/src/config/schema.ts (each with a comment
 * line above it) and every variable docker-compose.yml interpolates, and holds only placeholders.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { envSchema, PLACEHOLDER } from '../../../src/config/schema';
import { ROOT } from './helpers';

const lines = readFileSync(path.join(ROOT, '.env.example'), 'utf8').split('\n');
const compose = readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');

/** KEY -> { value, commented } for `KEY=value` and `# KEY=value` lines. */
function documented(): Map<string, { value: string; commented: boolean; line: number }> {
  const out = new Map<string, { value: string; commented: boolean; line: number }>();
  lines.forEach((l, i) => {
    const m = /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(l);
    if (m && m[2]) out.set(m[2], { value: m[3] ?? '', commented: Boolean(m[1]), line: i });
  });
  return out;
}

describe('.env.example', () => {
  const docs = documented();
  const schemaKeys = Object.keys((envSchema.describe() as { keys: Record<string, unknown> }).keys);

  it('has every variable of the config schema, each with a comment above it', () => {
    expect(schemaKeys.length).toBeGreaterThan(30);
    expect(schemaKeys.filter((k) => !docs.has(k))).toEqual([]);
    const uncommented = schemaKeys.filter((k) => {
      const d = docs.get(k);
      return !d || !/^#\s+\S/.test(lines[d.line - 1] ?? '');
    });
    expect(uncommented).toEqual([]);
  });

  it('has every variable docker-compose.yml interpolates', () => {
    const used = [...compose.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1] as string);
    expect(used.length).toBeGreaterThan(5);
    expect([...new Set(used)].filter((k) => !docs.has(k))).toEqual([]);
  });

  it('contains placeholders only for secrets', () => {
    for (const key of [
      'WHATSAPP_APP_SECRET',
      'WHATSAPP_VERIFY_TOKEN',
      'WHATSAPP_ACCESS_TOKEN',
      'POSTGRES_PASSWORD',
      'GRAFANA_ADMIN_PASSWORD',
    ]) {
      expect([key, PLACEHOLDER.test(docs.get(key)?.value ?? 'missing')]).toEqual([key, true]);
    }
    for (const d of ['SENTRY_DSN', 'ADMIN_API_KEYS']) expect(docs.get(d)?.value).toBe('');
    expect(docs.get('DATABASE_URL')?.value).toMatch(/:change-me@/);
  });

  it('passes the schema as a development config (so the demo starts from a copy of it)', () => {
    const env: Record<string, string> = {};
    for (const [k, d] of docs) if (!d.commented) env[k] = d.value;
    const { error } = envSchema.validate(
      { ...env, NODE_ENV: 'development' },
      { abortEarly: false },
    );
    expect(error?.details.map((e) => e.message) ?? []).toEqual([]);
  });
});
