/**
 * The console's Flags page and the `console` flag, over HTTP against the whole app: an admin
 * lists every flag, sets a percentage (the rule lands in Redis and an audit row names the
 * operator), goes back to the environment's rule; an agent gets 403; a bad percentage or an
 * unknown flag is refused and changes nothing; with `console` off every page answers 503 except
 * sign-in and the Flags page for admins, and switching it back on there restores the inbox.
 */
import { listAudit } from '../../../src/db/audit-log';
import { flagsKey } from '../../../src/queue/keys';
import { FLAG_KEYS } from '../../../src/shared/feature-flags';
import { addOperator, consoleClient, signIn, type ConsoleClient } from '../../helpers/console';
import { eventually, sleep } from '../../helpers/redis';
import { startTestSystem, type TestSystem } from '../../helpers/system';

const CACHE_MS = 200;
let t: TestSystem;
let adminId: number;

beforeAll(async () => {
  // The environment sets `handoff` to 40 %: the page shows it as the environment's rule.
  t = await startTestSystem({
    FEATURE_FLAGS: 'handoff=40%',
    FEATURE_FLAGS_CACHE_MS: String(CACHE_MS),
  });
  adminId = await addOperator(t.db.knex, 'root', 'admin');
  await addOperator(t.db.knex, 'ana', 'agent');
});
afterAll(async () => {
  await t.stop();
});

async function signedIn(username: string): Promise<{ c: ConsoleClient; csrf: string }> {
  const c = consoleClient(t.baseUrl);
  expect((await signIn(c, username)).status).toBe(303);
  return { c, csrf: await c.csrf() };
}

/** The stored runtime rule of a flag (null: none, the environment's applies). */
async function stored(flag: string): Promise<{ percent: number; by: string } | null> {
  const raw = await t.system.redis.hget(flagsKey(t.prefix), flag);
  return raw === null ? null : (JSON.parse(raw) as { percent: number; by: string });
}

const flagAudits = async () => listAudit(t.db.knex, { entity: 'flag' });

/** One flag's section of the page. */
function section(body: string, flag: string): string {
  const start = body.indexOf(`data-flag="${flag}"`);
  expect(start).toBeGreaterThan(-1);
  const end = body.indexOf('</section>', start);
  return body.slice(start, end);
}

it('an admin sees every flag with its rule, source, environment value; the Flags link is in their navigation only', async () => {
  const { c } = await signedIn('root');
  const res = await c.get('/console/flags');
  expect(res.status).toBe(200);
  const body = await res.text();
  for (const key of FLAG_KEYS) expect(body).toContain(`data-flag="${key}"`);
  const handoff = section(body, 'handoff');
  expect(handoff).toContain('data-rule="40%"');
  expect(handoff).toContain('data-source="environment"');
  expect(handoff).toContain('data-environment="40%"');
  expect(handoff).toContain('encendida para el 40 % de las conversaciones');
  expect(handoff).toContain('Sin cambios registrados.');
  // No override yet: nothing to go back from.
  expect(handoff).not.toContain('value="clear"');
  expect(section(body, 'console')).toContain('data-rule="on"');
  expect(body).toContain('href="/console/flags" aria-current="page"');

  const agent = await signedIn('ana');
  expect(await (await agent.c.get('/console')).text()).not.toContain('href="/console/flags"');
});

it('setting a percentage writes the Redis rule and an audit row with the operator as actor; clearing goes back to the environment', async () => {
  const { c, csrf } = await signedIn('root');
  const set = await c.post('/console/flags/understanding', {
    _csrf: csrf,
    action: 'percent',
    percent: '25',
  });
  expect(set.status).toBe(303);
  expect(set.headers.get('location')).toBe(
    '/console/flags?flash=flagSet&flag=understanding&rule=25%25',
  );
  expect(await stored('understanding')).toMatchObject({ percent: 25, by: `operator:${adminId}` });
  const [audit] = await flagAudits();
  expect(audit).toMatchObject({
    actor: `operator:${adminId}`,
    action: 'flag.set',
    entityId: 'understanding',
    data: { from: 'on', fromSource: 'environment', to: '25%' },
  });
  expect(await t.system.flags.get('understanding')).toMatchObject({ rule: '25%', source: 'redis' });

  const after = await (await c.get(set.headers.get('location')!)).text();
  expect(after).toContain(
    'Listo: «understanding» ahora está encendida para el 25 % de las conversaciones.',
  );
  const understanding = section(after, 'understanding');
  expect(understanding).toContain('data-source="redis"');
  expect(understanding).toContain(
    'name="percent" type="number" min="0" max="100" step="1" inputmode="numeric" required value="25"',
  );
  expect(understanding).toContain(`data-actor="operator:${adminId}">root</span>`);
  expect(understanding).toContain('la dejó encendida para el 25 % de las conversaciones');

  const cleared = await c.post('/console/flags/understanding', { _csrf: csrf, action: 'clear' });
  expect(cleared.status).toBe(303);
  expect(cleared.headers.get('location')).toBe(
    '/console/flags?flash=flagCleared&flag=understanding&rule=on',
  );
  expect(await stored('understanding')).toBeNull();
  const [clearAudit] = await flagAudits();
  expect(clearAudit).toMatchObject({
    actor: `operator:${adminId}`,
    action: 'flag.clear',
    entityId: 'understanding',
    data: { from: '25%', to: 'on' },
  });
  const page = await (await c.get(cleared.headers.get('location')!)).text();
  expect(page).toContain('Listo: «understanding» volvió al valor del entorno (encendida).');
  expect(section(page, 'understanding')).toContain('la regresó al entorno');

  // Clearing again changes nothing and writes nothing.
  const again = await c.post('/console/flags/understanding', { _csrf: csrf, action: 'clear' });
  expect(again.headers.get('location')).toBe(
    '/console/flags?flash=flagUnchanged&flag=understanding',
  );
  expect(await flagAudits()).toHaveLength(2);

  // On and off are plain rules (100 % and 0 %).
  expect((await c.post('/console/flags/handoff', { _csrf: csrf, action: 'off' })).status).toBe(303);
  expect(await stored('handoff')).toMatchObject({ percent: 0 });
  expect((await c.post('/console/flags/handoff', { _csrf: csrf, action: 'on' })).status).toBe(303);
  expect(await stored('handoff')).toMatchObject({ percent: 100 });
  expect((await c.post('/console/flags/handoff', { _csrf: csrf, action: 'clear' })).status).toBe(
    303,
  );
  expect(await stored('handoff')).toBeNull();
});

it('an agent gets 403 on the page and its actions; nothing changes', async () => {
  const { c, csrf } = await signedIn('ana');
  const before = (await flagAudits()).length;
  expect((await c.get('/console/flags')).status).toBe(403);
  const post = await c.post('/console/flags/console', { _csrf: csrf, action: 'off' });
  expect(post.status).toBe(403);
  expect(await post.text()).toBe('Tu rol no permite esta acción.');
  expect(await stored('console')).toBeNull();
  expect(await flagAudits()).toHaveLength(before);
});

it('a bad percentage, an unknown action or flag, or a missing CSRF token is refused and changes nothing', async () => {
  const { c, csrf } = await signedIn('root');
  expect(
    (await c.post('/console/flags/handoff', { _csrf: csrf, action: 'percent', percent: '30' }))
      .status,
  ).toBe(303);
  const before = await flagAudits();

  for (const percent of ['150', '-5', '12.5', 'diez', '']) {
    const res = await c.post('/console/flags/handoff', { _csrf: csrf, action: 'percent', percent });
    expect([percent, res.status]).toEqual([percent, 400]);
    const body = await res.text();
    expect(body).toContain('El porcentaje debe ser un número entero de 0 a 100. No cambió nada.');
    expect(body).toContain('role="alert"');
  }
  const badAction = await c.post('/console/flags/handoff', { _csrf: csrf, action: 'maybe' });
  expect(badAction.status).toBe(400);
  expect(await badAction.text()).toContain('No cambió nada.');
  const unknown = await c.post('/console/flags/teleport', { _csrf: csrf, action: 'on' });
  expect(unknown.status).toBe(404);
  expect(await unknown.text()).toContain('No existe la función «teleport». No cambió nada.');
  expect((await c.post('/console/flags/handoff', { action: 'off' })).status).toBe(403);

  expect(await stored('handoff')).toMatchObject({ percent: 30 });
  expect(await t.system.redis.hkeys(flagsKey(t.prefix))).toEqual(['handoff']);
  expect(await flagAudits()).toEqual(before);
  expect((await c.post('/console/flags/handoff', { _csrf: csrf, action: 'clear' })).status).toBe(
    303,
  );
});

it('with `console` off every page answers 503 except sign-in and the Flags page for admins; switching it on there restores the inbox', async () => {
  const admin = await signedIn('root');
  const agent = await signedIn('ana');
  expect((await agent.c.get('/console/inbox')).status).toBe(200);

  const off = await admin.c.post('/console/flags/console', { _csrf: admin.csrf, action: 'off' });
  expect(off.status).toBe(303);
  expect(await stored('console')).toMatchObject({ percent: 0, by: `operator:${adminId}` });

  // Within FEATURE_FLAGS_CACHE_MS every process sees it.
  const closed = await eventually(async () => {
    const res = await agent.c.get('/console/inbox');
    return res.status === 503 ? res : null;
  }, 5000);
  const closedPage = await closed.text();
  expect(closedPage).toContain('La consola está apagada por la función (feature flag) «console».');
  expect(closedPage).toContain('PUT /admin/flags/console {&quot;enabled&quot;:true}');
  expect(closedPage).not.toContain('Ir a Funciones');
  expect((await agent.c.get('/console')).status).toBe(503);
  expect((await agent.c.get('/console/flags')).status).toBe(503);
  expect(
    (await agent.c.post('/console/inbox/1/reply', { _csrf: agent.csrf, text: 'hola' })).status,
  ).toBe(503);
  // The admin too, outside the Flags page (with a link to it).
  const adminInbox = await admin.c.get('/console/inbox');
  expect(adminInbox.status).toBe(503);
  expect(await adminInbox.text()).toContain('Ir a Funciones');

  // Still open: sign-in, sign-out, the assets, and the Flags page for the admin (which says the console is off).
  const anon = consoleClient(t.baseUrl);
  expect((await anon.get('/console/login')).status).toBe(200);
  expect((await anon.get('/console/assets/console.css')).status).toBe(200);
  expect((await signIn(anon, 'ana')).status).toBe(303);
  // The off page keeps the header's sign-out form (with this session's CSRF token).
  expect((await anon.post('/console/logout', { _csrf: await anon.csrf() })).status).toBe(303);
  expect(anon.cookies.has('ubc_sid')).toBe(false);
  const flagsPage = await admin.c.get('/console/flags');
  expect(flagsPage.status).toBe(200);
  expect(await flagsPage.text()).toContain(
    'La consola está apagada: solo esta página funciona, y solo para administradores.',
  );

  // A partial rollout of `console` counts as off (it is evaluated without a conversation key).
  const partial = await admin.c.post('/console/flags/console', {
    _csrf: admin.csrf,
    action: 'percent',
    percent: '50',
  });
  expect(partial.status).toBe(303);
  expect(await stored('console')).toMatchObject({ percent: 50 });
  await sleep(CACHE_MS + 100);
  expect((await agent.c.get('/console/inbox')).status).toBe(503);

  const on = await admin.c.post('/console/flags/console', { _csrf: admin.csrf, action: 'on' });
  expect(on.status).toBe(303);
  const open = await eventually(async () => {
    const res = await agent.c.get('/console/inbox');
    return res.status === 200 ? res : null;
  }, 5000);
  expect(await open.text()).toContain('Bandeja de conversaciones');
  expect(await (await admin.c.get('/console/flags')).text()).not.toContain('data-console-off');
});
