/**
 * The problem said before it was asked (issue 14): a photo or voice note as the very first
 * message, or sent at the name question, is kept and reaches the request; "¿Qué pasa?" hears
 * "no sé" as nothing to add and "hola" as no problem at all.
 */
import { callOf, ev, fixture, profile, Script, SERVICES, user } from './harness';

const stored = (id: number, caption: string | null = null) => ({
  status: 'stored' as const,
  storedMediaId: id,
  mediaType: 'image' as const,
  sizeBytes: 2000,
  caption,
});

describe('a photo before the name', () => {
  it('as the first message: kept (saveMedia), the caption names the trade, the name is asked', () => {
    const s = new Script()
      .send(ev.media('image', { caption: 'así está la fuga debajo del fregadero' }))
      .answer('loadUser', { user: user({ name: null }), isNew: true });
    expect(s.name).toBe('askName');
    expect(callOf(s.last, 'saveMedia').input).toMatchObject({
      caption: 'así está la fuga debajo del fregadero',
    });
    expect(s.text()).toContain('Ya anoté lo que necesitas');
    expect(s.state).toMatchObject({ want: { service: 'plumbing' } });

    s.answer('saveMedia', stored(41, 'así está la fuga debajo del fregadero'));
    expect(s.last).toEqual([]); // kept quietly: the name question is still open
    expect(s.state).toMatchObject({ want: { problem: { mediaIds: [41] } } });

    s.send(ev.text('Jesús')).answer('saveUser', { user: user({ name: 'Jesús' }) });
    s.answer('listServiceTypes', { services: SERVICES });
    // The trade and the problem were said: straight to where, with the photo in the problem.
    expect(s.name).toBe('shareLocation');
    expect(s.state).toMatchObject({
      problem: { text: 'así está la fuga debajo del fregadero', mediaIds: [41] },
    });
  });

  it('a voice note with no words: kept, then the services list (the trade is not known)', () => {
    const s = new Script()
      .send(ev.media('audio', { voice: true }))
      .answer('loadUser', { user: user({ name: null }), isNew: true });
    expect(callOf(s.last, 'saveMedia').input).toMatchObject({ mediaType: 'audio', voice: true });
    expect(s.text()).toContain('Se lo paso al proveedor');
    s.answer('saveMedia', { ...stored(42), mediaType: 'audio' });
    s.send(ev.text('Paulina')).answer('saveUser', { user: user({ name: 'Paulina' }) });
    s.answer('listServiceTypes', { services: SERVICES });
    expect(s.name).toBe('chooseService');
    s.send(ev.row('svc:2'));
    // The voice note is the problem: "¿Qué pasa?" is not asked again.
    expect(s.name).toBe('shareLocation');
    expect(s.state).toMatchObject({ problem: { mediaIds: [42] } });
  });

  it('sent at the name question: kept, and the name asked again', () => {
    const s = new Script(fixture('askName')).send(ev.media('image'));
    expect(callOf(s.last, 'saveMedia')).toBeDefined();
    expect(s.name).toBe('askName');
    expect(s.text()).toContain('nombre');
  });

  it('a photo saved after the person moved on is added to the problem of the step they are in', () => {
    // The save finishes late, while the person is already being asked where.
    const where = new Script({
      name: 'shareLocation',
      profile: profile(),
      service: { id: 2, name: SERVICES[1]!.name },
      place: null,
      problem: { text: 'se fue la luz', mediaIds: [] },
    });
    where.send(ev.ok('saveMedia', stored(43), 'media.early'));
    expect(where.state).toMatchObject({ problem: { text: 'se fue la luz', mediaIds: [43] } });
  });

  it('a photo too large is refused with the reason, and the question stays', () => {
    const s = new Script(fixture('askName')).send(
      ev.ok(
        'saveMedia',
        {
          status: 'too_large',
          mediaType: 'image',
          sizeBytes: 9e7,
          maxBytes: 5 * 1024 * 1024,
          reason: 'x',
        },
        'media.early',
      ),
    );
    expect(s.text()).toContain('muy pesado');
    expect(s.name).toBe('askName');
  });
});

describe('a photo from the menu', () => {
  it('with a caption that names the trade skips the services list', () => {
    const s = new Script(fixture('mainMenu')).send(
      ev.media('image', { caption: 'se quemó el contacto' }),
    );
    s.answer('saveMedia', stored(44, 'se quemó el contacto'));
    expect(s.state).toMatchObject({ want: { service: 'electrical' } });
    s.answer('listServiceTypes', { services: SERVICES });
    expect(s.name).toBe('shareLocation');
  });
});

describe('"¿Qué pasa?" listens', () => {
  it.each(['no', 'nada', 'no sé', 'ni idea', 'omitir', 'ok', '👍', 'va'])(
    '"%s" is nothing to add: on to where',
    (text) => {
      const s = new Script(fixture('describeProblem')).send(ev.text(text));
      expect(s.name).toBe('shareLocation');
      expect(s.state).toMatchObject({ problem: { text: null } });
    },
  );

  it.each(['q onda', 'hola'])('"%s" is not a problem: asked again', (text) => {
    const s = new Script(fixture('describeProblem')).send(ev.text(text));
    expect(s.name).toBe('describeProblem');
    expect(s.text()).toContain('No entendí qué pasa');
  });
});

describe('a location pin before the name', () => {
  it('is kept: "guardé tu ubicación", then the name, then which service, then the search runs there', () => {
    const s = new Script(fixture('askName')).send(ev.location(19.41, -99.16));
    expect(s.text()).toContain('Guardé tu ubicación');
    expect(s.text()).not.toContain('no necesito una ubicación');
    expect(s.state).toMatchObject({ name: 'askName', want: { place: { lat: 19.41 } } });
    s.send(ev.text('Lalo')).answer('saveUser', { user: user({ name: 'Lalo' }) });
    s.answer('listServiceTypes', { services: SERVICES });
    expect(s.name).toBe('chooseService');
    s.send(ev.row('svc:1')).send(ev.text('gotea la llave del baño'));
    expect(callOf(s.last, 'findCandidates').input).toMatchObject({ lat: 19.41, lng: -99.16 });
  });
});

describe('a location pin before the service', () => {
  it('from the menu: kept; the service is asked, then "¿Qué pasa?", then the search runs there', () => {
    const s = new Script(fixture('mainMenu')).send(ev.location(19.41, -99.16));
    expect(s.text()).not.toContain('no necesito una ubicación');
    s.answer('listServiceTypes', { services: SERVICES });
    expect(s.name).toBe('chooseService');
    expect(s.text()).toContain('Listo, ya tengo tu ubicación');
    s.send(ev.row('svc:1'));
    expect(s.name).toBe('describeProblem');
    s.send(ev.text('gotea la llave del baño'));
    expect(callOf(s.last, 'findCandidates').input).toMatchObject({ lat: 19.41, lng: -99.16 });
    expect(s.text()).toContain('Gracias, se lo paso al proveedor');
  });

  it('then "necesito un plomero": the place is kept for the request named in words', () => {
    const s = new Script(fixture('mainMenu')).send(ev.location(19.41, -99.16));
    s.answer('listServiceTypes', { services: SERVICES });
    s.send(ev.text('necesito un plomero, se salió el agua del boiler'));
    s.answer('listServiceTypes', { services: SERVICES });
    // Trade and problem said, place shared: straight to the search.
    expect(callOf(s.last, 'findCandidates').input).toMatchObject({ lat: 19.41, serviceTypeId: 1 });
  });
});

describe('an address typed at the menu before the service', () => {
  it.each([
    ['Av. Insurgentes Sur 1234, Del Valle', 'Av. Insurgentes Sur 1234, Del Valle', 'address'],
    ['mi dirección es Álvaro Obregón 30, Roma Nte', 'Álvaro Obregón 30, Roma Nte', 'address'],
    ['cp 06700', '06700', 'postalCode'],
  ] as const)('%j: geocoded, kept like a pin, then which service', (text, query, kind) => {
    const s = new Script(fixture('mainMenu')).send(ev.text(text));
    expect(s.text()).not.toMatch(/No entendí/);
    expect(callOf(s.last, 'geocodeAddress').input).toEqual({ query, kind, country: 'MX' });
    s.answer('geocodeAddress', {
      status: 'found',
      lat: 19.38,
      lng: -99.17,
      label: 'Del Valle, CDMX',
    });
    s.answer('listServiceTypes', { services: SERVICES });
    expect(s.name).toBe('chooseService');
    expect(s.text()).toContain('anoté la dirección: Del Valle, CDMX');
    s.send(ev.row('svc:1')).send(ev.text('gotea la llave de la cocina'));
    expect(callOf(s.last, 'findCandidates').input).toMatchObject({ lat: 19.38, lng: -99.17 });
  });

  it('an address that is not found says so and keeps the menu', () => {
    const s = new Script(fixture('mainMenu')).send(ev.text('Calle Inventada 999, col. Nada'));
    s.answer('geocodeAddress', { status: 'not_found' });
    expect(s.name).toBe('mainMenu');
    expect(s.text()).toContain('No encontré');
  });

  it.each(['tengo 2 baños tapados', 'hola 123', 'asdf 45'])(
    '%j is not taken for an address',
    (text) => {
      const s = new Script(fixture('mainMenu')).send(ev.text(text));
      expect(s.last.some((c) => c.kind === 'call' && c.op === 'geocodeAddress')).toBe(false);
    },
  );
});

describe('taking back the service chosen', () => {
  it.each([
    ['describeProblem', 'mejor un electricista', 'electrical'],
    ['describeProblem', 'me equivoqué, era cerrajero', 'locksmith'],
    ['shareLocation', 'un cerrajero', 'locksmith'],
  ] as const)(
    'at %s, %j starts over with that service (never the problem, never an address)',
    (at, text, code) => {
      const s = new Script(fixture(at)).send(ev.text(text));
      expect(s.last.some((c) => c.kind === 'call' && c.op === 'geocodeAddress')).toBe(false);
      expect(s.state).toMatchObject({ name: 'mainMenu', want: { service: code } });
      s.answer('listServiceTypes', { services: SERVICES });
      expect(s.state).toMatchObject({
        name: 'describeProblem',
        service: { id: code === 'electrical' ? 2 : 3 },
      });
    },
  );

  it.each(['plomero', 'se tapó el baño', 'el electricista dijo que era la tubería'])(
    'at describeProblem (Plomería), %j is not a switch',
    (text) => {
      const s = new Script(fixture('describeProblem')).send(ev.text(text));
      expect(s.name).toBe('shareLocation');
    },
  );

  it('an address typed at "¿Qué pasa?" answers where, it is not the problem', () => {
    const s = new Script(fixture('describeProblem')).send(ev.text('Durango 45, col. Roma Norte'));
    expect(callOf(s.last, 'geocodeAddress').input).toMatchObject({ kind: 'address' });
    expect(s.state).not.toHaveProperty('problem.text', 'Durango 45, col. Roma Norte');
  });

  it('a problem that says its street is still the problem, and the street is where', () => {
    const leak = new Script(fixture('describeProblem')).send(
      ev.text('hay una fuga de agua en la calle 5 de mayo 12'),
    );
    // The street stays out of the problem: providers read it before they accept.
    expect(leak.state).toMatchObject({
      name: 'shareLocation',
      problem: { text: 'hay una fuga de agua' },
      typed: 'calle 5 de mayo 12',
    });
    expect(callOf(leak.last, 'geocodeAddress').input).toEqual({
      query: 'calle 5 de mayo 12',
      kind: 'address',
      country: 'MX',
    });
    // Not placed: the street is kept and only the colonia is asked for.
    leak.answer('geocodeAddress', { status: 'not_found' });
    expect(leak.text()).toContain('Anoté *calle 5 de mayo 12*, pero me falta la colonia');
    expect(leak.state).toMatchObject({ street: 'calle 5 de mayo 12' });
  });
});

describe('the request said again while its questions are open', () => {
  it.each([
    ['necesito plomero', undefined],
    ['¡urgente!!', 'Entiendo que es urgente'],
  ])('at "¿Qué pasa?", %j is nothing to add: on to where, never the problem', (text, lead) => {
    const s = new Script(fixture('describeProblem')).send(ev.text(text));
    expect(s.name).toBe('shareLocation');
    expect(s.state).toMatchObject({ problem: { text: null } });
    expect(s.text()).not.toContain('se lo paso al proveedor');
    if (lead) expect(s.text()).toContain(lead);
  });

  it('at "¿a dónde?", "¡urgente!" is answered and where asked again; never geocoded', () => {
    const s = new Script(fixture('shareLocation')).send(ev.text('urgente!! porfa'));
    expect(s.last.some((c) => c.kind === 'call')).toBe(false);
    expect(s.text()).toContain('En cuanto me digas dónde, busco a alguien');
    expect(s.name).toBe('shareLocation');
    // The request again: just the question, nothing added to the problem.
    const again = new Script(fixture('shareLocation')).send(ev.text('necesito un plomero'));
    expect(again.last.some((c) => c.kind === 'call')).toBe(false);
    expect(again.state).not.toHaveProperty('problem.text');
  });

  it('a word of the trouble is kept ("fuga", "se tapó el baño")', () => {
    const s = new Script(fixture('describeProblem')).send(ev.text('se tapó el baño'));
    expect(s.state).toMatchObject({ problem: { text: 'se tapó el baño' } });
  });
});
