/**
 * Outside the covered area: the customer hears "Aún no llegamos a Monterrey" (not "nobody is
 * available, try later"), can ask to be told when we arrive, and gets a kind confirmation.
 */
import { areaCell, cellCentre, parseTap, tapId } from '../../../src/conversation/ids';
import type { Coverage } from '../../../src/conversation/operations';
import type { ActiveState } from '../../../src/conversation/state';
import { CANDIDATES, Script, callOf, ev, ids, profile, sentMessages } from './harness';
import { World } from './world';

const MONTERREY = { lat: 25.6866, lng: -100.3161 };
const served = [{ es: 'Ciudad de México', en: 'Mexico City' }];
const outside = (
  place: Extract<Coverage, { covered: false }>['place'] = { es: 'Monterrey', en: 'Monterrey' },
): Coverage => ({
  covered: false,
  place,
  served,
});

function atLocation(locale: 'es' | 'en' = 'es'): Script {
  const share: ActiveState = {
    name: 'shareLocation',
    profile: profile({ locale }),
    service: { id: 2, name: { es: 'Electricidad', en: 'Electrical' } },
    place: null,
  };
  return new Script(share).send(ev.location(MONTERREY.lat, MONTERREY.lng));
}

describe('out of coverage', () => {
  it('says where we are not yet and where we are, and offers to let them know', () => {
    const s = atLocation().answer('findCandidates', { candidates: [], coverage: outside() });
    expect(s.name).toBe('mainMenu');
    expect(s.text()).toContain('Aún no llegamos a Monterrey');
    expect(s.text()).toContain('Por ahora damos servicio en Ciudad de México');
    expect(s.text()).not.toMatch(/más tarde|en un rato|nadie está disponible/);
    const [message] = sentMessages(s.last);
    if (message?.type !== 'buttons') throw new Error('buttons expected');
    expect(message.buttons.map((b) => b.title)).toEqual(['Sí, avísame', 'Menú']);
    // The button carries the ~1 km area of the pin, not the exact point.
    const tap = parseTap(message.buttons[0]!.id);
    expect(tap).toEqual({ kind: 'waitlist.join', ...areaCell(MONTERREY.lat, MONTERREY.lng) });
    const centre = cellCentre(tap as { latCell: number; lngCell: number });
    expect(centre.lat).toBeCloseTo(25.69, 2);
    expect(centre.lng).toBeCloseTo(-100.32, 2);
  });

  it('says "tu zona" when the place is not a city we know, and speaks English to English speakers', () => {
    expect(
      atLocation()
        .answer('findCandidates', { candidates: [], coverage: outside(null) })
        .text(),
    ).toContain('Aún no llegamos a tu zona');
    const en = atLocation('en').answer('findCandidates', { candidates: [], coverage: outside() });
    expect(en.text()).toContain("We're not in Monterrey yet");
    expect(en.text()).toContain('For now we serve Mexico City');
    expect(ids(en.last)[1]).toBe('menu:open');
  });

  it('still lists providers who do reach the point, and keeps "nobody free now" inside coverage', () => {
    const reached = atLocation().answer('findCandidates', {
      candidates: CANDIDATES,
      coverage: outside(),
    });
    expect(reached.name).toBe('browseProviders');
    const inside = atLocation().answer('findCandidates', {
      candidates: [],
      coverage: { covered: true },
    });
    expect(inside.text()).toContain(
      '*Electricidad*: ahora mismo no hay nadie disponible cerca de ti',
    );
    expect(inside.text()).not.toContain('Aún no llegamos');
  });

  it('"Sí, avísame" records the wish for that area and confirms kindly, in any state', () => {
    const cell = areaCell(MONTERREY.lat, MONTERREY.lng);
    const s = new Script({ name: 'mainMenu', profile: profile() }).send(
      ev.button(tapId({ kind: 'waitlist.join', ...cell })),
    );
    const call = callOf(s.last, 'joinWaitlist');
    expect(call.input).toEqual({ userId: 10, ...cellCentre(cell) });
    s.answer('joinWaitlist', { status: 'joined', place: { es: 'Monterrey', en: 'Monterrey' } });
    expect(s.name).toBe('mainMenu');
    expect(s.text()).toContain('¡Listo! Te escribimos en cuanto lleguemos a Monterrey');
    expect(s.text()).toContain('¿En qué te ayudo?');

    const again = new Script({ name: 'mainMenu', profile: profile({ locale: 'en' }) })
      .send(ev.button(tapId({ kind: 'waitlist.join', ...cell })))
      .answer('joinWaitlist', { status: 'already', place: null });
    expect(again.text()).toContain("Done! We'll message you as soon as we get to your area");

    const failed = new Script({ name: 'mainMenu', profile: profile() })
      .send(ev.button(tapId({ kind: 'waitlist.join', ...cell })))
      .failCall('joinWaitlist');
    expect(failed.text()).toContain('algo falló de nuestro lado');
  });
});

describe('out of coverage, end to end in the simulated world', () => {
  it('a typed city, a shared pin, and a New York address all get "not there yet"; the waitlist keeps one row per place', () => {
    const w = new World();
    const KEY = 'wa:5218111112222';
    w.text(KEY, 'hola', 'Rosa');
    w.tap(KEY, 'name:profile');
    w.take(KEY);

    w.row(KEY, 'menu:new').row(KEY, 'svc:1').tap(KEY, 'problem:skip');
    w.text(KEY, 'Vivo en Monterrey, Nuevo León');
    expect(w.stateOf(KEY)).toBe('mainMenu');
    const [join] = w.lastIds(KEY);
    expect(join).toMatch(/^wait:/);
    expect(w.take(KEY)).toContain('Aún no llegamos a Monterrey');
    w.tap(KEY, join!);
    expect(w.take(KEY)).toContain('Te escribimos en cuanto lleguemos a Monterrey');
    w.tap(KEY, join!);
    expect(w.take(KEY)).toContain('Te escribimos en cuanto lleguemos a Monterrey');
    expect(w.waitlist).toEqual([{ userId: w.userByKey(KEY).id, place: 'Monterrey' }]);

    w.row(KEY, 'menu:new').row(KEY, 'svc:2').location(KEY, 32.5149, -117.0382);
    expect(w.take(KEY)).toContain('Aún no llegamos a Tijuana');

    w.row(KEY, 'menu:new')
      .row(KEY, 'svc:2')
      .tap(KEY, 'problem:skip')
      .text(KEY, '350 5th Ave, New York');
    expect(w.take(KEY)).toContain('Aún no llegamos a Nueva York');

    // A street named after a city, in a covered colonia, is not a city.
    w.row(KEY, 'menu:new')
      .row(KEY, 'svc:1')
      .tap(KEY, 'problem:skip')
      .text(KEY, 'Monterrey 120, Roma Norte');
    expect(w.take(KEY)).toContain('*Plomería*: ahora mismo no hay nadie disponible cerca de ti');
  });
});
