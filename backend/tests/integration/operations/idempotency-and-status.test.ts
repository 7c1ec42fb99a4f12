/** The operation_results store, the status map, and the wiring of every operation. */
import type { Knex } from 'knex';
import { OPERATION_SUMMARIES } from '../../../src/conversation/operations';
import { deleteOperationResultsOlderThan } from '../../../src/db/operation-results';
import { RestartTransaction, inputHash, markOnce, once } from '../../../src/operations/idempotency';
import * as migration from '../../../../migrations/20261126120000_create_operation_results';
import { createTestDb, type TestDb } from '../../helpers/db';
import { handlersFor, makeUser, nextKey, runner } from './fixtures';

describe('operations: idempotency store', () => {
  let db: TestDb;
  let knex: Knex;

  beforeAll(async () => {
    db = await createTestDb();
    knex = db.knex;
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('runs the work once per key and input; a repeat returns the stored output and skips after-commit effects', async () => {
    let runs = 0;
    let effects = 0;
    const work = async ({ trx, after }: { trx: Knex.Transaction; after(fn: () => void): void }) => {
      runs++;
      after(() => effects++);
      const [{ n }] = await trx
        .raw('select 41 + 1 as n')
        .then((r: { rows: { n: number }[] }) => r.rows);
      return { n, at: 'first' };
    };
    const key = nextKey('k');
    expect(await once(knex, 'test', key, { a: 1, b: [1, 2] }, work)).toEqual({
      n: 42,
      at: 'first',
    });
    expect(await once(knex, 'test', key, { b: [1, 2], a: 1 }, work)).toEqual({
      n: 42,
      at: 'first',
    });
    expect(runs).toBe(1);
    expect(effects).toBe(1);
    expect(
      await knex('operation_results').where('idempotency_key', 'like', `test:${key}:%`),
    ).toHaveLength(1);
    // Another input under the same key is another operation.
    await once(knex, 'test', key, { a: 2 }, work);
    expect(runs).toBe(2);
  });

  it('two concurrent calls with the same key: the second waits for the first and returns its outcome', async () => {
    let runs = 0;
    const key = nextKey('k');
    const work = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 100));
      return { run: runs };
    };
    const [a, b] = await Promise.all([
      once(knex, 'test', key, {}, work),
      once(knex, 'test', key, {}, work),
    ]);
    expect(runs).toBe(1);
    expect(a).toEqual({ run: 1 });
    expect(b).toEqual(a);
  });

  it('a failing work leaves nothing behind: no row, no stored result, no effect; the retry runs it', async () => {
    const key = nextKey('k');
    let effects = 0;
    await expect(
      once(knex, 'test', key, {}, async ({ trx, after }) => {
        await trx('audit_log').insert({ actor: 't', action: 'a', entity: 'e', entity_id: key });
        after(() => effects++);
        throw new Error('database went away');
      }),
    ).rejects.toThrow('database went away');
    expect(await knex('audit_log').where({ entity_id: key })).toHaveLength(0);
    expect(
      await knex('operation_results').where('idempotency_key', 'like', `test:${key}:%`),
    ).toHaveLength(0);
    expect(effects).toBe(0);
    expect(await once(knex, 'test', key, {}, async () => 'ok')).toBe('ok');
  });

  it('starts the transaction again on RestartTransaction (bounded)', async () => {
    let attempts = 0;
    const out = await once(knex, 'test', nextKey('k'), {}, async () => {
      attempts++;
      if (attempts < 3) throw new RestartTransaction('changed');
      return attempts;
    });
    expect(out).toBe(3);
    await expect(
      once(knex, 'test', nextKey('k'), {}, async () => {
        throw new RestartTransaction('always');
      }),
    ).rejects.toThrow('restart transaction');
  });

  it('hashes inputs independently of key order and undefined fields', () => {
    expect(inputHash({ a: 1, b: { c: 2, d: undefined } })).toBe(inputHash({ b: { c: 2 }, a: 1 }));
    expect(inputHash({ a: 1 })).not.toBe(inputHash({ a: 2 }));
  });

  it('prunes old results by created_at', async () => {
    const key = nextKey('old');
    await knex('operation_results').insert({
      idempotency_key: key,
      op: 'test',
      result: '{}',
      created_at: new Date(Date.now() - 40 * 86400_000),
    });
    const young = nextKey('young');
    await knex('operation_results').insert({
      idempotency_key: young,
      op: 'test',
      result: '{}',
      created_at: new Date(Date.now() - 20 * 86400_000),
    });
    expect(
      await deleteOperationResultsOlderThan(knex, new Date(Date.now() - 30 * 86400_000)),
    ).toBeGreaterThanOrEqual(1);
    expect(await knex('operation_results').where({ idempotency_key: key })).toHaveLength(0);
    expect(await knex('operation_results').where({ idempotency_key: young })).toHaveLength(1);
  });

  it('markOnce says true the first time for a key only, also across transactions', async () => {
    const key = nextKey('mark');
    const marks = await Promise.all(
      Array.from({ length: 4 }, () =>
        knex.transaction((trx) => markOnce(trx, 'test:reported', key)),
      ),
    );
    expect(marks.filter(Boolean)).toHaveLength(1);
    expect(await knex.transaction((trx) => markOnce(trx, 'test:reported', key))).toBe(false);
    expect(
      await knex('operation_results')
        .where({ idempotency_key: `test:reported:${key}` })
        .first(),
    ).toMatchObject({ op: 'test:reported', result: true });
  });

  it('every operation re-run with the same key writes one result row', async () => {
    const user = await makeUser(knex);
    const run = runner(handlersFor(knex));
    const key = nextKey('reg');
    const input = {
      idempotencyKey: key,
      userId: user.id,
      displayName: 'Uno',
      serviceTypeIds: [],
      lat: 19.4,
      lng: -99.1,
      radiusKm: 5,
    };
    await run('registerProvider', input, user);
    await run('registerProvider', input, user);
    expect(
      await knex('operation_results').where('idempotency_key', 'like', `registerProvider:${key}:%`),
    ).toHaveLength(1);
    expect(await knex('providers').where({ user_id: user.id })).toHaveLength(1);
  });

  it('the migration drops and recreates the table', async () => {
    await migration.down(knex);
    expect(await knex.schema.hasTable('operation_results')).toBe(false);
    await migration.up(knex);
    expect(await knex.schema.hasTable('operation_results')).toBe(true);
    const { rows } = await knex.raw<{ rows: { indexname: string }[] }>(
      'select indexname from pg_indexes where tablename = ? and schemaname = ?',
      ['operation_results', db.schema],
    );
    expect(rows.map((r) => r.indexname).sort()).toEqual([
      'operation_results_created_idx',
      'operation_results_pkey',
    ]);
  });
});

describe('operations: wiring', () => {
  it('has a real handler for every operation of the contract', async () => {
    const handlers = handlersFor({} as Knex);
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(OPERATION_SUMMARIES).sort());
    for (const h of Object.values(handlers)) expect(typeof h).toBe('function');
  });
});
