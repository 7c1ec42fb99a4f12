/** Global words, unexpected input and stale taps, from every state, in both languages. */
import { tapId } from '../../../src/conversation/ids';
import type { Locale } from '../../../src/conversation/locale-types';
import type { ActiveState } from '../../../src/conversation/state';
import {
  callOf,
  calls,
  ev,
  profile,
  providerProfile,
  run,
  sentMessages,
  sentText,
  stateFixtures,
} from './harness';

const LOCALES: Locale[] = ['es', 'en'];
const cases = (locale: Locale): [string, ActiveState][] =>
  stateFixtures(profile({ locale })).map((s) => [`${locale}/${s.name}`, s]);
const ALL = [...cases('es'), ...cases('en')];
const noName = (s: ActiveState): boolean => s.name === 'askName';

const REPROMPT_MARKERS: Record<ActiveState['name'], Record<Locale, string>> = {
  askName: { es: '¿Cómo te llamas?', en: "What's your name?" },
  mainMenu: { es: '¿En qué te ayudo?', en: 'How can I help?' },
  chooseService: { es: '¿Qué servicio necesitas?', en: 'Which service do you need?' },
  describeProblem: { es: '¿qué pasa?', en: "what's wrong?" },
  shareLocation: { es: '¿a dónde enviamos al proveedor?', en: 'where should the provider go?' },
  browseProviders: {
    es: 'ordenados por cercanía y calificación',
    en: 'sorted by distance and rating',
  },
  providerDetail: { es: 'Juan Pérez', en: 'Juan Pérez' },
  awaitingProvider: { es: 'esperando la respuesta', en: 'waiting for the provider' },
  rateJob: { es: 'calificas', en: 'How would you rate' },
  rateComment: { es: 'comentario', en: 'comment' },
  myRequests: { es: 'Tus solicitudes', en: 'Your latest requests' },
  provName: { es: '1/4', en: '1/4' },
  provServices: { es: '2/4', en: '2/4' },
  provLocation: { es: '3/4', en: '3/4' },
  provRadius: { es: '4/4', en: '4/4' },
  provFee: { es: 'visita o diagnóstico', en: 'visit or diagnosis' },
  replaceChosen: { es: 'busquemos a otro proveedor', en: 'look for another' },
  cancelWhy: { es: 'elige el motivo', en: 'choose the reason' },
  cancelNote: { es: 'por qué cancelas', en: "why you're cancelling" },
  editFee: { es: 'visita o diagnóstico', en: 'visit or diagnosis' },
  confirmErase: { es: 'borrar tus datos', en: 'delete your data' },
  provProfile: { es: 'Costo de visita: $350', en: 'Visit fee: $350' },
};

describe.each(ALL)('from %s', (_label, state) => {
  const locale = state.profile.locale;
  const marker = REPROMPT_MARKERS[state.name][locale];

  it('marks every user message read first', () => {
    const event = ev.text('menu');
    expect(run(state, event).commands[0]).toEqual({ kind: 'markRead', messageId: event.id });
  });

  it.each(['menu', 'Menú', 'MENU', 'inicio'])(
    '"%s" goes to the menu (askName keeps asking the name)',
    (word) => {
      const out = run(state, ev.text(word));
      if (noName(state)) {
        expect(out.state).toMatchObject({ name: 'askName' });
      } else {
        expect(out.state).toMatchObject({ name: 'mainMenu' });
        expect(sentMessages(out.commands).at(-1)?.type).toBe('list');
      }
    },
  );

  it.each(['cancel', 'Cancelar'])('"%s" abandons the dialog without breaking', (word) => {
    const out = run(state, ev.text(word));
    switch (state.name) {
      case 'askName':
        return expect(out.state).toMatchObject({ name: 'askName' });
      case 'awaitingProvider':
      case 'replaceChosen':
        expect(out.state).toEqual(state);
        return expect(callOf(out.commands, 'cancelRequest').input).toEqual({
          requestId: 77,
          customerUserId: 10,
        });
      default:
        return expect(out.state).toMatchObject({ name: 'mainMenu' });
    }
  });

  it.each(['ayuda', 'help', '?'])('"%s" helps and repeats the open question', (word) => {
    const out = run(state, ev.text(word));
    expect(out.state).toEqual(state);
    expect(sentText(out.commands)).toContain(locale === 'es' ? 'Escribe *menú*' : 'Type *menu*');
    expect(sentText(out.commands)).toContain(marker);
  });

  it.each(['idioma', 'language'])('"%s" asks the language with two buttons', (word) => {
    const out = run(state, ev.text(word));
    expect(out.state).toEqual(state);
    const [msg] = sentMessages(out.commands);
    expect(msg?.type === 'buttons' && msg.buttons.map((b) => b.id)).toEqual(['lang:es', 'lang:en']);
  });

  it.each([
    ['english', 'en'],
    ['Inglés', 'en'],
    ['español', 'es'],
    ['spanish', 'es'],
  ] as const)(
    '"%s" switches to %s, saves it and repeats the question in that language',
    (word, target) => {
      const out = run(state, ev.text(word));
      expect(out.state).toMatchObject({ name: state.name, profile: { locale: target } });
      expect(callOf(out.commands, 'saveUser').input).toEqual({ locale: target });
      expect(sentText(out.commands)).toContain(REPROMPT_MARKERS[state.name][target]);
    },
  );

  it('the language buttons switch too', () => {
    const out = run(state, ev.button('lang:en'));
    expect(out.state).toMatchObject({ profile: { locale: 'en' } });
  });

  it.each(['sticker', 'audio', 'image', 'video', 'document', 'contacts', 'unsupported'])(
    'a %s gets a short reply and the same question; the state is untouched',
    (type) => {
      const out = run(state, ev.unsupported(type));
      expect(out.state).toEqual(state);
      expect(sentText(out.commands)).toContain(
        locale === 'es' ? 'no lo puedo leer aquí' : "can't read that kind of message",
      );
      expect(sentText(out.commands)).toContain(marker);
      expect(calls(out.commands)).toEqual([]);
    },
  );

  it.each(['reaction', 'system'])(
    'a %s (a 👍 on our message, a changed number) gets no reply; the state is untouched',
    (type) => {
      const out = run(state, ev.unsupported(type));
      expect(out.state).toEqual(state);
      expect(sentMessages(out.commands)).toEqual([]);
    },
  );

  it('opening the chat again (request_welcome) is greeted, never "I can\'t read that"; the state is kept', () => {
    const out = run(state, ev.unsupported('request_welcome'));
    expect(out.state).toEqual(state);
    expect(sentText(out.commands)).not.toContain(
      locale === 'es' ? 'no lo puedo leer aquí' : "can't read that kind of message",
    );
    expect(sentMessages(out.commands).length).toBeGreaterThan(0);
  });

  it.each([
    'svc:999',
    'pick:999',
    'book:999',
    'radius:abc',
    'psvc:999',
    'req:show:999',
    'confirm_yes',
    'rate:skip:999',
    'name:profile:x',
  ])('a stale or unknown id (%s) says it is no longer valid and repeats the question', (id) => {
    const out = run(state, ev.row(id));
    expect(out.state).toEqual(state);
    expect(sentText(out.commands)).toContain(
      locale === 'es' ? 'Esa opción ya no está disponible' : "That option isn't available anymore",
    );
    expect(sentText(out.commands)).toContain(marker);
  });

  it('gibberish never breaks the state', () => {
    for (const text of ['asdkjh', '🙂', '...', 'x'.repeat(5000), '\u202E\u200B']) {
      const out = run(state, ev.text(text));
      expect(out.commands.length).toBeGreaterThan(1);
      expect(['mainMenu', 'askName', state.name]).toContain(out.state && out.state.name);
    }
  });

  it('ignores unknown notices, malformed notices and stray results', () => {
    expect(run(state, ev.notice('whatever', { a: 1 }))).toEqual({ state, commands: [] });
    expect(run(state, ev.notice('offerReceived', { offerId: 'x' }))).toEqual({
      state,
      commands: [],
    });
    expect(run(state, ev.timer('nope', {}))).toEqual({ state, commands: [] });
    expect(run(state, ev.timer('offerTimeout', { offerId: 'x' }))).toEqual({ state, commands: [] });
    expect(
      run(
        state,
        ev.ok('loadUser', {
          user: {
            id: 1,
            name: 'x',
            locale: 'es',
            role: 'customer',
            phone: null,
            provider: null,
            lastRequest: null,
          },
          isNew: false,
        }),
      ),
    ).toEqual({
      state,
      commands: [],
    });
  });

  it('"on"/"off" are commands only for providers', () => {
    const asProvider = { ...state, profile: providerProfile({ locale }) } as ActiveState;
    const out = run(asProvider, ev.text('off'));
    expect(callOf(out.commands, 'setProviderOnline').input).toEqual({
      providerUserId: 501,
      online: false,
    });
    if (state.name !== 'askName' && state.name !== 'rateComment' && state.name !== 'provName') {
      expect(
        calls(run(state, ev.text('on')).commands).filter((c) => c.op === 'setProviderOnline'),
      ).toEqual([]);
    }
  });
});

describe.each(LOCALES)('global taps (%s)', (locale) => {
  const menu = stateFixtures(profile({ locale }))[1]!;

  it('menu rows work from an old menu in any state', () => {
    for (const state of stateFixtures(profile({ locale })).filter((s) => !noName(s))) {
      expect(
        callOf(run(state, ev.row(tapId({ kind: 'menu.new' }))).commands, 'listServiceTypes'),
      ).toBeDefined();
      expect(
        callOf(run(state, ev.row(tapId({ kind: 'menu.mine' }))).commands, 'listMyRequests').input,
      ).toEqual({ customerUserId: 10, limit: 10 });
    }
  });

  it('offer, job, request and rating ids work from any state and are decided by operations', () => {
    expect(
      callOf(run(menu, ev.button('offer:decline:5')).commands, 'answerOffer').input,
    ).toMatchObject({ offerId: 5, accept: false });
    expect(callOf(run(menu, ev.button('job:done:8')).commands, 'completeJob').input).toMatchObject({
      requestId: 8,
      providerUserId: 10,
    });
    expect(callOf(run(menu, ev.button('req:cancel:8')).commands, 'cancelRequest').input).toEqual({
      requestId: 8,
      customerUserId: 10,
    });
    expect(
      callOf(run(menu, ev.button('req:retry:8')).commands, 'retryRequest').input,
    ).toMatchObject({ requestId: 8, customerUserId: 10 });
    expect(callOf(run(menu, ev.row('rate:8:4')).commands, 'rateJob').input).toMatchObject({
      requestId: 8,
      stars: 4,
    });
  });
});
