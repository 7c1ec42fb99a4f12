/** Session start: loading the user, new vs returning users, replay of queued events, expiry. */
import { migrateState, STATE_SCHEMA_VERSION } from '../../../src/conversation/state';
import { tapId } from '../../../src/conversation/ids';
import {
  callOf,
  ctx,
  ev,
  fixture,
  ids,
  profile,
  run,
  Script,
  sentMessages,
  sentText,
  stateName,
  user,
} from './harness';

describe('a new conversation', () => {
  it('loads the user, then marks the message read (the receipt waits for the reply), keeping the message', () => {
    const event = ev.text('hola', 'Ana María');
    const out = run(null, event);
    expect(out.commands[0]).toMatchObject({ kind: 'call', op: 'loadUser' });
    expect(out.commands[1]).toEqual({ kind: 'markRead', messageId: event.id });
    expect(callOf(out.commands, 'loadUser').input).toEqual({ profileName: 'Ana María' });
    expect(out.state).toMatchObject({ name: 'loading', pending: [event], resumed: false });
  });

  it('welcomes a new user and asks the name, offering the WhatsApp profile name', () => {
    const s = new Script()
      .send(ev.text('hola', 'Ana María'))
      .answer('loadUser', { user: user({ name: 'Ana María' }), isNew: true });
    expect(s.name).toBe('askName');
    expect(s.text()).toContain('Soy *Ubermench*');
    expect(s.text()).toContain('¿Cómo te llamas?');
    // The profile name to use as is, and the other language (issue 13: the name question offers both).
    expect(ids(s.last)).toEqual([
      tapId({ kind: 'name.profile' }),
      tapId({ kind: 'lang.set', locale: 'en' }),
    ]);
  });

  it('asks the name without a suggestion when the profile name is not a valid name', () => {
    const s = new Script()
      .send(ev.text('hola', '🙂🙂'))
      .answer('loadUser', { user: user({ name: null }), isNew: true });
    expect(s.name).toBe('askName');
    // No profile-name button: only the other language is offered.
    expect(ids(s.last)).toEqual([tapId({ kind: 'lang.set', locale: 'en' })]);
  });

  it('validates the name, saves it and shows the menu', () => {
    const s = new Script()
      .send(ev.text('hola', ''))
      .answer('loadUser', { user: user({ name: null }), isNew: true });
    s.send(ev.text('12345'));
    expect(s.name).toBe('askName');
    expect(s.text()).toContain('debe tener letras');
    s.send(ev.text('https://spam.example'));
    expect(s.text()).toContain('enlaces');
    s.send(ev.text('A'));
    expect(s.text()).toContain('muy corto');
    s.send(ev.text('  *Ana*   López \u200B'));
    expect(callOf(s.last, 'saveUser').input).toEqual({ name: 'Ana López' });
    s.answer('saveUser', { user: user({ name: 'Ana López' }) });
    expect(s.name).toBe('mainMenu');
    expect(s.text()).toContain('¡Mucho gusto, Ana López!');
    expect(s.state).toMatchObject({ profile: { name: 'Ana López' } });
  });

  it('uses the suggested profile name when its button is tapped', () => {
    const s = new Script()
      .send(ev.text('hola', 'Ana'))
      .answer('loadUser', { user: user({ name: 'Ana' }), isNew: true });
    s.send(ev.button(tapId({ kind: 'name.profile' })));
    expect(callOf(s.last, 'saveUser').input).toEqual({ name: 'Ana' });
  });

  it('keeps asking the name on menu/cancel, and remembers "quiero ser proveedor"', () => {
    const s = new Script()
      .send(ev.text('hola', ''))
      .answer('loadUser', { user: user({ name: null }), isNew: true });
    s.send(ev.text('menú'));
    expect(s.name).toBe('askName');
    expect(s.text()).toContain('Primero dime tu nombre');
    s.send(ev.text('cancelar'));
    expect(s.name).toBe('askName');
    s.send(ev.row(tapId({ kind: 'menu.new' })));
    expect(s.name).toBe('askName');
    s.send(ev.text('quiero ser proveedor'));
    expect(s.state).toMatchObject({ name: 'askName', then: 'provider' });
    s.send(ev.text('Juan')).answer('saveUser', { user: user({ name: 'Juan' }) });
    expect(s.name).toBe('provName');
    expect(s.text()).toContain('1/4');
  });

  it('goes straight to provider registration when the first message asks for it', () => {
    const s = new Script()
      .send(ev.text('Quiero ser proveedor', ''))
      .answer('loadUser', { user: user({ name: null }), isNew: true });
    expect(s.state).toMatchObject({ name: 'askName', then: 'provider' });
  });

  it('retries the name after a failed save', () => {
    const s = new Script()
      .send(ev.text('hola', ''))
      .answer('loadUser', { user: user({ name: null }), isNew: true });
    s.send(ev.text('Ana')).failCall('saveUser');
    expect(s.state).toMatchObject({ name: 'askName', saving: null });
    expect(s.text()).toContain('algo falló de nuestro lado');
  });
});

describe('a returning user', () => {
  it('a reaction to an old message starts nothing: marked read, no greeting, no lookup', () => {
    const out = run(null, ev.unsupported('reaction'));
    expect(out.state).toBeNull();
    expect(out.commands).toEqual([{ kind: 'markRead', messageId: expect.any(String) }]);
  });

  it.each([
    ['necesito un plomero urgente', 'listServiceTypes' as const],
    ['mis solicitudes', 'listMyRequests' as const],
  ])('"%s" as the first words is acted on, not answered with the greeting', (text, op) => {
    const s = new Script().send(ev.text(text)).answer('loadUser', { user: user(), isNew: false });
    expect(callOf(s.last, op)).toBeDefined();
    expect(s.text()).not.toContain('¡Hola, Ana!');
  });

  it('a provider\'s "acepto" as the first words answers their open offer', () => {
    const s = new Script().send(ev.text('acepto')).answer('loadUser', {
      user: user({ id: 501, provider: { status: 'approved', online: true } }),
      isNew: false,
    });
    expect(callOf(s.last, 'answerOffer').input).toMatchObject({ offerId: null, accept: true });
  });

  it('a photo as the first message is kept as the problem of a request', () => {
    const s = new Script()
      .send(ev.media('image', { caption: 'así está la fuga' }))
      .answer('loadUser', { user: user(), isNew: false });
    expect(callOf(s.last, 'saveMedia').input).toMatchObject({ caption: 'así está la fuga' });
  });

  it('is greeted by name with the menu list', () => {
    const s = new Script().send(ev.text('hola')).answer('loadUser', { user: user(), isNew: false });
    expect(s.name).toBe('mainMenu');
    const [menu] = sentMessages(s.last);
    expect(menu?.type).toBe('list');
    expect(s.text()).toContain('¡Hola, Ana!');
    expect(ids(s.last)).toEqual(
      expect.arrayContaining([
        tapId({ kind: 'menu.new' }),
        tapId({ kind: 'menu.mine' }),
        tapId({ kind: 'menu.help' }),
      ]),
    );
  });

  it('offers "repeat last service" when there is one', () => {
    const lastRequest = {
      serviceTypeId: 1,
      serviceName: { es: 'Plomería', en: 'Plumbing' },
      lat: 19.4,
      lng: -99.1,
      address: null,
    };
    const s = new Script()
      .send(ev.text('hola'))
      .answer('loadUser', { user: user({ lastRequest }), isNew: false });
    expect(ids(s.last)).toContain(tapId({ kind: 'menu.repeat' }));
    expect(s.text()).toContain('Plomería, en el mismo lugar');
  });

  it('greets in English when the user chose English', () => {
    const s = new Script()
      .send(ev.text('hi'))
      .answer('loadUser', { user: user({ locale: 'en' }), isNew: false });
    expect(s.text()).toContain('Hi, Ana!');
    expect(s.text()).toContain('How can I help?');
  });

  it('says "welcome back" after the session expired', () => {
    const s = new Script(null, ctx({ sessionExpired: true }))
      .send(ev.text('hola'))
      .answer('loadUser', { user: user(), isNew: false });
    expect(s.text()).toContain('¡Hola de nuevo, Ana!');
    // Said the way a person would, without system words.
    expect(s.text()).not.toMatch(/sesi[oó]n|expir/i);
  });

  it('acts on a meaningful first message (a template quick reply) instead of greeting', () => {
    const s = new Script()
      .send(ev.button('offer:accept:55'))
      .answer('loadUser', { user: user({ id: 501 }), isNew: false });
    expect(callOf(s.last, 'answerOffer').input).toMatchObject({
      offerId: 55,
      providerUserId: 501,
      accept: true,
    });
    expect(s.text()).toBe('');
  });

  it('acts on a global word as first message', () => {
    const s = new Script()
      .send(ev.text('ayuda'))
      .answer('loadUser', { user: user(), isNew: false });
    expect(s.text()).toContain('*Ubermench* te conecta');
  });

  it('replays events that arrived while loading, in order', () => {
    const s = new Script().send(ev.text('hola'));
    s.send(ev.text('english'));
    expect(s.name).toBe('loading');
    expect(s.last).toEqual([{ kind: 'markRead', messageId: expect.any(String) }]);
    s.send(ev.notice('providerApproved'));
    s.send(ev.ok('loadUser', { user: user(), isNew: false }, 'session.load'));
    const text = s.text();
    expect(text.indexOf('¡Hola, Ana!')).toBeGreaterThanOrEqual(0);
    expect(text).toContain("I'll speak English");
    expect(text).toContain('approved');
    expect(s.state).toMatchObject({
      name: 'mainMenu',
      profile: { locale: 'en', provider: { status: 'approved' } },
    });
  });

  it('asks for the user again if loading takes too long', () => {
    const first = run(null, ev.text('hola'));
    const later = run(
      first.state,
      ev.text('¿hola?'),
      ctx({ now: first.state && first.state.name === 'loading' ? first.state.since + 31_000 : 0 }),
    );
    expect(callOf(later.commands, 'loadUser')).toBeDefined();
    expect(later.state).toMatchObject({
      name: 'loading',
      pending: [expect.anything(), expect.anything()],
    });
  });

  it('starts afresh, with an apology, when loading the user fails', () => {
    const s = new Script().send(ev.text('hola')).failCall('loadUser');
    expect(s.name).toBe('none');
    expect(s.text()).toContain('algo falló de nuestro lado');
  });

  it('handles a notice arriving with no session by loading the user first (no greeting)', () => {
    const s = new Script().send(
      ev.notice('offerReceived', {
        offerId: 9,
        requestId: 3,
        serviceName: { es: 'Plomería', en: 'Plumbing' },
        distanceKm: 2.5,
        area: 'Roma Norte',
        answerWithinMinutes: 5,
      }),
    );
    expect(s.name).toBe('loading');
    expect(s.last.some((c) => c.kind === 'markRead')).toBe(false);
    s.answer('loadUser', {
      user: user({ id: 501, provider: { status: 'approved', online: true } }),
      isNew: false,
    });
    expect(s.name).toBe('mainMenu');
    expect(ids(s.last)).toEqual(['offer:accept:9', 'offer:decline:9']);
    expect(s.text()).not.toContain('¡Hola');
  });

  it('ignores a result that arrives with no session', () => {
    const out = run(null, ev.ok('listServiceTypes', { services: [] }, 'services.customer'));
    expect(out).toEqual({ state: null, commands: [] });
  });
});

describe('state schema', () => {
  it('keeps states of the current schema and drops older or malformed ones', () => {
    const state = fixture('mainMenu');
    expect(migrateState(JSON.parse(JSON.stringify(state)), STATE_SCHEMA_VERSION)).toEqual(state);
    expect(
      migrateState(
        { name: 'mainMenu', profile: { userId: 1, name: 'A', locale: 'es', role: 'customer' } },
        1,
      ),
    ).toBeNull();
    expect(migrateState({ name: 'nope', profile: profile() }, STATE_SCHEMA_VERSION)).toBeNull();
    expect(migrateState({ name: 'mainMenu' }, STATE_SCHEMA_VERSION)).toBeNull();
    expect(migrateState(null, STATE_SCHEMA_VERSION)).toBeNull();
    expect(stateName({ state: null, commands: [] })).toBe('none');
    expect(sentText([])).toBe('');
  });
});
