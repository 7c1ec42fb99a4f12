import type { Knex } from 'knex';
import {
  countDoneJobs,
  createRequest,
  getRequest,
  getRequestByIdempotencyKey,
  listRequestSummaries,
  markNoProviders,
} from '../../../src/db/requests';
import {
  createServiceType,
  deactivateServiceType,
  filterActiveServiceTypeIds,
  getServiceTypeById,
  listServiceTypes,
  updateServiceType,
} from '../../../src/db/service-types';
import { createTestDb, type TestDb } from '../../helpers/db';
import { makeProvider, makeServiceType, makeUser, ROMA } from './fixtures';

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
    const input = {
      customerId: customer.id,
      serviceTypeId: svc,
      ...ROMA,
      address: 'Colima 143',
      idempotencyKey: 'wamid.HBgM123',
    };
    const results = await Promise.all(Array.from({ length: 10 }, () => createRequest(knex, input)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.request.id)).size).toBe(1);
    expect(results[0]!.request).toMatchObject({
      status: 'searching',
      offersCount: 0,
      providerId: null,
      address: 'Colima 143',
    });
  });

  it('lists a customer’s requests newest first with the service and provider, and finds one by its key', async () => {
    const customer = await makeUser(knex);
    const mk = (key: string) =>
      createRequest(knex, {
        customerId: customer.id,
        serviceTypeId: svc,
        ...ROMA,
        idempotencyKey: key,
      });
    const a = (await mk('k-a')).request;
    const b = (await mk('k-b')).request;
    expect((await getRequestByIdempotencyKey(knex, 'k-b'))?.id).toBe(b.id);
    expect(await getRequestByIdempotencyKey(knex, 'k-none')).toBeNull();
    expect((await markNoProviders(knex, b.id))?.status).toBe('no_providers');
    expect(await markNoProviders(knex, b.id)).toBeNull();
    const p = await makeProvider(knex, { services: [svc], name: 'Plomería Díaz' });
    await knex('service_requests')
      .update({ status: 'done', provider_id: p.id })
      .where({ id: a.id });
    expect(await listRequestSummaries(knex, customer.id, 10)).toEqual([
      expect.objectContaining({
        requestId: b.id,
        status: 'no_providers',
        nameEs: 'Servicio plumbing',
        nameEn: 'Service plumbing',
        providerName: null,
        providerWaId: null,
      }),
      expect.objectContaining({
        requestId: a.id,
        status: 'done',
        providerName: 'Plomería Díaz',
        providerWaId: expect.stringMatching(/^52155/),
      }),
    ]);
    expect(await listRequestSummaries(knex, customer.id, 1)).toHaveLength(1);
    expect(await countDoneJobs(knex, p.id)).toBe(1);
    expect(await getRequest(knex, 424242)).toBeNull();
  });

  it('stores SQL-injection strings in addresses verbatim', async () => {
    const customer = await makeUser(knex);
    const address = "'; DROP TABLE users; -- Calle Robert'); DROP TABLE providers;--";
    const { request } = await createRequest(knex, {
      customerId: customer.id,
      serviceTypeId: svc,
      ...ROMA,
      address,
      idempotencyKey: "key'; --",
    });
    expect((await getRequest(knex, request.id))?.address).toBe(address);
    expect((await getRequest(knex, request.id))?.idempotencyKey).toBe("key'; --");
  });

  it('lists active service types in order; deactivation hides them from menus and registration', async () => {
    const a = await createServiceType(knex, {
      code: 'glazier',
      nameEs: 'Vidriería',
      nameEn: 'Glazier',
      sortOrder: 1,
    });
    if (!a.ok) throw new Error('glazier exists');
    expect(await createServiceType(knex, { code: 'glazier', nameEs: 'x', nameEn: 'x' })).toEqual({
      ok: false,
      reason: 'code_taken',
    });
    expect((await listServiceTypes(knex))[0]).toMatchObject({
      code: 'plumbing',
      nameEs: 'Servicio plumbing',
    });
    expect((await listServiceTypes(knex)).map((s) => s.nameEn)).toContain('Glazier');
    const glazier = a.serviceType;
    expect(
      await updateServiceType(knex, glazier.id, { nameEs: 'Vidrios y ventanas' }),
    ).toMatchObject({ nameEs: 'Vidrios y ventanas' });
    expect(await getServiceTypeById(knex, glazier.id)).toMatchObject({
      code: 'glazier',
      nameEs: 'Vidrios y ventanas',
      nameEn: 'Glazier',
    });
    expect(
      (await filterActiveServiceTypeIds(knex, [glazier.id, svc, 999_999])).sort((x, y) => x - y),
    ).toEqual([svc, glazier.id].sort((x, y) => x - y));
    await deactivateServiceType(knex, glazier.id);
    expect((await listServiceTypes(knex)).map((s) => s.code)).not.toContain('glazier');
    expect((await listServiceTypes(knex, { includeInactive: true })).map((s) => s.code)).toContain(
      'glazier',
    );
    expect(await filterActiveServiceTypeIds(knex, [glazier.id, svc, 999_999])).toEqual([svc]);
    expect(await filterActiveServiceTypeIds(knex, [])).toEqual([]);
  });
});
