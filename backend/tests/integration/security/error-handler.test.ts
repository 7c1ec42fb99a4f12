/**
 * The central error handler (wiring/http-app.ts): whatever a route throws — an Error with a secret in its
 * message, a knex/Postgres error carrying SQL, a non-Error value, a body parser failure —
 * the client gets a status and a short JSON message, never a stack trace, SQL or a secret.
 */
import { Writable } from 'node:stream';
import express, { Router } from 'express';
import request from 'supertest';
import { createApp } from '../../../src/wiring/http-app';
import { createLogger } from '../../../src/observability/logger';
import { createTestDb, type TestDb } from '../../helpers/db';

const SECRET = process.env.WHATSAPP_APP_SECRET!;
const TOKEN = process.env.WHATSAPP_ACCESS_TOKEN!;
let db: TestDb;
let app: express.Express;
const logLines: string[] = [];
let extra: Router;
/** Added after createApp: the router is live, so the route is reachable. */
function routesWithPhone(): void {
  extra.get('/phone', () => {
    throw new Error('failed for 5215512345678');
  });
}

beforeAll(async () => {
  db = await createTestDb({ migrate: false });
  const routes = Router();
  routes.get('/boom', () => {
    throw new Error(`exploded with token ${TOKEN} and secret ${SECRET}`);
  });
  routes.get('/boom-async', async () => {
    await Promise.resolve();
    throw new Error(`async failure ${SECRET}`);
  });
  routes.get('/knex', async (_req, res) => {
    await db.knex('no_such_table').select('password_hash').where({ api_key: 'hunter2-key' });
    res.json({ ok: true });
  });
  routes.get('/knex-syntax', async (_req, res) => {
    await db.knex.raw('selec broken sql from users where token = ?', [TOKEN]);
    res.json({ ok: true });
  });
  routes.get('/throw-null', () => {
    throw null;
  });
  routes.get('/throw-string', () => {
    throw `raw string with ${SECRET}`;
  });
  routes.get('/teapot', () => {
    throw Object.assign(new Error(`client error mentioning ${SECRET}`), { status: 418 });
  });
  routes.get('/weird-status', () => {
    throw Object.assign(new Error('odd'), { status: 200, statusCode: 'abc' });
  });
  routes.get('/after-headers', (_req, res) => {
    res.status(200).write('partial');
    throw new Error(`late failure ${SECRET}`);
  });
  extra = routes;
  // The admin router parses its own bodies, after its own key check (admin/router.ts); errors of
  // that parser it does not answer itself reach the central handler.
  const admin = Router();
  admin.use(express.json({ limit: '100kb' }));
  admin.post('/echo', (req, res) => {
    res.json({ got: req.body });
  });
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logLines.push(chunk.toString());
      cb();
    },
  });
  app = createApp({
    logger: createLogger({ level: 'info', pretty: false, destination: sink }),
    webhook: routes,
    health: Router(),
    admin,
  });
});

afterAll(async () => {
  await db.destroy();
});

const LEAKS = [
  SECRET,
  TOKEN,
  'hunter2',
  'no_such_table',
  'password_hash',
  'select',
  'selec',
  'stack',
  ' at ',
  '.ts:',
  'node_modules',
  'relation',
];

function expectNoLeak(text: string): void {
  for (const leak of LEAKS) expect(text.toLowerCase()).not.toContain(leak.toLowerCase());
}

describe('central error handler', () => {
  it.each([
    ['/boom', 500],
    ['/boom-async', 500],
    ['/knex', 500],
    ['/knex-syntax', 500],
    ['/throw-string', 500],
    ['/teapot', 418],
    ['/weird-status', 500],
  ])('GET %s → %i with a short JSON error and nothing internal', async (path, status) => {
    const res = await request(app).get(path);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(Object.keys(res.body)).toEqual(['error']);
    expect(res.body.error).toMatch(/^(internal error|request rejected)$/);
    expectNoLeak(res.text);
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('`throw null` is "no error" to Express: it falls through to the 404 JSON, still without detail', async () => {
    const res = await request(app).get('/throw-null');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'not found' });
  });

  it('a failure after the response started closes it without appending error details', async () => {
    const res = await request(app)
      .get('/after-headers')
      .catch((err: Error) => ({ text: '', status: 0, err }));
    expectNoLeak(res.text ?? '');
  });

  it('a JSON body parse error on /admin is a 400 without the parser message or the body', async () => {
    const res = await request(app)
      .post('/admin/echo')
      .set('content-type', 'application/json')
      .send(`{"apiKey": "${SECRET}", bad json`);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'bad request' });
    expectNoLeak(res.text);
    expect(res.text).not.toContain('Unexpected');
  });

  it('an oversized /admin body is 413', async () => {
    const res = await request(app)
      .post('/admin/echo')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ x: 'y'.repeat(200_000) }));
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ error: 'payload too large' });
  });

  it('a malformed URL escape is a 400 JSON, unknown routes a 404 JSON', async () => {
    const bad = await request(app).get('/admin/%E0%A4%A');
    expect([400, 404]).toContain(bad.status);
    expect(bad.headers['content-type']).toMatch(/application\/json/);
    expectNoLeak(bad.text);
    for (const [method, path] of [
      ['get', '/nope'],
      ['post', '/nope'],
      ['delete', '/webhook'],
      ['put', '/admin/x'],
      ['get', '/.env'],
      ['get', '/../../etc/passwd'],
    ] as const) {
      const res = await request(app)[method](path);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: 'not found' });
    }
  });

  it('the server-side log keeps the detail of a 5xx (the client never sees it), phone numbers masked', async () => {
    await request(app).get('/boom');
    expect(logLines.some((l) => l.includes('http.error') && l.includes('exploded'))).toBe(true);
    routesWithPhone();
    await request(app).get('/phone');
    const line = logLines.find((l) => l.includes('http.error') && l.includes('failed for'));
    expect(line).toContain('5678');
    expect(line).not.toContain('5215512345678');
  });
});
