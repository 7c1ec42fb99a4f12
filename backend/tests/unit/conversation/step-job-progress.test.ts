/**
 * A provider's typed news on a job ("voy en camino, llego en 20", "ya llegué", "on my way"): the
 * customer of their one active job hears it as a fixed sentence; several jobs: which one is not
 * guessed; none: said so. Pure flows, plus one journey across both conversations (World).
 */
import type { JobDetails } from '../../../src/conversation/operations';
import { parseNotice } from '../../../src/conversation/notices';
import { t } from '../../../src/conversation/locales';
import {
  SERVICES,
  Script,
  callOf,
  ev,
  fixture,
  notifies,
  sentText,
  run,
  activeJob,
  onlineProviderMenu,
} from './harness';
import { World } from './world';

const PLUMBING = SERVICES[0]!.name;
const providerMenu = onlineProviderMenu;
const job = activeJob;

describe('a provider types where they are on a job', () => {
  it.each([
    ['voy en camino, llego en 20 min', 'onTheWay', 20, 'le avisé a Pepe que vas en camino'],
    ['ya salí para allá', 'onTheWay', undefined, 'le avisé a Pepe que vas en camino'],
    ['llego en media hora', 'onTheWay', 30, 'le avisé a Pepe que vas en camino'],
    ['ya llegué', 'arrived', undefined, 'le avisé a Pepe que ya llegaste'],
    ['estoy afuera', 'arrived', undefined, 'le avisé a Pepe que ya llegaste'],
  ] as const)('%j: the one customer is told (%s, eta %s)', (text, progress, eta, told) => {
    const s = new Script(providerMenu()).send(ev.text(text));
    expect(callOf(s.last, 'listMyJobs').input).toEqual({ providerUserId: 501 });
    s.answer('listMyJobs', { jobs: [job()] });
    expect(notifies(s.last)).toEqual([
      {
        kind: 'notify',
        to: 'wa:5215512340031',
        notice: 'providerProgress',
        data: {
          requestId: 77,
          providerName: 'Plomería Gómez',
          serviceName: PLUMBING,
          progress,
          ...(eta ? { etaMinutes: eta } : {}),
        },
      },
    ]);
    expect(s.text()).toContain(told);
    expect(s.name).toBe('mainMenu');
  });

  it('a customer who gave no name is "tu cliente", never "?"', () => {
    const s = new Script(providerMenu()).send(ev.text('ya llegué'));
    s.answer('listMyJobs', { jobs: [job({ customerName: '' })] });
    expect(s.text()).toContain('le avisé a tu cliente que ya llegaste');
  });

  it('in English too', () => {
    const s = new Script(providerMenu('en')).send(ev.text('omw, be there in 15'));
    s.answer('listMyJobs', { jobs: [job()] });
    expect(notifies(s.last)[0]?.data).toMatchObject({ progress: 'onTheWay', etaMinutes: 15 });
    expect(s.text()).toContain("I told Pepe you're on your way");
  });

  it('with several active jobs it does not guess: each job with its contact, nobody told', () => {
    const s = new Script(providerMenu()).send(ev.text('estoy llegando'));
    s.answer('listMyJobs', {
      jobs: [
        job(),
        job({ requestId: 78, customerName: 'Lupita', customerKey: 'wa:5215512340001' }),
      ],
    });
    expect(notifies(s.last)).toEqual([]);
    expect(s.text()).toContain('Tienes 2 trabajos activos');
    expect(s.text()).toContain('Lupita');
    expect(s.text()).toContain('https://wa.me/5215512340031');
  });

  it('with no active job it says so, and nobody is told', () => {
    const s = new Script(providerMenu()).send(ev.text('ya llegué'));
    s.answer('listMyJobs', { jobs: [] });
    expect(notifies(s.last)).toEqual([]);
    expect(s.text()).toContain('No tienes trabajos activos ahorita');
  });

  it('a failed lookup apologises and tells nobody', () => {
    const s = new Script(providerMenu()).send(ev.text('ya llegué'));
    s.failCall('listMyJobs');
    expect(notifies(s.last)).toEqual([]);
    expect(s.text()).toContain(t('es', 'error.temporary'));
  });

  it('"ya voy en camino" with no offer open is news on the job, not "you have no offers"', () => {
    const s = new Script(providerMenu()).send(ev.text('ya voy en camino'));
    // Typed like an acceptance: Postgres is asked about an open offer first.
    expect(callOf(s.last, 'answerOffer').input).toMatchObject({ offerId: null, accept: true });
    s.answer('answerOffer', { status: 'none_open' });
    expect(s.text()).not.toContain(t('es', 'offer.noneOpen'));
    expect(callOf(s.last, 'listMyJobs').input).toEqual({ providerUserId: 501 });
    s.answer('listMyJobs', { jobs: [job()] });
    expect(notifies(s.last)[0]?.data).toMatchObject({ progress: 'onTheWay' });
    expect(s.text()).toContain('le avisé a Pepe que vas en camino');
  });

  it('someone who is not a provider saying "ya voy" is not looked up as a provider', () => {
    const out = run(fixture('mainMenu'), ev.text('ya voy'));
    expect(out.commands.some((c) => c.kind === 'call' && c.op === 'listMyJobs')).toBe(false);
  });
});

describe('the customer hears it', () => {
  it('on the way, with the minutes when given; arrived; the dialog is untouched', () => {
    const browsing = fixture('browseProviders');
    const base = { requestId: 77, providerName: 'Plomería Gómez', serviceName: PLUMBING };
    const way = run(browsing, ev.notice('providerProgress', { ...base, progress: 'onTheWay' }));
    expect(sentText(way.commands)).toContain('🚗 *Plomería*: Plomería Gómez va en camino.');
    expect(way.state).toEqual(browsing);
    const eta = run(
      browsing,
      ev.notice('providerProgress', { ...base, progress: 'onTheWay', etaMinutes: 20 }),
    );
    expect(sentText(eta.commands)).toContain('llega en unos 20 min');
    const here = run(browsing, ev.notice('providerProgress', { ...base, progress: 'arrived' }));
    expect(sentText(here.commands)).toContain('Plomería Gómez dice que ya llegó');
  });

  it('a malformed notice is refused (unknown progress, an absurd wait)', () => {
    const base = { requestId: 77, providerName: 'X', serviceName: PLUMBING };
    expect(parseNotice('providerProgress', { ...base, progress: 'onTheWay' })).not.toBeNull();
    expect(parseNotice('providerProgress', { ...base, progress: 'flying' })).toBeNull();
    expect(
      parseNotice('providerProgress', { ...base, progress: 'onTheWay', etaMinutes: 9999 }),
    ).toBeNull();
  });
});

describe('journey: accepted, then "voy en camino" reaches the customer', () => {
  it('customer books, provider accepts and types it; the customer reads it', () => {
    const ANA = 'wa:5215512345678';
    const JUAN = 'wa:5215511110000';
    const w = new World();
    w.addProvider(JUAN, 'Juan', { lat: 19.4326, lng: -99.1332 });
    w.bookWith(ANA, 'Ana', JUAN);
    w.text(JUAN, 'va, voy para allá, llego en 15');
    expect(w.take(JUAN)).toContain('le avisé a Ana que vas en camino');
    expect(w.take(ANA)).toContain('Juan va en camino; llega en unos 15 min');
    w.text(JUAN, 'ya llegué');
    expect(w.take(ANA)).toContain('Juan dice que ya llegó');
  });
});

describe('"ya terminé" typed by a provider', () => {
  it('with one active job: that job is marked done (as its "Terminado")', () => {
    for (const text of ['ya terminé', 'listo, quedó', 'job done']) {
      const s = new Script(providerMenu()).send(ev.text(text));
      s.answer('listMyJobs', { jobs: [job()] });
      expect(callOf(s.last, 'completeJob').input).toMatchObject({
        requestId: 77,
        providerUserId: 501,
      });
    }
  });

  it('with several: each with its "Terminado", nothing marked', () => {
    const s = new Script(providerMenu()).send(ev.text('ya terminé'));
    s.answer('listMyJobs', { jobs: [job(), job({ requestId: 78, customerName: 'Lupita' })] });
    expect(s.last.some((c) => c.kind === 'call' && c.op === 'completeJob')).toBe(false);
    expect(s.text()).toContain('Tus trabajos activos: 2');
  });

  it('with none: said so', () => {
    const s = new Script(providerMenu()).send(ev.text('ya terminé'));
    s.answer('listMyJobs', { jobs: [] });
    expect(s.text()).toContain(t('es', 'jobs.none'));
  });
});

describe('"llego en 40" while holding an offer and no job: a yes, and the customer hears when', () => {
  const accepted: JobDetails = {
    requestId: 91,
    serviceName: PLUMBING,
    lat: 19.4195,
    lng: -99.1617,
    address: 'Durango 200, Roma Norte',
    customer: {
      userId: 10,
      name: 'Raúl',
      phone: '525512340219',
      conversationKey: 'wa:5215512340219',
    },
    provider: {
      userId: 501,
      name: 'Plomería Díaz',
      phone: '525510000000',
      conversationKey: 'wa:5215510000000',
    },
  };
  const text = 'ahorita estoy terminando otro trabajo, llego en 40 min, ¿sí?';

  it('no active job: the offer held is accepted, and the customer is told about 40 min', () => {
    const s = new Script(providerMenu()).send(ev.text(text));
    s.answer('listMyJobs', { jobs: [] });
    expect(callOf(s.last, 'answerOffer').input).toMatchObject({
      offerId: null,
      providerUserId: 501,
      accept: true,
    });
    s.answer('answerOffer', { status: 'accepted', offerId: 5, job: accepted });
    expect(s.text()).toContain('¡El trabajo es tuyo!');
    expect(notifies(s.last).map((n) => [n.notice, n.to])).toEqual([
      ['offerAccepted', 'wa:5215512340219'],
      ['providerProgress', 'wa:5215512340219'],
    ]);
    expect(notifies(s.last)[1]?.data).toMatchObject({ progress: 'onTheWay', etaMinutes: 40 });
  });

  it('neither a job nor an offer: said so once, nothing accepted, nobody told', () => {
    const s = new Script(providerMenu()).send(ev.text(text));
    s.answer('listMyJobs', { jobs: [] }).answer('answerOffer', { status: 'none_open' });
    expect(s.text()).toContain('No tienes trabajos activos ahorita');
    expect(s.last.some((c) => c.kind === 'call')).toBe(false);
    expect(notifies(s.last)).toEqual([]);
  });

  it('with an active job it is news for that job, no offer is touched', () => {
    const s = new Script(providerMenu()).send(ev.text('llego en 40'));
    s.answer('listMyJobs', { jobs: [job()] });
    expect(s.last.some((c) => c.kind === 'call' && c.op === 'answerOffer')).toBe(false);
    expect(notifies(s.last)[0]?.data).toMatchObject({ progress: 'onTheWay', etaMinutes: 40 });
  });
});

describe('a provider asking about the job at hand', () => {
  it('"el cliente no contesta": what to do, then the job with its contact', () => {
    const s = new Script(providerMenu()).send(ev.text('el cliente no contesta'));
    expect(callOf(s.last, 'listMyJobs').input).toEqual({ providerUserId: 501 });
    s.answer('listMyJobs', { jobs: [job()] });
    expect(s.text()).toContain('Si el cliente no te contesta');
    expect(s.text()).toContain('https://wa.me/5215512340031');
  });

  it.each(['¿cuál es la dirección?', 'pásame el teléfono del cliente', "what's the address?"])(
    '%j shows the active job (address, map, contact)',
    (text) => {
      const s = new Script(providerMenu()).send(ev.text(text));
      s.answer('listMyJobs', { jobs: [job()] });
      expect(s.text()).toContain('Durango 45, Roma Nte.');
      expect(s.text()).not.toContain('Si el cliente no te contesta');
    },
  );
});
