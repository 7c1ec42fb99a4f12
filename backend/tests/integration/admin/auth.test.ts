import crypto from 'node:crypto';
import request from 'supertest';
import { actorOf, matchKey } from '../../../src/admin/auth';
import { createTestDb, type TestDb } from '../../helpers/db';
import { adminApp, bearer, KEYS } from './app';

describe('admin API authentication', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb({ poolMax: 4 });
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('answers 401 JSON without a key, with a wrong key, or with a malformed header', async () => {
    const { app } = adminApp(db.knex);
    const cases: [string, string][][] = [
      [],
      [['Authorization', 'Bearer wrong-key']],
      [['Authorization', `Basic ${Buffer.from(`admin:${KEYS[0]}`).toString('base64')}`]],
      [['Authorization', `Bearer ${KEYS[0]!.slice(0, -1)}`]],
      [['Authorization', `Bearer ${KEYS[0]}x`]],
      [['X-Api-Key', '']],
      [['X-Api-Key', 'nope']],
    ];
    for (const headers of cases) {
      let req = request(app).get('/admin/providers');
      for (const [k, v] of headers) req = req.set(k, v);
      const res = await req;
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: 'unauthorized', message: expect.any(String) });
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    }
  });

  it('accepts every configured key, as Bearer or X-Api-Key (rotation)', async () => {
    const { app } = adminApp(db.knex);
    expect(
      (
        await request(app)
          .get('/admin/providers')
          .set(...bearer(KEYS[0]))
      ).status,
    ).toBe(200);
    expect(
      (
        await request(app)
          .get('/admin/providers')
          .set(...bearer(KEYS[1]))
      ).status,
    ).toBe(200);
    expect((await request(app).get('/admin/providers').set('X-Api-Key', KEYS[1]!)).status).toBe(
      200,
    );
  });

  it('refuses everything when no key is configured', async () => {
    const { app } = adminApp(db.knex, { keys: [] });
    expect(
      (
        await request(app)
          .get('/admin/providers')
          .set(...bearer(''))
      ).status,
    ).toBe(401);
    expect((await request(app).get('/admin/providers').set('X-Api-Key', 'anything')).status).toBe(
      401,
    );
  });

  it('checks the key before parsing the body', async () => {
    const { app } = adminApp(db.knex);
    const res = await request(app)
      .post('/admin/service-types')
      .set('Content-Type', 'application/json')
      .send('{not json');
    expect(res.status).toBe(401);
  });

  it('compares in constant time against every key, whichever matches', () => {
    const digests = ['a', 'b', 'c'].map((k) => crypto.createHash('sha256').update(k).digest());
    const spy = jest.spyOn(crypto, 'timingSafeEqual');
    try {
      for (const [presented, expected] of [
        ['a', 0],
        ['c', 2],
        ['zzz', -1],
      ] as const) {
        spy.mockClear();
        expect(matchKey(digests, presented)).toBe(expected);
        expect(spy).toHaveBeenCalledTimes(3);
        for (const [x, y] of spy.mock.calls)
          expect((x as Buffer).length).toBe((y as Buffer).length);
      }
    } finally {
      spy.mockRestore();
    }
  });

  it('names the actor by a hash prefix, never by the key', () => {
    const actor = actorOf(KEYS[0]!);
    expect(actor).toMatch(/^key:[0-9a-f]{12}$/);
    expect(actor).not.toContain(KEYS[0]!.slice(0, 8));
    expect(actorOf(KEYS[1]!)).not.toBe(actor);
  });
});
