import type { Knex } from 'knex';
import request from 'supertest';
import { listAudit } from '../../../src/db/audit-log';
import { declineOffer } from '../../../src/db/offer-answers';
import { claimProviderForRequest } from '../../../src/db/offers';
import { createTestDb, type TestDb } from '../../helpers/db';
import { makeProvider, makeRequest, makeServiceType, makeUser } from '../db/fixtures';
import { adminApp, bearer } from './app';

describe('admin API: service types and requests', () => {
  let db: TestDb;
  let knex: Knex;
  beforeAll(async () => {
    db = await createTestDb({ poolMax: 6 });
    knex = db.knex;
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('creates, updates and deactivates service types, auditing each change', async () => {
    const { app } = adminApp(knex);
    const nameEs = "Plomería'); DROP TABLE service_types;--";
    const created = await request(app)
      .post('/admin/service-types')
      .set(...bearer())
      .send({ code: 'plumbing', nameEs, nameEn: 'Plumbing', sortOrder: 10 });
    expect(created.status).toBe(201);
    expect(created.body.serviceType).toMatchObject({
      code: 'plumbing',
      nameEs,
      active: true,
      sortOrder: 10,
    });
    const id = created.body.serviceType.id as number;

    const dup = await request(app)
      .post('/admin/service-types')
      .set(...bearer())
      .send({ code: 'plumbing', nameEs: 'x', nameEn: 'x' });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toBe('code_taken');

    const patched = await request(app)
      .patch(`/admin/service-types/${id}`)
      .set(...bearer())
      .send({ nameEn: 'Plumbing & drains' });
    expect(patched.body.serviceType).toMatchObject({ nameEn: 'Plumbing & drains', nameEs });
    const off = await request(app)
      .post(`/admin/service-types/${id}/deactivate`)
      .set(...bearer());
    expect(off.body.serviceType.active).toBe(false);
    expect(
      (
        await request(app)
          .get('/admin/service-types')
          .set(...bearer())
      ).body.items,
    ).toEqual([]);
    expect(
      (
        await request(app)
          .get('/admin/service-types?includeInactive=true')
          .set(...bearer())
      ).body.items,
    ).toHaveLength(1);

    const actions = (await listAudit(knex, { entity: 'service_type', entityId: id }))
      .map((a) => a.action)
      .sort();
    expect(actions).toEqual([
      'service_type.create',
      'service_type.deactivate',
      'service_type.update',
    ]);
  });

  it('validates service type bodies and answers 404 for unknown ids', async () => {
    const { app } = adminApp(knex);
    const bad = [
      {},
      { code: 'Bad Code', nameEs: 'x', nameEn: 'x' },
      { code: 'ok_code', nameEs: '', nameEn: 'x' },
      { code: 'ok_code', nameEs: 'x', nameEn: 'x', sortOrder: 'first' },
      { code: 'ok_code', nameEs: 'x', nameEn: 'x', admin: true },
    ];
    for (const body of bad) {
      const res = await request(app)
        .post('/admin/service-types')
        .set(...bearer())
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('validation_failed');
    }
    expect(
      (
        await request(app)
          .patch('/admin/service-types/1')
          .set(...bearer())
          .send({})
      ).status,
    ).toBe(400);
    expect(
      (
        await request(app)
          .patch('/admin/service-types/424242')
          .set(...bearer())
          .send({ nameEs: 'x' })
      ).status,
    ).toBe(404);
    expect(
      (
        await request(app)
          .post('/admin/service-types/424242/deactivate')
          .set(...bearer())
      ).status,
    ).toBe(404);
  });

  it('lists requests with filters and shows a request’s offer history', async () => {
    const svc = await makeServiceType(knex, 'electrical');
    const [c1, c2] = [await makeUser(knex), await makeUser(knex)];
    const r1 = await makeRequest(knex, { customerId: c1.id, serviceTypeId: svc });
    const r2 = await makeRequest(knex, { customerId: c2.id, serviceTypeId: svc });
    const [p1, p2] = [
      await makeProvider(knex, { services: [svc] }),
      await makeProvider(knex, { services: [svc] }),
    ];
    const o1 = await claimProviderForRequest(knex, {
      requestId: r1.id,
      providerId: p1.id,
      ttlSeconds: 60,
    });
    if (!o1.ok) throw new Error('claim failed');
    await declineOffer(knex, { offerId: o1.offer.id });
    await claimProviderForRequest(knex, { requestId: r1.id, providerId: p2.id, ttlSeconds: 60 });

    const { app } = adminApp(knex);
    const get = (q: string) =>
      request(app)
        .get(`/admin/requests${q}`)
        .set(...bearer());
    const all = await get('?service=electrical');
    expect(all.body).toMatchObject({
      total: 2,
      items: [{ id: r2.id, serviceCode: 'electrical' }, { id: r1.id }],
    });
    expect((await get(`?customerId=${c1.id}`)).body.items.map((r: { id: number }) => r.id)).toEqual(
      [r1.id],
    );
    expect((await get('?status=offered')).body.items.map((r: { id: number }) => r.id)).toEqual([
      r1.id,
    ]);
    const from = new Date(Date.now() - 3600_000).toISOString();
    const to = new Date(Date.now() + 3600_000).toISOString();
    expect((await get(`?from=${from}&to=${to}`)).body.total).toBe(2);
    expect((await get(`?to=${from}`)).body.total).toBe(0);
    for (const q of [
      `?from=${to}&to=${from}`,
      '?from=yesterday',
      '?customerId=abc',
      '?status=lost',
    ])
      expect((await get(q)).status).toBe(400);

    const history = await request(app)
      .get(`/admin/requests/${r1.id}/offers`)
      .set(...bearer());
    expect(history.status).toBe(200);
    expect(history.body.request).toMatchObject({ id: r1.id, status: 'offered', offersCount: 2 });
    expect(
      history.body.offers.map((o: { providerId: number; status: string }) => [
        o.providerId,
        o.status,
      ]),
    ).toEqual([
      [p1.id, 'declined'],
      [p2.id, 'offered'],
    ]);
    expect(
      (
        await request(app)
          .get('/admin/requests/999999/offers')
          .set(...bearer())
      ).status,
    ).toBe(404);
    expect(
      (
        await request(app)
          .get(`/admin/requests/${r2.id}`)
          .set(...bearer())
      ).body.request.id,
    ).toBe(r2.id);
  });
});
