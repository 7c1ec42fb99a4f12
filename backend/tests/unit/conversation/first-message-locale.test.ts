import { step } from '../../../src/conversation/step';
import type { ConversationEvent } from '../../../src/conversation/events';
import { firstMessageLocale } from '../../../src/conversation/text/words';

const ctx = { now: 1_764_100_000_000, sessionExpired: false };
const text = (id: string, body: string): ConversationEvent => ({
  source: 'user',
  kind: 'text',
  id,
  at: ctx.now,
  text: body,
  profile: { name: 'Bob' },
});

describe('first message language', () => {
  it.each([
    ['Hello', 'en'],
    ['hi there', 'en'],
    ['English', 'en'],
    ['Español', 'es'],
    ['hola', null],
    ['necesito un plomero', null],
  ])('%s → %s', (msg, locale) => {
    expect(firstMessageLocale(msg)).toBe(locale);
  });

  it('a new user who opens in English is welcomed in English and the choice is saved with the name', () => {
    const first = step(null, text('w1', 'Hello'), ctx);
    const loadUser = first.commands.find((c) => c.kind === 'call');
    expect(loadUser).toMatchObject({ op: 'loadUser' });
    const tagged = loadUser as { tag?: string };
    const loaded = step(
      first.state,
      {
        source: 'internal',
        kind: 'result',
        id: 'w1#1>r',
        at: ctx.now,
        op: 'loadUser',
        ...(tagged.tag !== undefined ? { tag: tagged.tag } : {}),
        ok: true,
        output: {
          user: {
            id: 7,
            name: null,
            locale: 'es',
            role: 'customer',
            phone: '525500000001',
            provider: null,
            lastRequest: null,
          },
          isNew: true,
        },
      },
      ctx,
    );
    const sent = JSON.stringify(loaded.commands);
    expect(sent).toMatch(/What.*name/);
    expect(sent).not.toMatch(/Cómo te llamas/);
    const named = step(loaded.state, text('w2', 'Bob Smith'), ctx);
    expect(named.commands).toContainEqual(
      expect.objectContaining({
        kind: 'call',
        op: 'saveUser',
        input: { name: 'Bob Smith', locale: 'en' },
      }),
    );
  });
});

describe('names are not greetings', () => {
  it.each(['hola', 'Hola!', 'buenos días', 'hello'])('"%s" is asked again', async (raw) => {
    const { validateName } = await import('../../../src/conversation/text/name');
    expect(validateName(raw)).toEqual({ ok: false, reason: 'greeting' });
  });
  it('a real name that starts like a greeting is fine', async () => {
    const { validateName } = await import('../../../src/conversation/text/name');
    expect(validateName('Olga Hernández')).toEqual({ ok: true, name: 'Olga Hernández' });
  });
});
