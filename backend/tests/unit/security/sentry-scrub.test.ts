/**
 * Gaps found in the Sentry `beforeSend` scrubbing (observability/sentry.ts) beyond what
 * backend/tests/unit/observability/privacy.test.ts covers: identifiers that are not digit
 * runs (BSUIDs, usernames), exact locations, and secrets inside URLs / query strings / free text.
 */
import { scrubEvent, scrubValue } from '../../../src/observability/sentry';

const VERIFY = 'my-verify-token-123';
const ACCESS = 'EAAGm0PX4ZCpsBAPZAbcdefghijklmnopqrstuvwx';

describe('Sentry scrubbing: identifiers, locations and secrets in URLs', () => {
  it('removes BSUIDs and usernames, as fields and inside text', () => {
    const out = JSON.stringify(
      scrubValue({
        contact: { user_id: 'MX.8f3kq92mzx7t', username: '@la.vecina', bsuid: 'AR.ENT.77ab91cd' },
        message: 'processing failed for bs:MX.8f3kq92mzx7t',
        extra: { key: 'bs:US.abc123def456' },
      }),
    );
    for (const leaked of ['MX.8f3kq92mzx7t', '@la.vecina', 'AR.ENT.77ab91cd', 'US.abc123def456'])
      expect(out).not.toContain(leaked);
  });

  it('removes exact coordinates', () => {
    const out = scrubValue({
      location: { latitude: 19.4326077, longitude: -99.133208 },
      place: { lat: 19.43, lng: -99.13 },
    }) as Record<string, Record<string, unknown>>;
    expect(JSON.stringify(out)).not.toMatch(/19\.43|99\.13/);
  });

  it('removes the verify token, access tokens and bearer credentials from URLs, query strings and messages', () => {
    const event = {
      request: {
        url: `https://bot.example/webhook?hub.mode=subscribe&hub.verify_token=${VERIFY}&hub.challenge=1158201444`,
        query_string: `hub.mode=subscribe&hub.verify_token=${VERIFY}&hub.challenge=1158201444`,
      },
      message: `axios failed: GET https://graph.facebook.com/v23.0/123?access_token=${ACCESS} with Authorization: Bearer ${ACCESS}`,
      breadcrumbs: [
        { data: { url: `https://graph.facebook.com/v23.0/me?access_token=${ACCESS}` } },
      ],
    };
    const out = JSON.stringify(scrubEvent(event as never));
    expect(out).not.toContain(VERIFY);
    expect(out).not.toContain(ACCESS);
    expect(out).not.toContain('EAAG');
    expect(out).toContain('hub.mode=subscribe');
  });

  it('objects nested deeper than it inspects are dropped, not sent unscrubbed', () => {
    let deep: Record<string, unknown> = { text: 'mensaje privado', phone: '5215512345678' };
    for (let i = 0; i < 12; i++) deep = { nested: deep };
    const out = JSON.stringify(scrubValue(deep));
    expect(out).not.toContain('mensaje privado');
    expect(out).not.toContain('5215512345678');
  });

  it('keeps what is useful for debugging', () => {
    expect(
      scrubValue({
        code: 131047,
        title: 'Re-engagement message',
        state: 'mainMenu',
        queue: 'outbound',
      }),
    ).toEqual({
      code: 131047,
      title: 'Re-engagement message',
      state: 'mainMenu',
      queue: 'outbound',
    });
  });
});
