import { CITIES, cityAt, cityInText, distanceKm } from '../../../src/geo/cities';
import { coverageAt, SERVED_METROS } from '../../../src/geo/coverage';
import { geocodeAddress, geocodePostalCode } from '../../../src/geo/geocode';
import { coverageOf } from '../../../src/operations/coverage';

describe('offline geocoding', () => {
  it('resolves exact CDMX postal codes, then alcaldías, then metro areas', () => {
    expect(geocodePostalCode('06700')).toMatchObject({
      status: 'found',
      label: expect.stringContaining('Roma Norte'),
    });
    expect(geocodePostalCode('03999')).toMatchObject({
      status: 'found',
      label: expect.stringContaining('Benito Juárez'),
    });
    expect(geocodePostalCode('44100')).toMatchObject({
      status: 'found',
      label: expect.stringContaining('Guadalajara'),
    });
    expect(geocodePostalCode('99999')).toEqual({ status: 'not_found' });
    expect(geocodePostalCode('0670')).toEqual({ status: 'not_found' });
  });

  it('finds neighbourhoods in typed addresses, accent- and case-insensitively, longest name first', () => {
    expect(geocodeAddress('Calle Orizaba 10, ROMA SUR')).toMatchObject({
      label: expect.stringContaining('Roma Sur'),
    });
    expect(geocodeAddress('Av. Coyoacán, col. Del Valle')).toMatchObject({
      label: expect.stringContaining('Del Valle'),
    });
    expect(geocodeAddress('cerca de Coyoacán')).toMatchObject({
      label: expect.stringContaining('Coyoacán'),
    });
    expect(geocodeAddress('Insurgentes 300, cp 06140')).toMatchObject({
      label: expect.stringContaining('Condesa'),
    });
    expect(geocodeAddress('asdf qwer')).toEqual({ status: 'not_found' });
    expect(geocodeAddress("'; drop table users; --")).toEqual({ status: 'not_found' });
  });
});

describe('cities outside coverage in typed addresses', () => {
  it('finds cities we do not serve, at their centre', () => {
    for (const [text, label] of [
      ['Monterrey', 'Monterrey'],
      ['vivo en monterrey nuevo leon', 'Monterrey'],
      ['Col. Centro, Tijuana B.C.', 'Tijuana'],
      ['GUADALAJARA, JAL', 'Guadalajara'],
      ['Av. Vallarta 100, Zapopan', 'Guadalajara'],
      ['350 5th Ave, New York, NY', 'Nueva York'],
      ['estoy en nueva york', 'Nueva York'],
      ['Cancún, Quintana Roo', 'Cancún'],
    ] as const) {
      expect({ text, result: geocodeAddress(text) }).toMatchObject({
        text,
        result: { status: 'found', label },
      });
    }
    expect(geocodeAddress('64000')).toMatchObject({ label: expect.stringContaining('Monterrey') });
  });

  it('reads streets named after cities as streets: a covered colonia wins, and "Calle X" / "X 120" are not cities', () => {
    expect(geocodeAddress('Monterrey 120, Roma Norte')).toMatchObject({
      label: expect.stringContaining('Roma Norte'),
    });
    expect(geocodeAddress('Guadalajara 40, col. Roma')).toMatchObject({
      label: expect.stringContaining('Roma Norte'),
    });
    expect(geocodeAddress('Querétaro 225, Roma Sur')).toMatchObject({
      label: expect.stringContaining('Roma Sur'),
    });
    expect(geocodeAddress('Durango 200')).toEqual({ status: 'not_found' });
    expect(geocodeAddress('Calle Puebla esquina Orizaba')).toEqual({ status: 'not_found' });
    expect(geocodeAddress('Av. Chapultepec y Monterrey #5')).toEqual({ status: 'not_found' });
    expect(cityInText('Ponce de León 12')).toBeNull();
  });

  it('does not place anyone at the centre of a city we serve ("CDMX" alone is too vague)', () => {
    expect(geocodeAddress('CDMX')).toEqual({ status: 'not_found' });
    expect(cityInText('Ciudad de México')).toMatchObject({ id: 'cdmx' });
  });
});

describe('coverage', () => {
  const ROMA = { lat: 19.4195, lng: -99.1617 };
  it('covers Mexico City and its metro area by distance from the centre', () => {
    expect(coverageAt(ROMA.lat, ROMA.lng)).toMatchObject({ covered: true, metro: { id: 'cdmx' } });
    expect(coverageAt(19.4785, -99.2396)).toMatchObject({ covered: true }); // Naucalpan
    expect(coverageAt(19.6011, -99.0503)).toMatchObject({ covered: true }); // Ecatepec
    expect(SERVED_METROS.map((m) => m.id)).toEqual(['cdmx']);
  });

  it('names the known city of a pin outside, or none', () => {
    expect(coverageAt(25.67, -100.31)).toMatchObject({ covered: false, city: { id: 'monterrey' } });
    expect(coverageAt(19.2826, -99.6557)).toMatchObject({ covered: false, city: { id: 'toluca' } });
    expect(coverageAt(40.7484, -73.9857)).toMatchObject({
      covered: false,
      city: { name: { en: 'New York' } },
    });
    expect(coverageAt(23.5, -102.5)).toEqual({ covered: false, city: null }); // the middle of Zacatecas
    expect(cityAt(ROMA.lat, ROMA.lng)).toMatchObject({ id: 'cdmx' });
  });

  it('gives the conversation the verdict in both languages, with where we do work', () => {
    expect(coverageOf(ROMA.lat, ROMA.lng)).toEqual({ covered: true });
    expect(coverageOf(40.7128, -74.006)).toEqual({
      covered: false,
      place: { es: 'Nueva York', en: 'New York' },
      served: [{ es: 'Ciudad de México', en: 'Mexico City' }],
    });
  });

  it('knows every city by a distinct id, centre and radius, with aliases typed the folded way', () => {
    expect(new Set(CITIES.map((c) => c.id)).size).toBe(CITIES.length);
    for (const c of CITIES) {
      expect(c.radiusKm).toBeGreaterThan(0);
      expect(Math.abs(c.lat)).toBeLessThanOrEqual(90);
      for (const a of c.aliases) expect(cityInText(a)).not.toBeNull();
    }
    expect(distanceKm(19.4326, -99.1332, 25.6866, -100.3161)).toBeCloseTo(706, -1);
  });
});
