/** listServiceTypes / geocodeAddress: the catalogue of trades and typed places (offline gazetteer). */
import type { Knex } from 'knex';
import { listServiceTypes as listTypes } from '../db/service-types';
import { geocodeAddress as geocodeText, geocodePostalCode } from '../geo/geocode';
import { coverageOf } from './coverage';
import type { OperationHandler } from './registry';

export const MAX_SERVICE_TYPES = 30;

export function listServiceTypes(knex: Knex): OperationHandler<'listServiceTypes'> {
  return async () => {
    const rows = await listTypes(knex);
    return {
      services: rows
        .slice(0, MAX_SERVICE_TYPES)
        .map((s) => ({ id: s.id, code: s.code, name: { es: s.nameEs, en: s.nameEn } })),
    };
  };
}

export function geocodeAddress(): OperationHandler<'geocodeAddress'> {
  return async (input) => {
    if (input.country !== 'MX') return { status: 'not_found' };
    const found =
      input.kind === 'postalCode' ? geocodePostalCode(input.query) : geocodeText(input.query);
    return found.status === 'found'
      ? { ...found, coverage: coverageOf(found.lat, found.lng) }
      : found;
  };
}
