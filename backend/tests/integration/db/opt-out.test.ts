/**
 * Opt-out (db/opt-out.ts, users.opted_out_at) and who has something open
 * (db/open-request-contacts.ts): the two reads the status broadcast and the sender rely on.
 */
import type { Knex } from 'knex';
import { listOpenRequestContacts } from '../../../src/db/open-request-contacts';
import { isOptedOut, setOptedOut } from '../../../src/db/opt-out';
import { setRequestStatus } from '../../../src/db/requests';
import { findOrCreateByIdentity } from '../../../src/db/users';
import { createTestDb, type TestDb } from '../../helpers/db';
import { makeProvider, makeRequest, makeServiceType, makeUser } from './fixtures';

let db: TestDb;
let knex: Knex;
beforeAll(async () => {
  db = await createTestDb({ poolMax: 4 });
  knex = db.knex;
});
afterAll(async () => {
  await db.destroy();
});

it('a user is not opted out until they ask; the opt-out can be undone; unknown users are not opted out', async () => {
  const user = await makeUser(knex);
  expect(await isOptedOut(knex, user.id)).toBe(false);
  expect(await setOptedOut(knex, user.id, new Date('2026-12-01T10:00:00Z'))).toBe(true);
  expect(await isOptedOut(knex, user.id)).toBe(true);
  expect(await setOptedOut(knex, user.id, null)).toBe(true);
  expect(await isOptedOut(knex, user.id)).toBe(false);
  expect(await isOptedOut(knex, 2_000_000_000)).toBe(false);
  expect(await setOptedOut(knex, 2_000_000_000, new Date())).toBe(false);
});

it('lists customers with a request in progress and providers with an accepted job, once each, with their opt-out', async () => {
  const svc = await makeServiceType(knex);
  const provider = await makeProvider(knex, { services: [svc] });
  const idle = await makeProvider(knex, { services: [svc] });
  const searching = await makeUser(knex);
  const both = await makeUser(knex); // two open requests: listed once
  const accepted = await makeUser(knex);
  const finished = await makeUser(knex);
  const gone = await makeUser(knex);
  const bsuidOnly = (await findOrCreateByIdentity(knex, { bsuid: 'MX.optout0001' })).user;
  await makeRequest(knex, { customerId: searching.id, serviceTypeId: svc });
  await makeRequest(knex, { customerId: both.id, serviceTypeId: svc });
  const offered = await makeRequest(knex, { customerId: both.id, serviceTypeId: svc });
  await setRequestStatus(knex, offered.id, 'offered', ['searching']);
  const job = await makeRequest(knex, { customerId: accepted.id, serviceTypeId: svc });
  await setRequestStatus(knex, job.id, 'accepted', ['searching'], {
    provider_id: provider.id,
    accepted_at: new Date(),
  });
  const done = await makeRequest(knex, { customerId: finished.id, serviceTypeId: svc });
  await setRequestStatus(knex, done.id, 'done', ['searching'], {
    provider_id: idle.id,
    accepted_at: new Date(),
    completed_at: new Date(),
  });
  await makeRequest(knex, { customerId: gone.id, serviceTypeId: svc });
  // Soft deleted (no writer in the bot yet: straight into the table).
  await knex('users').update({ deleted_at: new Date() }).where({ id: gone.id });
  await makeRequest(knex, { customerId: bsuidOnly.id, serviceTypeId: svc });
  await setOptedOut(knex, searching.id, new Date());

  const contacts = await listOpenRequestContacts(knex);
  expect(contacts.map((c) => [c.userId, c.customer, c.provider, c.optedOut])).toEqual(
    [
      [searching.id, true, false, true],
      [both.id, true, false, false],
      [accepted.id, true, false, false],
      [bsuidOnly.id, true, false, false],
      [provider.userId, false, true, false],
    ].sort((a, b) => Number(a[0]) - Number(b[0])),
  );
  expect(contacts.find((c) => c.userId === bsuidOnly.id)).toMatchObject({
    waId: null,
    bsuid: 'MX.optout0001',
    locale: 'es',
  });
});
