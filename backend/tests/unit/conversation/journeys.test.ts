/**
 * Scripted journeys across conversations: the real step for every user, operations and
 * notices simulated by an in-memory world (see world.ts), timers on a fake clock.
 */
import { World } from './world';

const ANA = 'wa:5215512345678'; // customer with a phone
const JUAN = 'wa:5215511110000'; // provider
const LUIS = 'wa:5215522220000';
const MARIA = 'wa:5215533330000';
const ZOCALO = { lat: 19.4326, lng: -99.1332 };
const near = (dLat: number) => ({ lat: ZOCALO.lat + dLat, lng: ZOCALO.lng });

function newCustomer(w: World, key = ANA, name = 'Ana'): void {
  w.text(key, 'hola', name);
  expect(w.take(key)).toContain('¿Cómo te llamas?');
  w.tap(key, 'name:profile');
  expect(w.take(key)).toContain(`¡Mucho gusto, ${name}!`);
}

function requestPlumbing(w: World, key = ANA): void {
  w.row(key, 'menu:new');
  expect(w.stateOf(key)).toBe('chooseService');
  w.row(key, 'svc:1');
  expect(w.take(key)).toContain('¿qué pasa?');
  w.text(key, 'gotea la llave del fregadero');
  expect(w.take(key)).toContain('*Plomería*: ¿a dónde enviamos al proveedor?');
  w.location(key, ZOCALO.lat, ZOCALO.lng);
}

describe('journeys', () => {
  it('a provider registers, is approved, goes online; a new customer books them; both get contacts; done; rated', () => {
    const w = new World();
    // Juan registers through WhatsApp.
    w.text(JUAN, 'quiero ser proveedor', 'Juan Pérez');
    expect(w.take(JUAN)).toContain('¿Cómo te llamas?');
    w.tap(JUAN, 'name:profile');
    expect(w.stateOf(JUAN)).toBe('provName');
    w.tap(JUAN, 'pname:same').row(JUAN, 'psvc:1').row(JUAN, 'psvc:2').row(JUAN, 'psvc:done');
    w.location(JUAN, near(0.01).lat, near(0.01).lng).row(JUAN, 'radius:10');
    expect(w.take(JUAN)).toContain('Recibimos tu registro');
    expect(w.userByKey(JUAN).provider).toMatchObject({
      status: 'pending',
      services: [1, 2],
      radiusKm: 10,
    });

    // The admin approves; Juan goes online.
    w.approve(JUAN);
    expect(w.take(JUAN)).toContain('fue aprobado');
    w.text(JUAN, 'disponible');
    expect(w.take(JUAN)).toContain('Estás conectado');

    // Ana, new, asks for a plumber and picks Juan.
    newCustomer(w);
    requestPlumbing(w);
    expect(w.lastIds(ANA)).toEqual([`pick:${w.userByKey(JUAN).id}`, 'pick:auto']);
    expect(w.take(ANA)).toContain('Juan Pérez');
    w.row(ANA, `pick:${w.userByKey(JUAN).id}`);
    expect(w.stateOf(ANA)).toBe('providerDetail');
    w.tap(ANA, `book:${w.userByKey(JUAN).id}`);
    expect(w.stateOf(ANA)).toBe('awaitingProvider');
    expect(w.take(ANA)).toContain('*Plomería*: le enviamos tu solicitud a Juan Pérez');

    // Juan gets the offer and accepts it.
    const offer = w.offers[0]!;
    expect(w.lastIds(JUAN)).toEqual([`offer:accept:${offer.id}`, `offer:decline:${offer.id}`]);
    expect(w.take(JUAN)).toContain('Nueva solicitud: Plomería');
    w.tap(JUAN, `offer:accept:${offer.id}`);
    expect(w.take(JUAN)).toContain('https://wa.me/525512345678');
    expect(w.take(ANA)).toContain('https://wa.me/525511110000');
    expect(w.stateOf(ANA)).toBe('mainMenu');
    expect(w.timers).toEqual([]);

    // A second tap on Accept does not notify again.
    w.tap(JUAN, `offer:accept:${offer.id}`);
    expect(w.take(JUAN)).toContain('Ya habías aceptado');
    expect(w.take(ANA)).toBe('');

    // Juan marks the job done; Ana rates 5 with a comment; Juan sees his rating.
    w.tap(JUAN, `job:done:${offer.requestId}`);
    expect(w.take(JUAN)).toContain('Trabajo terminado');
    expect(w.stateOf(ANA)).toBe('rateJob');
    expect(w.take(ANA)).toContain('¿Cómo te fue?');
    w.row(ANA, `rate:${offer.requestId}:5`);
    expect(w.take(JUAN)).toContain('te calificó con 5 estrellas. Tu calificación: ★5.0 (1 reseña)');
    expect(w.stateOf(ANA)).toBe('rateComment');
    w.text(ANA, '¡Excelente, muy puntual!');
    expect(w.take(ANA)).toContain('Gracias por tu calificación');
    expect(w.ratings).toEqual([
      {
        requestId: offer.requestId,
        providerId: w.userByKey(JUAN).id,
        stars: 5,
        comment: '¡Excelente, muy puntual!',
      },
    ]);

    // My requests shows it as completed.
    w.row(ANA, 'menu:mine');
    expect(w.take(ANA)).toContain('Terminada · hace un momento');
  });

  it('decline and timeout offer the next provider automatically; a late tap is "no longer available"', () => {
    const w = new World();
    w.addProvider(JUAN, 'Juan', near(0.001));
    w.addProvider(LUIS, 'Luis', near(0.002));
    w.addProvider(MARIA, 'María', near(0.003));
    newCustomer(w);
    requestPlumbing(w);
    w.row(ANA, 'pick:auto');
    expect(w.take(ANA)).toContain('a Juan.');

    // Juan declines → Luis.
    w.tap(JUAN, `offer:decline:${w.offers[0]!.id}`);
    expect(w.take(JUAN)).toContain('rechazaste');
    const ana = w.take(ANA);
    expect(ana).toContain('Juan no puede atender');
    expect(ana).toContain('Ahora se la enviamos a Luis');
    expect(w.take(LUIS)).toContain('Nueva solicitud');

    // Luis does not answer in 5 min → María; Luis is told.
    w.advance(299_000);
    expect(w.take(ANA)).toBe('');
    w.advance(2_000);
    expect(w.take(LUIS)).toContain('Se acabó el tiempo');
    expect(w.take(ANA)).toContain('Luis no respondió a tiempo');
    expect(w.take(MARIA)).toContain('Nueva solicitud');

    // Luis taps Accept too late.
    w.tap(LUIS, `offer:accept:${w.offers[1]!.id}`);
    expect(w.take(LUIS)).toContain('ya no está disponible');
    expect(w.take(ANA)).toBe('');

    // María accepts; the customer gets her name (no phone: BSUID-like provider without number).
    w.tap(MARIA, `offer:accept:${w.offers[2]!.id}`);
    const accepted = w.take(ANA);
    expect(accepted).toContain('*Plomería*: ¡María aceptó tu solicitud!');
    expect(accepted).not.toContain('wa.me');
    expect(w.stateOf(ANA)).toBe('mainMenu');
    expect(w.timers).toEqual([]);
  });

  it('after maxOffers the customer is told honestly, and can try again later', () => {
    const w = new World();
    w.maxOffers = 2;
    w.addProvider(JUAN, 'Juan', near(0.001));
    w.addProvider(LUIS, 'Luis', near(0.002));
    w.addProvider(MARIA, 'María', near(0.003));
    newCustomer(w);
    requestPlumbing(w);
    w.row(ANA, 'pick:auto');
    w.tap(JUAN, `offer:decline:${w.offers[0]!.id}`);
    w.advance(300_000); // Luis silent
    expect(w.lastIds(ANA)).toEqual([`req:retry:${w.offers[0]!.requestId}`, 'menu:open']);
    expect(w.take(ANA)).toContain('*Plomería*: por ahora nadie está disponible para tu solicitud');
    expect(w.stateOf(ANA)).toBe('mainMenu');
    expect(w.take(MARIA)).toBe('');
    expect(w.requests[0]!.status).toBe('no_providers');

    // Later: try again creates a new request and offers it.
    w.advance(3_600_000);
    w.tap(ANA, `req:retry:${w.offers[0]!.requestId}`);
    expect(w.stateOf(ANA)).toBe('awaitingProvider');
    expect(w.take(ANA)).toContain('*Plomería*: le enviamos tu solicitud a Juan');
  });

  it('when nobody is nearby, the customer is told without creating a request', () => {
    const w = new World();
    w.addProvider(JUAN, 'Juan', { lat: 25.67, lng: -100.31 }); // Monterrey
    newCustomer(w);
    requestPlumbing(w);
    expect(w.take(ANA)).toContain('*Plomería*: ahora mismo no hay nadie disponible cerca de ti');
    expect(w.stateOf(ANA)).toBe('mainMenu');
    expect(w.requests).toEqual([]);
  });

  it('cancelling a pending request withdraws the offer and tells the provider', () => {
    const w = new World();
    w.addProvider(JUAN, 'Juan', near(0.001));
    newCustomer(w);
    requestPlumbing(w);
    w.row(ANA, 'pick:auto');
    w.text(ANA, 'cancelar');
    expect(w.take(ANA)).toContain('cancelé tu solicitud (*Plomería*)');
    expect(w.take(JUAN)).toContain('El cliente canceló su solicitud (*Plomería*)');
    expect(w.timers).toEqual([]);
    w.tap(JUAN, `offer:accept:${w.offers[0]!.id}`);
    expect(w.take(JUAN)).toContain('ya no está disponible');
  });

  it('a BSUID-only customer: the provider gets the name only', () => {
    const w = new World();
    const bs = 'bs:MX.1234567890';
    w.addProvider(JUAN, 'Juan', near(0.001), {}, '525511110000');
    newCustomer(w, bs, 'Beto');
    requestPlumbing(w, bs);
    w.row(bs, 'pick:auto');
    w.tap(JUAN, `offer:accept:${w.offers[0]!.id}`);
    const juan = w.take(JUAN);
    expect(juan).toContain('*Plomería* para Beto');
    expect(juan).not.toContain('wa.me');
    expect(w.take(bs)).toContain('https://wa.me/525511110000');
  });

  it('one user is both: a provider can request a service and never gets their own request', () => {
    const w = new World();
    w.addProvider(JUAN, 'Juan', near(0.001));
    w.addProvider(LUIS, 'Luis', near(0.002));
    w.text(JUAN, 'hola');
    expect(w.take(JUAN)).toContain('¡Hola, Juan!');
    requestPlumbing(w, JUAN);
    expect(w.lastIds(JUAN)).toEqual([`pick:${w.userByKey(LUIS).id}`, 'pick:auto']);
    w.row(JUAN, 'pick:auto');
    expect(w.take(LUIS)).toContain('Nueva solicitud');
  });

  it('the language can be switched mid-flow and everything continues in English', () => {
    const w = new World();
    w.addProvider(JUAN, 'Juan', near(0.001));
    newCustomer(w);
    w.row(ANA, 'menu:new');
    w.text(ANA, 'english');
    expect(w.take(ANA)).toContain('Which service do you need?');
    w.row(ANA, 'svc:1');
    w.tap(ANA, 'problem:skip'); // "What's wrong?" is optional
    w.text(ANA, '06700'); // geocoded to Roma Norte, ~3 km from Juan
    expect(w.take(ANA)).toContain('Roma Norte, Cuauhtémoc, CDMX. Is that right?'); // inferred from the postal code
    w.tap(ANA, 'place:yes');
    expect(w.stateOf(ANA)).toBe('browseProviders');
    expect(w.take(ANA)).toContain('*Plumbing*: providers near you, sorted by distance and rating');
  });
});
