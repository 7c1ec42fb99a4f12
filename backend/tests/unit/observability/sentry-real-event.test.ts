/**
 * The real Sentry SDK with a capturing transport: what would leave the process for an error
 * raised while handling a message carries the correlation id, state and masked user, and none
 * of the secrets, phone numbers or message text.
 */
import * as Sentry from '@sentry/node';
import { createLogger } from '../../../src/observability/logger';
import { initSentry, reportError } from '../../../src/observability/sentry';

it('scrubs a real captured event and tags it with the processing context', async () => {
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
  const logger = createLogger({ level: 'silent', pretty: false });
  expect(
    initSentry(
      { sentry: { dsn: 'https://publickey@o0.ingest.sentry.io/0', environment: 'test' } },
      logger,
      { transport, installProcessHandlers: false, instrument: false },
    ),
  ).toBe(true);

  // Built at run time: the SDK attaches source lines around each frame, and those must not be
  // what makes the assertions pass or fail.
  const phone = ['521', '5512', '345678'].join('');
  const token = 'EAAG' + 'x7Rq'.repeat(40);
  const body = ['necesito', 'un', 'plomero', 'urgente'].join(' ');
  const address = ['Calle', 'Falsa', '123'].join(' ');
  const err = new Error(`send to ${phone} failed with token ${token}`);
  Sentry.setContext('request', {
    headers: {
      authorization: `Bearer ${token}`,
      'x-hub-signature-256': `sha256=${'ab'.repeat(32)}`,
    },
  });
  Sentry.addBreadcrumb({ message: `text from ${phone}: ${body}` });
  Sentry.setExtra('payload', { text: body, address, wa_id: phone });
  reportError(err, {
    kind: 'conversation.dead_letter',
    correlationId: 'corr-123e4567-e89b',
    state: 'shareLocation',
    user: 'wa:*********5678',
  });
  await Sentry.flush(2000);

  expect(sent.length).toBeGreaterThan(0);
  const out = sent.join('\n');
  for (const leaked of [phone, token.slice(0, 40), `sha256=${'ab'.repeat(32)}`, body, address]) {
    expect(out).not.toContain(leaked);
  }
  expect(out).toContain('corr-123e4567-e89b');
  expect(out).toContain('shareLocation');
  expect(out).toContain('*********5678');
  // Breadcrumbs keep no free text.
  expect(out).toContain('"message":"[redacted]"');
  await Sentry.close(1000);
});
