import { ConfigError, loadConfig } from '../../../src/config';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
  REDIS_URL: 'redis://127.0.0.1:6379',
  WHATSAPP_APP_SECRET: 'a-real-looking-app-secret-0123456789',
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
    const found = problems({
      ...valid,
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      OUTBOUND_RATE_PER_SECOND: '0',
      WHATSAPP_PHONE_NUMBER_ID: '12ab',
    });
    const text = found.join('\n');
    for (const name of [
      'PORT',
      'DATABASE_URL',
      'OUTBOUND_RATE_PER_SECOND',
      'WHATSAPP_PHONE_NUMBER_ID',
    ])
      expect(text).toContain(name);
    expect(found.length).toBeGreaterThanOrEqual(4);
  });

  it('refuses placeholder or missing secrets in production', () => {
    const found = problems({
      ...valid,
      NODE_ENV: 'production',
      WHATSAPP_APP_SECRET: 'change-me',
      WHATSAPP_ACCESS_TOKEN: 'xxx',
    });
    expect(found.join('\n')).toMatch(/WHATSAPP_APP_SECRET.*production/);
    expect(found.join('\n')).toMatch(/WHATSAPP_ACCESS_TOKEN/);
    expect(problems({ ...valid, NODE_ENV: 'production' })).toEqual([]);
  });

  describe('in production (issue 16 item 6)', () => {
    const prod = { ...valid, NODE_ENV: 'production' };

    it('checks admin key lengths after trimming: "abc" + 21 spaces is refused', () => {
      const found = problems({ ...prod, ADMIN_API_KEYS: `abc${' '.repeat(21)}` });
      expect(found.join('\n')).toMatch(/ADMIN_API_KEYS .*24 characters.*refused in production/);
      expect(problems({ ...prod, ADMIN_API_KEYS: ` ${'k'.repeat(23)} ` })).toHaveLength(1);
      expect(
        problems({ ...prod, ADMIN_API_KEYS: ` ${'k'.repeat(24)} , ${'m'.repeat(30)}` }),
      ).toEqual([]);
      // Development keeps accepting short keys (the demo and tests use their own).
      expect(problems({ ...valid, ADMIN_API_KEYS: 'abc' })).toEqual([]);
    });

    it('refuses an http:// Cloud API URL except to a loopback address', () => {
      for (const url of [
        'http://graph.facebook.com',
        'http://fake-cloud-api:4010',
        'http://10.0.0.5:4010',
      ]) {
        expect([url, problems({ ...prod, WHATSAPP_API_BASE_URL: url }).join('\n')]).toEqual([
          url,
          expect.stringMatching(
            /^WHATSAPP_API_BASE_URL must be an https:\/\/ URL.*refused in production/,
          ),
        ]);
      }
      for (const url of [
        'https://graph.facebook.com',
        'http://127.0.0.1:4010',
        'http://[::1]:4010/',
      ]) {
        expect([url, problems({ ...prod, WHATSAPP_API_BASE_URL: url })]).toEqual([url, []]);
      }
      expect(problems({ ...valid, WHATSAPP_API_BASE_URL: 'http://fake-cloud-api:4010' })).toEqual(
        [],
      );
    });

    it('refuses an app secret shorter than 32 characters', () => {
      const found = problems({ ...prod, WHATSAPP_APP_SECRET: 'k'.repeat(31) });
      expect(found).toEqual([
        'WHATSAPP_APP_SECRET must be at least 32 characters (a Meta app secret has 32) (refused in production)',
      ]);
      expect(problems({ ...prod, WHATSAPP_APP_SECRET: 'k'.repeat(32) })).toEqual([]);
      expect(problems({ ...valid, WHATSAPP_APP_SECRET: 'short' })).toEqual([]);
    });

    it('refuses a short or placeholder METRICS_TOKEN, and accepts none', () => {
      expect(problems({ ...prod, METRICS_TOKEN: 'short-token' }).join('\n')).toMatch(
        /METRICS_TOKEN must be at least 24/,
      );
      expect(
        problems({ ...prod, METRICS_TOKEN: 'change-me-metrics-token-000' }).join('\n'),
      ).toMatch(/METRICS_TOKEN is missing or a placeholder/);
      expect(problems({ ...prod, METRICS_TOKEN: 'k'.repeat(24) })).toEqual([]);
      expect(problems({ ...prod, METRICS_TOKEN: '' })).toEqual([]);
    });
  });

  it('reads WHATSAPP_PHONE_NUMBER_ID as a list whose first id is the default sender', () => {
    const c = loadConfig({
      ...valid,
      WHATSAPP_PHONE_NUMBER_ID: ' 111 ,222,333',
    } as NodeJS.ProcessEnv);
    expect(c.whatsapp.phoneNumberIds).toEqual(['111', '222', '333']);
    expect(c.whatsapp.phoneNumberId).toBe('111');
    for (const bad of ['111,', ',111', '111,,222', '111;222', '111,22a']) {
      expect([bad, problems({ ...valid, WHATSAPP_PHONE_NUMBER_ID: bad }).join('\n')]).toEqual([
        bad,
        expect.stringContaining('WHATSAPP_PHONE_NUMBER_ID'),
      ]);
    }
    expect(problems({ ...valid, WHATSAPP_PHONE_NUMBER_ID: '111,222,111' })).toEqual([
      'WHATSAPP_PHONE_NUMBER_ID lists the same phone number id twice',
    ]);
  });

  it('TRUSTED_PROXIES takes IPs, CIDRs and presets (loopback by default) and refuses anything else', () => {
    expect(loadConfig(valid as NodeJS.ProcessEnv).trustedProxies).toEqual([
      '127.0.0.0/8',
      '::1/128',
    ]);
    expect(
      loadConfig({ ...valid, TRUSTED_PROXIES: '' } as NodeJS.ProcessEnv).trustedProxies,
    ).toEqual([]);
    expect(
      loadConfig({ ...valid, TRUSTED_PROXIES: '172.18.0.5, 10.0.0.0/8' } as NodeJS.ProcessEnv)
        .trustedProxies,
    ).toEqual(['172.18.0.5/32', '10.0.0.0/8']);
    expect(problems({ ...valid, TRUSTED_PROXIES: 'caddy, 10.0.0.0/40' })).toEqual([
      'TRUSTED_PROXIES has entries that are not an IP, a CIDR or a preset: caddy, 10.0.0.0/40',
    ]);
  });

  it('INTERNAL_PORT is 0 (same port) by default and never equal to PORT', () => {
    expect(loadConfig(valid as NodeJS.ProcessEnv).internalPort).toBe(0);
    expect(loadConfig({ ...valid, INTERNAL_PORT: '9100' } as NodeJS.ProcessEnv).internalPort).toBe(
      9100,
    );
    expect(problems({ ...valid, PORT: '9100', INTERNAL_PORT: '9100' })).toEqual([
      'INTERNAL_PORT must differ from PORT (0 = same port as PORT)',
    ]);
    expect(problems({ ...valid, PORT: '0' })).toEqual([]);
    expect(problems({ ...valid, INTERNAL_PORT: '70000' }).join('\n')).toContain('INTERNAL_PORT');
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
