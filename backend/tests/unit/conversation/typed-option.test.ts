/**
 * Typed answers to the options on screen: "sí", "el segundo", "Reservar", "Díaz", "cualquiera"
 * count as the tap they name; vague text and sentences are left to the understanding layer.
 */
import { pickOption } from '../../../src/conversation/flows/typed-option';
import { callOf, ev, fixture, ids, Script } from './harness';

const PROVIDERS = [
  { id: 'pick:1', title: 'Plomería Díaz', row: true },
  { id: 'pick:2', title: 'Plomería Gómez', row: true },
  { id: 'pick:3', title: 'Adriana Aguilar', row: true },
  { id: 'pick:auto', title: 'Que la app elija', row: true },
];
const CARD = [
  { id: 'book:1', title: 'Reservar' },
  { id: 'back', title: 'Volver' },
];

const PLACE = [
  { id: 'place:yes', title: 'Sí, ahí' },
  { id: 'place:no', title: 'No, es otro lugar' },
];

describe('pickOption', () => {
  it.each([
    ['el primero', PROVIDERS, 'pick:1'],
    ['la segunda opción', PROVIDERS, 'pick:2'],
    ['the first one', PROVIDERS, 'pick:1'],
    ['3', PROVIDERS, 'pick:3'],
    ['quiero el de Díaz', PROVIDERS, 'pick:1'],
    ['adriana', PROVIDERS, 'pick:3'],
    ['que la app elija', PROVIDERS, 'pick:auto'],
    ['cualquiera', PROVIDERS, 'pick:auto'],
    ['el que esté disponible', PROVIDERS, 'pick:auto'],
    ['anyone please', PROVIDERS, 'pick:auto'],
    ['the closest one', PROVIDERS, 'pick:auto'],
    ['el más cercano', PROVIDERS, 'pick:auto'],
    ['reservar', CARD, 'book:1'],
    ['Reservar porfa', CARD, 'book:1'],
    ['resevar', CARD, 'book:1'],
    ['volver', CARD, 'back'],
    ['otro', CARD, 'back'],
    ['ver otros', CARD, 'back'],
    ['lo quiero', CARD, 'book:1'],
    ['ok', CARD, 'book:1'],
    ['sí, ese', CARD, 'book:1'],
    ['si', PLACE, 'place:yes'],
    ['Sí, ahí', PLACE, 'place:yes'],
    ['simon', PLACE, 'place:yes'],
    ['ok 👍', PLACE, 'place:yes'],
    ['no', PLACE, 'place:no'],
    ['nel', PLACE, 'place:no'],
  ])('"%s" names one option', (text, options, id) => {
    expect(pickOption(text, options)).toBe(id);
  });

  it.each([
    ['plomería', PROVIDERS], // two providers match: ambiguous
    ['necesito un plomero urgente', PROVIDERS], // a sentence, not a choice
    ['7', PROVIDERS], // no seventh option
    ['0', PROVIDERS],
    ['1', CARD], // buttons are not numbered on the phone: a digit names none of them
    ['el primero', CARD],
    ['es en otro lado', PLACE],
    ['', PROVIDERS],
    ['cualquiera', CARD], // nothing to let the app choose here
  ])('"%s" is left to the understanding layer', (text, options) => {
    expect(pickOption(text, options)).toBeNull();
  });
});

describe('typed choices in the conversation', () => {
  it('"el segundo" in the providers list opens the second provider', () => {
    const s = new Script(fixture('browseProviders')).send(ev.text('el segundo'));
    expect(callOf(s.last, 'getProviderDetail').input).toMatchObject({ providerUserId: 502 });
  });

  it('a provider typed by name opens that provider', () => {
    const s = new Script(fixture('browseProviders')).send(ev.text('María'));
    expect(callOf(s.last, 'getProviderDetail').input).toMatchObject({ providerUserId: 502 });
  });

  it('"cualquiera" lets the app choose: the request is created at once', () => {
    const s = new Script(fixture('browseProviders')).send(ev.text('cualquiera'));
    expect(callOf(s.last, 'createRequest').input).toMatchObject({ serviceTypeId: 1 });
  });

  it('"reservar" typed on a provider\'s card books that provider', () => {
    const s = new Script(fixture('providerDetail')).send(ev.text('reservar'));
    expect(callOf(s.last, 'createRequest').input).toMatchObject({ customerUserId: 10 });
  });

  it('"sí" typed at "¿Es ahí?" searches there; "no" asks for the place again', () => {
    const confirm = {
      ...fixture('shareLocation'),
      confirm: { lat: 19.41, lng: -99.16, label: 'Roma Norte, CDMX' },
    };
    const yes = new Script(confirm).send(ev.text('si'));
    expect(callOf(yes.last, 'findCandidates').input).toMatchObject({ lat: 19.41, lng: -99.16 });
    const no = new Script(confirm).send(ev.text('no'));
    expect(no.last.some((c) => c.kind === 'call')).toBe(false);
    expect(no.state).toMatchObject({ name: 'shareLocation', place: null });
    expect(no.state).not.toHaveProperty('confirm');
  });

  it('a sentence in the providers list is not taken as a choice', () => {
    const s = new Script(fixture('browseProviders')).send(ev.text('cuánto cobran?'));
    expect(s.last.some((c) => c.kind === 'call')).toBe(false);
    expect(ids(s.last)).toContain('pick:auto');
  });
});

describe('a new pin while choosing a provider', () => {
  it.each(['browseProviders', 'providerDetail'] as const)(
    'in %s: the same service is searched around the new place',
    (name) => {
      const s = new Script(fixture(name)).send(ev.location(19.35, -99.16));
      expect(s.name).toBe('shareLocation');
      expect(callOf(s.last, 'findCandidates').input).toMatchObject({
        serviceTypeId: 1,
        lat: 19.35,
        lng: -99.16,
      });
      expect(s.text()).not.toContain('no necesito una ubicación');
    },
  );
});

describe('while waiting for the provider', () => {
  // ("mejor otro" asks whether to look for someone else: step-replace-provider.test.ts)
  it.each(['urge por favor', 'ya tardó mucho'])(
    '"%s" is answered as impatience, not as nonsense',
    (text) => {
      const s = new Script(fixture('awaitingProvider')).send(ev.text(text));
      expect(s.text()).toContain('Sigo al pendiente de tu solicitud');
      expect(s.text()).not.toMatch(/no entend/i);
      expect(s.name).toBe('awaitingProvider');
    },
  );
});
