/**
 * BSUID / number mismatches (issue 16, finding 5) on real Postgres: a known number arriving with
 * another BSUID (a recycled number) and a known BSUID arriving from another number no longer take
 * over or merge into the account on file. The message gets an account of its own, the mismatch is
 * recorded (audit_log row, `identity_mismatches_total`, a warning with the key masked), and the
 * old account is untouched. Consistent identities behave as before (missing identifiers filled in).
 */
import { Writable } from 'node:stream';
import { findOrCreateByIdentity, resolveIdentity, type User } from '../../../src/db/users';
import { createLogger } from '../../../src/observability/logger';
import { registry } from '../../../src/observability/metrics';
import { loadUser, saveUser } from '../../../src/operations/users';
import { createTestDb, type TestDb } from '../../helpers/db';
import { ctxFor, nextWaId } from '../operations/fixtures';

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb({ poolMax: 12 });
});
afterAll(async () => {
  await db.destroy();
});

let n = 0;
const bsuid = () => `MX.test${Date.now().toString(36)}${++n}`;
const row = (id: number) =>
  db.knex('users').select('id', 'wa_id', 'bsuid', 'name').where({ id }).first();

describe('findOrCreateByIdentity keeps contradicting identities apart', () => {
  it('a known number with another BSUID gets its own account (keyed by the new BSUID); the old account is untouched', async () => {
    const waId = nextWaId();
    const [b1, b2] = [bsuid(), bsuid()];
    const owner = await findOrCreateByIdentity(db.knex, { waId, bsuid: b1, profileName: 'Dueña' });
    const before = await row(owner.user.id);

    const other = await findOrCreateByIdentity(db.knex, { waId, bsuid: b2 });
    expect(other).toMatchObject({
      isNew: true,
      mismatch: { kind: 'number_has_other_bsuid', userIds: [owner.user.id] },
    });
    expect(other.user).toMatchObject({ waId: null, bsuid: b2 });
    expect(other.user.id).not.toBe(owner.user.id);
    expect(await row(owner.user.id)).toEqual(before);

    // The same pair again lands in the separate account, without a new mismatch; the owner still gets theirs.
    const again = await findOrCreateByIdentity(db.knex, { waId, bsuid: b2 });
    expect(again).toEqual({ user: other.user, isNew: false });
    expect((await findOrCreateByIdentity(db.knex, { waId, bsuid: b1 })).user.id).toBe(
      owner.user.id,
    );
    expect((await findOrCreateByIdentity(db.knex, { waId })).user.id).toBe(owner.user.id);
  });

  it('a known BSUID from another number gets its own account (keyed by the new number); not merged', async () => {
    const [w1, w2] = [nextWaId(), nextWaId()];
    const b = bsuid();
    const owner = await findOrCreateByIdentity(db.knex, { waId: w1, bsuid: b });
    const other = await findOrCreateByIdentity(db.knex, { waId: w2, bsuid: b });
    expect(other).toMatchObject({
      isNew: true,
      mismatch: { kind: 'bsuid_has_other_number', userIds: [owner.user.id] },
    });
    expect(other.user).toMatchObject({ waId: w2, bsuid: null });
    expect(await row(owner.user.id)).toMatchObject({ wa_id: w1, bsuid: b });
    expect(await findOrCreateByIdentity(db.knex, { waId: w2, bsuid: b })).toEqual({
      user: other.user,
      isNew: false,
    });
    expect((await findOrCreateByIdentity(db.knex, { bsuid: b })).user.id).toBe(owner.user.id);
  });

  it('number and BSUID held by two other accounts: the number’s account is used and the mismatch reported every time', async () => {
    const [w1, w2] = [nextWaId(), nextWaId()];
    const [b1, b2] = [bsuid(), bsuid()];
    const a = await findOrCreateByIdentity(db.knex, { waId: w1, bsuid: b1 });
    const b = await findOrCreateByIdentity(db.knex, { waId: w2, bsuid: b2 });
    for (let i = 0; i < 2; i++) {
      const out = await findOrCreateByIdentity(db.knex, { waId: w1, bsuid: b2 });
      expect(out).toEqual({
        user: a.user,
        isNew: false,
        mismatch: { kind: 'both_taken', userIds: [a.user.id, b.user.id] },
      });
    }
    expect(await row(a.user.id)).toMatchObject({ wa_id: w1, bsuid: b1 });
    expect(await row(b.user.id)).toMatchObject({ wa_id: w2, bsuid: b2 });
  });

  it('consistent identities are unchanged: a missing BSUID or number is filled in, no mismatch', async () => {
    const waId = nextWaId();
    const b = bsuid();
    const u = await findOrCreateByIdentity(db.knex, { waId });
    const linked = await findOrCreateByIdentity(db.knex, { waId, bsuid: b });
    expect(linked).toEqual({
      user: { ...u.user, bsuid: b, updatedAt: expect.any(Date) },
      isNew: false,
    });
    const b2 = bsuid();
    const v = await findOrCreateByIdentity(db.knex, { bsuid: b2 });
    const w2 = nextWaId();
    expect((await findOrCreateByIdentity(db.knex, { waId: w2, bsuid: b2 })).user).toMatchObject({
      id: v.user.id,
      waId: w2,
      bsuid: b2,
    });
  });

  it('is race-safe: 10 concurrent messages of a recycled number make one separate account', async () => {
    const waId = nextWaId();
    const owner = await findOrCreateByIdentity(db.knex, { waId, bsuid: bsuid() });
    const newcomer = bsuid();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => findOrCreateByIdentity(db.knex, { waId, bsuid: newcomer })),
    );
    const ids = new Set(results.map((r) => r.user.id));
    expect(ids.size).toBe(1);
    expect(ids.has(owner.user.id)).toBe(false);
    expect(results.filter((r) => r.isNew)).toHaveLength(1);
  });
});

describe('resolveIdentity (the rule, pure)', () => {
  const user = (id: number, waId: string | null, bsuid: string | null): User => ({
    id,
    waId,
    bsuid,
    name: null,
    locale: 'es',
    createdAt: new Date(0),
    updatedAt: new Date(0),
    deletedAt: null,
  });

  it.each([
    [
      'new person',
      { waId: '1', bsuid: 'MX.a' },
      undefined,
      undefined,
      { create: { waId: '1', bsuid: 'MX.a' } },
    ],
    [
      'same account',
      { waId: '1', bsuid: 'MX.a' },
      user(1, '1', 'MX.a'),
      user(1, '1', 'MX.a'),
      { use: expect.objectContaining({ id: 1 }), fill: {} },
    ],
    [
      'number known, BSUID new to it',
      { waId: '1', bsuid: 'MX.a' },
      user(1, '1', null),
      undefined,
      { use: expect.objectContaining({ id: 1 }), fill: { bsuid: 'MX.a' } },
    ],
    [
      'recycled number',
      { waId: '1', bsuid: 'MX.b' },
      user(1, '1', 'MX.a'),
      undefined,
      { create: { bsuid: 'MX.b' }, mismatch: { kind: 'number_has_other_bsuid', userIds: [1] } },
    ],
    [
      'changed number',
      { waId: '2', bsuid: 'MX.a' },
      undefined,
      user(1, '1', 'MX.a'),
      { create: { waId: '2' }, mismatch: { kind: 'bsuid_has_other_number', userIds: [1] } },
    ],
    [
      'after the split',
      { waId: '1', bsuid: 'MX.b' },
      user(1, '1', 'MX.a'),
      user(2, null, 'MX.b'),
      { use: expect.objectContaining({ id: 2 }), fill: {} },
    ],
    [
      'two partial accounts',
      { waId: '1', bsuid: 'MX.a' },
      user(1, '1', null),
      user(2, null, 'MX.a'),
      { use: expect.objectContaining({ id: 1 }), fill: {} },
    ],
    [
      'both taken',
      { waId: '1', bsuid: 'MX.b' },
      user(1, '1', 'MX.a'),
      user(2, '2', 'MX.b'),
      {
        use: expect.objectContaining({ id: 1 }),
        fill: {},
        mismatch: { kind: 'both_taken', userIds: [1, 2] },
      },
    ],
  ] as const)('%s', (_name, identity, byWaId, byBsuid, expected) => {
    expect(resolveIdentity(identity, byWaId, byBsuid)).toEqual(expected);
  });
});

describe('loadUser / saveUser record a mismatch', () => {
  it('writes an audit_log row naming the accounts, counts it and logs a warning without the number', async () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: 'info',
      pretty: false,
      destination: new Writable({ write: (c: Buffer, _e, cb) => (lines.push(c.toString()), cb()) }),
    });
    const waId = nextWaId();
    const owner = await findOrCreateByIdentity(db.knex, { waId, bsuid: bsuid() });
    await db.knex('users').update({ name: 'Dueña' }).where({ id: owner.user.id });
    const newcomer = bsuid();
    const metric = async () =>
      (await registry.getSingleMetric('identity_mismatches_total')!.get()).values.find(
        (v) => v.labels.kind === 'number_has_other_bsuid',
      )?.value ?? 0;
    const before = await metric();

    const ctx = ctxFor({ waId, bsuid: newcomer });
    const loaded = await loadUser(db.knex, logger)({}, ctx);
    expect(loaded).toMatchObject({ isNew: true, user: { name: null } });
    expect(loaded.user.id).not.toBe(owner.user.id);
    const saved = await saveUser(db.knex, logger)({ name: 'Nueva' }, ctx);
    expect(saved.user).toMatchObject({ id: loaded.user.id, name: 'Nueva' });
    expect(await row(owner.user.id)).toMatchObject({ name: 'Dueña', bsuid: owner.user.bsuid });

    const audit = await db
      .knex('audit_log')
      .where({ action: 'user.identity_mismatch', entity_id: String(loaded.user.id) });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: 'system:identity',
      entity: 'user',
      data: { kind: 'number_has_other_bsuid', contradicts: [owner.user.id] },
    });
    expect((await metric()) - before).toBe(1);
    const warning = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.event === 'user.identity_mismatch');
    expect(warning).toMatchObject({
      level: 40,
      kind: 'number_has_other_bsuid',
      userId: loaded.user.id,
      contradicts: [owner.user.id],
    });
    expect(lines.join('\n')).not.toContain(waId);
  });
});
