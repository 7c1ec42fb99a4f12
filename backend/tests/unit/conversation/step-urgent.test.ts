/**
 * "¡Urgente!" reaches the providers: said with the request, at "¿Qué pasa?" or at "¿a dónde?",
 * it goes with the problem to the request, and the offer opens with it (the template's service
 * parameter says so outside the 24 h window).
 */
import { t } from '../../../src/conversation/locales';
import { offerMessage } from '../../../src/conversation/render/provider';
import { SERVICES, Script, callOf, ev, fixture, sentText } from './harness';
import { World } from './world';

const OFFER = {
  offerId: 9,
  requestId: 77,
  serviceName: SERVICES[0]!.name,
  distanceKm: 1.2,
  area: 'Roma Norte',
  answerWithinMinutes: 2,
};

describe('an urgent request', () => {
  it('the offer opens with it; the template says it with the service', () => {
    const urgent = offerMessage('es', { ...OFFER, urgent: true });
    expect(sentText([urgent])).toMatch(/^⚡ \*Urgente\*/);
    expect(urgent).toMatchObject({
      fallback: { params: ['Plomería (urgente)', '1.2 km', 'Roma Norte', '2'] },
    });
    const calm = offerMessage('en', OFFER);
    expect(sentText([calm])).not.toContain(t('en', 'offer.urgent'));
  });

  it('"¡urgente!" at "¿Qué pasa?" and at "¿a dónde?" marks the request', () => {
    const atProblem = new Script(fixture('describeProblem')).send(ev.text('¡urgente!'));
    expect(atProblem.state).toMatchObject({ name: 'shareLocation', problem: { urgent: true } });
    const atPlace = new Script(fixture('shareLocation')).send(ev.text('urgente porfa'));
    expect(atPlace.state).toMatchObject({ name: 'shareLocation', problem: { urgent: true } });
  });

  it('journey: "necesito un plomero urgente" → booked → the provider reads it first', () => {
    const ANA = 'wa:5215512345678';
    const JUAN = 'wa:5215511110000';
    const w = new World();
    w.addProvider(JUAN, 'Juan', { lat: 19.4326, lng: -99.1332 });
    w.text(ANA, 'hola', 'Ana').tap(ANA, 'name:profile');
    w.text(ANA, 'necesito un plomero urgente');
    w.text(ANA, 'se rompió el tubo de la cocina');
    w.location(ANA, 19.4326, -99.1332);
    w.row(ANA, 'pick:auto');
    expect(w.requests[0]).toMatchObject({ urgent: true });
    expect(w.take(JUAN)).toContain('⚡ *Urgente*');
  });

  it('a calm request is not marked', () => {
    const s = new Script({ ...fixture('browseProviders') }).send(ev.row('pick:auto'));
    expect(callOf(s.last, 'createRequest').input).not.toHaveProperty('urgent');
  });
});
