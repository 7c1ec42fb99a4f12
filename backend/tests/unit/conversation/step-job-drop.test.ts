/**
 * A provider who can no longer go to a job they accepted ("ya no puedo ir, se me ponchó la
 * llanta", "cancelar", "no puedo ir"): asked once, then the job goes back to searching, the
 * customer is told and their conversation offers it to someone else at once. Pure flows, plus a
 * journey across the conversations (World).
 */
import { t } from '../../../src/conversation/locales';
import {
  SERVICES,
  Script,
  activeJob,
  callOf,
  ev,
  fixture,
  ids,
  notifies,
  onlineProviderMenu,
} from './harness';
import { World } from './world';

const PLUMBING = SERVICES[0]!.name;
const providerMenu = onlineProviderMenu;
const job = activeJob;

describe('a provider gives back a job they accepted', () => {
  it.each(['ya no puedo ir, se me ponchó la llanta', 'cancelar', "sorry, I can't make it"])(
    '%j with one active job asks first, naming the customer; nothing is given back yet',
    (text) => {
      const s = new Script(providerMenu()).send(ev.text(text));
      expect(callOf(s.last, 'listMyJobs').input).toEqual({ providerUserId: 501 });
      s.answer('listMyJobs', { jobs: [job()] });
      expect(s.text()).toMatch(/Pepe/);
      expect(ids(s.last)).toEqual(['job:drop:77', 'job:keep:77']);
      expect(s.last.some((c) => c.kind === 'call')).toBe(false);
    },
  );

  it('"Ya no puedo ir" gives it back: the customer is told, the provider thanked', () => {
    const s = new Script(providerMenu()).send(ev.button('job:drop:77'));
    expect(callOf(s.last, 'dropJob').input).toEqual({
      idempotencyKey: expect.any(String),
      requestId: 77,
      providerUserId: 501,
    });
    s.answer('dropJob', {
      status: 'dropped',
      requestId: 77,
      serviceName: PLUMBING,
      providerName: 'Plomería Gómez',
      customer: { conversationKey: 'wa:5215512340031' },
    });
    expect(notifies(s.last)).toEqual([
      {
        kind: 'notify',
        to: 'wa:5215512340031',
        notice: 'jobDropped',
        data: { requestId: 77, serviceName: PLUMBING, providerName: 'Plomería Gómez' },
      },
    ]);
    expect(s.text()).toContain(t('es', 'drop.done'));
  });

  it('"Sí voy" keeps it: nothing changes', () => {
    const s = new Script(providerMenu()).send(ev.button('job:keep:77'));
    expect(s.last.some((c) => c.kind === 'call')).toBe(false);
    expect(s.text()).toContain('el trabajo sigue siendo tuyo');
  });

  it('a job finished meanwhile, or not theirs: said plainly, nobody told', () => {
    const done = new Script(providerMenu()).send(ev.button('job:drop:77'));
    done.answer('dropJob', { status: 'already_done', requestId: 77 });
    expect(done.text()).toContain(t('es', 'job.alreadyCompleted'));
    expect(notifies(done.last)).toEqual([]);
    const other = new Script(providerMenu()).send(ev.button('job:drop:77'));
    other.answer('dropJob', { status: 'not_allowed', requestId: 77 });
    expect(notifies(other.last)).toEqual([]);
  });

  it('with several active jobs which one is not guessed: each card has its own "Ya no puedo ir"', () => {
    const s = new Script(providerMenu()).send(ev.text('ya no puedo ir'));
    s.answer('listMyJobs', { jobs: [job(), job({ requestId: 78, customerName: 'Lupita' })] });
    expect(s.text()).toContain('Tienes 2 trabajos activos');
    expect(s.text()).toContain('hablar con una persona');
    // Nothing given back yet: the provider picks the card.
    expect(s.last.some((c) => c.kind === 'call')).toBe(false);
    expect(ids(s.last)).toEqual(['job:done:77', 'job:drop:77', 'job:done:78', 'job:drop:78']);
    // "Mis trabajos" alone keeps one button per card.
    const list = new Script(providerMenu()).send(ev.button('menu:jobs'));
    list.answer('listMyJobs', { jobs: [job(), job({ requestId: 78 })] });
    expect(ids(list.last)).toEqual(['job:done:77', 'job:done:78']);
  });

  it('"cancelar" from a provider with no job is their own open request, as for anyone', () => {
    const s = new Script(providerMenu()).send(ev.text('cancelar'));
    s.answer('listMyJobs', { jobs: [] });
    expect(callOf(s.last, 'listMyRequests').input).toMatchObject({ customerUserId: 501 });
  });

  it('a typed "no puedo ir" with no offer open is about their job', () => {
    const s = new Script(providerMenu()).send(ev.text('no puedo ir'));
    expect(callOf(s.last, 'answerOffer').input).toMatchObject({ accept: false, offerId: null });
    s.answer('answerOffer', { status: 'none_open' });
    s.answer('listMyJobs', { jobs: [job()] });
    expect(ids(s.last)).toEqual(['job:drop:77', 'job:keep:77']);
    // With no job either: "no open offer", as before.
    const none = new Script(providerMenu()).send(ev.text('no puedo ir'));
    none.answer('answerOffer', { status: 'none_open' }).answer('listMyJobs', { jobs: [] });
    expect(none.text()).toContain(t('es', 'offer.noneOpen'));
  });

  it('the customer hears it and waits again while someone else is offered the request', () => {
    const s = new Script(fixture('mainMenu')).send(
      ev.notice('jobDropped', {
        requestId: 77,
        serviceName: PLUMBING,
        providerName: 'Plomería Gómez',
      }),
    );
    expect(s.text()).toContain('Plomería Gómez ya no puede ir');
    expect(s.state).toMatchObject({ name: 'awaitingProvider', requestId: 77 });
    expect(callOf(s.last, 'offerRequest').input).toMatchObject({ requestId: 77 });
  });
});

describe('journey: accepted, then "ya no puedo ir"', () => {
  it('the job goes to the next provider; the one who dropped it is never offered it again', () => {
    const ANA = 'wa:5215512345678';
    const JUAN = 'wa:5215511110000';
    const LUIS = 'wa:5215511110001';
    const w = new World();
    w.addProvider(JUAN, 'Juan', { lat: 19.4326, lng: -99.1332 });
    w.addProvider(LUIS, 'Luis', { lat: 19.4336, lng: -99.1342 });
    const juan = w.bookWith(ANA, 'Ana', JUAN);
    w.text(JUAN, 'ya no puedo ir, se me ponchó la llanta');
    expect(w.take(JUAN)).toContain('¿Ya no puedes ir con Ana');
    w.tap(JUAN, `job:drop:${w.requests[0]!.id}`);
    expect(w.take(JUAN)).toContain(t('es', 'drop.done'));
    expect(w.take(ANA)).toContain('Juan ya no puede ir');
    // Offered to Luis at once; Juan gets nothing more about it.
    expect(w.offers.filter((o) => o.providerId === w.userByKey(LUIS).id)).toHaveLength(1);
    expect(w.offers.filter((o) => o.providerId === juan)).toHaveLength(1);
    const luisOffer = w.offers.find((o) => o.providerId === w.userByKey(LUIS).id)!;
    w.tap(LUIS, `offer:accept:${luisOffer.id}`);
    expect(w.take(ANA)).toContain('Luis');
  });
});
