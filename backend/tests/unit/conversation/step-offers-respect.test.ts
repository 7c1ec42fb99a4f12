/**
 * Offers that respect people and visit fees (issue 14, items 4–5), as pure flows: going offline
 * withdraws an offer and the customer goes on; an expiry is told honestly and may set the
 * provider offline; the chosen provider is never replaced without asking; an accepted job is
 * cancelled only with a reason, which reaches the provider; the visit fee at registration, from
 * the menu, in the list, the card, the offer and "¿cuánto cobran?".
 */
import type { Operations } from '../../../src/conversation/operations';
import type { ActiveState } from '../../../src/conversation/state';
import { formatPesos, readFee } from '../../../src/conversation/text/money';
import { stripPhoneNumbers } from '../../../src/conversation/text/sanitize';
import {
  REQUESTS,
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
  sentText,
} from './harness';
import { t } from '../../../src/conversation/locales';
import { World } from './world';

const PLUMBING = SERVICES[0]!.name;
const waiting = fixture('awaitingProvider');
const providerMenu = (online = true): ActiveState => ({
  name: 'mainMenu',
  profile: providerProfile({ provider: { status: 'approved', online } }),
});
type OfferOut = Operations['offerRequest']['output'];
const offered = (over: Partial<Extract<OfferOut, { status: 'offered' }>> = {}): OfferOut => ({
  status: 'offered',
  requestId: 77,
  offerId: 10,
  attempt: 2,
  serviceName: PLUMBING,
  area: null,
  distanceKm: 2,
  provider: { userId: 502, name: 'María López', conversationKey: 'wa:2', visitFee: 0 },
  previous: null,
  ...over,
});
const chosenUnavailable = (wasOffered: boolean): OfferOut => ({
  status: 'chosen_unavailable',
  requestId: 77,
  serviceName: PLUMBING,
  providerName: 'Juan Pérez',
  wasOffered,
  previous: null,
});

describe('a provider who goes offline', () => {
  it('withdraws the pending offer: each customer is told at once, the provider too', () => {
    const s = new Script(providerMenu()).send(ev.text('desconectarme'));
    expect(callOf(s.last, 'setProviderOnline').input).toEqual({
      providerUserId: 501,
      online: false,
    });
    s.answer('setProviderOnline', {
      status: 'ok',
      online: false,
      withdrawn: [
        {
          offerId: 9,
          requestId: 77,
          providerName: 'Juan Pérez',
          customer: { conversationKey: 'wa:1' },
        },
      ],
    });
    expect(notifies(s.last)).toEqual([
      {
        kind: 'notify',
        to: 'wa:1',
        notice: 'offerWithdrawn',
        data: { requestId: 77, offerId: 9, providerName: 'Juan Pérez' },
      },
    ]);
    expect(s.text()).toContain('Estás desconectado');
    expect(s.text()).toContain('Retiramos la solicitud que tenías pendiente');
    expect(s.state).toMatchObject({ profile: { provider: { online: false } } });
  });

  it('says nothing about a withdrawal when there was none', () => {
    const s = new Script(providerMenu())
      .send(ev.text('desconectarme'))
      .answer('setProviderOnline', { status: 'ok', online: false, withdrawn: [] });
    expect(notifies(s.last)).toEqual([]);
    expect(s.text()).not.toContain('Retiramos');
  });

  it('the customer hears only what is true and the request goes on without waiting for the timer', () => {
    const out = run(
      waiting,
      ev.notice('offerWithdrawn', { requestId: 77, offerId: 9, providerName: 'Juan Pérez' }),
    );
    expect(out.commands[0]).toEqual({ kind: 'cancelTimer', timerId: 'offer:9' });
    expect(sentText(out.commands)).toContain(
      'Juan Pérez se desconectó y ya no puede atender tu solicitud.',
    );
    expect(sentText(out.commands)).not.toContain('enviamos');
    expect(callOf(out.commands, 'offerRequest').input).toMatchObject({
      requestId: 77,
      maxOffers: 5,
    });
    expect(out.state).toEqual(waiting);
  });
});

describe('an expired offer, told honestly', () => {
  const expired = (setOffline: boolean) =>
    new Script(waiting)
      .send(ev.timer('offerTimeout', { requestId: 77, offerId: 9 }))
      .answer('expireOffer', {
        status: 'expired',
        offerId: 9,
        requestId: 77,
        provider: { userId: 501, name: 'Juan', conversationKey: 'wa:1' },
        setOffline,
      });

  it('"sent to another provider" only when it was', () => {
    const s = expired(false);
    expect(callOf(s.last, 'offerRequest').tag).toBe('offer.next:77:0:9:0');
    s.answer('offerRequest', {
      status: 'none',
      requestId: 77,
      reason: 'no_candidates',
      serviceName: PLUMBING,
      previous: { offerId: 9, conversationKey: 'wa:1' },
    });
    expect(notifies(s.last)).toEqual([
      {
        kind: 'notify',
        to: 'wa:1',
        notice: 'offerExpired',
        data: { offerId: 9, requestId: 77, passedOn: false, setOffline: false },
      },
    ]);
    expect(s.text()).toContain('nadie está disponible');
    expect(s.text()).not.toContain('Ahora se la enviamos');
  });

  it('carries "set offline" through a failed offerRequest and its retry timer', () => {
    const s = expired(true);
    s.failCall('offerRequest');
    expect(s.last).toEqual([
      expect.objectContaining({
        kind: 'startTimer',
        timer: 'offerRetry',
        data: { requestId: 77, attempt: 1, previousOfferId: 9, setOffline: 1 },
      }),
    ]);
    s.send(
      ev.timer('offerRetry', { requestId: 77, attempt: 1, previousOfferId: 9, setOffline: 1 }),
    );
    expect(callOf(s.last, 'offerRequest')).toMatchObject({
      input: { previousOfferId: 9 },
      tag: 'offer.next:77:1:9:1',
    });
    s.answer('offerRequest', offered({ previous: { offerId: 9, conversationKey: 'wa:1' } }));
    expect(notifies(s.last)[0]).toEqual({
      kind: 'notify',
      to: 'wa:1',
      notice: 'offerExpired',
      data: { offerId: 9, requestId: 77, passedOn: true, setOffline: true },
    });
  });

  it.each([
    [{ passedOn: true }, 'se la enviamos a otro proveedor'],
    [{ passedOn: false }, 'ya no está disponible para ti'],
    [{}, 'ya no está disponible para ti'],
  ])('the provider reads %j as "%s"', (extra, expected) => {
    const out = run(
      providerMenu(),
      ev.notice('offerExpired', { offerId: 9, requestId: 77, ...extra }),
    );
    expect(sentText(out.commands)).toContain(expected);
    expect(out.state).toEqual(providerMenu());
  });

  it('set offline after missed offers: a kind notice with how to come back, and the menu follows', () => {
    const out = run(
      providerMenu(),
      ev.notice('offerExpired', { offerId: 9, requestId: 77, passedOn: true, setOffline: true }),
    );
    expect(sentText(out.commands)).toContain(
      'te desconectamos para que ningún cliente se quede esperando',
    );
    expect(sentText(out.commands)).toContain('escribe *conectarme*');
    expect(ids(out.commands)).toEqual(['prov:online', 'menu:open']);
    expect(out.state).toMatchObject({ profile: { provider: { online: false } } });
  });
});

describe('the provider the customer chose', () => {
  it('unavailable at booking: asked "look for another, or cancel?" (nobody else is offered it)', () => {
    const s = new Script(waiting).send(
      ev.ok('offerRequest', chosenUnavailable(false), 'offer.next:77:0'),
    );
    expect(s.state).toMatchObject({
      name: 'replaceChosen',
      requestId: 77,
      providerName: 'Juan Pérez',
    });
    expect(s.text()).toContain('Juan Pérez no está disponible en este momento.');
    expect(s.text()).toContain('*Plomería*: ¿quieres que busquemos a otro proveedor');
    expect(ids(s.last)).toEqual(['req:replace:77', 'req:cancel:77']);
    expect(notifies(s.last)).toEqual([]);
    expect(calls(s.last)).toEqual([]);

    s.send(ev.button('req:replace:77'));
    expect(callOf(s.last, 'offerRequest').input).toMatchObject({
      requestId: 77,
      replaceChosen: true,
    });
    s.answer('offerRequest', offered({ attempt: 1 }));
    expect(s.state).toMatchObject({ name: 'awaitingProvider', requestId: 77 });
    expect(notifies(s.last)[0]).toMatchObject({ to: 'wa:2', notice: 'offerReceived' });
  });

  it('after they declined: the customer was told why, and is asked without repeating it', () => {
    const s = new Script(waiting).send(
      ev.notice('offerDeclined', { requestId: 77, offerId: 9, providerName: 'Juan Pérez' }),
    );
    expect(s.text()).toContain('Juan Pérez no puede atender');
    s.answer('offerRequest', chosenUnavailable(true));
    expect(s.name).toBe('replaceChosen');
    expect(s.text()).not.toContain('no está disponible en este momento');
    expect(s.text()).toContain('busquemos a otro proveedor');
  });

  it('asked while doing something else: the buttons come, the dialog stays', () => {
    const other = fixture('chooseService');
    const out = run(other, ev.ok('offerRequest', chosenUnavailable(true), 'offer.next:77:0'));
    expect(out.state).toEqual(other);
    expect(ids(out.commands)).toEqual(['req:replace:77', 'req:cancel:77']);
  });

  it('answers in words: yes → another provider, no → cancel the request', () => {
    const asking = fixture('replaceChosen');
    expect(
      callOf(run(asking, ev.text('sí, busca otro')).commands, 'offerRequest').input,
    ).toMatchObject({
      replaceChosen: true,
    });
    expect(callOf(run(asking, ev.text('no')).commands, 'cancelRequest').input).toEqual({
      requestId: 77,
      customerUserId: 10,
    });
    const cancelled = new Script(asking).send(ev.button('req:cancel:77')).answer('cancelRequest', {
      status: 'cancelled',
      requestId: 77,
      serviceName: PLUMBING,
      provider: null,
      reason: null,
    });
    expect(cancelled.name).toBe('mainMenu');
  });

  it('nobody else available after agreeing: the honest message, back to the menu', () => {
    const s = new Script(fixture('replaceChosen')).send(ev.button('req:replace:77'));
    s.answer('offerRequest', {
      status: 'none',
      requestId: 77,
      reason: 'no_candidates',
      serviceName: PLUMBING,
      previous: null,
    });
    expect(s.name).toBe('mainMenu');
    expect(s.text()).toContain('nadie está disponible');
  });
});

describe('"cancelar" from the menu (after the request left the waiting screen)', () => {
  const fromMenu = (text: string) => new Script(fixture('mainMenu')).send(ev.text(text));

  it.each(['cancelar', 'oye ya no lo necesito, cancela', 'cancel my request'])(
    '"%s" looks up the open requests, and the one accepted job asks why before cancelling',
    (text) => {
      const s = fromMenu(text);
      s.answer('listMyRequests', { requests: [REQUESTS[1]!, REQUESTS[2]!] });
      expect(callOf(s.last, 'cancelRequest').input).toEqual({
        requestId: 70,
        customerUserId: 10,
      });
      s.answer('cancelRequest', {
        status: 'confirm',
        requestId: 70,
        serviceName: SERVICES[1]!.name,
        providerName: 'Juan',
      });
      expect(s.state).toMatchObject({ name: 'cancelWhy', requestId: 70 });
    },
  );

  it('with several open requests: the list to choose from', () => {
    const s = fromMenu('cancelar').answer('listMyRequests', { requests: REQUESTS });
    expect(s.name).toBe('myRequests');
    expect(s.last.some((c) => c.kind === 'call' && c.op === 'cancelRequest')).toBe(false);
  });

  it('with none: "nothing to cancel" and the menu', () => {
    const s = fromMenu('cancelar').answer('listMyRequests', { requests: [REQUESTS[2]!] });
    expect(s.text()).toContain('No hay nada que cancelar');
    expect(s.name).toBe('mainMenu');
  });
});

describe('cancelling an accepted job', () => {
  const confirm = () =>
    new Script(fixture('myRequests')).send(ev.button('req:cancel:70')).answer('cancelRequest', {
      status: 'confirm',
      requestId: 70,
      serviceName: SERVICES[1]!.name,
      providerName: 'Juan',
    });

  it('asks "are you sure, and why?" first: reasons, "other" and "do not cancel"', () => {
    const s = confirm();
    expect(s.state).toMatchObject({ name: 'cancelWhy', requestId: 70, providerName: 'Juan' });
    expect(s.text()).toContain('*Electricidad*: ¿seguro que quieres cancelar el trabajo con Juan?');
    expect(ids(s.last)).toEqual([
      'req:why:70:1',
      'req:why:70:2',
      'req:why:70:3',
      'req:why:70:4',
      'req:why:70:5',
      'req:why:70:6',
      'req:keep:70',
    ]);
    expect(notifies(s.last)).toEqual([]);
  });

  it('a reason confirms: cancelled with it, the provider told why', () => {
    const s = confirm().send(ev.row('req:why:70:2'));
    expect(callOf(s.last, 'cancelRequest').input).toEqual({
      requestId: 70,
      customerUserId: 10,
      reason: { code: 'too_slow', note: null },
    });
    s.answer('cancelRequest', {
      status: 'cancelled',
      requestId: 70,
      serviceName: SERVICES[1]!.name,
      provider: { conversationKey: 'wa:2', offerId: null },
      reason: { code: 'too_slow', note: null },
    });
    expect(s.name).toBe('mainMenu');
    expect(notifies(s.last)).toEqual([
      {
        kind: 'notify',
        to: 'wa:2',
        notice: 'requestCancelled',
        data: {
          requestId: 70,
          offerId: null,
          serviceName: SERVICES[1]!.name,
          reason: { code: 'too_slow', note: null },
        },
      },
    ]);
  });

  it('a row number works too; the last one keeps the job', () => {
    expect(
      callOf(run(fixture('cancelWhy'), ev.text('3')).commands, 'cancelRequest').input,
    ).toMatchObject({
      reason: { code: 'price', note: null },
    });
    const kept = run(fixture('cancelWhy'), ev.text('7'));
    expect(kept.state).toMatchObject({ name: 'mainMenu' });
    expect(sentText(kept.commands)).toContain('no cancelé nada');
    expect(calls(kept.commands)).toEqual([]);
  });

  it('"other reason": typed, cleaned of links and phone numbers; too short asks again', () => {
    const s = confirm().send(ev.row('req:why:70:6'));
    expect(s.state).toMatchObject({ name: 'cancelNote', requestId: 70 });
    expect(s.text()).toContain('por qué cancelas; se lo diremos a Juan');
    expect(ids(s.last)).toEqual(['req:keep:70']);
    s.send(ev.text('ok'));
    expect(s.name).toBe('cancelNote');
    expect(s.text()).toContain('Cuéntanos un poco más');
    s.send(ev.text('Ya lo arregló mi vecino, llámame al 55 1234 5678 o ve www.promo.mx'));
    expect(callOf(s.last, 'cancelRequest').input).toEqual({
      requestId: 70,
      customerUserId: 10,
      reason: { code: 'other', note: 'Ya lo arregló mi vecino, llámame al … o ve …' },
    });
  });

  it('"cancelar" or "No cancelar" inside the question cancels nothing', () => {
    for (const state of [fixture('cancelWhy'), fixture('cancelNote')]) {
      for (const event of [ev.text('cancelar'), ev.button('req:keep:70')]) {
        const out = run(state, event);
        expect(out.state).toMatchObject({ name: 'mainMenu' });
        expect(sentText(out.commands)).toContain('no cancelé nada');
        expect(calls(out.commands)).toEqual([]);
      }
    }
  });

  it('an old "other reason" row asks again (the server says who took the job)', () => {
    const out = run(fixture('mainMenu'), ev.row('req:why:70:6'));
    expect(callOf(out.commands, 'cancelRequest').input).toEqual({
      requestId: 70,
      customerUserId: 10,
    });
  });

  it.each([
    [{ code: 'found_other', note: null }, 'Motivo: Encontré a alguien más'],
    [{ code: 'other', note: 'Ya no hace falta' }, 'Motivo: “Ya no hace falta”'],
  ])('the provider reads the reason %j', (reason, expected) => {
    const out = run(
      providerMenu(),
      ev.notice('requestCancelled', {
        requestId: 70,
        offerId: null,
        serviceName: PLUMBING,
        reason,
      }),
    );
    expect(sentText(out.commands)).toContain(
      t('es', 'request.cancelledByCustomer', { service: 'Plomería' }),
    );
    expect(sentText(out.commands)).toContain(expected);
  });
});

describe('visit fees', () => {
  it.each([
    ['350', { kind: 'amount', pesos: 350 }],
    ['$350', { kind: 'amount', pesos: 350 }],
    ['$ 1,200 MXN', { kind: 'amount', pesos: 1200 }],
    ['1200.00 pesos', { kind: 'amount', pesos: 1200 }],
    ['10000', { kind: 'amount', pesos: 10000 }],
    ['0', { kind: 'free' }],
    ['Gratis', { kind: 'free' }],
    ['sin costo', { kind: 'free' }],
    ['a convenir', { kind: 'agree' }],
    ['Depende', { kind: 'agree' }],
    ['350.50', { kind: 'invalid', why: 'format' }],
    ['300 a 500', { kind: 'invalid', why: 'format' }],
    ['10,001', { kind: 'invalid', why: 'range' }],
    ['99999999', { kind: 'invalid', why: 'range' }],
    ['hola', null],
    ['350 la visita', { kind: 'amount', pesos: 350 }],
    ['cobro 300', { kind: 'amount', pesos: 300 }],
    ['son como 300 pesos', { kind: 'amount', pesos: 300 }],
    ['no sé', { kind: 'agree' }],
    ['depende del trabajo', { kind: 'agree' }],
  ])('reads %j', (text, expected) => {
    expect(readFee(text)).toEqual(expected);
  });

  it('writes pesos the Mexican way', () => {
    expect(formatPesos(350)).toBe('$350 MXN');
    expect(formatPesos(10_000)).toBe('$10,000 MXN');
    expect(formatPesos(1200, false)).toBe('$1,200');
  });

  it('registration: hints for what is not an amount we take, then registers', () => {
    const s = new Script(fixture('provFee')).send(ev.text('350.50'));
    expect(s.name).toBe('provFee');
    expect(s.text()).toContain('sin centavos');
    s.send(ev.text('20000'));
    expect(s.text()).toContain('entre $0 y $10,000 MXN');
    s.send(ev.text('gratis'));
    expect(callOf(s.last, 'registerProvider').input).toMatchObject({ radiusKm: 10, visitFee: 0 });
    expect(
      callOf(run(fixture('provFee'), ev.button('fee:free')).commands, 'registerProvider').input,
    ).toMatchObject({ visitFee: 0 });
    s.answer('registerProvider', { status: 'pending', created: true });
    expect(s.name).toBe('mainMenu');
    expect(s.text()).toContain('Recibimos tu registro');
  });

  it('changed later from the provider menu', () => {
    const menu = run(providerMenu(), ev.text('menu'));
    expect(ids(menu.commands)).toContain('menu:fee');
    const s = new Script(providerMenu()).send(ev.row('menu:fee'));
    expect(s.name).toBe('editFee');
    expect(s.text()).toContain('Los clientes lo ven antes de elegirte');
    s.send(ev.text('$500'));
    expect(callOf(s.last, 'setVisitFee').input).toEqual({ providerUserId: 501, visitFee: 500 });
    s.answer('setVisitFee', { status: 'ok', visitFee: 500 });
    expect(s.name).toBe('mainMenu');
    expect(s.text()).toContain('tu costo de visita ahora es $500 MXN');
    const agree = new Script(providerMenu()).send(ev.row('menu:fee')).send(ev.button('fee:agree'));
    expect(callOf(agree.last, 'setVisitFee').input).toEqual({
      providerUserId: 501,
      visitFee: null,
    });
  });

  it('a customer who is no provider gets no fee question', () => {
    const out = run(fixture('mainMenu'), ev.row('menu:fee'));
    expect(out.state).toMatchObject({ name: 'mainMenu' });
    expect(sentText(out.commands)).toContain('Aún no eres proveedor');
  });

  it('customers see it in the list rows, on the card and when the request is sent', () => {
    const s = new Script(fixture('shareLocation', profile())).send(ev.location(19.4, -99.1));
    s.answer('findCandidates', {
      candidates: [
        {
          providerUserId: 501,
          name: 'Juan Pérez',
          ratingAvg: 4.8,
          ratingCount: 52,
          distanceKm: 1.2,
          visitFee: 350,
        },
        {
          providerUserId: 503,
          name: 'Rosa',
          ratingAvg: null,
          ratingCount: 0,
          distanceKm: 2,
          visitFee: 0,
        },
      ],
    });
    expect(s.text()).toContain('★4.8 (52) · 1.2 km · Visita $350');
    expect(s.text()).toContain('Nuevo · 2.0 km · Visita sin costo');
    const detail = new Script(fixture('browseProviders')).send(ev.row('pick:501'));
    detail.answer('getProviderDetail', {
      status: 'found',
      provider: { ...fixture('providerDetail').detail, visitFee: 1200 },
      reviews: [],
    });
    expect(detail.text()).toContain('Costo de visita: $1,200 MXN');
    const sent = run(waiting, ev.ok('offerRequest', offered({ attempt: 1 }), 'offer.next:77:0'));
    expect(sentText(sent.commands)).toContain('Costo de visita de María López: sin costo.');
  });

  it('"¿cuánto cobran?" answers with the fees of the providers being looked at', () => {
    for (const state of [fixture('browseProviders'), fixture('providerDetail')]) {
      const out = run(state, ev.text('¿cuánto cobran?'));
      const text = sentText(out.commands);
      expect(text).toContain('• Juan Pérez: $350 MXN');
      expect(text).toContain('• María López: a convenir');
      expect(out.state).toEqual(state);
    }
    const elsewhere = sentText(run(fixture('mainMenu'), ev.text('cuanto cobran')).commands);
    expect(elsewhere).toContain('Cada proveedor pone su precio');
    expect(elsewhere).not.toContain('•');
  });
});

describe('stripPhoneNumbers', () => {
  it('hides phone numbers and leaves short numbers alone', () => {
    expect(stripPhoneNumbers('llámame al +52 55 1234-5678 ya')).toBe('llámame al … ya');
    expect(stripPhoneNumbers('5512345678')).toBe('…');
    expect(stripPhoneNumbers('llegó a las 10 y cobró 350')).toBe('llegó a las 10 y cobró 350');
  });
});

describe('a job marked done too soon after accepting it', () => {
  it('the provider is told the customer will confirm; the customer is asked', () => {
    const s = new Script(providerMenu()).send(ev.button('job:done:70'));
    s.answer('completeJob', {
      status: 'needs_customer',
      requestId: 70,
      serviceName: PLUMBING,
      providerName: 'Juan Pérez',
      customer: { conversationKey: 'wa:5215512345678' },
    });
    expect(s.text()).toContain('le pedimos al cliente que confirme');
    expect(notifies(s.last)).toEqual([
      {
        kind: 'notify',
        to: 'wa:5215512345678',
        notice: 'jobDoneClaimed',
        data: { requestId: 70, providerName: 'Juan Pérez', serviceName: PLUMBING },
      },
    ]);
    const asked = run(
      fixture('mainMenu'),
      ev.notice('jobDoneClaimed', {
        requestId: 70,
        providerName: 'Juan Pérez',
        serviceName: PLUMBING,
      }),
    );
    expect(sentText(asked.commands)).toContain(
      'Juan Pérez dice que ya terminó tu servicio (*Plomería*)',
    );
    expect(ids(asked.commands)).toEqual(['job:confirm:70', 'job:notyet:70']);
    expect(asked.state).toEqual(fixture('mainMenu'));
  });

  it('"Sí, ya quedó": the job is closed, the provider told, the customer rates', () => {
    const s = new Script(fixture('mainMenu')).send(ev.button('job:confirm:70'));
    expect(callOf(s.last, 'confirmJobDone').input).toMatchObject({
      requestId: 70,
      customerUserId: 10,
      done: true,
    });
    s.answer('confirmJobDone', {
      status: 'completed',
      requestId: 70,
      serviceName: PLUMBING,
      provider: {
        conversationKey: 'wa:2',
        stats: {
          status: 'approved',
          online: true,
          name: 'Juan Pérez',
          ratingAvg: 4.5,
          ratingCount: 2,
          jobsDone: 3,
        },
      },
    });
    expect(s.state).toMatchObject({ name: 'rateJob', requestId: 70, providerName: 'Juan Pérez' });
    expect(notifies(s.last)).toEqual([
      {
        kind: 'notify',
        to: 'wa:2',
        notice: 'jobDoneConfirmed',
        data: { requestId: 70, ratingAvg: 4.5, ratingCount: 2, jobsDone: 3 },
      },
    ]);
    const told = run(
      providerMenu(),
      ev.notice('jobDoneConfirmed', { requestId: 70, ratingAvg: 4.5, ratingCount: 2, jobsDone: 3 }),
    );
    expect(sentText(told.commands)).toContain('El cliente confirmó que el trabajo quedó');
  });

  it('"Todavía no": the provider is told, nothing closes', () => {
    const s = new Script(fixture('mainMenu')).send(ev.button('job:notyet:70'));
    expect(callOf(s.last, 'confirmJobDone').input).toMatchObject({ requestId: 70, done: false });
    s.answer('confirmJobDone', {
      status: 'not_done',
      requestId: 70,
      serviceName: PLUMBING,
      provider: { conversationKey: 'wa:2', name: 'Juan Pérez' },
    });
    expect(s.name).toBe('mainMenu');
    expect(s.text()).toContain('le avisamos a Juan Pérez que todavía no está terminado');
    expect(notifies(s.last)[0]).toMatchObject({ to: 'wa:2', notice: 'jobNotDone' });
    const told = run(
      providerMenu(),
      ev.notice('jobNotDone', { requestId: 70, serviceName: PLUMBING }),
    );
    expect(sentText(told.commands)).toContain('toca "Terminado" de nuevo');
  });

  it('an answer that is no longer valid says so', () => {
    const s = new Script(fixture('mainMenu'))
      .send(ev.button('job:confirm:70'))
      .answer('confirmJobDone', { status: 'not_allowed', requestId: 70 });
    expect(s.text()).toContain(t('es', 'unexpected.stale'));
  });
});

describe('the answer to "¿Ya quedó?" typed instead of tapped', () => {
  it.each([
    ['sí, ya quedó', true, true],
    ['ya terminó', true, true],
    ['si', true, false],
    ['todavía no', false, false],
    ['aún no termina', false, false],
    ['not yet', false, false],
  ])(
    '"%s" answers for the job awaiting the word (done: %s, closes an unclaimed one: %s); Postgres finds it',
    (text, done, closes) => {
      const event = ev.text(text);
      const s = new Script(fixture('mainMenu')).send(event);
      expect(callOf(s.last, 'confirmJobDone').input).toEqual({
        idempotencyKey: event.id,
        requestId: null,
        customerUserId: 10,
        done,
        ...(closes ? { closes: true } : {}),
      });
    },
  );

  it('"no gracias" never tells a provider the job is not done', () => {
    const s = new Script(fixture('mainMenu')).send(ev.text('no gracias'));
    expect(s.last.some((c) => c.kind === 'call' && c.op === 'confirmJobDone')).toBe(false);
  });

  it('typed "ya quedó" with nothing awaiting: explained; a bare "sí": the menu, not an explanation', () => {
    const done = new Script(fixture('mainMenu')).send(ev.text('ya quedó'));
    done.answer('confirmJobDone', { status: 'none_claimed' });
    expect(done.text()).toContain(t('es', 'say.jobDoneCustomer'));
    const yes = new Script(fixture('mainMenu')).send(ev.text('sí'));
    yes.answer('confirmJobDone', { status: 'none_claimed' });
    expect(yes.text()).not.toContain(t('es', 'say.jobDoneCustomer'));
    expect(yes.name).toBe('mainMenu');
  });

  it('a provider\'s "ya quedó" is about their own jobs (the list with Terminado)', () => {
    const s = new Script(providerMenu()).send(ev.text('ya quedó'));
    expect(callOf(s.last, 'listMyJobs')).toBeDefined();
    expect(s.last.some((c) => c.kind === 'call' && c.op === 'confirmJobDone')).toBe(false);
  });
});

describe('journeys across conversations (in-memory world)', () => {
  const ANA = 'wa:5215512345678';
  const JUAN = 'wa:5215511110000';
  const LUIS = 'wa:5215522220000';
  const ZOCALO = { lat: 19.4326, lng: -99.1332 };

  function bookJuan(w: World): number {
    w.text(ANA, 'hola', 'Ana').tap(ANA, 'name:profile');
    w.row(ANA, 'menu:new').row(ANA, 'svc:1').text(ANA, 'gotea la llave');
    w.location(ANA, ZOCALO.lat, ZOCALO.lng);
    const juan = w.userByKey(JUAN).id;
    w.row(ANA, `pick:${juan}`).tap(ANA, `book:${juan}`);
    return juan;
  }

  it('"Terminado" seconds after accepting waits for the customer; ten minutes later it does not', () => {
    const w = new World();
    w.jobDoneMinMinutes = 10;
    w.addProvider(JUAN, 'Juan', ZOCALO, { visitFee: 300 });
    bookJuan(w);
    expect(w.take(ANA)).toContain('Costo de visita de Juan: $300 MXN');
    const offer = w.offers[0]!;
    w.tap(JUAN, `offer:accept:${offer.id}`);
    w.take(ANA);
    w.take(JUAN);
    w.tap(JUAN, `job:done:${offer.requestId}`);
    expect(w.take(JUAN)).toContain('le pedimos al cliente que confirme');
    expect(w.requests[0]!.status).toBe('accepted');
    expect(w.take(ANA)).toContain('Juan dice que ya terminó');
    w.tap(ANA, `job:notyet:${offer.requestId}`);
    expect(w.take(JUAN)).toContain('todavía no está terminado');
    // Later the customer confirms from the same buttons… after a new "Terminado".
    w.advance(11 * 60_000);
    w.tap(JUAN, `job:done:${offer.requestId}`);
    expect(w.take(JUAN)).toContain('Trabajo terminado');
    expect(w.stateOf(ANA)).toBe('rateJob');
  });

  it('the customer confirms: rating follows and the provider hears it', () => {
    const w = new World();
    w.jobDoneMinMinutes = 10;
    w.addProvider(JUAN, 'Juan', ZOCALO);
    bookJuan(w);
    const offer = w.offers[0]!;
    w.tap(JUAN, `offer:accept:${offer.id}`).tap(JUAN, `job:done:${offer.requestId}`);
    w.take(JUAN);
    w.tap(ANA, `job:confirm:${offer.requestId}`);
    expect(w.requests[0]!.status).toBe('done');
    expect(w.stateOf(ANA)).toBe('rateJob');
    expect(w.take(JUAN)).toContain('El cliente confirmó que el trabajo quedó');
  });

  it('the chosen provider declines: asked first; "Buscar a otro" goes to the next one', () => {
    const w = new World();
    w.addProvider(JUAN, 'Juan', ZOCALO);
    w.addProvider(LUIS, 'Luis', { lat: ZOCALO.lat + 0.01, lng: ZOCALO.lng });
    bookJuan(w);
    w.tap(JUAN, `offer:decline:${w.offers[0]!.id}`);
    expect(w.take(LUIS)).toBe('');
    expect(w.stateOf(ANA)).toBe('replaceChosen');
    expect(w.take(ANA)).toContain('¿quieres que busquemos a otro proveedor');
    w.text(ANA, 'sí');
    expect(w.take(LUIS)).toContain('Nueva solicitud');
    expect(w.stateOf(ANA)).toBe('awaitingProvider');
  });

  it('a provider who goes offline hands the request on at once; missed offers set one offline', () => {
    const w = new World();
    w.maxMissedOffers = 1;
    w.addProvider(JUAN, 'Juan', ZOCALO);
    w.addProvider(LUIS, 'Luis', { lat: ZOCALO.lat + 0.01, lng: ZOCALO.lng });
    w.text(ANA, 'hola', 'Ana').tap(ANA, 'name:profile');
    w.row(ANA, 'menu:new').row(ANA, 'svc:1').text(ANA, 'gotea la llave');
    w.location(ANA, ZOCALO.lat, ZOCALO.lng).row(ANA, 'pick:auto');
    w.text(JUAN, 'desconectarme');
    expect(w.take(JUAN)).toContain('Retiramos la solicitud');
    expect(w.take(ANA)).toContain('Juan se desconectó');
    expect(w.take(LUIS)).toContain('Nueva solicitud');
    w.advance(300_000);
    const luis = w.take(LUIS);
    expect(luis).toContain('ya no está disponible para ti');
    expect(luis).toContain('te desconectamos');
    expect(w.userByKey(LUIS).provider!.online).toBe(false);
  });
});

describe('"Buscar a otro" on a request that is no longer open', () => {
  it('is answered, not dropped', () => {
    const s = new Script(fixture('mainMenu')).send(ev.button('req:replace:77'));
    s.answer('offerRequest', {
      status: 'none',
      requestId: 77,
      reason: 'not_open',
      serviceName: PLUMBING,
      previous: null,
    });
    expect(s.text()).toContain(t('es', 'unexpected.stale'));
  });
});
