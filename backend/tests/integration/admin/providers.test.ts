import type { Knex } from 'knex';
import request from 'supertest';
import { actorOf } from '../../../src/admin/auth';
import { listAudit } from '../../../src/db/audit-log';
import { findOrCreateByIdentity } from '../../../src/db/users';
import { createTestDb, type TestDb } from '../../helpers/db';
import { makeProvider, makeServiceType, providerOf, ROMA } from '../db/fixtures';
import { adminApp, bearer, KEYS } from './app';

describe('admin API: providers', () => {
  let db: TestDb;
  let knex: Knex;
  let plumbing: number;
  let electrical: number;
  beforeAll(async () => {
    db = await createTestDb({ poolMax: 6 });
    knex = db.knex;
    plumbing = await makeServiceType(knex, 'plumbing');
    electrical = await makeServiceType(knex, 'electrical');
  });
  afterAll(async () => {
    await db.destroy();
  });

  async function pendingProvider(
    identity: { waId?: string; bsuid?: string },
    name = 'Plomería Pérez',
  ) {
    const { user } = await findOrCreateByIdentity(knex, identity);
    return providerOf(knex, user.id, {
      name,
      at: ROMA,
      radiusKm: 5,
      services: [plumbing],
      status: 'pending',
    });
  }

  it('approves a provider: 200, the provider is notified, an audit row names the key by hash', async () => {
    const { app, notices } = adminApp(knex);
    const p = await pendingProvider({ waId: '5215512345678' });
    const res = await request(app)
      .post(`/admin/providers/${p.id}/approve`)
      .set(...bearer(KEYS[1]));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ notified: true, provider: { id: p.id, status: 'approved' } });
    expect(notices).toEqual([
      { userKey: 'wa:5215512345678', notice: 'providerApproved', data: { providerId: p.id } },
    ]);
    const audit = await listAudit(knex, { entity: 'provider', entityId: p.id });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: actorOf(KEYS[1]!),
      action: 'provider.approve',
      data: { from: 'pending', to: 'approved' },
    });
    expect(JSON.stringify(audit)).not.toContain(KEYS[1]);

    const again = await request(app)
      .post(`/admin/providers/${p.id}/approve`)
      .set(...bearer());
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      error: 'invalid_transition',
      details: { status: 'approved' },
    });
    expect(notices).toHaveLength(1);
  });

  it('rejects and suspends, notifying BSUID-only users by their BSUID key; reasons are stored verbatim', async () => {
    const { app, notices } = adminApp(knex);
    const a = await pendingProvider({ bsuid: 'MX.1234abcd' });
    const reason = "Robert'); DROP TABLE providers;--";
    const rej = await request(app)
      .post(`/admin/providers/${a.id}/reject`)
      .set(...bearer())
      .send({ reason });
    expect(rej.status).toBe(200);
    expect(notices[0]).toEqual({
      userKey: 'bs:MX.1234abcd',
      notice: 'providerRejected',
      data: { providerId: a.id, reason },
    });
    expect((await listAudit(knex, { entity: 'provider', entityId: a.id }))[0]?.data).toMatchObject({
      reason,
    });

    const b = await makeProvider(knex, { services: [plumbing] });
    const sus = await request(app)
      .post(`/admin/providers/${b.id}/suspend`)
      .set('X-Api-Key', KEYS[0]!);
    expect(sus.body).toMatchObject({ provider: { status: 'suspended', online: false } });
    expect(notices[1]).toMatchObject({ notice: 'providerSuspended' });
  });

  it('commits and audits even when the notice cannot be sent, and says so', async () => {
    const { app } = adminApp(knex, { failNotify: true });
    const p = await pendingProvider({ waId: '5215587654321' });
    const res = await request(app)
      .post(`/admin/providers/${p.id}/approve`)
      .set(...bearer());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ notified: false, provider: { status: 'approved' } });
    expect(await listAudit(knex, { entity: 'provider', entityId: p.id })).toHaveLength(1);
  });

  it('answers 404 for unknown providers and 400 for bad ids and bodies', async () => {
    const { app } = adminApp(knex);
    const missing = await request(app)
      .post('/admin/providers/999999/approve')
      .set(...bearer());
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: 'not_found', message: 'provider not found' });
    expect(
      (
        await request(app)
          .get('/admin/providers/999999')
          .set(...bearer())
      ).status,
    ).toBe(404);
    const badId = await request(app)
      .post("/admin/providers/1'%20or%20'1'='1/approve")
      .set(...bearer());
    expect(badId.status).toBe(400);
    expect(badId.body).toMatchObject({ error: 'validation_failed', details: [{ path: 'id' }] });
    const badBody = await request(app)
      .post('/admin/providers/1/approve')
      .set(...bearer())
      .send({ reason: 5, extra: true });
    expect(badBody.status).toBe(400);
    expect(badBody.body.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'extra',
      'reason',
    ]);
    const badJson = await request(app)
      .post('/admin/providers/1/approve')
      .set(...bearer())
      .set('Content-Type', 'application/json')
      .send('{"reason":');
    expect(badJson.status).toBe(400);
    expect(badJson.body).toMatchObject({ error: 'invalid_json' });
    expect(
      (
        await request(app)
          .get('/admin/nothing-here')
          .set(...bearer())
      ).status,
    ).toBe(404);
  });

  it('lists providers with filters and pagination', async () => {
    await knex.raw('truncate audit_log, provider_services, providers restart identity cascade');
    const online = await makeProvider(knex, { services: [plumbing], name: 'En línea' });
    const offline = await makeProvider(knex, {
      services: [electrical],
      online: false,
      name: 'Fuera',
    });
    const pending = await makeProvider(knex, {
      services: [plumbing, electrical],
      status: 'pending',
      name: 'Pendiente',
    });
    const { app } = adminApp(knex);
    const get = (q: string) =>
      request(app)
        .get(`/admin/providers${q}`)
        .set(...bearer());

    const all = await get('');
    expect(all.body).toMatchObject({ total: 3, limit: 50, offset: 0 });
    expect(all.body.items.map((p: { id: number }) => p.id)).toEqual([
      pending.id,
      offline.id,
      online.id,
    ]);
    expect(all.body.items[0].services).toEqual(['electrical', 'plumbing']); // sort_order, then code
    expect((await get('?status=pending')).body.items.map((p: { id: number }) => p.id)).toEqual([
      pending.id,
    ]);
    expect((await get('?online=true')).body.items.map((p: { id: number }) => p.id)).toEqual([
      online.id,
    ]);
    expect(
      (await get('?service=electrical&online=false')).body.items.map((p: { id: number }) => p.id),
    ).toEqual([pending.id, offline.id]);
    const page = await get('?limit=1&offset=1');
    expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1, items: [{ id: offline.id }] });

    for (const q of [
      '?status=busy',
      '?limit=0',
      '?limit=1000',
      '?offset=-1',
      '?online=maybe',
      "?service='; DROP TABLE users; --",
      '?status=pending&status=approved',
      '?color=red',
    ]) {
      const res = await get(q);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        error: 'validation_failed',
        message: 'invalid query',
        details: expect.any(Array),
      });
    }
  });
});
