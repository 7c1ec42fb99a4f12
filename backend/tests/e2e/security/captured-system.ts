/**
 * Like helpers/system.ts `startTestSystem`, but the bot logs at `debug` into memory, so a test
 * can read every line it wrote, and the per-user limits are the production defaults. Same
 * isolation: own Postgres schema, own Redis prefix, own fake.
 */
import { Writable } from 'node:stream';
import type { Role } from '../../../src/wiring/system';
import { createLogger } from '../../../src/observability/logger';
import { startTestSystem, type TestSystem } from '../../helpers/system';

export interface CapturedSystem extends TestSystem {
  /** Every log line written so far (raw JSON text). */
  logs: string[];
}

export async function startCapturedSystem(
  env: Record<string, string> = {},
  role: Role = 'all',
): Promise<CapturedSystem> {
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      cb();
    },
  });
  const logger = createLogger({ level: 'debug', pretty: false, destination });
  const t = await startTestSystem(
    { INBOUND_LIMIT_PER_MINUTE: '10', INBOUND_LIMIT_PER_HOUR: '100', ...env },
    role,
    { logger },
  );
  return { ...t, logs };
}
