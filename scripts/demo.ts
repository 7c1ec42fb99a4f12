/**
 * `npm run demo`: the whole bot on one machine, nothing from Meta needed.
 *
 *   npm run demo [-- --fresh] [-- --web-only] [-- <demo-chat args: --as provider --phone 52155… --name …>]
 *
 * 0. Postgres and Redis are found first (scripts/demo-services.ts): the environment's URLs or the
 *    local defaults, the database created if missing, else the docker-compose services (running,
 *    or started with Docker); one clear line per service still missing, exit 69;
 * 1. config from the environment with local defaults (dev secrets, schema `demo`, Redis prefix `demo`);
 * 2. migrations, then the `dev` seed tier (idempotent);
 * 3. the local Cloud API fake (in-process, port FAKE_PORT=4010), posting webhooks to the bot;
 * 4. the bot (in-process, role all, port PORT=3000) sending to the fake;
 * 5. the ops console at http://127.0.0.1:3000/console (user `demo`, a new random password printed
 *    at each start) and the browser chat page at http://127.0.0.1:4010/chat (both sides of a job);
 * 6. the terminal chat (scripts/demo-chat.ts) with your terminal (`--web-only`: no terminal chat,
 *    Ctrl-C stops).
 * `/quit`, Ctrl-C or the end of piped input stop everything. `--fresh` first drops the `demo`
 * schema and deletes the `demo:` Redis keys. Bot logs go to .test-artifacts/demo.log.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import Redis from 'ioredis';
import { loadConfig, ConfigError, type Config } from '../backend/src/config';
import { createKnex, migrateLatest, assertSchemaName } from '../backend/src/db/knex';
import { createLogger } from '../backend/src/observability/logger';
import { createSystem, type System } from '../backend/src/wiring/system';
import {
  startFakeCloudApi,
  DEFAULT_BUSINESS,
  type DemoPerson,
  type FakeCloudApi,
} from '../backend/dev/fake-cloud-api';
import { randomBytes } from 'node:crypto';
import {
  createOperator,
  findOperatorForLogin,
  setOperatorPassword,
} from '../backend/src/db/operators';
import { hashPassword } from '../backend/src/console';
import { ensureServices, LOCAL_DEFAULTS } from './demo-services';

const ROOT = path.resolve(__dirname, '..');
const LOG_FILE = path.join(ROOT, '.test-artifacts', 'demo.log');

/** Local defaults; anything already in the environment wins. */
export const DEMO_DEFAULTS: Record<string, string> = {
  NODE_ENV: 'development',
  DATABASE_URL: LOCAL_DEFAULTS.db,
  DATABASE_SCHEMA: 'demo',
  REDIS_URL: LOCAL_DEFAULTS.redis,
  REDIS_KEY_PREFIX: 'demo',
  PORT: '3000',
  FAKE_PORT: '4010',
  WHATSAPP_APP_SECRET: 'dev-app-secret',
  WHATSAPP_VERIFY_TOKEN: 'dev-verify-token',
  WHATSAPP_ACCESS_TOKEN: 'dev-access-token',
  WHATSAPP_PHONE_NUMBER_ID: DEFAULT_BUSINESS.phoneNumberId,
  LOG_LEVEL: 'info',
  SHUTDOWN_TIMEOUT_MS: '5000',
  // Short so the demo shows timeouts and reminders without waiting minutes (min allowed: 5).
  OFFER_TIMEOUT_SECONDS: process.env.OFFER_TIMEOUT_SECONDS ?? '120',
};

const say = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};

function applyDefaults(env: NodeJS.ProcessEnv): void {
  for (const [k, v] of Object.entries(DEMO_DEFAULTS))
    if (env[k] === undefined || env[k] === '') env[k] = v;
}

/** Drop the demo schema and delete the demo Redis keys (only with --fresh). */
async function wipe(config: Config): Promise<void> {
  const schema = assertSchemaName(config.db.schema);
  if (schema === 'public')
    throw new Error('--fresh refuses to drop the public schema; set DATABASE_SCHEMA');
  const knex = createKnex({ url: config.db.url, schema, poolMax: 1 });
  try {
    await knex.raw('drop schema if exists ?? cascade', [schema]);
  } finally {
    await knex.destroy();
  }
  const redis = new Redis(config.redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(
        cursor,
        'MATCH',
        `${config.redis.prefix}:*`,
        'COUNT',
        1000,
      );
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  say(
    `  fresh: dropped schema ${schema}, deleted ${deleted} Redis keys under ${config.redis.prefix}:`,
  );
}

async function migrate(config: Config): Promise<void> {
  const knex = createKnex({ url: config.db.url, schema: config.db.schema, poolMax: 2 });
  try {
    const applied = await migrateLatest(knex, config.db.schema);
    say(
      `  migrations: ${applied.length === 0 ? 'up to date' : `${applied.length} applied`} (schema ${config.db.schema})`,
    );
  } finally {
    await knex.destroy();
  }
}

/** Runs scripts/seed.ts dev as a child (it has no programmatic API); resolves on exit 0. */
function seedDev(env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join('scripts', 'seed.ts'), 'dev'],
      {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) {
        say(`  seed: ${out.trim().split('\n').pop() ?? 'dev tier loaded'}`);
        resolve();
      } else reject(new Error(`seeding the dev tier failed (exit ${code}):\n${out.trim()}`));
    });
  });
}

interface SeededPerson {
  wa_id: string | null;
  bsuid: string | null;
  name: string | null;
  business?: string;
  status?: string;
  online?: boolean;
  services?: string | null;
}

/** Who the dev seed created, for the banner. Never fails the demo. */
async function seededPeople(
  config: Config,
): Promise<{ providers: SeededPerson[]; customers: SeededPerson[]; total: number } | null> {
  const knex = createKnex({ url: config.db.url, schema: config.db.schema, poolMax: 1 });
  try {
    const providers = (await knex.raw(`
      select u.wa_id, u.bsuid, u.name, p.display_name as business, p.status, p.online,
             string_agg(st.code, ', ' order by st.code) as services
        from providers p
        join users u on u.id = p.user_id
        left join provider_services ps on ps.provider_id = p.id
        left join service_types st on st.id = ps.service_type_id
       where p.deleted_at is null
       group by p.id, u.id
       order by (p.status = 'approved' and p.online) desc, p.id
       limit 6`)) as { rows: SeededPerson[] };
    const total =
      (await knex('providers').whereNull('deleted_at').count<{ n: string }[]>({ n: '*' }))[0]?.n ??
      '0';
    const customers = (await knex.raw(`
      select u.wa_id, u.bsuid, u.name from users u
       where not exists (select 1 from providers p where p.user_id = u.id) and u.wa_id is not null
       order by u.id limit 3`)) as { rows: SeededPerson[] };
    return { providers: providers.rows, customers: customers.rows, total: Number(total) };
  } catch {
    return null;
  } finally {
    await knex.destroy();
  }
}

/** The demo's console operator `demo` (admin), with a fresh random password at each start. */
async function demoOperator(config: Config): Promise<string> {
  const password = randomBytes(9).toString('base64url');
  const knex = createKnex({ url: config.db.url, schema: config.db.schema, poolMax: 1 });
  try {
    const hash = await hashPassword(password, 10);
    const existing = await findOperatorForLogin(knex, 'demo');
    if (existing) await setOperatorPassword(knex, existing.id, hash);
    else
      await createOperator(knex, {
        username: 'demo',
        displayName: 'Demo admin',
        role: 'admin',
        passwordHash: hash,
      });
  } finally {
    await knex.destroy();
  }
  return password;
}

function demoPeople(people: Awaited<ReturnType<typeof seededPeople>>): DemoPerson[] {
  if (!people) return [];
  const person = (p: SeededPerson, role: DemoPerson['role']): DemoPerson | null =>
    p.wa_id ? { waId: p.wa_id, name: p.business ?? p.name ?? p.wa_id, role } : null;
  return [
    ...people.customers.map((c) => person(c, 'customer')),
    ...people.providers.filter((p) => p.status === 'approved').map((p) => person(p, 'provider')),
  ].filter((p): p is DemoPerson => p !== null);
}

function banner(
  config: Config,
  fake: FakeCloudApi,
  botPort: number,
  people: Awaited<ReturnType<typeof seededPeople>>,
  consolePassword: string,
): void {
  say();
  say('Ubermench demo is running');
  say(`  chat (browser) ${fake.url}/chat   ← start here: a customer and a provider side by side`);
  say(
    `  ops console    http://127.0.0.1:${botPort}/console   (user demo, password ${consolePassword})`,
  );
  say(
    `  bot          http://127.0.0.1:${botPort}  (role all; webhook /webhook, /health/ready, /metrics)`,
  );
  say(`  fake Cloud API ${fake.url}  (replies recorded at ${fake.url}/__fake/received)`);
  say(
    `  data         Postgres schema "${config.db.schema}", Redis prefix "${config.redis.prefix}"`,
  );
  say(`  bot logs     ${path.relative(ROOT, LOG_FILE)}`);
  if (people && people.providers.length > 0) {
    say(`  seeded providers (${people.total} in all; switch with /as <phone> <name> provider):`);
    for (const p of people.providers) {
      const state = p.status === 'approved' ? (p.online ? 'online' : 'offline') : p.status;
      say(
        `    /as ${p.wa_id ?? p.bsuid} ${p.name ?? 'Provider'} provider   — ${p.business ?? ''} (${state}; ${p.services ?? 'no services'})`,
      );
    }
  } else {
    say('  (no seeded providers found: the dev seed may be empty)');
  }
  if (people && people.customers.length > 0) {
    say(
      '  seeded customers: ' +
        people.customers.map((c) => `${c.wa_id} (${c.name ?? '?'})`).join(', '),
    );
  }
  say();
}

function spawnChat(fakeUrl: string, args: string[]): ChildProcess {
  return spawn(
    process.execPath,
    ['--import', 'tsx', path.join('scripts', 'demo-chat.ts'), ...args],
    {
      cwd: ROOT,
      env: { ...process.env, FAKE_URL: fakeUrl },
      stdio: 'inherit',
    },
  );
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const fresh = argv.includes('--fresh');
  const webOnly = argv.includes('--web-only');
  const chatArgs = argv.filter((a) => a !== '--fresh' && a !== '--web-only');
  say('Starting the Ubermench demo…');
  const services = await ensureServices({ env: process.env, root: ROOT });
  for (const note of services.notes) say(`  ${note}`);
  if (!services.ok) {
    for (const line of services.missing) console.error(`✗ ${line}`);
    process.exit(69); // EX_UNAVAILABLE
  }
  process.env.DATABASE_URL = services.databaseUrl;
  process.env.REDIS_URL = services.redisUrl;
  applyDefaults(process.env);
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  const fakePort = Number(process.env.FAKE_PORT);
  const fakeUrl = `http://127.0.0.1:${fakePort}`;
  config = { ...config, whatsapp: { ...config.whatsapp, apiBaseUrl: fakeUrl } };
  process.env.WHATSAPP_API_BASE_URL = fakeUrl;

  if (fresh) await wipe(config);
  await migrate(config);
  await seedDev(process.env);

  fs.mkdirSync(path.dirname(LOG_FILE), { recursive: true });
  const destination = pino.destination({ dest: LOG_FILE, sync: false, mkdir: true });
  const logger = createLogger({ level: config.log.level, pretty: false, destination });

  let system: System | null = null;
  let fake: FakeCloudApi | null = null;
  let chat: ChildProcess | null = null;
  let stopping: Promise<void> | null = null;
  const stopAll = (code: number): Promise<void> => {
    stopping ??= (async () => {
      if (chat && chat.exitCode === null && chat.signalCode === null) chat.kill('SIGTERM');
      if (system) await system.stop().catch((e: Error) => console.error(`bot stop: ${e.message}`));
      if (fake) await fake.stop().catch(() => undefined);
      try {
        destination.flushSync();
      } catch {
        // not open yet: nothing to flush
      }
      process.exit(code);
    })();
    return stopping;
  };
  let interrupts = 0;
  const onSignal = () => {
    if (++interrupts > 1) process.exit(130);
    void stopAll(0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    const botPort = config.port;
    fake = await startFakeCloudApi({
      port: fakePort,
      webhookUrl: `http://127.0.0.1:${botPort}/webhook`,
      appSecret: config.whatsapp.appSecret,
      accessToken: config.whatsapp.accessToken,
      phoneNumberId: config.whatsapp.phoneNumberId,
      autoStatuses: true,
    });
    system = await createSystem(config, 'all', logger);
    await system.listen(botPort);
    const people = await seededPeople(config);
    fake.setDemoPeople(demoPeople(people));
    banner(config, fake, botPort, people, await demoOperator(config));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    console.error(
      e.code === 'EADDRINUSE'
        ? `A port is already in use (${e.message}). Stop the other process or set PORT / FAKE_PORT.`
        : `The demo could not start: ${e.message}`,
    );
    await stopAll(1);
    return;
  }

  if (webOnly) {
    say('Press Ctrl-C to stop.');
    return;
  }
  chat = spawnChat(fake.url, chatArgs);
  chat.on('exit', (code) => {
    void stopAll(code ?? 0);
  });
}

main().catch((err: Error) => {
  console.error(`demo failed: ${err.message}`);
  process.exit(1);
});
