/** Customer flow: service → location → providers → booking → offers → acceptance → rating; cancel, retry, my requests. */
import { tapId } from '../../../src/conversation/ids';
import type { Operations } from '../../../src/conversation/operations';
import type { ActiveState } from '../../../src/conversation/state';
import {
  CANDIDATES,
  DETAIL,
  REQUESTS,
  SERVICES,
  Script,
  callOf,
  calls,
  ctx,
  ev,
  fixture,
  ids,
  notifies,
  profile,
  run,
  sentMessages,
  sentText,
} from './harness';
import { STEP_DEFAULTS } from '../../../src/conversation/context';

const PLUMBING = SERVICES[0]!.name;
/** confirmJobDone closed job 60, whose provider is Luis. */
const LUIS_DONE = {
  status: 'completed',
  requestId: 60,
  serviceName: PLUMBING,
  provider: {
    conversationKey: 'wa:2',
    stats: {
      name: 'Luis',
      ratingAvg: 4.8,
      ratingCount: 9,
      jobsDone: 12,
      status: 'approved',
      online: true,
    },
  },
} as const;
const offered = (
  over: Partial<Extract<Operations['offerRequest']['output'], { status: 'offered' }>> = {},
) =>
  ({
    status: 'offered',
    requestId: 77,
    offerId: 9,
    attempt: 1,
    serviceName: PLUMBING,
    area: 'Roma Norte, CDMX',
    distanceKm: 1.23,
    provider: {
      userId: 501,
      name: 'Juan Pérez',
      conversationKey: 'wa:5215511110000',
      visitFee: 350,
    },
    previous: null,
    ...over,
  }) as const;

function menu(locale: 'es' | 'en' = 'es'): Script {
  return new Script({ name: 'mainMenu', profile: profile({ locale }) });
}

describe('choosing a service', () => {
  it('lists the localised services (≤ 10 rows) after "Pedir un servicio"', () => {
    for (const locale of ['es', 'en'] as const) {
      const s = menu(locale).send(ev.row(tapId({ kind: 'menu.new' })));
      expect(callOf(s.last, 'listServiceTypes').input).toEqual({});
      s.answer('listServiceTypes', { services: SERVICES });
      expect(s.name).toBe('chooseService');
      const [list] = sentMessages(s.last);
      expect(list?.type === 'list' && list.sections[0]!.rows.map((r) => r.title)).toEqual(
        SERVICES.map((x) => x.name[locale]),
      );
    }
  });

  it('pages more than 10 services with a "more" row', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({
      id: i + 1,
      code: `s${i}`,
      name: { es: `Servicio ${i + 1}`, en: `Service ${i + 1}` },
    }));
    const s = menu()
      .send(ev.row(tapId({ kind: 'menu.new' })))
      .answer('listServiceTypes', { services: many });
    expect(ids(s.last)).toHaveLength(10);
    expect(ids(s.last).at(-1)).toBe('svc:page:1');
    s.send(ev.row('svc:page:1'));
    expect(ids(s.last)).toEqual(['svc:10', 'svc:11', 'svc:12', 'svc:page:0']);
    s.send(ev.text('2'));
    expect(s.state).toMatchObject({ name: 'describeProblem', service: { id: 11 } });
  });

  it('says so when there are no services, or the list fails', () => {
    let s = menu()
      .send(ev.row(tapId({ kind: 'menu.new' })))
      .answer('listServiceTypes', { services: [] });
    expect(s.name).toBe('mainMenu');
    expect(s.text()).toContain('no hay servicios');
    s = menu()
      .send(ev.row(tapId({ kind: 'menu.new' })))
      .failCall('listServiceTypes');
    expect(s.name).toBe('mainMenu');
    expect(s.text()).toContain('algo falló de nuestro lado');
  });

  it.each([
    [ev.row('svc:2'), 2],
    [ev.text('2'), 2],
    [ev.text('plomero'), 1],
    [ev.text('Electricista'), 2],
    [ev.text('cerrajería'), 3],
    [ev.text('locksmith'), 3],
  ])('picks a service from %j', (event, id) => {
    const out = run(fixture('chooseService'), event);
    // First "¿Qué pasa?" (optional: "Omitir"), then where.
    expect(out.state).toMatchObject({
      name: 'describeProblem',
      service: { id },
      problem: { text: null, mediaIds: [] },
    });
    expect(ids(out.commands)).toEqual([tapId({ kind: 'problem.skip' })]);
    const next = run(out.state, ev.button('problem:skip'));
    expect(next.state).toMatchObject({ name: 'shareLocation', service: { id }, place: null });
    expect(sentMessages(next.commands).at(-1)?.type).toBe('locationRequest');
  });

  it('a pin sent while the services are listed is kept: the service, then its search there', () => {
    const s = new Script(fixture('chooseService')).send(ev.location(19.4194, -99.1633));
    expect(s.text()).toContain('ya tengo tu ubicación');
    expect(s.text()).not.toContain('no necesito una ubicación');
    expect(s.state).toMatchObject({ name: 'chooseService', want: { place: { lat: 19.4194 } } });
    s.send(ev.text('plomería'));
    expect(s.name).toBe('describeProblem');
    s.send(ev.button('problem:skip'));
    expect(callOf(s.last, 'findCandidates').input).toMatchObject({ lat: 19.4194 });
  });

  it('repeats the list on an unknown service or number', () => {
    for (const event of [ev.text('astronauta'), ev.text('9'), ev.row('svc:99')]) {
      const out = run(fixture('chooseService'), event);
      expect(out.state).toEqual(fixture('chooseService'));
      expect(sentMessages(out.commands).at(-1)?.type).toBe('list');
    }
  });
});

describe('sharing the location', () => {
  const share = fixture('shareLocation');

  it('searches candidates at a WhatsApp location', () => {
    const out = run(
      share,
      ev.location(19.4326, -99.1332, { name: 'Zócalo', address: 'Centro, *CDMX*' }),
    );
    expect(callOf(out.commands, 'findCandidates').input).toEqual({
      serviceTypeId: 1,
      lat: 19.4326,
      lng: -99.1332,
      customerUserId: 10,
      limit: 9,
    });
    expect(out.state).toMatchObject({ name: 'shareLocation', place: { label: 'Centro, CDMX' } });
  });

  it('rejects an impossible pin with a retry prompt', () => {
    const out = run(share, ev.location(0, 0));
    expect(out.state).toEqual(share);
    expect(sentText(out.commands)).toContain('No pude leer esa ubicación');
    expect(calls(out.commands)).toEqual([]);
  });

  it('geocodes a 5-digit postal code and an address', () => {
    expect(callOf(run(share, ev.text('CP 06700')).commands, 'geocodeAddress').input).toEqual({
      query: '06700',
      kind: 'postalCode',
      country: 'MX',
    });
    expect(
      callOf(run(share, ev.text('Av. Álvaro Obregón 120, Roma Nte')).commands, 'geocodeAddress')
        .input,
    ).toEqual({
      query: 'Av. Álvaro Obregón 120, Roma Nte',
      kind: 'address',
      country: 'MX',
    });
  });

  it('gives a clear retry prompt on nonsense, without geocoding', () => {
    for (const text of ['asdf', '1234', '!!!', 'jjjjjjjj']) {
      const out = run(share, ev.text(text));
      expect(calls(out.commands)).toEqual([]);
      expect(sentText(out.commands)).toContain('código postal de 5 dígitos');
      expect(sentMessages(out.commands).at(-1)?.type).toBe('locationRequest');
    }
  });

  it('says when the address is not found, and searches when it is', () => {
    const s = new Script(share).send(ev.text('06700'));
    s.answer('geocodeAddress', { status: 'not_found' });
    expect(s.name).toBe('shareLocation');
    expect(s.text()).toContain('No encontré esa dirección');
    s.send(ev.text('06700')).answer('geocodeAddress', {
      status: 'found',
      lat: 19.41,
      lng: -99.16,
      label: 'Roma Norte, CDMX',
    });
    expect(callOf(s.last, 'findCandidates').input).toMatchObject({ lat: 19.41, lng: -99.16 });
    expect(s.state).toMatchObject({ place: { label: 'Roma Norte, CDMX' } });
  });

  it('shows the best providers as a list with rating and distance', () => {
    const s = new Script(share)
      .send(ev.location(19.43, -99.13))
      .answer('findCandidates', { candidates: CANDIDATES });
    expect(s.name).toBe('browseProviders');
    const [list] = sentMessages(s.last);
    if (list?.type !== 'list') throw new Error('list expected');
    expect(list.sections[0]!.rows).toEqual([
      { id: 'pick:501', title: 'Juan Pérez', description: '★4.8 (52) · 1.2 km · Visita $350' },
      { id: 'pick:502', title: 'María López', description: 'Nuevo · 400 m · Visita a convenir' },
      {
        id: 'pick:auto',
        title: 'Que la app elija',
        description: 'Se la enviamos al primero disponible de esta lista',
      },
    ]);
  });

  it('tells honestly when nobody is nearby', () => {
    const s = new Script(share)
      .send(ev.location(19.43, -99.13))
      .answer('findCandidates', { candidates: [] });
    expect(s.name).toBe('mainMenu');
    expect(s.text()).toContain('*Plomería*: ahora mismo no hay nadie disponible cerca de ti');
    // Not a dead end: search again (same service and place), a person, or the menu.
    expect(ids(s.last)).toEqual([
      tapId({ kind: 'menu.repeat' }),
      tapId({ kind: 'menu.human' }),
      tapId({ kind: 'menu.open' }),
    ]);
    s.send(ev.button(tapId({ kind: 'menu.repeat' })));
    expect(callOf(s.last, 'findCandidates').input).toMatchObject({
      serviceTypeId: 1,
      lat: 19.43,
      lng: -99.13,
    });
    s.answer('findCandidates', { candidates: CANDIDATES });
    expect(s.name).toBe('browseProviders');
  });

  it('"buscar de nuevo" typed after nobody was near runs the same search', () => {
    const s = new Script(share)
      .send(ev.location(19.43, -99.13))
      .answer('findCandidates', { candidates: [] })
      .send(ev.text('buscar de nuevo'));
    expect(callOf(s.last, 'findCandidates').input).toMatchObject({ lat: 19.43, lng: -99.13 });
  });

  it('asks again after a failed search', () => {
    const s = new Script(share).send(ev.location(19.43, -99.13)).failCall('findCandidates');
    expect(s.state).toMatchObject({ name: 'shareLocation', place: null });
  });
});

describe('browsing and booking', () => {
  const browse = fixture('browseProviders');

  it('opens a provider with reviews, and goes back', () => {
    const s = new Script(browse).send(ev.row('pick:501'));
    expect(callOf(s.last, 'getProviderDetail').input).toEqual({
      providerUserId: 501,
      lat: 19.4326,
      lng: -99.1332,
      reviewsLimit: 3,
    });
    s.answer('getProviderDetail', {
      status: 'found',
      provider: DETAIL,
      reviews: [
        { stars: 5, comment: 'Muy *puntual* www.spam.com', authorName: 'Ana', createdAt: 1 },
        { stars: 4, comment: null, authorName: null, createdAt: 1 },
      ],
    });
    expect(s.name).toBe('providerDetail');
    expect(ids(s.last)).toEqual(['book:501', 'back']);
    expect(s.text()).toContain('★★★★★ “Muy puntual …” — Ana');
    expect(s.text()).toContain('★★★★☆ — Cliente');
    expect(s.text()).toContain('★4.8 (52 reseñas)');
    s.send(ev.button('back'));
    expect(s.name).toBe('browseProviders');
    expect(ids(s.last)).toContain('pick:auto');
  });

  it('says when the provider is no longer available', () => {
    const s = new Script(browse)
      .send(ev.text('1'))
      .answer('getProviderDetail', { status: 'not_found' });
    expect(s.name).toBe('browseProviders');
    expect(s.text()).toContain('ya no está disponible');
  });

  it('books the chosen provider: createRequest (idempotent by event id) then offerRequest for them', () => {
    const s = new Script(fixture('providerDetail'));
    const book = ev.button('book:501');
    s.send(book);
    expect(callOf(s.last, 'createRequest').input).toEqual({
      idempotencyKey: book.id,
      customerUserId: 10,
      serviceTypeId: 1,
      lat: 19.4326,
      lng: -99.1332,
      address: 'Centro, CDMX',
    });
    s.answer('createRequest', { requestId: 77, created: true, serviceName: PLUMBING });
    expect(s.state).toMatchObject({
      name: 'awaitingProvider',
      requestId: 77,
      profile: { lastRequest: { serviceTypeId: 1 } },
    });
    expect(callOf(s.last, 'offerRequest').input).toMatchObject({
      requestId: 77,
      maxOffers: 5,
      preferredProviderUserId: 501,
    });
  });

  it('"let the app choose" offers to the best first (no preferred provider)', () => {
    const s = new Script(browse)
      .send(ev.row('pick:auto'))
      .answer('createRequest', { requestId: 77, created: true, serviceName: PLUMBING });
    expect(callOf(s.last, 'offerRequest').input).not.toHaveProperty('preferredProviderUserId');
    expect(s.name).toBe('awaitingProvider');
    // The waiting state remembers who has the request (for "¿cuánto cobra?" while waiting).
    s.answer('offerRequest', offered());
    expect(s.state).toMatchObject({
      name: 'awaitingProvider',
      offered: { name: 'Juan Pérez', visitFee: 350 },
    });
  });

  it('a duplicate Book tap after booking is stale', () => {
    const out = run(fixture('awaitingProvider'), ev.button('book:501'));
    expect(out.state).toEqual(fixture('awaitingProvider'));
    expect(calls(out.commands)).toEqual([]);
    expect(sentText(out.commands)).toContain('Esa opción ya no está disponible');
  });
});

describe('offers from the customer side', () => {
  const waiting = fixture('awaitingProvider');

  it('sends the offer to the provider, starts the timer and tells the customer', () => {
    const out = run(waiting, ev.ok('offerRequest', offered(), 'offer.next:77:0'));
    expect(out.state).toEqual({ ...waiting, offered: { name: 'Juan Pérez', visitFee: 350 } });
    expect(notifies(out.commands)).toEqual([
      {
        kind: 'notify',
        to: 'wa:5215511110000',
        notice: 'offerReceived',
        data: {
          offerId: 9,
          requestId: 77,
          serviceName: PLUMBING,
          distanceKm: 1.23,
          area: 'Roma Norte, CDMX',
          answerWithinMinutes: 5,
        },
      },
    ]);
    expect(out.commands).toContainEqual({
      kind: 'startTimer',
      timerId: 'offer:9',
      delayMs: 300_000,
      timer: 'offerTimeout',
      data: { requestId: 77, offerId: 9 },
    });
    expect(sentText(out.commands)).toContain(
      '*Plomería*: le enviamos tu solicitud a Juan Pérez. Tiene 5 minutos para responder',
    );
    expect(ids(out.commands)).toEqual(['req:cancel:77', 'menu:open']);
  });

  it('later attempts say "now we sent it to …"', () => {
    const out = run(
      waiting,
      ev.ok(
        'offerRequest',
        offered({
          attempt: 2,
          provider: { userId: 502, name: 'María', conversationKey: 'bs:MX.9', visitFee: null },
        }),
        'offer.next:77:0',
      ),
    );
    expect(sentText(out.commands)).toContain('Ahora se la enviamos a María');
    expect(notifies(out.commands)[0]?.to).toBe('bs:MX.9');
  });

  it('on timeout: expire the offer, tell the customer, offer the next one; the provider hears what became of it once known', () => {
    const s = new Script(waiting).send(ev.timer('offerTimeout', { requestId: 77, offerId: 9 }));
    expect(callOf(s.last, 'expireOffer').input).toEqual({ offerId: 9 });
    s.answer('expireOffer', {
      status: 'expired',
      offerId: 9,
      requestId: 77,
      provider: { userId: 501, name: 'Juan', conversationKey: 'wa:1' },
      setOffline: false,
    });
    expect(notifies(s.last)).toEqual([]);
    expect(s.text()).toContain('Juan no respondió a tiempo');
    expect(callOf(s.last, 'offerRequest').input).toMatchObject({
      requestId: 77,
      maxOffers: 5,
      previousOfferId: 9,
    });
    expect(s.name).toBe('awaitingProvider');
    s.answer(
      'offerRequest',
      offered({
        offerId: 10,
        attempt: 2,
        provider: { userId: 502, name: 'María', conversationKey: 'wa:2', visitFee: 0 },
        previous: { offerId: 9, conversationKey: 'wa:1' },
      }),
    );
    expect(notifies(s.last)).toContainEqual({
      kind: 'notify',
      to: 'wa:1',
      notice: 'offerExpired',
      data: { offerId: 9, requestId: 77, passedOn: true, setOffline: false },
    });
  });

  it('on a timeout that lost the race to an answer, does nothing', () => {
    const s = new Script(waiting).send(ev.timer('offerTimeout', { requestId: 77, offerId: 9 }));
    s.answer('expireOffer', { status: 'not_pending', offerId: 9, requestId: 77 });
    expect(s.last).toEqual([]);
  });

  it('retries expiring later when the operation failed', () => {
    const s = new Script(waiting)
      .send(ev.timer('offerTimeout', { requestId: 77, offerId: 9 }))
      .failCall('expireOffer');
    expect(s.last).toEqual([
      expect.objectContaining({
        kind: 'startTimer',
        timer: 'offerTimeout',
        data: { requestId: 77, offerId: 9 },
        delayMs: 30_000,
      }),
    ]);
  });

  it('on decline: cancel the timer, tell the customer, offer the next one', () => {
    const out = run(
      waiting,
      ev.notice('offerDeclined', { requestId: 77, offerId: 9, providerName: 'Juan' }),
    );
    expect(out.commands[0]).toEqual({ kind: 'cancelTimer', timerId: 'offer:9' });
    expect(sentText(out.commands)).toContain('Juan no puede atender');
    expect(callOf(out.commands, 'offerRequest').input).toMatchObject({ requestId: 77 });
  });

  it('when offers are exhausted: honest message with "try again", back to the menu', () => {
    const out = run(
      waiting,
      ev.ok(
        'offerRequest',
        {
          status: 'none',
          requestId: 77,
          reason: 'exhausted',
          serviceName: PLUMBING,
          previous: null,
        },
        'offer.next:77:0',
      ),
    );
    expect(out.state).toMatchObject({ name: 'mainMenu' });
    expect(sentText(out.commands)).toContain(
      '*Plomería*: por ahora nadie está disponible para tu solicitud',
    );
    expect(ids(out.commands)).toEqual(['req:retry:77', 'menu:open']);
  });

  it('exhaustion while the customer does something else leaves their dialog alone', () => {
    const other = fixture('chooseService');
    const out = run(
      other,
      ev.ok(
        'offerRequest',
        {
          status: 'none',
          requestId: 77,
          reason: 'no_candidates',
          serviceName: PLUMBING,
          previous: null,
        },
        'offer.next:77:0',
      ),
    );
    expect(out.state).toEqual(other);
    expect(ids(out.commands)).toEqual(['req:retry:77', 'menu:open']);
  });

  it('a request that is no longer open needs nothing', () => {
    expect(
      run(
        waiting,
        ev.ok(
          'offerRequest',
          {
            status: 'none',
            requestId: 77,
            reason: 'not_open',
            serviceName: PLUMBING,
            previous: null,
          },
          'offer.next:77:0',
        ),
      ).commands,
    ).toEqual([]);
  });

  it('retries a failed offerRequest twice on a timer, then apologises', () => {
    let out = run(waiting, ev.fail('offerRequest', 'offer.next:77:0'));
    expect(out.commands).toEqual([
      {
        kind: 'startTimer',
        timerId: 'offer-retry:77:1',
        delayMs: 30_000,
        timer: 'offerRetry',
        data: { requestId: 77, attempt: 1 },
      },
    ]);
    out = run(waiting, ev.timer('offerRetry', { requestId: 77, attempt: 1 }));
    expect(callOf(out.commands, 'offerRequest').tag).toBe('offer.next:77:1');
    out = run(waiting, ev.fail('offerRequest', 'offer.next:77:2'));
    expect(sentText(out.commands)).toContain('algo falló de nuestro lado');
  });

  it('acceptance: name and click-to-chat link, back to the menu', () => {
    const out = run(
      waiting,
      ev.notice('offerAccepted', {
        requestId: 77,
        offerId: 9,
        serviceName: PLUMBING,
        provider: { name: 'Juan *Pérez*', phone: '525511110000' },
      }),
    );
    expect(out.state).toMatchObject({ name: 'mainMenu' });
    expect(out.commands[0]).toEqual({ kind: 'cancelTimer', timerId: 'offer:9' });
    expect(sentText(out.commands)).toContain('*Plomería*: ¡Juan Pérez aceptó tu solicitud!');
    expect(sentText(out.commands)).toContain('https://wa.me/525511110000');
    const send = out.commands.find((c) => c.kind === 'send');
    expect(send).toMatchObject({ fallback: { template: 'notice', locale: 'es' } });
  });

  it('acceptance by a BSUID-only provider: name only', () => {
    const out = run(
      waiting,
      ev.notice('offerAccepted', {
        requestId: 77,
        offerId: 9,
        serviceName: PLUMBING,
        provider: { name: 'Juan', phone: null },
      }),
    );
    expect(sentText(out.commands)).not.toContain('wa.me');
    expect(sentText(out.commands)).toContain('Juan aceptó');
  });
});

describe('cancel and retry', () => {
  it('cancels a pending request: timer cancelled, provider told, menu', () => {
    const s = new Script(fixture('awaitingProvider')).send(ev.button('req:cancel:77'));
    s.answer('cancelRequest', {
      status: 'cancelled',
      requestId: 77,
      serviceName: PLUMBING,
      provider: { conversationKey: 'wa:1', offerId: 9 },
      reason: null,
    });
    expect(s.name).toBe('mainMenu');
    expect(s.last).toContainEqual({ kind: 'cancelTimer', timerId: 'offer:9' });
    expect(notifies(s.last)).toEqual([
      {
        kind: 'notify',
        to: 'wa:1',
        notice: 'requestCancelled',
        data: { requestId: 77, offerId: 9, serviceName: PLUMBING, reason: null },
      },
    ]);
    expect(s.text()).toContain('cancelé tu solicitud (*Plomería*)');
  });

  it('says when a request can no longer be cancelled', () => {
    const s = new Script(fixture('mainMenu')).send(ev.button('req:cancel:60'));
    s.answer('cancelRequest', { status: 'not_cancellable', requestId: 60, current: 'done' });
    expect(s.name).toBe('mainMenu');
    expect(s.text()).toContain('ya no se puede cancelar (estado: Terminada)');
  });

  it('"try again" creates a new request and offers it', () => {
    const s = new Script(fixture('mainMenu')).send(ev.button('req:retry:77'));
    s.answer('retryRequest', { status: 'created', requestId: 78, serviceName: PLUMBING });
    expect(s.state).toMatchObject({ name: 'awaitingProvider', requestId: 78 });
    expect(callOf(s.last, 'offerRequest').input).toMatchObject({ requestId: 78 });
    const again = new Script(fixture('mainMenu')).send(ev.button('req:retry:77'));
    again.answer('retryRequest', { status: 'not_allowed', requestId: 77 });
    expect(again.text()).toContain('ya no se puede repetir');
  });
});

describe('rating', () => {
  const done = { requestId: 60, providerName: 'Luis', serviceName: PLUMBING };
  /** rateJob's answer for 5 stars on request 60 (`first`: the rating was created). */
  const ratingSaved = (first: boolean) =>
    ({
      status: 'saved',
      requestId: 60,
      stars: 5,
      first,
      changed: false,
      provider: { conversationKey: 'wa:2', name: 'Luis', ratingAvg: 4.9, ratingCount: 10 },
    }) as const;

  it('asks "¿Quedó listo?" when the provider marks done (stars template outside 24 h), then the stars', () => {
    const out = run(fixture('mainMenu'), ev.notice('jobCompleted', done));
    expect(out.state).toMatchObject({
      name: 'rateJob',
      requestId: 60,
      providerName: 'Luis',
      confirmed: false,
    });
    expect(ids(out.commands)).toEqual(['done:yes:60', 'done:no:60']);
    expect(sentText(out.commands)).toContain('¿Quedó listo?');
    expect(out.commands).toContainEqual({
      kind: 'startTimer',
      timerId: 'rate-reminder:60',
      delayMs: STEP_DEFAULTS.rateReminderMs,
      timer: 'rateReminder',
      data: { requestId: 60 },
    });
    expect(out.commands.find((c) => c.kind === 'send')).toMatchObject({
      fallback: {
        template: 'rating',
        params: ['Luis', 'Plomería'],
        quickReplyPayloads: ['rate:60:5', 'rate:60:4', 'rate:60:3', 'rate:60:2', 'rate:60:1'],
        locale: 'es',
      },
    });
  });

  it.each(['no vino nunca', 'nel, no llegó'])(
    '%j to "¿Quedó listo?" reopens the job (reopenJob), no stars asked',
    (text) => {
      const asked = run(fixture('mainMenu'), ev.notice('jobCompleted', done)).state!;
      const s = new Script(asked).send(ev.text(text));
      expect(callOf(s.last, 'reopenJob').input).toMatchObject({ requestId: 60 });
      expect(s.last.some((c) => c.kind === 'call' && c.op === 'rateJob')).toBe(false);
    },
  );

  it('does not interrupt a dialog in progress, but the list still works', () => {
    const other = fixture('chooseService');
    const out = run(other, ev.notice('jobCompleted', done));
    expect(out.state).toEqual(other);
    const s = new Script(other).send(ev.row('rate:60:4'));
    s.answer('rateJob', {
      status: 'saved',
      requestId: 60,
      stars: 4,
      first: true,
      changed: false,
      provider: { conversationKey: 'wa:2', name: 'Luis', ratingAvg: 4.5, ratingCount: 3 },
    });
    expect(s.name).toBe('rateComment');
  });

  it('saves stars, notifies the provider once, asks an optional comment, saves it', () => {
    const s = new Script(fixture('rateJob')).send(ev.text('5 estrellas'));
    expect(callOf(s.last, 'rateJob').input).toMatchObject({
      requestId: 60,
      customerUserId: 10,
      stars: 5,
    });
    s.answer('rateJob', ratingSaved(true));
    expect(notifies(s.last)).toEqual([
      {
        kind: 'notify',
        to: 'wa:2',
        notice: 'ratingReceived',
        data: { requestId: 60, stars: 5, ratingAvg: 4.9, ratingCount: 10 },
      },
    ]);
    expect(s.state).toMatchObject({ name: 'rateComment', stars: 5 });
    expect(ids(s.last)).toEqual(['rate:skip:60']);
    s.send(ev.text('  Muy *bueno*\u200B, recomiendo https://spam.example  '));
    expect(callOf(s.last, 'rateJob').input).toMatchObject({
      stars: 5,
      comment: 'Muy bueno, recomiendo …',
    });
    s.answer('rateJob', ratingSaved(false));
    expect(s.name).toBe('mainMenu');
    expect(s.text()).toContain('¡Gracias por tu calificación!');
    // The comment reaches the provider (once, with the stars it goes with).
    expect(notifies(s.last)).toEqual([
      {
        kind: 'notify',
        to: 'wa:2',
        notice: 'ratingComment',
        data: { requestId: 60, stars: 5, comment: 'Muy bueno, recomiendo …' },
      },
    ]);
  });

  it.each([
    ['le doy un 10', 5],
    ['8/10', 4],
    ['10', 5],
  ])('a mark out of ten (%j) is halved into stars', (text, stars) => {
    const s = new Script(fixture('rateJob')).send(ev.text(text));
    expect(callOf(s.last, 'rateJob').input).toMatchObject({ requestId: 60, stars });
  });

  it('stars and a comment in one message ("sí todo bien, le doy 5 estrellas, muy rápido y amable"): both saved, nothing asked again', () => {
    const asked = run(fixture('mainMenu'), ev.notice('jobCompleted', done)).state!;
    const s = new Script(asked).send(
      ev.text('sí todo bien, le doy 5 estrellas, muy rápido y amable'),
    );
    expect(callOf(s.last, 'rateJob').input).toMatchObject({ requestId: 60, stars: 5 });
    expect(callOf(s.last, 'rateJob').input).not.toHaveProperty('comment');
    s.answer('rateJob', ratingSaved(true));
    // The comment is saved at once instead of asked for.
    expect(s.text()).not.toContain('comentario');
    expect(callOf(s.last, 'rateJob').input).toMatchObject({
      stars: 5,
      comment: 'todo bien, muy rápido y amable',
    });
    expect(notifies(s.last).map((n) => n.notice)).toEqual(['ratingReceived']);
    s.answer('rateJob', ratingSaved(false));
    expect(s.name).toBe('mainMenu');
    expect(s.text()).toContain('¡Gracias por tu calificación!');
    expect(notifies(s.last)).toEqual([
      {
        kind: 'notify',
        to: 'wa:2',
        notice: 'ratingComment',
        data: { requestId: 60, stars: 5, comment: 'todo bien, muy rápido y amable' },
      },
    ]);
  });

  it('"ahora necesito un electricista" at the comment question is a new request, never a review', () => {
    const s = new Script(fixture('rateComment')).send(ev.text('ahora necesito un electricista'));
    expect(s.last.some((c) => c.kind === 'call' && c.op === 'rateJob')).toBe(false);
    expect(s.text()).toContain('¡Gracias por tu calificación!');
    s.answer('listServiceTypes', { services: SERVICES });
    expect(s.state).toMatchObject({ name: 'shareLocation', service: { id: 2 } });
    // A trade word inside a review is still the review.
    const review = new Script(fixture('rateComment')).send(
      ev.text('Súper amable y limpio, arregló la llave del baño'),
    );
    expect(callOf(review.last, 'rateJob').input).toMatchObject({
      comment: 'Súper amable y limpio, arregló la llave del baño',
    });
  });

  it('"sí, ya quedó, 5 estrellas" typed to "¿Ya quedó?" (too soon) confirms and rates in one go', () => {
    const s = new Script(fixture('mainMenu')).send(ev.text('sí, ya quedó, 5 estrellas'));
    expect(callOf(s.last, 'confirmJobDone').input).toMatchObject({ requestId: null, done: true });
    s.answer('confirmJobDone', LUIS_DONE);
    expect(callOf(s.last, 'rateJob').input).toMatchObject({ requestId: 60, stars: 5 });
    expect(ids(s.last)).not.toContain('rate:60:5'); // not asked for the stars again
    expect(notifies(s.last).map((n) => n.notice)).toEqual(['jobDoneConfirmed']);
  });

  it('"ya quedó, muchas gracias" before the provider taps "Terminado": asked first ("ya quedó" is also "all set"), then closed and the stars', () => {
    const s = new Script(fixture('mainMenu')).send(
      ev.text('ya quedó, muchas gracias, muy buen trabajo'),
    );
    expect(callOf(s.last, 'confirmJobDone').input).toEqual({
      idempotencyKey: expect.any(String),
      requestId: null,
      customerUserId: 10,
      done: true,
      closes: true,
    });
    s.answer('confirmJobDone', {
      status: 'confirm_close',
      requestId: 60,
      serviceName: PLUMBING,
      providerName: 'Luis',
    });
    expect(s.text()).toContain('¿Luis ya terminó tu servicio (*Plomería*)?');
    expect(ids(s.last)).toEqual(['job:close:60', 'job:open:60']);
    expect(notifies(s.last)).toEqual([]);
    // "Todavía no": nothing changes.
    const notYet = new Script(s.state as ActiveState).send(ev.button('job:open:60'));
    expect(notYet.last.some((c) => c.kind === 'call')).toBe(false);
    expect(notYet.text()).toContain('Cuando termine');
    s.send(ev.button('job:close:60'));
    expect(callOf(s.last, 'confirmJobDone').input).toMatchObject({
      requestId: 60,
      done: true,
      closes: true,
    });
    s.answer('confirmJobDone', LUIS_DONE);
    expect(s.name).toBe('rateJob');
    expect(ids(s.last)).toContain('rate:60:5');
    // The customer said it is done: never "Luis marcó como terminado".
    expect(s.text()).toContain('¡Qué bien que quedó! ¿Cómo te fue con Luis');
    expect(s.text()).not.toContain('marcó como terminado');
    expect(notifies(s.last).map((n) => n.notice)).toEqual(['jobDoneConfirmed']);
  });

  it('a bare "sí" never closes a job the provider has not marked done', () => {
    const s = new Script(fixture('mainMenu')).send(ev.text('sí'));
    expect(callOf(s.last, 'confirmJobDone').input).not.toHaveProperty('closes');
    const no = new Script(fixture('mainMenu')).send(ev.text('todavía no termina'));
    expect(callOf(no.last, 'confirmJobDone').input).not.toHaveProperty('closes');
  });

  it('"Sí, quedó" asks for the stars; typed "ya quedó" too; stars straight away also count', () => {
    const asked = run(fixture('mainMenu'), ev.notice('jobCompleted', done)).state!;
    let out = run(asked, ev.button('done:yes:60'));
    expect(out.state).toMatchObject({ name: 'rateJob', requestId: 60, confirmed: true });
    expect(sentText(out.commands)).toContain('¡Qué bien!');
    expect(ids(out.commands)).toEqual([
      'rate:60:5',
      'rate:60:4',
      'rate:60:3',
      'rate:60:2',
      'rate:60:1',
    ]);
    for (const text of ['ya quedó', 'si quedo bien', 'sí', 'all done']) {
      out = run(asked, ev.text(text));
      expect(out.state).toMatchObject({ name: 'rateJob', confirmed: true });
    }
    out = run(asked, ev.text('5'));
    expect(callOf(out.commands, 'rateJob').input).toMatchObject({ requestId: 60, stars: 5 });
  });

  it('"Aún no" reopens the job: the provider is told and it stays theirs; the reminder is cancelled', () => {
    const asked = run(fixture('mainMenu'), ev.notice('jobCompleted', done)).state!;
    for (const event of [
      ev.button('done:no:60'),
      ev.text('todavía no, le falta la llave'),
      ev.text('not yet'),
    ]) {
      const s = new Script(asked).send(event);
      expect(s.name).toBe('mainMenu');
      expect(callOf(s.last, 'reopenJob').input).toMatchObject({
        requestId: 60,
        customerUserId: 10,
      });
      s.answer('reopenJob', {
        status: 'reopened',
        requestId: 60,
        serviceName: PLUMBING,
        provider: { conversationKey: 'wa:2', name: 'Luis' },
      });
      expect(notifies(s.last)).toEqual([
        {
          kind: 'notify',
          to: 'wa:2',
          notice: 'jobReopened',
          data: { requestId: 60, serviceName: PLUMBING },
        },
      ]);
      expect(s.last).toContainEqual({ kind: 'cancelTimer', timerId: 'rate-reminder:60' });
      expect(s.text()).toContain('Le avisé a Luis');
    }
    const late = new Script(asked).send(ev.button('done:no:60'));
    late.answer('reopenJob', { status: 'not_allowed', requestId: 60 });
    expect(late.text()).toContain('Ya no puedo reabrir');
    expect(notifies(late.last)).toEqual([]);
  });

  it('the answer to "¿Quedó listo?" works from another step without losing it', () => {
    const waiting = fixture('awaitingProvider');
    const s = new Script(waiting).send(ev.button('done:no:60'));
    expect(s.name).toBe('awaitingProvider');
    expect(callOf(s.last, 'reopenJob').input).toMatchObject({ requestId: 60 });
  });

  it('the reminder asks once more only when the job is still unrated', () => {
    const s = new Script(fixture('mainMenu')).send(ev.timer('rateReminder', { requestId: 60 }));
    expect(callOf(s.last, 'ratingStatus').input).toEqual({ requestId: 60, customerUserId: 10 });
    s.answer('ratingStatus', {
      requestId: 60,
      done: true,
      rated: false,
      providerName: 'Luis',
      serviceName: PLUMBING,
    });
    expect(s.name).toBe('mainMenu');
    expect(s.text()).toContain('¿Cómo te fue con Luis (*Plomería*)?');
    expect(s.last.find((c) => c.kind === 'send')).toMatchObject({
      fallback: { template: 'rating', params: ['Luis', 'Plomería'] },
    });
    for (const status of [
      { requestId: 60, done: true, rated: true, providerName: 'Luis', serviceName: PLUMBING },
      { requestId: 60, done: false, rated: false, providerName: 'Luis', serviceName: PLUMBING },
    ]) {
      const quiet = new Script(fixture('mainMenu')).send(
        ev.timer('rateReminder', { requestId: 60 }),
      );
      quiet.answer('ratingStatus', status);
      expect(sentMessages(quiet.last)).toEqual([]);
    }
  });

  it('a changed rating (within the window) tells the provider; a locked one says so', () => {
    const s = new Script(fixture('rateJob')).send(ev.row('rate:60:2'));
    s.answer('rateJob', {
      status: 'saved',
      requestId: 60,
      stars: 2,
      first: false,
      changed: true,
      provider: { conversationKey: 'wa:2', name: 'Luis', ratingAvg: 4.1, ratingCount: 10 },
    });
    expect(notifies(s.last)).toEqual([
      {
        kind: 'notify',
        to: 'wa:2',
        notice: 'ratingReceived',
        data: { requestId: 60, stars: 2, ratingAvg: 4.1, ratingCount: 10, updated: true },
      },
    ]);
    const same = new Script(fixture('rateJob')).send(ev.row('rate:60:5'));
    same.answer('rateJob', {
      status: 'saved',
      requestId: 60,
      stars: 5,
      first: false,
      changed: false,
      provider: { conversationKey: 'wa:2', name: 'Luis', ratingAvg: 4.9, ratingCount: 10 },
    });
    expect(notifies(same.last)).toEqual([]);
    const locked = new Script(fixture('mainMenu')).send(ev.row('rate:60:1'));
    locked.answer('rateJob', { status: 'locked', requestId: 60 });
    expect(locked.text()).toContain('ya no se puede cambiar');
    expect(notifies(locked.last)).toEqual([]);
  });

  it('a long comment is kept up to 500 characters and the customer is told', () => {
    const s = new Script(fixture('rateComment')).send(ev.text('Excelente servicio. '.repeat(40)));
    const saved = callOf(s.last, 'rateJob').input.comment ?? '';
    expect([...saved].length).toBeLessThanOrEqual(500);
    s.answer('rateJob', ratingSaved(false));
    expect(s.text()).toContain('guardé los primeros 500 caracteres');
  });

  it.each(['👍', 'no tengo comentarios'])(
    '%j at the comment ends without one, nothing saved',
    (text) => {
      const s = new Script(fixture('rateComment')).send(ev.text(text));
      expect(s.name).toBe('mainMenu');
      expect(s.last.some((c) => c.kind === 'call')).toBe(false);
      expect(s.text()).toContain('¡Gracias por tu calificación!');
    },
  );

  it('Skip ends without a comment; a one-letter comment is refused', () => {
    let s = new Script(fixture('rateComment')).send(ev.button('rate:skip:60'));
    expect(s.name).toBe('mainMenu');
    s = new Script(fixture('rateComment')).send(ev.text('k'));
    expect(s.name).toBe('rateComment');
    expect(s.text()).toContain('muy corto');
  });

  it('a rating that is not allowed (already closed, not yours) is refused politely', () => {
    const s = new Script(fixture('rateJob'))
      .send(ev.row('rate:60:3'))
      .answer('rateJob', { status: 'not_allowed', requestId: 60 });
    expect(s.name).toBe('mainMenu');
    expect(s.text()).toContain('ya no se puede calificar');
  });

  it('"excelente trabajo" / "mal, llegó tarde" at the stars: the row\'s word is the rating, the words the comment', () => {
    const good = new Script(fixture('rateJob')).send(ev.text('excelente trabajo'));
    expect(callOf(good.last, 'rateJob').input).toMatchObject({ requestId: 60, stars: 5 });
    expect(good.state).toMatchObject({ comment: 'excelente trabajo' });
    const late = new Script(fixture('rateJob')).send(ev.text('mal, llegó tarde'));
    expect(callOf(late.last, 'rateJob').input).toMatchObject({ requestId: 60, stars: 2 });
    const bare = new Script(fixture('rateJob')).send(ev.text('regular'));
    expect(callOf(bare.last, 'rateJob').input).toMatchObject({ stars: 3 });
    expect(bare.state).not.toHaveProperty('comment');
  });

  it('text that is not a rating in rateJob repeats the list', () => {
    const out = run(fixture('rateJob'), ev.text('el señor se llamaba Luis'));
    expect(ids(out.commands)).toEqual([
      'rate:60:5',
      'rate:60:4',
      'rate:60:3',
      'rate:60:2',
      'rate:60:1',
    ]);
  });
});

describe('my requests', () => {
  it('lists requests with status and age', () => {
    const s = new Script(fixture('mainMenu'))
      .send(ev.row(tapId({ kind: 'menu.mine' })))
      .answer('listMyRequests', { requests: REQUESTS });
    expect(s.name).toBe('myRequests');
    const [list] = sentMessages(s.last);
    if (list?.type !== 'list') throw new Error('list expected');
    expect(list.sections[0]!.rows).toEqual([
      { id: 'req:show:77', title: 'Plomería', description: 'Buscando proveedor · hace 5 minutos' },
      { id: 'req:show:70', title: 'Electricidad', description: 'Aceptada · hace 3 horas' },
      { id: 'req:show:60', title: 'Cerrajería', description: 'Terminada · hace 4 días' },
    ]);
  });

  it('shows a request with Cancel while open, and the contact once accepted', () => {
    let out = run(fixture('myRequests'), ev.row('req:show:77'));
    expect(ids(out.commands)).toEqual(['req:cancel:77', 'menu:open']);
    out = run(fixture('myRequests'), ev.text('2'));
    expect(sentText(out.commands)).toContain('https://wa.me/525511112222');
    out = run(fixture('myRequests'), ev.row('req:show:60'));
    expect(ids(out.commands)).toEqual(['menu:open']);
  });

  it('says when there are none', () => {
    const s = new Script(fixture('mainMenu'))
      .send(ev.row('menu:mine'))
      .answer('listMyRequests', { requests: [] });
    expect(s.name).toBe('mainMenu');
    expect(s.text()).toContain('Aún no tienes solicitudes');
  });

  it('cancelling from the list goes back to the menu', () => {
    const s = new Script(fixture('myRequests')).send(ev.button('req:cancel:77'));
    s.answer('cancelRequest', {
      status: 'cancelled',
      requestId: 77,
      serviceName: PLUMBING,
      provider: null,
      reason: null,
    });
    expect(s.name).toBe('mainMenu');
    expect(notifies(s.last)).toEqual([]);
  });
});

describe('repeat last service', () => {
  it('searches again with the same service and place', () => {
    const lastRequest = {
      serviceTypeId: 2,
      serviceName: SERVICES[1]!.name,
      lat: 19.1,
      lng: -99.2,
      address: 'Casa',
    };
    const state: ActiveState = { name: 'mainMenu', profile: profile({ lastRequest }) };
    const out = run(state, ev.row('menu:repeat'));
    expect(out.state).toMatchObject({
      name: 'shareLocation',
      service: { id: 2 },
      place: { lat: 19.1, lng: -99.2, label: 'Casa' },
    });
    expect(callOf(out.commands, 'findCandidates').input).toMatchObject({
      serviceTypeId: 2,
      lat: 19.1,
      lng: -99.2,
    });
  });

  it('falls back to choosing a service when there is nothing to repeat', () => {
    const out = run(fixture('mainMenu'), ev.row('menu:repeat'));
    expect(callOf(out.commands, 'listServiceTypes')).toBeDefined();
  });
});

describe('in English', () => {
  it('runs the same flow with English texts', () => {
    const s = new Script(fixture('shareLocation', profile({ locale: 'en' }))).send(ev.text('zzz'));
    expect(s.text()).toContain("I couldn't recognise that address");
    s.send(ev.location(19.4, -99.1)).answer('findCandidates', { candidates: CANDIDATES });
    expect(s.text()).toContain('*Plumbing*: providers near you, sorted by distance and rating');
    expect(s.text()).toContain('Let the app choose');
    expect(ctx().offerTimeoutMs).toBe(300_000);
  });
});

describe('asking which provider of the list is best', () => {
  const browse = fixture('browseProviders');
  const listed = (candidates: typeof CANDIDATES): ActiveState => ({ ...browse, candidates });

  it.each([
    '¿cuál tiene mejores reseñas?',
    'el mejor calificado',
    'which one has the best reviews?',
    'cual es el mejor',
  ])('%j opens the best rated one (average, then number of ratings)', (text) => {
    const s = new Script(
      listed([
        { ...CANDIDATES[0]!, providerUserId: 1, ratingAvg: 4.5, ratingCount: 10 },
        { ...CANDIDATES[0]!, providerUserId: 2, ratingAvg: 4.9, ratingCount: 3 },
        { ...CANDIDATES[0]!, providerUserId: 3, ratingAvg: 4.9, ratingCount: 8 },
        { ...CANDIDATES[0]!, providerUserId: 4, ratingAvg: null, ratingCount: 0 },
      ]),
    ).send(ev.text(text));
    expect(callOf(s.last, 'getProviderDetail').input).toMatchObject({ providerUserId: 3 });
  });

  it('nobody rated yet: said so, the list stays', () => {
    const s = new Script(
      listed(CANDIDATES.map((c) => ({ ...c, ratingAvg: null, ratingCount: 0 }))),
    ).send(ev.text('¿cuál tiene mejores reseñas?'));
    expect(s.name).toBe('browseProviders');
    expect(s.text()).toContain('Ninguno tiene reseñas todavía');
    expect(ids(s.last)).toContain('pick:auto');
  });

  it('"¿cuál es el más barato?" opens the lowest known visit fee; all "to be agreed": said so', () => {
    const s = new Script(
      listed([
        { ...CANDIDATES[0]!, providerUserId: 1, visitFee: 300 },
        { ...CANDIDATES[0]!, providerUserId: 2, visitFee: null },
        { ...CANDIDATES[0]!, providerUserId: 3, visitFee: 0 },
      ]),
    ).send(ev.text('¿cuál es el más barato?'));
    expect(callOf(s.last, 'getProviderDetail').input).toMatchObject({ providerUserId: 3 });
    const unknown = new Script(listed(CANDIDATES.map((c) => ({ ...c, visitFee: null })))).send(
      ev.text('cheapest?'),
    );
    expect(unknown.name).toBe('browseProviders');
    expect(unknown.text()).toContain('no sé cuál sale más barato');
  });
});
