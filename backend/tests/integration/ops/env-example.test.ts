/**
 * .env.example documents every variable declared in backend/src/config/variables.ts (each with its
 * declared doc comment above it and its default or declared example as value) and every variable
 * docker-compose.yml interpolates, and holds only placeholders.
 *
 * The declared lines are rendered from the declarations (config/env-example.ts). After changing a
 * declaration, refresh the file with
 *   WRITE_ENV_EXAMPLE=1 npx jest --selectProjects integration -- backend/tests/integration/ops/env-example.test.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defaultInEnv, renderEnvExample } from '../../../src/config/env-example';
import { declaredVariables, envSchema, PLACEHOLDER } from '../../../src/config/schema';
import { ROOT } from './helpers';

const file = path.join(ROOT, '.env.example');
const onDisk = readFileSync(file, 'utf8');
const rendering = renderEnvExample(onDisk, declaredVariables);
if (process.env.WRITE_ENV_EXAMPLE === '1' && rendering.text !== onDisk) {
  writeFileSync(file, rendering.text);
}
const text = process.env.WRITE_ENV_EXAMPLE === '1' ? rendering.text : onDisk;
const lines = text.split('\n');
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

  it('has a line for every declared variable, once', () => {
    expect(declaredVariables.map((v) => v.name).sort()).toEqual([...schemaKeys].sort());
    expect(rendering.missing).toEqual([]);
    const assigned = lines.map((l) => /^(?:#\s*)?([A-Z][A-Z0-9_]*)=/.exec(l)?.[1]).filter(Boolean);
    const twice = assigned.filter((k, i) => assigned.indexOf(k) !== i);
    expect(twice).toEqual([]);
  });

  it('shows each declared variable with its declared doc and its default (or declared example)', () => {
    // Line by line, so a difference shows as a small diff. To refresh the file, see the top of this test.
    expect(lines).toEqual(rendering.text.split('\n'));
    for (const v of declaredVariables) {
      const shown = docs.get(v.name)?.value;
      expect([v.name, shown]).toEqual([v.name, v.example ?? defaultInEnv(v)]);
      // A value that is not the default says what the default is.
      const fallback = defaultInEnv(v);
      if (fallback !== undefined && fallback !== shown) {
        expect([v.name, lines[(docs.get(v.name)?.line ?? 0) - 1]]).toEqual([
          v.name,
          `# Default: ${fallback || '(empty)'}.`,
        ]);
      }
    }
  });

  it('declares an example for every variable without a static default', () => {
    const needExample = declaredVariables.filter((v) => defaultInEnv(v) === undefined);
    expect(needExample.map((v) => v.name)).toEqual(
      expect.arrayContaining([
        'DATABASE_URL',
        'WHATSAPP_APP_SECRET',
        'LOG_PRETTY',
        'SENTRY_ENVIRONMENT',
      ]),
    );
    expect(needExample.filter((v) => v.example === undefined).map((v) => v.name)).toEqual([]);
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
