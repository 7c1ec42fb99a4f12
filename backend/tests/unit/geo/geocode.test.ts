import { geocodeAddress, geocodePostalCode } from '../../../src/geo/geocode';

describe('offline geocoding', () => {
  it('resolves exact CDMX postal codes, then alcaldías, then metro areas', () => {
    expect(geocodePostalCode('06700')).toMatchObject({ status: 'found', label: expect.stringContaining('Roma Norte') });
    expect(geocodePostalCode('03999')).toMatchObject({ status: 'found', label: expect.stringContaining('Benito Juárez') });
    expect(geocodePostalCode('44100')).toMatchObject({ status: 'found', label: expect.stringContaining('Guadalajara') });
    expect(geocodePostalCode('99999')).toEqual({ status: 'not_found' });
    expect(geocodePostalCode('0670')).toEqual({ status: 'not_found' });
  });

  it('finds neighbourhoods in typed addresses, accent- and case-insensitively, longest name first', () => {
    expect(geocodeAddress('Calle Orizaba 10, ROMA SUR')).toMatchObject({ label: expect.stringContaining('Roma Sur') });
    expect(geocodeAddress('Av. Coyoacán, col. Del Valle')).toMatchObject({ label: expect.stringContaining('Del Valle') });
    expect(geocodeAddress('cerca de Coyoacán')).toMatchObject({ label: expect.stringContaining('Coyoacán') });
    expect(geocodeAddress('Insurgentes 300, cp 06140')).toMatchObject({ label: expect.stringContaining('Condesa') });
    expect(geocodeAddress('asdf qwer')).toEqual({ status: 'not_found' });
    expect(geocodeAddress("'; drop table users; --")).toEqual({ status: 'not_found' });
  });
});
