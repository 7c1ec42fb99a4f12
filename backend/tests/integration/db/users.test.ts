import {
  findOrCreateByIdentity,
  findUserByIdentity,
  getUserContact,
  updateUser,
} from '../../../src/db/users';
import { conversationKeyOf } from '../../../src/shared/conversation-key';
import { createTestDb, type TestDb } from '../../helpers/db';

const INJECTIONS = [
  "'; DROP TABLE users; --",
  "Robert'); DROP TABLE providers;--",
  'x" OR "1"="1',
  '$1; select pg_sleep(5)',
  "\\'; --",
];

describe('users repository', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb({ poolMax: 25 });
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('creates a user once and finds it afterwards', async () => {
    const first = await findOrCreateByIdentity(db.knex, {
      waId: '5215511112222',
      profileName: 'Ana',
    });
    expect(first.isNew).toBe(true);
    expect(first.user).toMatchObject({
      waId: '5215511112222',
      bsuid: null,
      name: 'Ana',
      locale: 'es',
      deletedAt: null,
    });
    const again = await findOrCreateByIdentity(db.knex, {
      waId: '5215511112222',
      profileName: 'Otra',
    });
    expect(again).toEqual({ user: first.user, isNew: false });
  });

  it('is race-safe: 20 concurrent first messages of one person make one row, one isNew', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        findOrCreateByIdentity(db.knex, { waId: '5215599990000', profileName: 'Concurrente' }),
      ),
    );
    expect(new Set(results.map((r) => r.user.id)).size).toBe(1);
    expect(results.filter((r) => r.isNew)).toHaveLength(1);
    const [{ n }] = await db
      .knex('users')
      .where({ wa_id: '5215599990000' })
      .count<{ n: string }[]>('* as n');
    expect(Number(n)).toBe(1);
  });

  it('handles BSUID-only users and links a wa_id that appears later', async () => {
    const { user, isNew } = await findOrCreateByIdentity(db.knex, { bsuid: 'MX.1234abcd' });
    expect(isNew).toBe(true);
    expect(user.waId).toBeNull();
    expect(conversationKeyOf(user)).toBe('bs:MX.1234abcd');

    const linked = await findOrCreateByIdentity(db.knex, {
      waId: '5215533334444',
      bsuid: 'MX.1234abcd',
    });
    expect(linked.isNew).toBe(false);
    expect(linked.user).toMatchObject({ id: user.id, waId: '5215533334444', bsuid: 'MX.1234abcd' });
    expect(conversationKeyOf(linked.user)).toBe('wa:5215533334444');
    expect((await findUserByIdentity(db.knex, { waId: '5215533334444' }))?.id).toBe(user.id);
  });

  it('is race-safe for BSUID-only users too', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () => findOrCreateByIdentity(db.knex, { bsuid: 'MX.race0001' })),
    );
    expect(new Set(results.map((r) => r.user.id)).size).toBe(1);
    expect(results.filter((r) => r.isNew)).toHaveLength(1);
  });

  it('refuses an identity with neither wa_id nor BSUID', async () => {
    await expect(findOrCreateByIdentity(db.knex, {})).rejects.toThrow(TypeError);
  });

  it('updates name and locale, and a returning user undoes a soft delete', async () => {
    const { user } = await findOrCreateByIdentity(db.knex, { waId: '5215577778888' });
    expect(await updateUser(db.knex, user.id, { name: 'Luis', locale: 'en' })).toMatchObject({
      name: 'Luis',
      locale: 'en',
    });
    await expect(updateUser(db.knex, user.id, { locale: 'fr' as 'en' })).rejects.toThrow(
      /users_locale_check/,
    );
    await db.knex('users').update({ deleted_at: new Date() }).where({ id: user.id });
    const back = await findOrCreateByIdentity(db.knex, { waId: '5215577778888' });
    expect(back.user.deletedAt).toBeNull();
    expect(back.user.name).toBe('Luis');
    expect(await updateUser(db.knex, 999_999, { name: 'x' })).toBeNull();
    expect(await getUserContact(db.knex, user.id)).toEqual({
      id: user.id,
      name: 'Luis',
      waId: '5215577778888',
      bsuid: null,
    });
    expect(await getUserContact(db.knex, 999_999)).toBeNull();
  });

  it('stores SQL-injection strings verbatim', async () => {
    for (const [i, name] of INJECTIONS.entries()) {
      const { user } = await findOrCreateByIdentity(db.knex, {
        waId: `52155000000${i}0`,
        profileName: name,
      });
      expect(user.name).toBe(name);
      expect((await updateUser(db.knex, user.id, { name }))?.name).toBe(name);
    }
    expect(await findUserByIdentity(db.knex, { waId: "' OR '1'='1" })).toBeNull();
    const { rows } = await db.knex.raw<{ rows: unknown[] }>(
      'select 1 from information_schema.tables where table_schema = ? and table_name in (?, ?)',
      [db.schema, 'users', 'providers'],
    );
    expect(rows).toHaveLength(2);
  });
});
