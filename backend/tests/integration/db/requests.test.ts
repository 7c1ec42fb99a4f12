import type { Knex } from 'knex';
import { createRequest, findOpenRequestForCustomer, getRequest, listRequestsByCustomer, markNoProviders } from '../../../src/db/requests';
import { createServiceType, deactivateServiceType, getServiceTypeByCode, listActiveServiceTypes, updateServiceType } from '../../../src/db/service-types';
import { createTestDb, type TestDb } from '../../helpers/db';
import { makeServiceType, makeUser, ROMA } from './fixtures';

describe('service requests and service types', () => {
  let db: TestDb;
  let knex: Knex;
  let svc: number;
  beforeAll(async () => {
    db = await createTestDb({ poolMax: 20 });
    knex = db.knex;
    svc = await makeServiceType(knex, 'plumbing');
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('creates a request once per idempotency key, even concurrently', async () => {
    const customer = await makeUser(knex);
    const input = { customerId: customer.id, serviceTypeId: svc, ...ROMA, address: 'Colima 143', idempotencyKey: 'wamid.HBgM123' };
    const results = await Promise.all(Array.from({ length: 10 }, () => createRequest(knex, input)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.request.id)).size).toBe(1);
    expect(results[0]!.request).toMatchObject({ status: 'searching', offersCount: 0, providerId: null, address: 'Colima 143' });
  });

  it('lists a customer’s requests newest first and finds the open one', async () => {
    const customer = await makeUser(knex);
    const mk = (key: string) => createRequest(knex, { customerId: customer.id, serviceTypeId: svc, ...ROMA, idempotencyKey: key });
    const a = (await mk('k-a')).request;
    const b = (await mk('k-b')).request;
    expect((await listRequestsByCustomer(knex, customer.id)).map((r) => r.id)).toEqual([b.id, a.id]);
    expect((await markNoProviders(knex, b.id))?.status).toBe('no_providers');
    expect(await markNoProviders(knex, b.id)).toBeNull();
    expect((await findOpenRequestForCustomer(knex, customer.id))?.id).toBe(a.id);
    expect(await getRequest(knex, 424242)).toBeNull();
  });

  it('stores SQL-injection strings in addresses verbatim', async () => {
    const customer = await makeUser(knex);
    const address = "'; DROP TABLE users; -- Calle Robert'); DROP TABLE providers;--";
    const { request } = await createRequest(knex, { customerId: customer.id, serviceTypeId: svc, ...ROMA, address, idempotencyKey: "key'; --" });
    expect((await getRequest(knex, request.id))?.address).toBe(address);
    expect((await getRequest(knex, request.id))?.idempotencyKey).toBe("key'; --");
  });

  it('lists active service types localized and in order; deactivation hides them', async () => {
    const a = await createServiceType(knex, { code: 'glazier', nameEs: 'Vidriería', nameEn: 'Glazier', sortOrder: 1 });
    expect(a.ok).toBe(true);
    expect(await createServiceType(knex, { code: 'glazier', nameEs: 'x', nameEn: 'x' })).toEqual({ ok: false, reason: 'code_taken' });
    expect((await listActiveServiceTypes(knex, 'es'))[0]).toMatchObject({ code: 'plumbing', name: 'Servicio plumbing' });
    expect((await listActiveServiceTypes(knex, 'en')).map((s) => s.name)).toContain('Glazier');
    const glazier = await getServiceTypeByCode(knex, 'glazier');
    expect(await updateServiceType(knex, glazier!.id, { nameEs: 'Vidrios y ventanas' })).toMatchObject({ nameEs: 'Vidrios y ventanas' });
    await deactivateServiceType(knex, glazier!.id);
    expect((await listActiveServiceTypes(knex, 'es')).map((s) => s.code)).not.toContain('glazier');
  });
});
