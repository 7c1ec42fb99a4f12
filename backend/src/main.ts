/**
 * Process entry point: `node main.js [--role=all|web|worker]`.
 * Exits with one clear message when the configuration is invalid.
 */
import { ConfigError, loadConfig } from './config';
import { createLogger, flushLogger } from './observability/logger';
import { initSentry } from './observability/sentry';
import { createSystem, type Role } from './wiring/system';

function roleFromArgs(argv: string[]): Role {
  const arg = argv.find((a) => a.startsWith('--role='));
  const role = (arg ? arg.slice('--role='.length) : (process.env.ROLE ?? 'all')) as Role;
  if (!['all', 'web', 'worker'].includes(role))
    throw new ConfigError([`--role must be all, web or worker (got ${role})`]);
  return role;
}

async function main(): Promise<void> {
  let config;
  let role: Role;
  try {
    config = loadConfig();
    role = roleFromArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  const logger = createLogger({ level: config.log.level, pretty: config.log.pretty });
  initSentry(config, logger);
  const system = await createSystem(config, role, logger);
  // Every role serves health (and /metrics, /health/ready where security/internal-endpoints.ts allows);
  // only web roles take webhooks and admin calls.
  const port = await system.listen(config.port);
  logger.info(
    {
      event: 'server.listening',
      port,
      ...(config.internalPort ? { internalPort: config.internalPort } : {}),
      role,
    },
    'listening',
  );
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ event: 'shutdown.start', signal }, 'shutting down');
    const hard = setTimeout(() => process.exit(1), config.shutdownTimeoutMs + 5000);
    hard.unref();
    system
      .stop()
      .then(() => {
        logger.info({ event: 'shutdown.done' }, 'bye');
        return flushLogger().then(() => process.exit(0));
      })
      .catch(() => flushLogger().then(() => process.exit(1)));
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: Error) => {
  console.error(`fatal: ${err.message}`);
  process.exit(1);
});
