/**
 * `npm run load -- <scenario>`: run one Artillery scenario against a bot it starts itself.
 *
 *   npm run load -- customer-flow|provider-flow|webhook-burst [--phases baseline,normal] [--seconds 10]
 *                   [--scale 1] [--target http://host:port]
 *
 * Without --target it prepares and starts everything on loopback (stopped again at the end):
 *   1. a self-check: processor.js envelopes are parsed and their signatures verified by the bot's code;
 *   2. Postgres schema LOAD_SCHEMA (default `load`): migrations + the `dev` seed tier;
 *   3. the fake Cloud API on LOAD_FAKE_PORT (4110), posting delivery statuses back like Meta;
 *   4. the bot as two processes: role web on LOAD_WEB_PORT (3100) and role worker (LOAD_WORKER_PORT
 *      3101, health/metrics only), Redis prefix `load-<timestamp>` (deleted afterwards);
 *   5. Artillery (ARTILLERY, default the pinned dev dependency node_modules/.bin/artillery), report in
 *      .test-artifacts/load-<scenario>-<timestamp>.json, process logs in .test-artifacts/load-logs/.
 * With --target nothing is started; the processor signs with WHATSAPP_APP_SECRET and checks replies
 * at FAKE_URL, which must match what that bot uses.
 * Exit code: Artillery's (non-zero when an `ensure` threshold fails).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createKnex, migrateLatest } from '../backend/src/db/knex';
import { DEFAULT_BUSINESS } from '../backend/dev/fake-cloud-api/payload-basics';
import { admission, parseWebhook } from '../backend/src/intake/parse-webhook';
import { verifySignature } from '../backend/src/shared/signature';
import {
  ROOT,
  deleteRedisPrefix,
  startTs,
  stop,
  waitHttp,
  type Proc,
} from '../scripts/bench/procs';

const PHASES: Record<string, number> = { baseline: 10, normal: 50, peak: 200, stress: 500 };

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    phases: { type: 'string', default: process.env.LOAD_PHASES ?? 'baseline,normal,peak,stress' },
    seconds: { type: 'string', default: process.env.LOAD_PHASE_SECONDS ?? '10' },
    scale: { type: 'string', default: process.env.LOAD_RATE_SCALE ?? '1' },
    target: { type: 'string', default: process.env.LOAD_TARGET },
  },
});

const log = (s: string) => process.stdout.write(`${s}\n`);
const RUN = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
const DB_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SCHEMA = process.env.LOAD_SCHEMA ?? 'load';
const PORTS = {
  web: Number(process.env.LOAD_WEB_PORT ?? 3100),
  worker: Number(process.env.LOAD_WORKER_PORT ?? 3101),
  fake: Number(process.env.LOAD_FAKE_PORT ?? 4110),
};
const APP_SECRET = process.env.WHATSAPP_APP_SECRET ?? 'load-app-secret-0123456789abcdef01234';
const ACCESS_TOKEN = 'load-access-token-0123456789';
const LOG_DIR = path.join(ROOT, '.test-artifacts', 'load-logs', RUN);

function scenarioFile(name: string | undefined): string {
  if (!name)
    throw new Error(
      'usage: npm run load -- <customer-flow|provider-flow|webhook-burst|path.yml> [--phases …] [--seconds N] [--scale X] [--target URL]',
    );
  const candidates = [
    name,
    path.join(ROOT, 'load-tests', 'scenarios', name),
    path.join(ROOT, 'load-tests', 'scenarios', `${name}.yml`),
  ];
  const found = candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
  if (!found) throw new Error(`no scenario ${name} (load-tests/scenarios/*.yml)`);
  return path.resolve(found);
}

/** processor.js output must be what the bot accepts: a valid signature over the bytes and a parseable envelope. */
function selfCheck(): void {
  process.env.WHATSAPP_APP_SECRET = APP_SECRET;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const processor = require('./processor.js') as {
    signedWebhook: (
      req: Record<string, unknown>,
      ctx: { vars: Record<string, unknown> },
      ee: unknown,
      done: () => void,
    ) => void;
  };
  const specs = [
    { type: 'text', body: 'Hola, ¿cómo estás? 1/2' },
    { type: 'button', id: 'name:profile', title: 'Usar mi nombre' },
    { type: 'list', id: 'svc:1', title: 'Plomería' },
    { type: 'location', near: 'cdmx' },
    { type: 'batch', size: 5 },
    { type: 'statuses', size: 5 },
  ];
  const ctx = { vars: {} as Record<string, unknown> };
  for (const spec of specs) {
    const req: Record<string, unknown> = { json: spec };
    processor.signedWebhook(req, ctx, null, () => undefined);
    const raw = Buffer.from(String(req.body));
    const headers = req.headers as Record<string, string>;
    if (!verifySignature(raw, headers['x-hub-signature-256'], APP_SECRET))
      throw new Error(`self-check: bad signature for ${spec.type}`);
    const parsed = parseWebhook(
      raw,
      {
        maxEvents: 1000,
        maxTextLength: 4096,
        admission: admission({
          phoneNumberIds: [DEFAULT_BUSINESS.phoneNumberId],
          dedupeTtlSeconds: 7 * 24 * 3600,
          maxClockSkewSeconds: 300,
        }),
      },
      Date.now(),
    );
    if (!parsed.ok)
      throw new Error(`self-check: the bot rejects processor.js ${spec.type}: ${parsed.reason}`);
    const { messages, statuses, skipped, refused } = parsed.result;
    if (Object.values(refused).some((n) => n > 0))
      throw new Error(
        `self-check: the bot refuses processor.js ${spec.type}: ${JSON.stringify(refused)}`,
      );
    const expected = spec.type === 'batch' ? 5 : spec.type === 'statuses' ? 0 : 1;
    if (
      messages.length !== expected ||
      skipped.length > 0 ||
      (spec.type === 'statuses' && statuses.length !== 5)
    )
      throw new Error(
        `self-check: ${spec.type} parsed as ${messages.length} messages, ${statuses.length} statuses, ${skipped.length} skipped`,
      );
  }
  log('  self-check: processor.js envelopes verified and parsed by the bot code');
}

function overrides(): string | null {
  const names = flags.phases
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const seconds = Number(flags.seconds);
  const scale = Number(flags.scale);
  for (const n of names)
    if (!(n in PHASES)) throw new Error(`unknown phase ${n} (${Object.keys(PHASES).join(', ')})`);
  const isDefault =
    names.join(',') === 'baseline,normal,peak,stress' && seconds === 10 && scale === 1;
  if (isDefault) return null;
  const phases = names.map((name) => ({
    name,
    duration: seconds,
    arrivalRate: Math.max(1, Math.round(PHASES[name]! * scale)),
  }));
  return JSON.stringify({ config: { phases } });
}

function env(prefix: string, port: number): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    PORT: String(port),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    DATABASE_URL: DB_URL,
    DATABASE_SCHEMA: SCHEMA,
    REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_VERIFY_TOKEN: 'load-verify-token-0123456789',
    WHATSAPP_ACCESS_TOKEN: ACCESS_TOKEN,
    WHATSAPP_PHONE_NUMBER_ID: DEFAULT_BUSINESS.phoneNumberId,
    WHATSAPP_API_BASE_URL: `http://127.0.0.1:${PORTS.fake}`,
    // Meta's highest throughput tier (1,000 msg/s) instead of the 80/s default; per-user limits as in production.
    OUTBOUND_RATE_PER_SECOND: process.env.OUTBOUND_RATE_PER_SECOND ?? '1000',
    ...(process.env.WORKER_CONCURRENCY
      ? { WORKER_CONCURRENCY: process.env.WORKER_CONCURRENCY }
      : {}),
  };
}

async function prepareDb(): Promise<void> {
  const knex = createKnex({ url: DB_URL, schema: SCHEMA, poolMax: 2 });
  try {
    const applied = await migrateLatest(knex, SCHEMA);
    log(`  schema ${SCHEMA}: ${applied.length} migrations applied`);
  } finally {
    await knex.destroy();
  }
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join('scripts', 'seed.ts'), 'dev'],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: DB_URL, DATABASE_SCHEMA: SCHEMA },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    child.stdout.on('data', (d: Buffer) => log(`  ${d.toString().trim()}`));
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`seed dev failed (${code})`)),
    );
  });
}

function artilleryCommand(): string[] {
  if (process.env.ARTILLERY) return process.env.ARTILLERY.split(' ').filter(Boolean);
  const local = path.join(ROOT, 'node_modules', '.bin', 'artillery');
  if (!fs.existsSync(local))
    throw new Error('artillery is not installed: run `npm ci` (it is a pinned dev dependency)');
  return [local];
}

function runArtillery(
  scenario: string,
  target: string,
  fakeUrl: string,
  report: string,
): Promise<number> {
  const [cmd, ...pre] = artilleryCommand();
  const o = overrides();
  const args = [
    ...pre,
    'run',
    '--target',
    target,
    '--output',
    report,
    ...(o ? ['--overrides', o] : []),
    scenario,
  ];
  log(`\n$ ${[cmd, ...args].map((a) => (/[\s{"]/.test(a) ? `'${a}'` : a)).join(' ')}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd!, args, {
      cwd: ROOT,
      stdio: 'inherit',
      // Artillery 2 pulls in Playwright; its browser download is not needed (and fails offline).
      env: {
        ...process.env,
        WHATSAPP_APP_SECRET: APP_SECRET,
        FAKE_URL: fakeUrl,
        PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
        ARTILLERY_DISABLE_TELEMETRY: 'true',
      },
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<void> {
  const scenario = scenarioFile(positionals[0]);
  const name = path.basename(scenario, '.yml');
  const report = path.join(ROOT, '.test-artifacts', `load-${name}-${RUN}.json`);
  fs.mkdirSync(path.dirname(report), { recursive: true });
  log(`load test ${name} (${RUN})`);
  selfCheck();

  if (flags.target) {
    const code = await runArtillery(
      scenario,
      flags.target,
      (process.env.FAKE_URL ?? 'http://127.0.0.1:4010').replace(/\/+$/, ''),
      report,
    );
    log(`\nreport: ${path.relative(ROOT, report)}`);
    process.exit(code);
  }

  const prefix = `load-${RUN}`;
  const procs: Proc[] = [];
  let code = 1;
  const cleanup = async () => {
    await Promise.all(procs.map((p) => stop(p, 15_000)));
    const n = await deleteRedisPrefix(REDIS_URL, prefix).catch(() => 0);
    log(
      `  stopped ${procs.map((p) => p.name).join(', ')}; deleted ${n} Redis keys under ${prefix}:`,
    );
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    await prepareDb();
    const main = path.join('backend', 'src', 'main.ts');
    const fake = startTs(
      'fake',
      path.join('backend', 'dev', 'fake-cloud-api', 'cli.ts'),
      [],
      {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: String(PORTS.fake),
        WHATSAPP_APP_SECRET: APP_SECRET,
        WHATSAPP_ACCESS_TOKEN: ACCESS_TOKEN,
        FAKE_WEBHOOK_URL: `http://127.0.0.1:${PORTS.web}/webhook`,
        FAKE_AUTO_STATUSES: process.env.LOAD_FAKE_STATUSES ?? '1',
      },
      path.join(LOG_DIR, 'fake.log'),
    );
    procs.push(fake);
    procs.push(
      startTs('web', main, ['--role=web'], env(prefix, PORTS.web), path.join(LOG_DIR, 'web.log')),
    );
    procs.push(
      startTs(
        'worker',
        main,
        ['--role=worker'],
        env(prefix, PORTS.worker),
        path.join(LOG_DIR, 'worker.log'),
      ),
    );
    await waitHttp(fake, `http://127.0.0.1:${PORTS.fake}/__fake/health`);
    await waitHttp(procs[1]!, `http://127.0.0.1:${PORTS.web}/health`);
    await waitHttp(procs[2]!, `http://127.0.0.1:${PORTS.worker}/health`);
    log(
      `  running: fake Cloud API :${PORTS.fake}, bot web :${PORTS.web}, worker (health :${PORTS.worker}); logs ${path.relative(ROOT, LOG_DIR)}`,
    );
    code = await runArtillery(
      scenario,
      `http://127.0.0.1:${PORTS.web}`,
      `http://127.0.0.1:${PORTS.fake}`,
      report,
    );
  } finally {
    await cleanup();
  }
  log(`report: ${path.relative(ROOT, report)}  (artillery exit ${code})`);
  process.exit(code);
}

main().catch((err: Error) => {
  console.error(`load test failed: ${err.message}`);
  process.exit(1);
});
