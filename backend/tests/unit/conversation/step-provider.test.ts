/** Provider flow: registration, approval notices, online/offline, offers (accept/decline/expired), jobs, ratings. */
import type { JobDetails } from '../../../src/conversation/operations';
import type { ActiveState } from '../../../src/conversation/state';
import {
  OWN_PROFILE,
  SERVICES,
  Script,
  callOf,
  calls,
  ev,
  fixture,
  ids,
  notifies,
  profile,
  providerProfile,
  run,
  sentMessages,
  sentText,
  user,
} from './harness';

const PLUMBING = SERVICES[0]!.name;
const provider = (overrides = {}): ActiveState => ({
  name: 'mainMenu',
  profile: providerProfile(overrides),
});
const OFFER = {
  offerId: 9,
  requestId: 77,
  serviceName: PLUMBING,
  distanceKm: 2.345,
  area: 'Roma *Norte*',
  answerWithinMinutes: 5,
};
const JOB: JobDetails = {
  requestId: 77,
  serviceName: PLUMBING,
  lat: 19.4326,
  lng: -99.1332,
  address: 'Calle Durango 10, Roma Norte',
  customer: { userId: 10, name: 'Ana', phone: '525512345678', conversationKey: 'wa:5215512345678' },
  provider: {
    userId: 501,
    name: 'Juan Pérez',
    phone: '525511110000',
    conversationKey: 'wa:5215511110000',
  },
};

describe('registration', () => {
  it('walks name → services (multi-select) → location → radius → pending approval', () => {
    const s = new Script({ name: 'mainMenu', profile: profile() }).send(
      ev.text('Quiero ser proveedor'),
    );
    expect(s.name).toBe('provName');
    expect(s.text()).toContain('1/4');
    expect(ids(s.last)).toEqual(['pname:same']);

    s.send(ev.button('pname:same'));
    expect(s.state).toMatchObject({ name: 'provName', draft: { name: 'Ana' } });
    s.answer('listServiceTypes', { services: SERVICES });
    expect(s.name).toBe('provServices');
    expect(ids(s.last)).toEqual(['psvc:1', 'psvc:2', 'psvc:3', 'psvc:done']);

    s.send(ev.row('psvc:done'));
    expect(s.text()).toContain('Marca al menos un servicio');
    expect(s.name).toBe('provServices');

    s.send(ev.row('psvc:1')).send(ev.text('3'));
    expect(s.state).toMatchObject({ draft: { serviceIds: [1, 3] } });
    expect(s.text()).toContain('Marcados: Plomería, Cerrajería.');
    const [list] = sentMessages(s.last);
    expect(list?.type === 'list' && list.sections[0]!.rows.map((r) => r.title)).toEqual([
      '✓ Plomería',
      'Electricidad',
      '✓ Cerrajería',
      'Listo ✓',
    ]);
    s.send(ev.row('psvc:3'));
    expect(s.state).toMatchObject({ draft: { serviceIds: [1] } });
    // Typed names mark (never unmark): "plomería y cerrajero" keeps Plomería and adds Cerrajería.
    s.send(ev.text('plomería y cerrajero'));
    expect(s.state).toMatchObject({ draft: { serviceIds: [1, 3] } });
    expect(s.text()).toContain('Marcados: Plomería, Cerrajería.');
    s.send(ev.text('Plomería'));
    expect(s.state).toMatchObject({ draft: { serviceIds: [1, 3] } });
    s.send(ev.row('psvc:3'));
    expect(s.state).toMatchObject({ draft: { serviceIds: [1] } });

    s.send(ev.text('listo'));
    expect(s.name).toBe('provLocation');
    expect(sentMessages(s.last)[0]?.type).toBe('locationRequest');

    s.send(ev.location(19.4, -99.15));
    expect(s.name).toBe('provRadius');
    expect(ids(s.last)).toEqual(['radius:3', 'radius:5', 'radius:10', 'radius:20']);

    s.send(ev.row('radius:10'));
    // The last, optional question: the visit fee.
    expect(s.name).toBe('provFee');
    expect(s.text()).toContain('¿cuánto cobras por ir a ver el trabajo (visita o diagnóstico)?');
    expect(ids(s.last)).toEqual(['fee:free', 'fee:agree']);
    const fee = ev.text('$1,200 MXN');
    s.send(fee);
    expect(callOf(s.last, 'registerProvider').input).toEqual({
      idempotencyKey: fee.id,
      userId: 10,
      displayName: 'Ana',
      serviceTypeIds: [1],
      lat: 19.4,
      lng: -99.15,
      radiusKm: 10,
      visitFee: 1200,
    });
    s.answer('registerProvider', { status: 'pending', created: true });
    expect(s.name).toBe('mainMenu');
    expect(s.text()).toContain('¡Gracias, Ana! Recibimos tu registro');
    expect(s.state).toMatchObject({ profile: { provider: { status: 'pending', online: false } } });
  });

  it('validates the display name like a person name', () => {
    const s = new Script(fixture('provName')).send(ev.text('www.promo.mx'));
    expect(s.name).toBe('provName');
    expect(s.text()).toContain('enlaces');
    s.send(ev.text('Plomería *Hernández*'));
    expect(s.state).toMatchObject({ draft: { name: 'Plomería Hernández' } });
  });

  it('accepts a typed base address and a typed radius', () => {
    const s = new Script(fixture('provLocation')).send(ev.text('06700'));
    s.answer('geocodeAddress', { status: 'found', lat: 19.41, lng: -99.16, label: 'Roma Norte' });
    expect(s.state).toMatchObject({
      name: 'provRadius',
      draft: { place: { lat: 19.41, label: 'Roma Norte' } },
    });
    s.send(ev.text('5 km'));
    expect(s.state).toMatchObject({ name: 'provFee', draft: { radiusKm: 5 } });
    s.send(ev.button('fee:agree'));
    expect(callOf(s.last, 'registerProvider').input).toMatchObject({ radiusKm: 5, visitFee: null });
  });

  it('"provider" from an existing provider tells the status instead', () => {
    const out = run(provider(), ev.text('provider'));
    expect(out.state).toMatchObject({ name: 'mainMenu' });
    expect(sentText(out.commands)).toContain(
      'Ya estás registrado como proveedor (estado: aprobado)',
    );
  });

  it('a rejected provider can register again', () => {
    const out = run(
      provider({ provider: { status: 'rejected', online: false } }),
      ev.row('menu:provider'),
    );
    expect(out.state).toMatchObject({ name: 'provName' });
  });

  it('cancel abandons the registration', () => {
    const out = run(fixture('provServices'), ev.text('cancelar'));
    expect(out.state).toMatchObject({ name: 'mainMenu' });
    expect(sentText(out.commands)).toContain('Listo, lo cancelé');
  });
});

describe('approval notices (from the admin API, data {})', () => {
  it('approved → told, with a Go online button', () => {
    const out = run(
      { name: 'mainMenu', profile: profile({ provider: { status: 'pending', online: false } }) },
      ev.notice('providerApproved', {}),
    );
    expect(out.state).toMatchObject({ profile: { provider: { status: 'approved' } } });
    expect(ids(out.commands)).toEqual(['prov:online', 'menu:open']);
    expect(out.commands.find((c) => c.kind === 'send')).toMatchObject({
      fallback: { template: 'notice' },
    });
  });

  it('rejected and suspended → told, offline', () => {
    let out = run(provider(), ev.notice('providerRejected', {}));
    expect(out.state).toMatchObject({
      profile: { provider: { status: 'rejected', online: false } },
    });
    expect(sentText(out.commands)).toContain('no pudimos aprobar tu registro');
    out = run(provider(), ev.notice('providerSuspended'));
    expect(out.state).toMatchObject({
      profile: { provider: { status: 'suspended', online: false } },
    });
    expect(sentText(out.commands)).toContain('suspendida');
  });

  it('does not disturb the dialog in progress', () => {
    const state = fixture('chooseService', providerProfile());
    expect(run(state, ev.notice('providerSuspended')).state).toMatchObject({
      name: 'chooseService',
    });
  });
});

describe('online / offline', () => {
  it.each([
    ['on', true],
    ['online', true],
    ['disponible', true],
    ['off', false],
    ['offline', false],
    ['no disponible', false],
  ])('"%s" sets online=%s', (word, online) => {
    const s = new Script(provider({ provider: { status: 'approved', online: !online } })).send(
      ev.text(word as string),
    );
    expect(callOf(s.last, 'setProviderOnline').input).toEqual({ providerUserId: 501, online });
    s.answer('setProviderOnline', { status: 'ok', online: online as boolean, withdrawn: [] });
    expect(s.state).toMatchObject({ profile: { provider: { online } } });
    expect(s.text()).toContain(online ? 'Estás conectado' : 'Estás desconectado');
  });

  it('the menu offers the right toggle', () => {
    const onMenu = run(
      provider({ provider: { status: 'approved', online: true } }),
      ev.text('menu'),
    );
    expect(ids(onMenu.commands)).toContain('prov:offline');
    const offMenu = run(
      provider({ provider: { status: 'approved', online: false } }),
      ev.text('menu'),
    );
    expect(ids(offMenu.commands)).toContain('prov:online');
  });

  it('a pending provider is told the account is not approved', () => {
    const s = new Script(provider({ provider: { status: 'pending', online: false } })).send(
      ev.button('prov:online'),
    );
    s.answer('setProviderOnline', { status: 'not_approved', providerStatus: 'pending' });
    expect(s.text()).toContain('no está aprobada (estado: en revisión)');
  });

  it('a customer tapping an old online button is told to register', () => {
    const out = run({ name: 'mainMenu', profile: profile() }, ev.button('prov:online'));
    expect(calls(out.commands)).toEqual([]);
    expect(sentText(out.commands)).toContain('Aún no eres proveedor');
  });
});

describe('offers on the provider side', () => {
  it('shows the offer with Accept/Decline ids carrying the offer id, and a template fallback with the same payloads', () => {
    const out = run(provider(), ev.notice('offerReceived', OFFER));
    const send = out.commands.find((c) => c.kind === 'send');
    expect(send).toMatchObject({
      message: {
        type: 'buttons',
        buttons: [
          { id: 'offer:accept:9', title: 'Aceptar' },
          { id: 'offer:decline:9', title: 'Rechazar' },
        ],
      },
      fallback: {
        template: 'offer',
        params: ['Plomería', '2.3 km', 'Roma Norte', '5'],
        quickReplyPayloads: ['offer:accept:9', 'offer:decline:9'],
        locale: 'es',
      },
    });
    expect(sentText(out.commands)).toContain('Nueva solicitud: Plomería');
    expect(sentText(out.commands)).toContain('A 2.3 km de tu base (Roma Norte)');
    expect(out.state).toMatchObject({ name: 'mainMenu' });
  });

  it.each([
    ['interactive button', ev.button('offer:accept:9', 'Aceptar')],
    ['template quick reply', ev.button('offer:accept:9', 'Aceptar')],
  ])(
    'accepting (%s): job details with the customer link and a Done button; the customer is notified',
    (_kind, event) => {
      const s = new Script(provider()).send(event);
      expect(callOf(s.last, 'answerOffer').input).toEqual({
        idempotencyKey: event.id,
        offerId: 9,
        providerUserId: 501,
        accept: true,
      });
      s.answer('answerOffer', { status: 'accepted', offerId: 9, job: JOB });
      expect(s.text()).toContain('¡El trabajo es tuyo! *Plomería* para Ana');
      expect(s.text()).toContain('https://wa.me/525512345678');
      expect(s.text()).toContain('https://maps.google.com/?q=19.432600,-99.133200');
      expect(ids(s.last)).toEqual(['job:done:77']);
      expect(notifies(s.last)).toEqual([
        {
          kind: 'notify',
          to: 'wa:5215512345678',
          notice: 'offerAccepted',
          data: {
            requestId: 77,
            offerId: 9,
            serviceName: PLUMBING,
            provider: { name: 'Juan Pérez', phone: '525511110000' },
          },
        },
      ]);
    },
  );

  it('a BSUID-only customer: name only, no link', () => {
    const s = new Script(provider()).send(ev.button('offer:accept:9'));
    s.answer('answerOffer', {
      status: 'accepted',
      offerId: 9,
      job: { ...JOB, customer: { ...JOB.customer, phone: null, conversationKey: 'bs:MX.77' } },
    });
    expect(s.text()).not.toContain('wa.me');
    expect(notifies(s.last)[0]?.to).toBe('bs:MX.77');
  });

  it('declining tells the provider and the customer', () => {
    const s = new Script(provider()).send(ev.button('offer:decline:9'));
    expect(callOf(s.last, 'answerOffer').input).toMatchObject({ accept: false });
    s.answer('answerOffer', {
      status: 'declined',
      offerId: 9,
      requestId: 77,
      serviceName: PLUMBING,
      providerName: 'Juan Pérez',
      customer: { conversationKey: 'wa:1' },
    });
    expect(s.text()).toContain('rechazaste');
    expect(notifies(s.last)).toEqual([
      {
        kind: 'notify',
        to: 'wa:1',
        notice: 'offerDeclined',
        data: { requestId: 77, offerId: 9, providerName: 'Juan Pérez' },
      },
    ]);
  });

  it('an expired, taken or foreign offer is "no longer available" (decided by answerOffer)', () => {
    const s = new Script(provider())
      .send(ev.button('offer:accept:9'))
      .answer('answerOffer', { status: 'not_available', offerId: 9 });
    expect(s.text()).toContain('ya no está disponible');
    expect(notifies(s.last)).toEqual([]);
  });

  it('"quiero trabajar con ustedes, soy plomero" as the first message: the trade is already marked', () => {
    const s = new Script()
      .send(ev.text('hola quiero trabajar con ustedes, soy plomero'))
      .answer('loadUser', { user: user({ name: null }), isNew: true });
    s.send(ev.text('Salvador')).answer('saveUser', { user: user({ name: 'Salvador' }) });
    expect(s.name).toBe('provName');
    s.send(ev.text('Plomería Ramírez')).answer('listServiceTypes', { services: SERVICES });
    expect(s.state).toMatchObject({ name: 'provServices', draft: { serviceIds: [1] } });
    expect(s.text()).toContain('Marcados: Plomería.');
  });

  it('"soy plomero y electricista" marks both trades, as the first message or from the menu', () => {
    const s = new Script()
      .send(ev.text('hola quiero trabajar con ustedes soy plomero y electricista'))
      .answer('loadUser', { user: user({ name: null }), isNew: true });
    s.send(ev.text('Memo')).answer('saveUser', { user: user({ name: 'Memo' }) });
    s.send(ev.text('Guillermo Ruiz')).answer('listServiceTypes', { services: SERVICES });
    expect(s.state).toMatchObject({ name: 'provServices', draft: { serviceIds: [1, 2] } });
    expect(s.text()).toContain('Marcados: Plomería, Electricidad.');
    const menu = new Script(fixture('mainMenu')).send(
      ev.text('quiero ser proveedor, hago cerrajería, plomería y electricidad'),
    );
    menu.send(ev.text('Servicios Ruiz')).answer('listServiceTypes', { services: SERVICES });
    expect(menu.state).toMatchObject({ draft: { serviceIds: [1, 2, 3] } }); // in the catalogue's order
  });

  it('"soy electricista, quiero ser proveedor" from the menu marks Electricidad', () => {
    const s = new Script(fixture('mainMenu')).send(ev.text('soy electricista y busco chamba'));
    s.send(ev.text('Luz y Fuerza Pérez')).answer('listServiceTypes', { services: SERVICES });
    expect(s.state).toMatchObject({ name: 'provServices', draft: { serviceIds: [2] } });
  });

  it('"ya me voy a descansar, no me manden nada" from a provider: offline for the day, not unsubscribed', () => {
    const s = new Script(provider()).send(ev.text('ya me voy a descansar, no me manden nada'));
    expect(callOf(s.last, 'setProviderOnline').input).toMatchObject({ online: false });
    expect(s.last.some((c) => c.kind === 'call' && c.op === 'setOptOut')).toBe(false);
  });

  it('"no me manden nada" from a customer still stops the notices', () => {
    const s = new Script(fixture('mainMenu')).send(
      ev.text('ya me voy a descansar, no me manden nada'),
    );
    expect(callOf(s.last, 'setOptOut').input).toMatchObject({ optedOut: true });
  });

  it.each(['sí', 'mi nombre', 'el mismo'])(
    '"%s" at "¿Con qué nombre te verán los clientes?" keeps their own name',
    (text) => {
      const s = new Script(fixture('provName')).send(ev.text(text));
      expect(s.state).toMatchObject({ name: 'provName', draft: { name: 'Ana' } });
      expect(callOf(s.last, 'listServiceTypes')).toBeDefined();
    },
  );

  it('"no" there is not a business name', () => {
    const s = new Script(fixture('provName')).send(ev.text('no'));
    expect(s.last.some((c) => c.kind === 'call')).toBe(false);
    expect(s.text()).toContain('Eso no parece un nombre');
  });

  it.each([
    ['como 10 kilómetros', 10],
    ['hasta 5', 5],
    ['toda la ciudad', 20],
    ['cerca', 3],
  ])('the radius in words: "%s" → %i km', (text, km) => {
    const s = new Script(fixture('provRadius')).send(ev.text(text));
    expect(s.state).toMatchObject({ name: 'provFee', draft: { radiusKm: km } });
  });

  describe('typed instead of tapped (flows/provider/typed-offer.ts)', () => {
    it.each([
      ['acepto', true],
      ['Va, voy para allá', true],
      ['lo tomo', true],
      ["I'll take it", true],
      ['no puedo', false],
      ['ahorita no', false],
      ['rechazar', false],
      ['no puedo ahorita', false],
      ['ahorita voy', true],
      ['👍', true],
      ['lo agarro', true],
      ['ahorita no puedo, estoy en otro trabajo', false],
      ['estoy ocupado, tengo otro cliente', false],
      ['esta vez no', false],
      ["sorry I can't, I'm on another job", false],
    ])('"%s" answers the open offer (accept: %s); Postgres picks the offer', (text, accept) => {
      const event = ev.text(text);
      const s = new Script(provider()).send(event);
      expect(callOf(s.last, 'answerOffer').input).toEqual({
        idempotencyKey: event.id,
        offerId: null,
        providerUserId: 501,
        accept,
      });
    });

    it('a 👍 with no offer open is thanks, not "No entendí"', () => {
      const s = new Script(provider()).send(ev.text('👍'));
      s.answer('answerOffer', { status: 'none_open' });
      expect(s.text()).toContain('¡Con gusto');
      expect(s.text()).not.toContain('No entendí');
    });

    it('typed "acepto" accepts like the tap: the job and the customer notified', () => {
      const s = new Script(provider()).send(ev.text('acepto'));
      s.answer('answerOffer', { status: 'accepted', offerId: 9, job: JOB });
      expect(s.text()).toContain('¡El trabajo es tuyo!');
      expect(notifies(s.last)[0]).toMatchObject({ notice: 'offerAccepted' });
    });

    it('with no open offer: says so plainly, and the menu follows', () => {
      const s = new Script(provider()).send(ev.text('acepto'));
      s.answer('answerOffer', { status: 'none_open' });
      expect(s.text()).toContain('No tienes ninguna solicitud por contestar');
      expect(s.name).toBe('mainMenu');
    });

    it('a bare "sí" with no open offer is not answered with "no offers"', () => {
      const s = new Script(provider()).send(ev.text('sí'));
      expect(callOf(s.last, 'answerOffer').input).toMatchObject({ offerId: null, accept: true });
      s.answer('answerOffer', { status: 'none_open' });
      expect(s.text()).not.toContain('No tienes ninguna solicitud');
      expect(s.name).toBe('mainMenu');
    });

    it('a customer typing "acepto", or a request that starts "no puedo…", is not an offer answer', () => {
      const customer = new Script(fixture('mainMenu')).send(ev.text('acepto'));
      expect(customer.last.some((c) => c.kind === 'call' && c.op === 'answerOffer')).toBe(false);
      const locked = new Script(provider()).send(
        ev.text('no puedo entrar a mi casa, perdí las llaves'),
      );
      expect(locked.last.some((c) => c.kind === 'call' && c.op === 'answerOffer')).toBe(false);
    });
  });

  it('a duplicate tap after answering says so without notifying again', () => {
    const s = new Script(provider())
      .send(ev.button('offer:accept:9'))
      .answer('answerOffer', { status: 'already_answered', offerId: 9, accepted: true });
    expect(s.text()).toContain('Ya habías aceptado');
    expect(notifies(s.last)).toEqual([]);
  });

  it('is told when an offer expired or the customer cancelled', () => {
    expect(
      sentText(run(provider(), ev.notice('offerExpired', { offerId: 9, requestId: 77 })).commands),
    ).toContain('Se acabó el tiempo');
    expect(
      sentText(
        run(
          provider(),
          ev.notice('requestCancelled', { requestId: 77, offerId: null, serviceName: PLUMBING }),
        ).commands,
      ),
    ).toContain('El cliente canceló su solicitud (*Plomería*)');
  });

  it('works in English too', () => {
    const out = run(
      provider({ locale: 'en' }),
      ev.notice('offerReceived', { ...OFFER, area: null }),
    );
    expect(sentText(out.commands)).toContain('New request: Plumbing');
    expect(ids(out.commands)).toEqual(['offer:accept:9', 'offer:decline:9']);
  });
});

describe('jobs', () => {
  it('Done → completeJob → the customer is asked to rate; the provider sees rating and count', () => {
    const s = new Script(provider()).send(ev.button('job:done:77'));
    expect(callOf(s.last, 'completeJob').input).toMatchObject({
      requestId: 77,
      providerUserId: 501,
    });
    s.answer('completeJob', {
      status: 'completed',
      requestId: 77,
      serviceName: PLUMBING,
      customer: { conversationKey: 'wa:1' },
      stats: {
        status: 'approved',
        online: true,
        name: 'Juan Pérez',
        ratingAvg: 4.75,
        ratingCount: 12,
        jobsDone: 13,
      },
    });
    expect(notifies(s.last)).toEqual([
      {
        kind: 'notify',
        to: 'wa:1',
        notice: 'jobCompleted',
        data: { requestId: 77, providerName: 'Juan Pérez', serviceName: PLUMBING },
      },
    ]);
    expect(s.text()).toContain('Tu calificación: ★4.8 (12 reseñas) · 13 trabajos');
  });

  it('a repeated Done or a foreign job is refused politely', () => {
    let s = new Script(provider())
      .send(ev.button('job:done:77'))
      .answer('completeJob', { status: 'already_completed', requestId: 77 });
    expect(s.text()).toContain('ya estaba marcado');
    s = new Script(provider())
      .send(ev.button('job:done:78'))
      .answer('completeJob', { status: 'not_allowed', requestId: 78 });
    expect(s.text()).toContain('No puedes marcar');
  });

  it('a rating received is shown with the new average', () => {
    const out = run(
      provider(),
      ev.notice('ratingReceived', { requestId: 77, stars: 5, ratingAvg: 4.8, ratingCount: 13 }),
    );
    expect(sentText(out.commands)).toContain(
      'Un cliente te calificó con 5 estrellas. Tu calificación: ★4.8 (13 reseñas)',
    );
  });

  it('the provider profile shows status, rating and count, and what can be changed', () => {
    const s = new Script(provider()).send(ev.row('menu:stats'));
    s.answer('getProviderStats', {
      status: 'ok',
      stats: {
        status: 'approved',
        online: true,
        name: 'Juan Pérez',
        ratingAvg: 4.8,
        ratingCount: 52,
        jobsDone: 60,
      },
      profile: OWN_PROFILE,
      comments: [],
    });
    expect(s.text()).toContain('Estado: aprobado · conectado');
    expect(s.text()).toContain('Calificación: ★4.8 (52 reseñas)');
    expect(ids(s.last)).toEqual([
      'prof:services',
      'prof:base',
      'prof:radius',
      'menu:fee',
      'prov:offline',
      'menu:open',
    ]);
  });
});
