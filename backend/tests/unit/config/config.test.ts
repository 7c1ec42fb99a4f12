import { ConfigError, loadConfig } from '../../../src/config';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
  REDIS_URL: 'redis://127.0.0.1:6379',
  WHATSAPP_APP_SECRET: 'a-real-looking-app-secret-1234',
  WHATSAPP_VERIFY_TOKEN: 'verify-token-abcdefgh-1234',
  WHATSAPP_ACCESS_TOKEN: 'EAAG-access-token-value-5678',
  WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
};

function problems(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env as NodeJS.ProcessEnv);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe('loadConfig', () => {
  it('accepts a complete environment and applies defaults', () => {
    const c = loadConfig(valid as NodeJS.ProcessEnv);
    expect(c.port).toBe(3000);
    expect(c.session.ttlSeconds).toBe(86400);
    expect(c.outbound.ratePerSecond).toBe(80);
    expect(c.whatsapp.apiBaseUrl).toBe('https://graph.facebook.com');
  });

  it.each(Object.keys(valid))('names %s when it is missing', (name) => {
    const env: Record<string, string | undefined> = { ...valid, [name]: undefined };
    expect(problems(env).join('\n')).toContain(name);
  });

  it('names every invalid variable at once', () => {
    const found = problems({ ...valid, PORT: 'eighty', DATABASE_URL: 'mysql://x', OUTBOUND_RATE_PER_SECOND: '0', WHATSAPP_PHONE_NUMBER_ID: '12ab' });
    const text = found.join('\n');
    for (const name of ['PORT', 'DATABASE_URL', 'OUTBOUND_RATE_PER_SECOND', 'WHATSAPP_PHONE_NUMBER_ID']) expect(text).toContain(name);
    expect(found.length).toBeGreaterThanOrEqual(4);
  });

  it('refuses placeholder or missing secrets in production', () => {
    const found = problems({ ...valid, NODE_ENV: 'production', WHATSAPP_APP_SECRET: 'change-me', WHATSAPP_ACCESS_TOKEN: 'xxx' });
    expect(found.join('\n')).toMatch(/WHATSAPP_APP_SECRET.*production/);
    expect(found.join('\n')).toMatch(/WHATSAPP_ACCESS_TOKEN/);
    expect(problems({ ...valid, NODE_ENV: 'production' })).toEqual([]);
  });

  it('the error message lists every problem on its own line', () => {
    try {
      loadConfig({} as NodeJS.ProcessEnv);
      throw new Error('should have failed');
    } catch (err) {
      expect((err as Error).message).toMatch(/^Invalid configuration:\n {2}- /);
      expect((err as Error).message.split('\n').length).toBeGreaterThan(5);
    }
  });
});
