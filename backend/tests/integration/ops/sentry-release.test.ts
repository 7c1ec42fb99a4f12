/**
 * Sentry events carry the release (issue 17, item 7): the image sets SENTRY_RELEASE=ubermench@<version>
 * and docker-compose ubermench@<deployed tag>; the Sentry SDK reads SENTRY_RELEASE itself (its
 * documented default for the `release` option), so a real event sent by the real SDK through a
 * capturing transport names it — no configuration variable of ours is involved.
 */
import * as Sentry from '@sentry/node';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/observability/logger';
import { initSentry, reportError } from '../../../src/observability/sentry';
import { ROOT } from './helpers';

it('an error report names the release of the running image', async () => {
  const sent: string[] = [];
  const transport = (options: Parameters<typeof Sentry.createTransport>[0]) =>
    Sentry.createTransport(options, async (request) => {
      sent.push(
        typeof request.body === 'string'
          ? request.body
          : Buffer.from(request.body).toString('utf8'),
      );
      return { statusCode: 200 };
    });
  const config = loadConfig({
    ...process.env,
    SENTRY_DSN: 'https://publickey@o0.ingest.sentry.io/0',
  });
  const before = process.env.SENTRY_RELEASE;
  process.env.SENTRY_RELEASE = 'ubermench@sha-1a2b3c4';
  const logger = createLogger({ level: 'silent', pretty: false });
  expect(
    initSentry(config, logger, { transport, installProcessHandlers: false, instrument: false }),
  ).toBe(true);
  reportError(new Error('boom'), { kind: 'test' });
  await Sentry.flush(2000);
  expect(sent.join('\n')).toContain('"release":"ubermench@sha-1a2b3c4"');
  await Sentry.close(1000);
  if (before === undefined) delete process.env.SENTRY_RELEASE;
  else process.env.SENTRY_RELEASE = before;
});

it('the image and the compose services set SENTRY_RELEASE from the version they run', () => {
  expect(readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8')).toMatch(
    /SENTRY_RELEASE="ubermench@\$\{VERSION\}"/,
  );
  expect(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8')).toContain(
    'SENTRY_RELEASE: ubermench@${UBERMENCH_TAG:-latest}',
  );
});
