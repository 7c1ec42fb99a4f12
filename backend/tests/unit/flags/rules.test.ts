/**
 * Flag rules (shared/feature-flags.ts), the FEATURE_FLAGS variable, the hashed rollout
 * (flags/rollout.ts) and the one conversation behaviour gated so far (`understanding`: a greeting
 * typed at the main menu). Pure: no Redis (the provider has its integration test).
 */
import { ConfigError, loadConfig } from '../../../src/config';
import { resolveContext } from '../../../src/conversation/context';
import {
  CONVERSATION_FLAG_DEFAULTS,
  CONVERSATION_FLAG_KEYS,
  FLAG_KEYS,
  FLAGS,
  formatFlagRule,
  parseFlagDefaults,
  parseFlagRule,
} from '../../../src/shared/feature-flags';
import { bucketOf, ruleIsOn } from '../../../src/flags/rollout';
import { t } from '../../../src/conversation/locales';
import { ctx, ev, profile, run, sentText } from '../conversation/harness';

const required = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
  REDIS_URL: 'redis://127.0.0.1:6379',
  WHATSAPP_APP_SECRET: 'a-real-looking-app-secret-0123456789',
  WHATSAPP_VERIFY_TOKEN: 'verify-token-abcdefgh-1234',
  WHATSAPP_ACCESS_TOKEN: 'EAAG-access-token-value-5678',
  WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
};

describe('flag declarations', () => {
  it("declares the four flags, all on by default (today's behaviour); the console is not a conversation flag", () => {
    expect(FLAG_KEYS).toEqual(['understanding', 'job_lifecycle', 'console', 'handoff']);
    expect(FLAG_KEYS.every((k) => FLAGS[k].default)).toBe(true);
    expect(CONVERSATION_FLAG_KEYS).toEqual(['understanding', 'job_lifecycle', 'handoff']);
    expect(CONVERSATION_FLAG_DEFAULTS).toEqual({
      understanding: true,
      job_lifecycle: true,
      handoff: true,
    });
  });
});

describe('rules', () => {
  it.each([
    ['on', 100],
    ['OFF', 0],
    [' 25% ', 25],
    ['0%', 0],
    ['100%', 100],
    ['true', 100],
    ['0', 0],
  ])('reads %j as %d %%', (text, percent) => {
    expect(parseFlagRule(text)).toEqual({ percent });
  });

  it.each(['', 'maybe', '101%', '-5%', '2.5%', '50'])('refuses %j', (text) => {
    expect(parseFlagRule(text)).toBeNull();
  });

  it('formats 0 and 100 as off and on', () => {
    expect([0, 1, 99, 100].map((percent) => formatFlagRule({ percent }))).toEqual([
      'off',
      '1%',
      '99%',
      'on',
    ]);
  });

  it('FEATURE_FLAGS sets the named flags; the others keep their declared default', () => {
    expect(parseFlagDefaults({ handoff: '10%', understanding: 'off' })).toEqual({
      understanding: { percent: 0 },
      job_lifecycle: { percent: 100 },
      console: { percent: 100 },
      handoff: { percent: 10 },
    });
    expect(
      loadConfig({ ...required, FEATURE_FLAGS: 'console=off' }).flags.defaults.console,
    ).toEqual({ percent: 0 });
    expect(loadConfig(required).flags).toEqual({ defaults: parseFlagDefaults({}), cacheMs: 1000 });
  });

  it('a bad FEATURE_FLAGS stops the process naming the unknown flag and the bad rule', () => {
    let problems: string[] = [];
    try {
      loadConfig({ ...required, FEATURE_FLAGS: 'understandin=off,handoff=sometimes' });
    } catch (err) {
      if (err instanceof ConfigError) problems = err.problems;
    }
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('FEATURE_FLAGS');
    expect(problems[0]).toContain('unknown flag understandin ');
    expect(problems[0]).toContain('handoff: sometimes is not on, off or N%');
  });
});

describe('percentage rollout', () => {
  const keys = Array.from(
    { length: 20_000 },
    (_, i) => `wa:52155${String(10_000_000 + i * 7919).slice(0, 8)}`,
  );

  it('one key always lands in the same bucket', () => {
    for (const key of keys.slice(0, 100))
      expect(bucketOf('handoff', key)).toBe(bucketOf('handoff', key));
  });

  it.each([1, 10, 25, 50, 90])('%d %% is on for close to that share of keys', (percent) => {
    const on = keys.filter((k) => ruleIsOn({ percent }, 'handoff', k)).length / keys.length;
    expect(Math.abs(on - percent / 100)).toBeLessThan(0.015);
  });

  it('raising the percentage only adds keys; each flag picks its own keys', () => {
    const at10 = keys.filter((k) => ruleIsOn({ percent: 10 }, 'handoff', k));
    const at20 = new Set(keys.filter((k) => ruleIsOn({ percent: 20 }, 'handoff', k)));
    expect(at10.every((k) => at20.has(k))).toBe(true);
    const other = new Set(keys.filter((k) => ruleIsOn({ percent: 10 }, 'understanding', k)));
    const both = at10.filter((k) => other.has(k)).length;
    // Independent 10 % choices share about 1 % of the keys, not 10 %.
    expect(both / keys.length).toBeLessThan(0.02);
  });

  it('on and off need no key; a partial rollout without a key is off', () => {
    expect(ruleIsOn({ percent: 100 }, 'console', undefined)).toBe(true);
    expect(ruleIsOn({ percent: 0 }, 'console', 'wa:1')).toBe(false);
    expect(ruleIsOn({ percent: 99 }, 'console', undefined)).toBe(false);
  });
});

describe('the step reads the flags it is given', () => {
  it('flags not given take their declared default', () => {
    expect(resolveContext(ctx()).flags).toEqual(CONVERSATION_FLAG_DEFAULTS);
    expect(resolveContext(ctx({ flags: { handoff: false } })).flags).toEqual({
      ...CONVERSATION_FLAG_DEFAULTS,
      handoff: false,
    });
  });

  it('understanding on: "hola" at the main menu is a greeting (name + menu); off: not understood, the menu again', () => {
    const menu = { name: 'mainMenu' as const, profile: profile({ name: 'Ana' }) };
    const on = sentText(
      run(menu, ev.text('hola'), ctx({ flags: { understanding: true } })).commands,
    );
    expect(on).toContain(t('es', 'greeting.returning', { name: 'Ana' }));
    expect(on).not.toContain(t('es', 'unexpected.menu'));
    const off = sentText(
      run(menu, ev.text('hola'), ctx({ flags: { understanding: false } })).commands,
    );
    expect(off).toContain(t('es', 'unexpected.menu'));
    expect(off).toContain(t('es', 'menu.prompt'));
    expect(off).not.toContain(t('es', 'greeting.returning', { name: 'Ana' }));
  });
});

describe('job_lifecycle and handoff roll back without a redeploy', () => {
  const done = {
    requestId: 60,
    providerName: 'Luis',
    serviceName: { es: 'Plomería', en: 'Plumbing' },
  };
  const menu = () => ({ name: 'mainMenu' as const, profile: profile({ name: 'Ana' }) });

  it('job_lifecycle on: "¿Quedó listo?" and a reminder; off: straight to the stars, no reminder', () => {
    const on = run(
      menu(),
      ev.notice('jobCompleted', done),
      ctx({ flags: { job_lifecycle: true } }),
    );
    expect(sentText(on.commands)).toContain('¿Quedó listo?');
    expect(on.commands.some((c) => c.kind === 'startTimer' && c.timer === 'rateReminder')).toBe(
      true,
    );
    const off = run(
      menu(),
      ev.notice('jobCompleted', done),
      ctx({ flags: { job_lifecycle: false } }),
    );
    expect(sentText(off.commands)).toContain('Califícalo de 1 a 5 estrellas');
    expect(sentText(off.commands)).not.toContain('¿Quedó listo?');
    expect(off.commands.some((c) => c.kind === 'startTimer')).toBe(false);
    expect(off.state).toMatchObject({ name: 'rateJob', requestId: 60, confirmed: true });
  });

  it('handoff on: "hablar con una persona" opens a handoff; off: an honest answer, no handoff', () => {
    const on = run(
      menu(),
      ev.text('quiero hablar con una persona'),
      ctx({ flags: { handoff: true } }),
    );
    expect(on.commands.some((c) => c.kind === 'call' && c.op === 'openHandoff')).toBe(true);
    const off = run(
      menu(),
      ev.text('quiero hablar con una persona'),
      ctx({ flags: { handoff: false } }),
    );
    expect(off.commands.some((c) => c.kind === 'call')).toBe(false);
    expect(sentText(off.commands)).toContain(t('es', 'handoff.off'));
  });
});
