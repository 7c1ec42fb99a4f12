import type { Knex } from 'knex';
import {
  changeProviderStatus,
  getProviderById,
  getProviderCard,
  insertPendingProvider,
  listProviderServiceIds,
  lockProviderOfUser,
  resetToPendingProvider,
  setProviderOnline,
  setProviderServices,
} from '../../../src/db/providers';
import { createTestDb, type TestDb } from '../../helpers/db';
import { makeProvider, makeServiceType, makeUser, ROMA } from './fixtures';

describe('providers repository', () => {
  let db: TestDb;
  let knex: Knex;
  let plumbing: number;
  let gas: number;
  beforeAll(async () => {
    db = await createTestDb();
    knex = db.knex;
    plumbing = await makeServiceType(knex, 'plumbing');
    gas = await makeServiceType(knex, 'gas');
  });
  afterAll(async () => {
    await db.destroy();
  });

  const profile = { displayName: 'Plomería Díaz', ...ROMA, radiusKm: 8 };

  it('registers a provider as pending and offline; registering again resets the profile to pending', async () => {
    const user = await makeUser(knex);
    const now = new Date('2026-11-26T10:00:00Z');
    const id = await insertPendingProvider(knex, user.id, profile, now);
    await setProviderServices(knex, id, [plumbing, gas, gas]);
    expect(await getProviderById(knex, id)).toMatchObject({
      userId: user.id,
      status: 'pending',
      online: false,
      radiusKm: 8,
      ratingCount: 0,
      createdAt: now,
    });
    expect(await listProviderServiceIds(knex, id)).toEqual([plumbing, gas].sort((a, b) => a - b));
    await expect(insertPendingProvider(knex, user.id, profile, now)).rejects.toMatchObject({
      code: '23505',
    });

    expect((await changeProviderStatus(knex, id, 'approve')).ok).toBe(true);
    await setProviderOnline(knex, id, true);
    await knex('providers').update({ deleted_at: now }).where({ id });
    expect(await knex.transaction((trx) => lockProviderOfUser(trx, user.id))).toEqual({
      id,
      status: 'approved',
      deletedAt: now,
    });

    await resetToPendingProvider(
      knex,
      id,
      { displayName: 'Plomería Díaz e Hijos', lat: 19.41, lng: -99.17, radiusKm: 12 },
      now,
    );
    await setProviderServices(knex, id, [gas]);
    expect(await getProviderById(knex, id)).toMatchObject({
      displayName: 'Plomería Díaz e Hijos',
      radiusKm: 12,
      status: 'pending',
      online: false,
      approvedAt: null,
      deletedAt: null,
    });
    expect(await listProviderServiceIds(knex, id)).toEqual([gas]);
    expect(await knex.transaction((trx) => lockProviderOfUser(trx, user.id + 10_000))).toBeNull();
  });

  it('allows only sensible status transitions and stamps approval', async () => {
    const provider = await makeProvider(knex, { services: [plumbing], status: 'pending' });
    expect(await changeProviderStatus(knex, provider.id, 'approve')).toMatchObject({
      ok: true,
      previous: 'pending',
      provider: { status: 'approved' },
    });
    expect(await changeProviderStatus(knex, provider.id, 'approve')).toEqual({
      ok: false,
      reason: 'invalid_transition',
      status: 'approved',
    });
    expect(await changeProviderStatus(knex, provider.id, 'reject')).toEqual({
      ok: false,
      reason: 'invalid_transition',
      status: 'approved',
    });
    await setProviderOnline(knex, provider.id, true);
    const suspended = await changeProviderStatus(knex, provider.id, 'suspend');
    expect(suspended).toMatchObject({ ok: true, provider: { status: 'suspended', online: false } });
    expect(await changeProviderStatus(knex, 999_999, 'approve')).toEqual({
      ok: false,
      reason: 'not_found',
    });
  });

  it('goes online only when approved, offline always, and not at all once deleted', async () => {
    const approved = await makeProvider(knex, { services: [plumbing], online: false });
    expect(await setProviderOnline(knex, approved.id, true, new Date('2026-11-26T10:00:00Z'))).toBe(
      true,
    );
    expect(await getProviderById(knex, approved.id)).toMatchObject({
      online: true,
      lastOnlineAt: new Date('2026-11-26T10:00:00Z'),
    });
    expect(await setProviderOnline(knex, approved.id, false)).toBe(false);
    expect(await getProviderById(knex, approved.id)).toMatchObject({
      online: false,
      lastOnlineAt: new Date('2026-11-26T10:00:00Z'),
    });

    const pending = await makeProvider(knex, { services: [plumbing], status: 'pending' });
    expect(await setProviderOnline(knex, pending.id, true)).toBeNull();
    expect(await setProviderOnline(knex, pending.id, false)).toBe(false);
    expect((await getProviderById(knex, pending.id))?.online).toBe(false);

    await knex('providers').update({ deleted_at: new Date() }).where({ id: approved.id });
    expect(await setProviderOnline(knex, approved.id, true)).toBeNull();
    expect(await setProviderOnline(knex, approved.id, false)).toBeNull();
  });

  it('refuses an out-of-range radius in the schema', async () => {
    const user = await makeUser(knex);
    await expect(
      insertPendingProvider(knex, user.id, { ...profile, radiusKm: 500 }, new Date()),
    ).rejects.toMatchObject({ constraint: 'providers_radius_check' });
  });

  it('reads a provider card by provider or by user, deleted ones included', async () => {
    const p = await makeProvider(knex, { services: [plumbing], name: 'Gas Ruiz' });
    const byId = await getProviderCard(knex, { providerId: p.id });
    expect(byId).toMatchObject({
      providerId: p.id,
      userId: p.userId,
      name: 'Gas Ruiz',
      status: 'approved',
      online: true,
      deletedAt: null,
    });
    expect(byId!.waId).toMatch(/^52155/);
    await knex('providers').update({ deleted_at: new Date() }).where({ id: p.id });
    expect(await getProviderCard(knex, { userId: p.userId })).toMatchObject({
      providerId: p.id,
      deletedAt: expect.any(Date),
    });
    expect(await getProviderCard(knex, { providerId: 999_999 })).toBeNull();
  });

  it('stores SQL-injection strings in display names verbatim', async () => {
    const user = await makeUser(knex);
    const name = "Robert'); DROP TABLE providers;--";
    const id = await insertPendingProvider(
      knex,
      user.id,
      { ...profile, displayName: name },
      new Date(),
    );
    expect((await getProviderById(knex, id))?.displayName).toBe(name);
    expect((await getProviderCard(knex, { userId: user.id }))?.name).toBe(name);
  });
});
