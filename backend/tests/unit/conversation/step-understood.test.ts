/**
 * Free text read by the understanding layer (issue 13): a request in the first message is kept
 * across the name question, the name question listens, the name can be changed at any time, an
 * English first message is answered in English, and questions outside a step get real answers.
 */
import type { ActiveState } from '../../../src/conversation/state';
import { tapId } from '../../../src/conversation/ids';
import {
  callOf,
  ev,
  fixture,
  ids,
  profile,
  providerProfile,
  Script,
  SERVICES,
  user,
} from './harness';

/** The gazetteer placed a typed address in Roma Norte. */
const ROMA_NORTE_FOUND = {
  status: 'found',
  lat: 19.4195,
  lng: -99.1617,
  label: 'Roma Norte, Cuauhtémoc, CDMX',
  matchedBy: 'neighbourhood',
} as const;

const newUser = (text: string, profileName = 'Ana María') =>
  new Script()
    .send(ev.text(text, profileName))
    .answer('loadUser', { user: user({ name: null }), isNew: true });

describe('a request in the first message', () => {
  it.each([
    ['Buenas, ocupo un cerrajero, me quedé afuera de mi casa', 'locksmith', 'Cerrajería'],
    ['necesito un plomero urgente, se está saliendo el agua', 'plumbing', 'Plomería'],
    ['se fue la luz en toda la casa', 'electrical', 'Electricidad'],
    ['hola buenas tardes, ocupo electrisista xfa', 'electrical', 'Electricidad'],
  ])(
    '"%s" is remembered across the name question and goes straight to the location',
    (text, code, name) => {
      const s = newUser(text);
      expect(s.name).toBe('askName');
      expect(s.state).toMatchObject({ want: { service: code } });
      expect(s.text()).toContain('¿Cómo te llamas?');
      s.send(ev.text('Sofía')).answer('saveUser', { user: user({ name: 'Sofía' }) });
      // The menu is skipped: the service list is loaded to resolve the service, then the location.
      s.answer('listServiceTypes', { services: SERVICES });
      expect(s.name).toBe('shareLocation');
      expect(s.state).toMatchObject({ service: { name: { es: name } } });
      expect(s.text()).toContain('Mucho gusto, Sofía');
    },
  );

  it('an urgent request says so when it asks where', () => {
    const s = newUser('URGENTE necesito plomero ya');
    s.send(ev.text('Pedro'))
      .answer('saveUser', { user: user({ name: 'Pedro' }) })
      .answer('listServiceTypes', { services: SERVICES });
    expect(s.text()).toContain('urgente');
  });

  it('the address said with the request is placed after the name, never asked for', () => {
    const s = newUser(
      'Hola buenas tardes, necesito un electricista urgente en Av. Álvaro Obregón 120, Roma Norte, se fue la luz en toda la casa',
    );
    expect(s.state).toMatchObject({
      want: { service: 'electrical', urgent: true, address: 'Av. Álvaro Obregón 120, Roma Norte' },
    });
    s.send(ev.text('Lupita'))
      .answer('saveUser', { user: user({ name: 'Lupita' }) })
      .answer('listServiceTypes', { services: SERVICES });
    expect(callOf(s.last, 'geocodeAddress').input).toEqual({
      query: 'Av. Álvaro Obregón 120, Roma Norte',
      kind: 'address',
      country: 'MX',
    });
    expect(s.text()).toContain('anoté la dirección: Av. Álvaro Obregón 120, Roma Norte');
    expect(s.last.some((c) => c.kind === 'send' && c.message.type === 'locationRequest')).toBe(
      false,
    );
    s.answer('geocodeAddress', ROMA_NORTE_FOUND);
    // The street as typed is the job's address; the rest of the message is the problem, without
    // the street (providers read the problem before they accept, and see only the area).
    expect(s.state).toMatchObject({
      name: 'shareLocation',
      place: { label: 'Av. Álvaro Obregón 120, Roma Norte', area: 'Roma Norte, Cuauhtémoc, CDMX' },
      problem: {
        text: 'Hola buenas tardes, necesito un electricista urgente, se fue la luz en toda la casa',
      },
    });
    expect(callOf(s.last, 'findCandidates').input).toMatchObject({ lat: 19.4195, lng: -99.1617 });
  });

  it('a postal code said with the request is confirmed, then searched', () => {
    const s = new Script(fixture('mainMenu')).send(ev.text('ocupo un plomero, mi cp es 06700'));
    s.answer('listServiceTypes', { services: SERVICES });
    // "ocupo un plomero" says nothing of the trouble: asked first, the code placed after.
    expect(s.name).toBe('describeProblem');
    s.send(ev.text('se tapó el fregadero'));
    expect(callOf(s.last, 'geocodeAddress').input).toEqual({
      query: '06700',
      kind: 'postalCode',
      country: 'MX',
    });
    s.answer('geocodeAddress', {
      status: 'found',
      lat: 19.4195,
      lng: -99.1617,
      label: 'Roma Norte, Cuauhtémoc, CDMX',
      matchedBy: 'postalCode',
    });
    expect(s.text()).toContain('Roma Norte, Cuauhtémoc, CDMX. ¿Es ahí?');
  });

  it('without the problem said, "¿Qué pasa?" is asked first, then the address said is placed', () => {
    const s = new Script(fixture('mainMenu')).send(ev.text('plomero en Durango 200'));
    s.answer('listServiceTypes', { services: SERVICES });
    expect(s.name).toBe('describeProblem');
    expect(s.state).toMatchObject({ address: 'Durango 200' });
    s.send(ev.text('gotea la llave del lavabo'));
    expect(callOf(s.last, 'geocodeAddress').input).toMatchObject({ query: 'Durango 200' });
    s.answer('geocodeAddress', { status: 'not_found' });
    expect(s.text()).toContain('Anoté *Durango 200*, pero me falta la colonia');
    s.send(ev.text('Roma Norte'));
    expect(callOf(s.last, 'geocodeAddress').input).toMatchObject({
      query: 'Durango 200, Roma Norte',
    });
  });

  it('an English first message is answered in English, and the request is kept', () => {
    const s = newUser('Hi, I need an electrician');
    expect(s.state).toMatchObject({ profile: { locale: 'en' }, want: { service: 'electrical' } });
    expect(s.text()).toContain("What's your name");
    s.send(ev.text('Tom')).answer('saveUser', { user: user({ name: 'Tom', locale: 'en' }) });
    expect(callOf(s.log, 'saveUser').input).toEqual({ name: 'Tom', locale: 'en' });
    s.answer('listServiceTypes', { services: SERVICES });
    expect(s.name).toBe('shareLocation');
    expect(s.text()).toContain('Electrical');
  });
});

describe('the name question listens', () => {
  it.each(['prefiero no decirlo', 'no quiero dar mi nombre'])(
    '%j: never blocked on it; the WhatsApp name is kept, and how to change it said',
    (text) => {
      const s = newUser('hola');
      s.send(ev.text(text));
      expect(callOf(s.last, 'saveUser').input).toEqual({ name: 'Ana María' });
      s.answer('saveUser', { user: user({ name: 'Ana María' }) });
      expect(s.name).toBe('mainMenu');
      expect(s.text()).toContain('te dejo como «Ana María», tu nombre de WhatsApp');
      expect(s.text()).not.toContain('Mucho gusto');
    },
  );

  it('"¿para qué quieres mi nombre?" is answered, and the name asked again', () => {
    const s = newUser('hola');
    s.send(ev.text('¿para qué quieres mi nombre?'));
    expect(s.name).toBe('askName');
    expect(s.text()).toContain('para que el proveedor sepa a quién va a atender');
  });

  it('a request typed at the name question is kept and the name asked again, never saved as a name', () => {
    const s = newUser('hola');
    s.send(ev.text('necesito un plomero urgente'));
    expect(s.name).toBe('askName');
    expect(s.state).toMatchObject({ want: { service: 'plumbing', urgent: true }, saving: null });
    expect(s.last.some((c) => c.kind === 'call' && c.op === 'saveUser')).toBe(false);
    expect(s.text()).toContain('Ya anoté lo que necesitas');
    s.send(ev.text('me llamo Ana Laura')).answer('saveUser', { user: user({ name: 'Ana Laura' }) });
    expect(s.text()).not.toContain('necesito un plomero');
    s.answer('listServiceTypes', { services: SERVICES });
    expect(s.name).toBe('shareLocation');
  });

  it('a hurried burst (request, hurry, more trouble, the address) keeps everything; nothing is a name', () => {
    const s = newUser('hola');
    s.send(ev.text('necesito plomero'));
    s.send(ev.text('urgente'));
    s.send(ev.text('se me inunda el baño'));
    expect(s.text()).toContain('Anotado');
    s.send(ev.text('estoy en Durango 200, Roma Norte'));
    expect(s.text()).toContain('Anoté la dirección');
    expect(s.log.some((c) => c.kind === 'call' && c.op === 'saveUser')).toBe(false);
    expect(s.state).toMatchObject({
      name: 'askName',
      want: {
        service: 'plumbing',
        urgent: true,
        address: 'Durango 200, Roma Norte',
        problem: { text: expect.stringContaining('se me inunda el baño') },
      },
    });
    s.send(ev.text('Prisa')).answer('saveUser', { user: user({ name: 'Prisa' }) });
    s.answer('listServiceTypes', { services: SERVICES });
    expect(callOf(s.last, 'geocodeAddress').input).toMatchObject({
      query: 'Durango 200, Roma Norte',
    });
  });

  it.each(['Durango 200, Roma Norte', 'calle 5 de mayo 12', 'CP 06700'])(
    '%j (an address) is not saved as a name',
    (text) => {
      const s = newUser('hola').send(ev.text(text));
      expect(s.last.some((c) => c.kind === 'call' && c.op === 'saveUser')).toBe(false);
      expect(s.name).toBe('askName');
      expect(s.text()).toContain('Anoté la dirección');
    },
  );

  it('offers the WhatsApp profile name and the other language as buttons', () => {
    const s = newUser('hola', 'Lupita');
    expect(ids(s.last)).toEqual([
      tapId({ kind: 'name.profile' }),
      tapId({ kind: 'lang.set', locale: 'en' }),
    ]);
  });

  it('"english please" switches the language and asks again', () => {
    const s = newUser('hola');
    s.send(ev.text('english please'));
    expect(s.name).toBe('askName');
    expect(s.state).toMatchObject({ profile: { locale: 'en' } });
    expect(s.text()).toContain('name');
  });

  it('a sentence that is not a name is not saved', () => {
    const s = newUser('hola');
    s.send(ev.text('para que quieres mi nombre'));
    expect(s.name).toBe('askName');
    expect(s.last.some((c) => c.kind === 'call' && c.op === 'saveUser')).toBe(false);
  });
});

describe('replies to the name question that are not a name', () => {
  const asked = (suggested: string | null) => ({ ...fixture('askName'), suggested });
  const saved = (s: Script) =>
    s.last.flatMap((c) => (c.kind === 'call' && c.op === 'saveUser' ? [c.input] : []));

  it.each(['no', 'si', 'ok', 'jaja', 'para qué?', 'prefiero no decir', 'nadie'])(
    '"%s" is never saved as a name; we say why we ask',
    (text) => {
      const s = new Script(asked(null)).send(ev.text(text));
      expect(saved(s)).toEqual([]);
      expect(s.text()).toContain('Lo uso para que el proveedor sepa a quién va a atender');
    },
  );

  it('"sí" / "sí, ese" to the WhatsApp name offered: that name', () => {
    for (const text of ['sí', 'sí, ese', 'ok'])
      expect(saved(new Script(asked('Lupita')).send(ev.text(text)))).toEqual([{ name: 'Lupita' }]);
  });

  it.each(['urgente!!', 'es urgente', 'rápido por favor', 'auxilio'])(
    '"%s" is a hurry kept for the request, never a name',
    (text) => {
      const s = new Script(asked(null)).send(ev.text(text));
      expect(saved(s)).toEqual([]);
      expect(s.state).toMatchObject({ name: 'askName', want: { urgent: true } });
      expect(s.text()).toContain('Ya anoté lo que necesitas');
    },
  );

  it('more of the same request in a row gets a short note, not the whole question each time', () => {
    const s = new Script(asked('Chava')).send(ev.text('necesito un plomero'));
    expect(s.text()).toContain('Ya anoté lo que necesitas');
    s.send(ev.text('urgente!!'));
    expect(s.text()).toBe('👍 Anotado. ¿Cómo te llamas?');
    s.send(ev.text('se está inundando el baño'));
    expect(s.text()).toBe('👍 Anotado. ¿Cómo te llamas?');
    expect(s.state).toMatchObject({
      name: 'askName',
      want: { service: 'plumbing', urgent: true, problem: { text: 'se está inundando el baño' } },
    });
    // The name's button (still on screen) and a typed name both work.
    s.send(ev.text('Chava'));
    expect(callOf(s.last, 'saveUser').input).toEqual({ name: 'Chava' });
  });

  it('"Simón" and "Vale" are names, not a yes', () => {
    expect(saved(new Script(asked('Lupita')).send(ev.text('Simón')))).toEqual([{ name: 'Simón' }]);
    expect(saved(new Script(asked(null)).send(ev.text('Vale')))).toEqual([{ name: 'Vale' }]);
  });
});

describe('changing the name at any time', () => {
  it('"no, me llamo Sofía" saves the new name and confirms', () => {
    const s = new Script(fixture('mainMenu'));
    s.send(ev.text('no, me llamo Sofía'));
    expect(callOf(s.last, 'saveUser').input).toEqual({ name: 'Sofía' });
    s.answer('saveUser', { user: user({ name: 'Sofía' }) });
    expect(s.text()).toContain('Sofía');
    expect(s.state).toMatchObject({ profile: { name: 'Sofía' } });
  });

  it('"cambiar mi nombre" asks for it, and the menu keeps working meanwhile', () => {
    const s = new Script(fixture('mainMenu'));
    s.send(ev.text('cambiar mi nombre'));
    expect(s.name).toBe('askName');
    expect(s.text()).toContain('¿Cómo quieres que te llame?');
    s.send(ev.text('Beto')).answer('saveUser', { user: user({ name: 'Beto' }) });
    expect(s.name).toBe('mainMenu');
    expect(s.text()).toContain('Beto');
  });
});

describe('questions outside a step', () => {
  it('"cuánto cobran?" gets an answer about prices, not "No entendí"', () => {
    const s = new Script(fixture('mainMenu')).send(ev.text('cuanto cobran?'));
    expect(s.text()).toContain('precio');
    expect(s.text()).not.toMatch(/no entend/i);
  });

  it('"el cerrajero no ha llegado" looks up the open request and tells its state', () => {
    const s = new Script(fixture('mainMenu')).send(ev.text('el cerrajero no ha llegado'));
    s.answer('listMyRequests', {
      requests: [
        {
          requestId: 7,
          serviceName: SERVICES[2]!.name,
          status: 'offered',
          createdAt: s.context.now - 10 * 60_000,
          providerName: null,
          providerPhone: null,
        },
      ],
    });
    expect(s.text()).toContain('Cerrajería');
    expect(ids(s.last)).toContain(tapId({ kind: 'req.cancel', requestId: 7 }));
  });

  it('"¿cuánto tarda?" while one provider has the request names who has it, not "looking for a provider"', () => {
    for (const [locale, text, expected] of [
      ['es', 'cuanto tarda??', 'Juan Pérez tiene tu solicitud y todavía no contesta'],
      ['en', 'is anyone coming?', "Juan Pérez has your request and hasn't answered yet"],
    ] as const) {
      const waiting = fixture('awaitingProvider');
      const s = new Script({ ...waiting, profile: { ...waiting.profile, locale } }).send(
        ev.text(text),
      );
      s.answer('listMyRequests', {
        requests: [
          {
            requestId: 77,
            serviceName: SERVICES[0]!.name,
            status: 'offered',
            createdAt: s.context.now - 60_000,
            providerName: null,
            providerPhone: null,
            offeredTo: 'Juan Pérez',
          },
        ],
      });
      expect(s.name).toBe('awaitingProvider');
      expect(s.text()).toContain(expected);
      expect(s.text()).not.toMatch(/buscando proveedor|looking for a provider/);
      expect(ids(s.last)).toContain(tapId({ kind: 'req.cancel', requestId: 77 }));
    }
  });

  it('"¿cuánto me va a cobrar?" while waiting gives the visit fee of the provider who has the request', () => {
    const waiting = fixture('awaitingProvider');
    const s = new Script({
      ...waiting,
      offered: { name: 'Juan Pérez', visitFee: 350 },
    }).send(ev.text('cuanto me va a cobrar'));
    expect(s.name).toBe('awaitingProvider');
    expect(s.text()).toContain('Costo de visita de Juan Pérez: $350');
    expect(s.text()).not.toContain('Te enseño calificaciones');
    // Without a known offer (an older state) the general answer is still right.
    const older = new Script(waiting).send(ev.text('cuanto me va a cobrar'));
    expect(older.text()).toContain('precio');
  });

  it('"ya viene?" while choosing a provider says nothing is booked yet and keeps the choice', () => {
    const s = new Script(fixture('providerDetail')).send(ev.text('ya viene?'));
    s.answer('listMyRequests', { requests: [] });
    expect(s.name).toBe('providerDetail');
    expect(s.text()).toContain('No tienes solicitudes abiertas');
    expect(ids(s.last)).toContain(tapId({ kind: 'detail.back' }));
  });

  it('"necesito un plomero urgente" from the menu goes to the location of that service', () => {
    const s = new Script(fixture('mainMenu')).send(ev.text('necesito un plomero urgente'));
    s.answer('listServiceTypes', { services: SERVICES });
    expect(s.name).toBe('shareLocation');
  });

  it('"¡urgente!" from the menu asks which service, in a hurry; while waiting it is impatience', () => {
    const s = new Script(fixture('mainMenu')).send(ev.text('¡urgente!'));
    s.answer('listServiceTypes', { services: SERVICES });
    expect(s.name).toBe('chooseService');
    expect(s.text()).toMatch(/urgente/i);
    const waiting = new Script(fixture('awaitingProvider')).send(ev.text('urgente!!'));
    expect(waiting.name).toBe('awaitingProvider');
    expect(waiting.last.some((c) => c.kind === 'call' && c.op === 'listServiceTypes')).toBe(false);
  });

  it.each(['adiós', 'nos vemos', 'bye'])('"%s" is a warm goodbye, not "No entendí"', (text) => {
    const s = new Script(fixture('mainMenu')).send(ev.text(text));
    expect(s.text()).toContain('¡Hasta pronto, Ana!');
    expect(s.text()).not.toMatch(/no entend/i);
  });

  it.each(['excelente', 'oki doki', 'entendido'])(
    '"%s" at the menu is an acknowledgement: no reply',
    (text) => {
      const s = new Script(fixture('mainMenu')).send(ev.text(text));
      expect(s.text()).toBe('');
      expect(s.name).toBe('mainMenu');
    },
  );

  it('"cerrajero el sábado": a request for later says the time is agreed with the provider, and the day reaches them', () => {
    const s = new Script(fixture('mainMenu')).send(ev.text('cerrajero el sábado'));
    s.answer('listServiceTypes', { services: SERVICES });
    expect(s.text()).toContain('Anoté que es para más adelante');
    expect(s.state).toMatchObject({
      name: 'shareLocation',
      problem: { text: 'cerrajero el sábado' },
    });
    const now = new Script(fixture('mainMenu')).send(ev.text('necesito un cerrajero'));
    now.answer('listServiceTypes', { services: SERVICES });
    expect(now.text()).not.toContain('más adelante');
  });

  it('anything not understood says what can be done here', () => {
    const s = new Script({ name: 'mainMenu', profile: profile() }).send(ev.text('asdf qwer'));
    expect(s.text()).toContain('plomero');
    expect(s.text()).not.toBe('No entendí tu mensaje.');
  });
});

describe('questions customers ask that the bot answers plainly', () => {
  it('"¿aceptan tarjeta?" while choosing: how paying works, and the providers again', () => {
    const s = new Script(fixture('browseProviders')).send(ev.text('aceptan tarjeta?'));
    expect(s.text()).toContain('Le pagas directo al proveedor');
    expect(ids(s.last)).toContain('pick:auto');
  });

  it('"¿lo pueden hacer el sábado?" from the menu: requests are for now; agree the day on acceptance', () => {
    const s = new Script(fixture('mainMenu')).send(ev.text('lo pueden hacer el sábado?'));
    expect(s.text()).toContain('acuerda el día con el proveedor');
    expect(s.name).toBe('mainMenu');
  });

  it('a request for a day is still a request ("plomero para mañana temprano")', () => {
    const s = new Script(fixture('mainMenu')).send(
      ev.text('me pueden mandar un plomero mañana temprano?'),
    );
    expect(callOf(s.last, 'listServiceTypes')).toBeDefined();
  });
});

describe('addresses (issue 14)', () => {
  const at = () =>
    new Script({
      name: 'shareLocation',
      profile: profile(),
      service: { id: 1, name: SERVICES[0]!.name },
      place: null,
    });

  it('a typed street address is kept as the job address; the neighbourhood places it', () => {
    const s = at().send(ev.text('Calle Durango 200, Roma Norte, CDMX'));
    s.answer('geocodeAddress', ROMA_NORTE_FOUND);
    expect(s.state).toMatchObject({
      name: 'shareLocation',
      place: { label: 'Calle Durango 200, Roma Norte, CDMX', area: 'Roma Norte, Cuauhtémoc, CDMX' },
    });
    expect(callOf(s.last, 'findCandidates').input).toMatchObject({ lat: 19.4195, lng: -99.1617 });
  });

  it('a place found only by its postal code is confirmed before searching there', () => {
    const s = at().send(ev.text('06700'));
    s.answer('geocodeAddress', {
      status: 'found',
      lat: 19.4195,
      lng: -99.1617,
      label: 'Roma Norte, Cuauhtémoc, CDMX',
      matchedBy: 'postalCode',
    });
    expect(s.text()).toContain('Roma Norte, Cuauhtémoc, CDMX. ¿Es ahí?');
    expect(s.last.some((c) => c.kind === 'call')).toBe(false);
    s.send(ev.button('place:no'));
    expect(s.text()).toContain('Escribe tu calle, número y colonia');
    s.send(ev.text('06700')).answer('geocodeAddress', {
      status: 'found',
      lat: 19.4195,
      lng: -99.1617,
      label: 'Roma Norte, Cuauhtémoc, CDMX',
      matchedBy: 'postalCode',
    });
    s.send(ev.button('place:yes'));
    expect(callOf(s.last, 'findCandidates').input).toMatchObject({ lat: 19.4195 });
  });

  it('"Insurgentes Sur 1234" gets a hint about what is missing, not a dead end', () => {
    const s = at().send(ev.text('Insurgentes Sur 1234'));
    s.answer('geocodeAddress', { status: 'not_found' });
    expect(s.text()).toContain(
      'Anoté *Insurgentes Sur 1234*, pero me falta la colonia o el código postal',
    );
    expect(s.name).toBe('shareLocation');
  });

  it('…and the colonia typed next completes it: one address, kept whole for the provider', () => {
    const s = at().send(ev.text('Insurgentes Sur 1234'));
    s.answer('geocodeAddress', { status: 'not_found' });
    s.send(ev.text('Del Valle'));
    expect(callOf(s.last, 'geocodeAddress').input).toEqual({
      query: 'Insurgentes Sur 1234, Del Valle',
      kind: 'address',
      country: 'MX',
    });
    s.answer('geocodeAddress', {
      status: 'found',
      lat: 19.3866,
      lng: -99.1746,
      label: 'Del Valle, Benito Juárez, CDMX',
      matchedBy: 'neighbourhood',
    });
    expect(callOf(s.last, 'findCandidates').input).toMatchObject({ lat: 19.3866 });
    expect(s.state).toMatchObject({
      place: { label: 'Insurgentes Sur 1234, Del Valle', area: 'Del Valle, Benito Juárez, CDMX' },
    });
  });

  it('…or the postal code typed next: placed by the code, the street kept', () => {
    const s = at().send(ev.text('Insurgentes Sur 1234'));
    s.answer('geocodeAddress', { status: 'not_found' });
    s.send(ev.text('03100'));
    expect(callOf(s.last, 'geocodeAddress').input).toMatchObject({
      query: '03100',
      kind: 'postalCode',
    });
    expect(s.state).toMatchObject({ typed: 'Insurgentes Sur 1234, 03100' });
  });
});

describe('providers ending a job in words', () => {
  const menu = () => ({ ...fixture('mainMenu'), profile: providerProfile() });

  it.each(['ya terminé el trabajo', 'terminado', 'ya quedó el trabajo, lo terminé'])(
    '"%s" lists their active jobs, each with its Terminado (no guessing which job)',
    (text) => {
      const s = new Script(menu()).send(ev.text(text));
      expect(callOf(s.last, 'listMyJobs').input).toEqual({ providerUserId: 501 });
    },
  );

  it('"mis solicitudes" with none as a customer points to "Mis trabajos"', () => {
    const s = new Script(menu())
      .send(ev.text('mis solicitudes'))
      .answer('listMyRequests', { requests: [] });
    expect(s.text()).toContain('Los trabajos que aceptaste están en "Mis trabajos"');
  });
});

describe('what is said where an answer is expected, but is not that answer', () => {
  it.each(['ya no lo necesito', 'gracias', 'buenas tardes', '¿cuánto cobran?', '¿son confiables?'])(
    'at "¿a dónde vamos?", %j is answered for what it is, never geocoded',
    (text) => {
      const s = new Script(fixture('shareLocation')).send(ev.text(text));
      expect(s.last.some((c) => c.kind === 'call' && c.op === 'geocodeAddress')).toBe(false);
      expect(s.text()).not.toContain('No encontré esa dirección');
    },
  );

  it('"ya no lo necesito" at "¿a dónde vamos?" cancels, like the word "cancelar"', () => {
    const cancelled = new Script(fixture('shareLocation')).send(ev.text('ya no lo necesito'));
    const word = new Script(fixture('shareLocation')).send(ev.text('cancelar'));
    expect(cancelled.name).toBe(word.name);
    expect(cancelled.text()).toBe(word.text());
  });

  it('"ya no lo necesito" at "¿Qué pasa?" is not kept as the problem', () => {
    const s = new Script(fixture('describeProblem')).send(ev.text('ya no lo necesito'));
    expect(s.state).not.toHaveProperty('problem.text', 'ya no lo necesito');
    expect(s.name).not.toBe('shareLocation');
  });

  it.each(['sí', '👍'])(
    'a bare %j to the providers list asks which one; nothing is booked',
    (text) => {
      const s = new Script(fixture('browseProviders')).send(ev.text(text));
      expect(s.name).toBe('browseProviders');
      expect(s.text()).toContain('¿Con quién?');
      expect(s.text()).toContain('*Que la app elija*');
      expect(s.last.some((c) => c.kind === 'call')).toBe(false);
    },
  );
});

describe('while a provider is being found', () => {
  it.each(['mejor otro día', 'no puedo recibir al plomero hoy', 'hoy no puedo, mejor mañana'])(
    '%j says the request is still on and how to put it off; no new request',
    (text) => {
      const s = new Script(fixture('awaitingProvider')).send(ev.text(text));
      expect(s.name).toBe('awaitingProvider');
      expect(s.text()).toContain('Tu solicitud sigue en pie');
      expect(s.last.some((c) => c.kind === 'call')).toBe(false);
    },
  );

  it('"necesito un plomero" again looks up the open request instead of starting a second one', () => {
    const s = new Script(fixture('awaitingProvider')).send(ev.text('necesito un plomero'));
    expect(s.name).toBe('awaitingProvider');
    expect(callOf(s.last, 'listMyRequests').input).toMatchObject({ customerUserId: 10 });
  });

  it('another trade is a new request', () => {
    const s = new Script(fixture('awaitingProvider')).send(
      ev.text('también necesito un electricista'),
    );
    expect(callOf(s.last, 'listServiceTypes')).toBeDefined();
  });
});

describe('more about the trouble while "¿a dónde vamos?" is asked', () => {
  it.each(['sale mucha agua', 'también gotea la regadera'])(
    '%j (the same trade, no place) is added to the problem, never geocoded',
    (text) => {
      const s = new Script({
        ...fixture('shareLocation'),
        problem: { text: 'se rompió el tubo', mediaIds: [] },
      } as ActiveState).send(ev.text(text));
      expect(s.last.some((c) => c.kind === 'call')).toBe(false);
      expect(s.state).toMatchObject({
        name: 'shareLocation',
        problem: { text: `se rompió el tubo · ${text}` },
      });
      expect(s.text()).toContain('se lo paso al proveedor');
      expect(s.text()).toContain('¿a dónde enviamos al proveedor?');
    },
  );

  it('a sentence no gazetteer knows ("y ya mojó el piso") is the trouble, not "address not found"', () => {
    const s = new Script(fixture('shareLocation')).send(ev.text('y ya mojó el piso'));
    s.answer('geocodeAddress', { status: 'not_found' });
    expect(s.text()).not.toContain('No encontré esa dirección');
    expect(s.state).toMatchObject({ problem: { text: 'y ya mojó el piso' } });
  });

  it('a place with landmarks that is found is still the place', () => {
    const s = new Script(fixture('shareLocation')).send(
      ev.text('en la colonia del valle cerca del parque'),
    );
    s.answer('geocodeAddress', {
      status: 'found',
      lat: 19.3866,
      lng: -99.1746,
      label: 'Del Valle, Benito Juárez, CDMX',
      matchedBy: 'neighbourhood',
    });
    expect(callOf(s.last, 'findCandidates').input).toMatchObject({ lat: 19.3866 });
  });
});

describe('questions about the service itself', () => {
  it('"¿son confiables?" says how providers are reviewed, then the open question again', () => {
    const s = new Script(fixture('mainMenu')).send(ev.text('¿son confiables?'));
    expect(s.text()).toContain('nuestro equipo lo revisa antes de que reciba solicitudes');
    expect(s.text()).not.toContain('No entendí');
    expect(s.name).toBe('mainMenu');
  });

  it('"¿en qué zonas trabajan?" asks where, while choosing a provider too', () => {
    const s = new Script(fixture('browseProviders')).send(ev.text('¿en qué zonas trabajan?'));
    expect(s.text()).toContain('Dime tu dirección o comparte tu ubicación');
    expect(s.name).toBe('browseProviders');
  });
});

describe('asking about their provider', () => {
  it.each([
    'pásame el número del plomero',
    'no me ha escrito el plomero',
    '¿cómo se llamaba el electricista?',
  ])('%j looks up their request (name and contact), never starts a second request', (text) => {
    const s = new Script(fixture('mainMenu')).send(ev.text(text));
    expect(callOf(s.last, 'listMyRequests').input).toMatchObject({ customerUserId: 10 });
    expect(s.last.some((c) => c.kind === 'call' && c.op === 'listServiceTypes')).toBe(false);
  });
});

describe('a maps link or coordinates where the place is asked', () => {
  it.each([
    'https://www.google.com/maps/place/Durango+200/@19.4194,-99.1633,17z/data=x',
    'aquí está: https://maps.google.com/?q=19.419400,-99.163300',
    '19.4194, -99.1633',
  ])('%j is that point: searched there, nothing geocoded', (text) => {
    const s = new Script(fixture('shareLocation')).send(ev.text(text));
    expect(s.last.some((c) => c.kind === 'call' && c.op === 'geocodeAddress')).toBe(false);
    expect(callOf(s.last, 'findCandidates').input).toMatchObject({ lat: 19.4194, lng: -99.1633 });
  });

  it('a short link that cannot be opened says how to send the place', () => {
    const s = new Script(fixture('shareLocation')).send(
      ev.text('https://maps.app.goo.gl/AbCdEf123'),
    );
    expect(s.last.some((c) => c.kind === 'call')).toBe(false);
    expect(s.text()).toContain('No puedo abrir ese enlace');
    expect(s.name).toBe('shareLocation');
  });

  it('from the menu, or at the name question, a maps link is kept like a pin', () => {
    const link = 'https://maps.google.com/?q=19.419400,-99.163300';
    const menu = new Script(fixture('mainMenu')).send(ev.text(link));
    expect(callOf(menu.last, 'listServiceTypes')).toBeDefined();
    expect(menu.state).toMatchObject({ want: { place: { lat: 19.4194, lng: -99.1633 } } });
    const named = newUser('hola').send(ev.text(link));
    expect(named.state).toMatchObject({
      name: 'askName',
      want: { place: { lat: 19.4194, lng: -99.1633 } },
    });
    expect(named.last.some((c) => c.kind === 'call' && c.op === 'saveUser')).toBe(false);
    const asked = new Script(fixture('mainMenu')).send(ev.text(`necesito un plomero ${link}`));
    expect(asked.state).toMatchObject({ want: { service: 'plumbing', place: { lat: 19.4194 } } });
  });

  it('a provider registering can give their base the same way', () => {
    const s = new Script(fixture('provLocation')).send(ev.text('19.4194, -99.1633'));
    expect(s.state).toMatchObject({ name: 'provRadius', draft: { place: { lat: 19.4194 } } });
  });
});

describe('two trades in one message', () => {
  it('"necesito un plomero y también un electricista": the first now, the other named for later', () => {
    const s = new Script(fixture('mainMenu')).send(
      ev.text('necesito un plomero y también un electricista'),
    );
    expect(s.state).toMatchObject({
      name: 'mainMenu',
      want: { service: 'plumbing', also: ['electrical'] },
    });
    s.answer('listServiceTypes', { services: SERVICES });
    expect(s.text()).toContain('Te ayudo con *Plomería*');
    expect(s.text()).toContain('pídeme *Electricidad* desde el menú');
  });

  it('"no sé si es plomero o electricista" is a customer unsure of the trade, never a sign-up', () => {
    const s = new Script(fixture('mainMenu')).send(
      ev.text('no sé si es plomero o electricista, no sale agua caliente'),
    );
    expect(s.last.some((c) => c.kind === 'call' && c.op === 'listServiceTypes')).toBe(true);
    expect(s.state).not.toMatchObject({ name: 'provName' });
    expect(s.text()).not.toMatch(/ofrecer tus servicios/);
  });
});
