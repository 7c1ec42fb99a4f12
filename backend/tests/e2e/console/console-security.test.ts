/**
 * The console's guards, over HTTP against the whole app: no page or action without a session,
 * CSRF tokens required, a new session id at every sign-in (fixation), cookie flags (HttpOnly,
 * SameSite, Secure behind https), roles (an agent cannot reveal a phone or erase data; an admin
 * can, audited), the sign-in limit, sign-out.
 */
import { startTestSystem, type TestSystem } from '../../helpers/system';
import { ChatUser } from '../../helpers/chat';
import { seedServiceTypes } from '../../helpers/marketplace';
import { eventually } from '../../helpers/redis';
import { addOperator, consoleClient, signIn, TEST_PASSWORD } from '../../helpers/console';

let t: TestSystem;

beforeAll(async () => {
  t = await startTestSystem({ CONSOLE_LOGIN_ATTEMPTS_PER_15_MINUTES: '3' });
  await seedServiceTypes(t.db.knex);
  await addOperator(t.db.knex, 'ana', 'agent');
  await addOperator(t.db.knex, 'root', 'admin');
  await addOperator(t.db.knex, 'victim', 'agent');
});
afterAll(async () => {
  await t.stop();
});

const PAGES = [
  '/console',
  '/console/inbox',
  '/console/approvals',
  '/console/providers',
  '/console/requests',
  '/console/requests/1',
  '/console/dead-letters',
  '/console/people',
  '/console/inbox/1',
  '/console/flags',
];
const ACTIONS = [
  '/console/providers/1/decide',
  '/console/inbox/1/reply',
  '/console/inbox/1/hand-back',
  '/console/inbox/1/reveal',
  '/console/people/1/erase',
  '/console/dead-letters/1/replay',
  '/console/flags/console',
  '/console/logout',
];

it('no page without a session (redirect to sign-in) and no action (401)', async () => {
  const anon = consoleClient(t.baseUrl);
  for (const path of PAGES) {
    const res = await anon.get(path);
    expect([path, res.status, res.headers.get('location')]).toEqual([path, 303, '/console/login']);
  }
  for (const path of ACTIONS) {
    const res = await anon.post(path, { action: 'approve', text: 'x', confirm: 'yes' });
    expect([path, res.status]).toEqual([path, 401]);
  }
  // A made-up session id is no session.
  anon.cookies.set('ubc_sid', 'A'.repeat(43));
  expect((await anon.get('/console')).status).toBe(303);
});

it('actions need the session CSRF token; the sign-in form needs its own', async () => {
  const c = consoleClient(t.baseUrl);
  // Sign-in without the form's token is refused.
  const noToken = await c.post('/console/login', { username: 'ana', password: TEST_PASSWORD });
  expect(noToken.status).toBe(403);
  expect((await signIn(c, 'ana')).status).toBe(303);
  const csrf = await c.csrf();
  for (const path of ACTIONS.filter(
    (p) => !p.includes('reveal') && !p.includes('people') && !p.includes('flags'),
  )) {
    const missing = await c.post(path, { action: 'approve' });
    const wrong = await c.post(path, { action: 'approve', _csrf: `${csrf.slice(0, -2)}xx` });
    expect([path, missing.status, wrong.status]).toEqual([path, 403, 403]);
  }
  // With the token, sign-out works and the session is gone.
  expect((await c.post('/console/logout', { _csrf: csrf })).status).toBe(303);
  expect((await c.get('/console')).status).toBe(303);
});

it('a new session id at every sign-in (a planted cookie never becomes a session); cookie flags', async () => {
  const c = consoleClient(t.baseUrl);
  const planted = 'P'.repeat(43);
  c.cookies.set('ubc_sid', planted);
  const res = await signIn(c, 'ana');
  expect(res.status).toBe(303);
  const sid = c.cookies.get('ubc_sid')!;
  expect(sid).not.toBe(planted);
  expect(sid).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const cookie = c.setCookies.find((s) => s.startsWith('ubc_sid=') && !/Max-Age=0/.test(s))!;
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Strict/);
  expect(cookie).toMatch(/Path=\/console/);
  expect(cookie).not.toMatch(/Secure/); // plain http here

  // Signing in again gives yet another id, and the old one stops working.
  const again = await signIn(c, 'ana');
  expect(again.status).toBe(303);
  const sid2 = c.cookies.get('ubc_sid')!;
  expect(sid2).not.toBe(sid);
  const old = consoleClient(t.baseUrl);
  old.cookies.set('ubc_sid', sid);
  expect((await old.get('/console')).status).toBe(303);

  // Behind an https proxy (X-Forwarded-Proto, one trusted hop) the cookie is Secure.
  const s = consoleClient(t.baseUrl);
  const secure = await signIn(s, 'ana', TEST_PASSWORD, { 'x-forwarded-proto': 'https' });
  expect(secure.status).toBe(303);
  expect(s.setCookies.find((x) => x.startsWith('ubc_sid=') && !/Max-Age=0/.test(x))).toMatch(
    /; Secure/,
  );
  const page = await c.get('/console');
  expect(page.headers.get('cache-control')).toBe('no-store');
  expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
});

it('an agent cannot reveal phones or erase data; an admin can, and both are audited', async () => {
  const person = new ChatUser(t, '5215543210001', 'Eva');
  await person.register('Eva Campos');
  await person.say('hablar con un asesor');
  await person.expect(/persona del equipo/);
  const handoff = await eventually(() =>
    t.db.knex('handoffs').where({ conversation_key: person.key }).first(),
  );
  const user = await t.db.knex('users').where({ wa_id: person.waId }).first();

  const agent = consoleClient(t.baseUrl);
  await signIn(agent, 'ana');
  const agentCsrf = await agent.csrf();
  const agentPage = await (await agent.get(`/console/inbox/${handoff.id}`)).text();
  expect(agentPage).not.toContain(person.waId);
  expect(agentPage).not.toContain(`/inbox/${handoff.id}/reveal`);
  expect(
    (await agent.post(`/console/inbox/${handoff.id}/reveal`, { _csrf: agentCsrf })).status,
  ).toBe(403);
  expect((await agent.get('/console/people?q=Eva')).status).toBe(403);
  expect(
    (await agent.post(`/console/people/${user.id}/erase`, { _csrf: agentCsrf, confirm: 'yes' }))
      .status,
  ).toBe(403);
  expect((await t.db.knex('users').where({ id: user.id }).first()).wa_id).toBe(person.waId);

  const admin = consoleClient(t.baseUrl);
  await signIn(admin, 'root');
  const adminCsrf = await admin.csrf();
  const revealed = await admin.post(`/console/inbox/${handoff.id}/reveal`, { _csrf: adminCsrf });
  expect(revealed.status).toBe(200);
  expect(await revealed.text()).toContain(person.waId);
  const audit = await t.db
    .knex('audit_log')
    .where({ action: 'handoff.reveal_phone', entity_id: String(handoff.id) })
    .first();
  expect(audit.actor).toMatch(/^operator:\d+$/);

  const search = await (await admin.get('/console/people?q=Eva')).text();
  expect(search).toContain(`data-person="${user.id}"`);
  const erased = await admin.post(`/console/people/${user.id}/erase`, {
    _csrf: adminCsrf,
    confirm: 'yes',
  });
  expect(erased.status).toBe(303);
  const row = await t.db.knex('users').where({ id: user.id }).first();
  expect(row).toMatchObject({ wa_id: null, name: null });
  const erasure = await t.db
    .knex('audit_log')
    .where({ action: 'privacy.erase.postgres', entity_id: String(user.id) })
    .first();
  expect(erasure.actor).toBe(audit.actor);
  expect(erasure.data.via).toBe('console');
});

it('sign-in attempts are limited per user name and per IP (429), even with the right password', async () => {
  const c = consoleClient(t.baseUrl);
  for (let i = 0; i < 3; i++)
    expect((await signIn(c, 'victim', 'wrong-password-here')).status).toBe(401);
  const blocked = await signIn(c, 'victim');
  expect(blocked.status).toBe(429);
  expect(blocked.headers.get('retry-after')).toBe('900');
  // Another user name from the same IP: the per-IP limit has been reached too.
  expect((await signIn(c, 'root')).status).toBe(429);
  const failures = await t.db.knex('audit_log').where({ action: 'console.login' }).count('* as n');
  expect(Number(failures[0]!.n)).toBeGreaterThan(0);
});
