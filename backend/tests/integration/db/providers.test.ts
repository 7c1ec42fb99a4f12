import type { Knex } from 'knex';
import {
  changeProviderStatus,
  getProviderByUserId,
  listProviderServiceIds,
  registerProvider,
  setProviderOnline,
  softDeleteProvider,
  updateProviderLocation,
} from '../../../src/db/providers';
import { createTestDb, type TestDb } from '../../helpers/db';
import { makeServiceType, makeUser, ROMA } from './fixtures';

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

  it('registers a provider as pending and updates the profile on re-registration', async () => {
    const user = await makeUser(knex);
    const first = await registerProvider(knex, { userId: user.id, displayName: 'Plomería Díaz', ...ROMA, radiusKm: 8, serviceTypeIds: [plumbing, gas] });
    expect(first.isNew).toBe(true);
    expect(first.provider).toMatchObject({ status: 'pending', online: false, radiusKm: 8, ratingCount: 0 });
    expect(await listProviderServiceIds(knex, first.provider.id)).toEqual([plumbing, gas].sort((a, b) => a - b));

    const again = await registerProvider(knex, { userId: user.id, displayName: 'Plomería Díaz e Hijos', lat: 19.41, lng: -99.17, radiusKm: 12, serviceTypeIds: [gas] });
    expect(again.isNew).toBe(false);
    expect(again.provider).toMatchObject({ id: first.provider.id, displayName: 'Plomería Díaz e Hijos', radiusKm: 12, status: 'pending' });
    expect(await listProviderServiceIds(knex, first.provider.id)).toEqual([gas]);
    expect((await getProviderByUserId(knex, user.id))?.id).toBe(first.provider.id);
  });

  it('allows only sensible status transitions and stamps approval', async () => {
    const user = await makeUser(knex);
    const { provider } = await registerProvider(knex, { userId: user.id, displayName: 'P', ...ROMA, radiusKm: 5, serviceTypeIds: [plumbing] });
    expect(await changeProviderStatus(knex, provider.id, 'approve')).toMatchObject({ ok: true, previous: 'pending', provider: { status: 'approved' } });
    expect(await changeProviderStatus(knex, provider.id, 'approve')).toEqual({ ok: false, reason: 'invalid_transition', status: 'approved' });
    expect(await changeProviderStatus(knex, provider.id, 'reject')).toEqual({ ok: false, reason: 'invalid_transition', status: 'approved' });
    await setProviderOnline(knex, provider.id, true);
    const suspended = await changeProviderStatus(knex, provider.id, 'suspend');
    expect(suspended).toMatchObject({ ok: true, provider: { status: 'suspended', online: false } });
    expect(await changeProviderStatus(knex, 999_999, 'approve')).toEqual({ ok: false, reason: 'not_found' });
  });

  it('goes online/offline, moves, refuses out-of-range radius, and soft-deletes', async () => {
    const user = await makeUser(knex);
    const { provider } = await registerProvider(knex, { userId: user.id, displayName: 'P', ...ROMA, radiusKm: 5, serviceTypeIds: [plumbing] });
    const online = await setProviderOnline(knex, provider.id, true, new Date('2026-11-26T10:00:00Z'));
    expect(online).toMatchObject({ online: true, lastOnlineAt: new Date('2026-11-26T10:00:00Z') });
    expect(await setProviderOnline(knex, provider.id, false)).toMatchObject({ online: false, lastOnlineAt: new Date('2026-11-26T10:00:00Z') });
    expect(await updateProviderLocation(knex, provider.id, { lat: 19.35, lng: -99.1625, radiusKm: 15 })).toMatchObject({ lat: 19.35, radiusKm: 15 });
    await expect(updateProviderLocation(knex, provider.id, { lat: 19.35, lng: -99.1625, radiusKm: 500 })).rejects.toMatchObject({ constraint: 'providers_radius_check' });
    expect(await softDeleteProvider(knex, provider.id)).toBe(true);
    expect(await getProviderByUserId(knex, user.id)).toBeNull();
    expect(await setProviderOnline(knex, provider.id, true)).toBeNull();
  });

  it('stores SQL-injection strings in display names verbatim', async () => {
    const user = await makeUser(knex);
    const name = "Robert'); DROP TABLE providers;--";
    const { provider } = await registerProvider(knex, { userId: user.id, displayName: name, ...ROMA, radiusKm: 5, serviceTypeIds: [plumbing] });
    expect(provider.displayName).toBe(name);
    expect((await getProviderByUserId(knex, user.id))?.displayName).toBe(name);
  });
});
