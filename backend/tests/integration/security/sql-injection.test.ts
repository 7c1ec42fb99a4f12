/**
 * Classic SQL-injection strings fed through every text column a person controls (names,
 * addresses, rating comments, ids Meta relays, admin filters) are stored and read back
 * verbatim and change nothing else: every value reaches Postgres as a bind parameter.
 *
 * Written against the repositories (backend/src/db) directly, so every text column and filter is
 * covered whether or not a conversation reaches it; names, addresses and rating comments are
 * also checked end to end (webhook → conversation → Postgres) in
 * backend/tests/e2e/security/sql-injection.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createTestDb, type TestDb } from '../../helpers/db';
import {
  findOrCreateByIdentity,
  findUserByIdentity,
  getUserById,
  updateUser,
} from '../../../src/db/users';
import { createServiceType, getServiceTypeById } from '../../../src/db/service-types';
import {
  getProviderById,
  insertPendingProvider,
  setProviderServices,
} from '../../../src/db/providers';
import { createRequest, getRequest, setRequestStatus } from '../../../src/db/requests';
import { listLatestReviews, saveRating } from '../../../src/db/ratings';
import { listAudit, writeAudit } from '../../../src/db/audit-log';
import { listProviders, listRequests } from '../../../src/db/listings';
import {
  insertInboundMessages,
  recordMessageStatus,
  upsertOutboundMessages,
} from '../../../src/db/message-log';

export const INJECTIONS = [
  "Robert'); DROP TABLE users;--",
  "' OR '1'='1",
  "1' OR 1=1 --",
  '" OR ""="',
  "admin'--",
  "'; SELECT pg_sleep(5); --",
  "'; UPDATE providers SET status = 'approved'; --",
  "x'; TRUNCATE service_requests CASCADE; --",
  '$$; DROP TABLE ratings; $$',
  "\\'; DELETE FROM users WHERE ''='",
  "1; COPY (SELECT '') TO PROGRAM 'touch /tmp/pwned'; --",
  "%' AND 1=1 AND '%'='",
  '??; :name; $1; ?',
  'O\'Brien — calle 5 de Mayo #12, "Depto" 3',
  '/* comment */ UNION SELECT wa_id, name FROM users --',
];

let db: TestDb;
let serviceTypeId: number;

beforeAll(async () => {
  db = await createTestDb();
  const created = await createServiceType(db.knex, {
    code: 'plumbing',
    nameEs: 'Plomería',
    nameEn: 'Plumbing',
  });
  if (!created.ok) throw new Error('seed failed');
  serviceTypeId = created.serviceType.id;
});
afterAll(async () => {
  await db.destroy();
});

async function tableCounts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of [
    'users',
    'providers',
    'service_requests',
    'ratings',
    'service_types',
    'audit_log',
    'message_log',
  ]) {
    const [{ n }] = await db.knex(t).count<{ n: string }[]>('* as n');
    out[t] = Number(n);
  }
  return out;
}

describe('SQL injection strings are stored verbatim and harmless', () => {
  it.each(INJECTIONS.map((s, i) => [i, s] as const))('#%i %s', async (i, evil) => {
    const waId = `52155${String(70000000 + i)}`;
    const before = await tableCounts();

    // Name: from the WhatsApp profile and from the "what is your name" answer.
    const { user } = await findOrCreateByIdentity(db.knex, { waId, profileName: evil });
    expect(user.name).toBe(evil.trim());
    const renamed = await updateUser(db.knex, user.id, { name: evil });
    expect(renamed!.name).toBe(evil);
    expect((await getUserById(db.knex, user.id))!.name).toBe(evil);
    // Identity lookups with hostile identifiers find nothing instead of everything.
    expect(await findUserByIdentity(db.knex, { bsuid: evil })).toBeNull();
    expect(await findUserByIdentity(db.knex, { waId: evil })).toBeNull();

    // Provider display name.
    const providerId = await insertPendingProvider(
      db.knex,
      user.id,
      { displayName: evil, lat: 19.43, lng: -99.13, radiusKm: 5 },
      new Date(),
    );
    await setProviderServices(db.knex, providerId, [serviceTypeId]);
    const provider = (await getProviderById(db.knex, providerId))!;
    expect(provider.displayName).toBe(evil);
    expect(provider.status).toBe('pending');

    // Request address, then a rating comment on the finished job.
    const customer = (
      await findOrCreateByIdentity(db.knex, { waId: `52155${String(80000000 + i)}` })
    ).user;
    const { request } = await createRequest(db.knex, {
      customerId: customer.id,
      serviceTypeId,
      lat: 19.43,
      lng: -99.13,
      address: evil,
      idempotencyKey: evil,
    });
    expect((await getRequest(db.knex, request.id))!.address).toBe(evil);
    await setRequestStatus(db.knex, request.id, 'accepted', ['searching'], {
      provider_id: provider.id,
    });
    await setRequestStatus(db.knex, request.id, 'done', ['accepted']);
    const rated = await db.knex.transaction((trx) =>
      saveRating(trx, {
        requestId: request.id,
        customerId: customer.id,
        providerId: provider.id,
        stars: 4,
        comment: evil,
        now: new Date(),
      }),
    );
    expect(rated.first).toBe(true);
    expect((await listLatestReviews(db.knex, provider.id, 1))[0]!.comment).toBe(evil);

    // Ids relayed by Meta (wamid, BSUID), correlation ids, and admin audit data / filters.
    const at = new Date().toISOString();
    await insertInboundMessages(db.knex, [
      { wamid: evil, wa: evil, bs: evil, type: 'text', corr: evil, at },
    ]);
    await upsertOutboundMessages(db.knex, [
      { wamid: `out:${evil}`, wa: evil, bs: evil, type: 'text', corr: evil },
    ]);
    expect(await recordMessageStatus(db.knex, { wamid: `out:${evil}`, status: 'read' })).toBe(true);
    expect(await db.knex('message_log').where({ wamid: evil }).first()).toMatchObject({
      wamid: evil,
      correlation_id: evil,
      user_id: null,
    });
    expect(
      await db
        .knex('message_log')
        .where({ wamid: `out:${evil}` })
        .first(),
    ).toMatchObject({ status: 'read', correlation_id: evil });
    await writeAudit(db.knex, {
      actor: 'key:abcd',
      action: 'note',
      entity: 'provider',
      entityId: provider.id,
      data: { note: evil },
    });
    const audit = await listAudit(db.knex, { entity: 'provider', entityId: provider.id });
    expect(audit[0]!.data).toEqual({ note: evil });
    expect(await listAudit(db.knex, { entity: evil })).toEqual([]);
    expect((await listProviders(db.knex, { service: evil, limit: 10, offset: 0 })).total).toBe(0);
    expect((await listRequests(db.knex, { service: evil, limit: 10, offset: 0 })).total).toBe(0);

    // Exactly the rows this case wrote were added; nothing else changed or disappeared.
    const after = await tableCounts();
    expect(after).toEqual({
      ...before,
      users: before.users! + 2,
      providers: before.providers! + 1,
      service_requests: before.service_requests! + 1,
      ratings: before.ratings! + 1,
      audit_log: before.audit_log! + 1,
      message_log: before.message_log! + 2,
    });
    const [{ approved }] = await db
      .knex('providers')
      .where({ status: 'approved' })
      .count<{ approved: string }[]>('* as approved');
    expect(Number(approved)).toBe(0);
    expect(await getServiceTypeById(db.knex, serviceTypeId)).toMatchObject({ code: 'plumbing' });
  });

  it('a service type code that is an injection string is refused by the schema, not executed', async () => {
    await expect(
      createServiceType(db.knex, { code: "x'; drop table users; --", nameEs: 'a', nameEn: 'b' }),
    ).rejects.toThrow(/service_types_code_check/);
    expect((await tableCounts()).users).toBeGreaterThan(0);
  });
});

describe('raw SQL in the code base never interpolates values', () => {
  /** Raw SQL given as a template literal may interpolate only constants (UPPER_CASE) or helpers called with string literals. */
  const SAFE = /^([A-Z_][A-Z0-9_]*|[a-zA-Z_]\w*\((\s*'[^']*'\s*,?)*\))$/;

  function files(dir: string): string[] {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((d) =>
        d.isDirectory()
          ? files(path.join(dir, d.name))
          : d.name.endsWith('.ts')
            ? [path.join(dir, d.name)]
            : [],
      );
  }

  it('every knex raw/whereRaw/orderByRaw template literal in backend/src and migrations uses only constants', () => {
    const root = path.resolve(__dirname, '..', '..', '..', '..');
    const offenders: string[] = [];
    let interpolations = 0;
    for (const file of [
      ...files(path.join(root, 'backend', 'src')),
      ...files(path.join(root, 'migrations')),
    ]) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(
        /\.(?:raw|whereRaw|orWhereRaw|orderByRaw|havingRaw|joinRaw|fromRaw|selectRaw)\(\s*`([^`]*)`/g,
      )) {
        for (const [, expr] of m[1]!.matchAll(/\$\{([^}]*)\}/g)) {
          interpolations++;
          if (!SAFE.test(expr!.trim())) offenders.push(`${path.relative(root, file)}: \${${expr}}`);
        }
      }
    }
    expect(offenders).toEqual([]);
    expect(interpolations).toBeGreaterThan(0); // the scan does see the constant ones (e.g. message-log rank())
  });

  it('the scan accepts constants and flags variables, properties and calls with variable arguments', () => {
    for (const ok of ['MAX_RADIUS_KM', "rank('m.status')", "rank('a', 'b')"])
      expect(SAFE.test(ok)).toBe(true);
    for (const bad of ['name', 'input.address', 'f(x)', "rank(name, 'x')", 'a + b'])
      expect(SAFE.test(bad)).toBe(false);
  });
});
