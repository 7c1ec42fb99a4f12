/**
 * db/message-log.ts, the one writer of `message_log`: the batch writes the flusher makes
 * (housekeeping/message-log-buffer.ts), the status upsert and the retention delete.
 */
import type { Knex } from 'knex';
import {
  deleteMessageLogOlderThan,
  insertInboundMessages,
  recordMessageStatus,
  upsertOutboundMessages,
  type MessageLogRow,
} from '../../../src/db/message-log';
import { createTestDb, type TestDb } from '../../helpers/db';
import { makeUser } from './fixtures';

const row = (wamid: string, over: Partial<MessageLogRow> = {}): MessageLogRow => ({
  wamid,
  wa: null,
  bs: null,
  type: 'text',
  corr: null,
  ...over,
});

describe('message log', () => {
  let db: TestDb;
  let knex: Knex;
  beforeAll(async () => {
    db = await createTestDb();
    knex = db.knex;
  });
  afterAll(async () => {
    await db.destroy();
  });

  const stored = (wamid: string) => knex('message_log').where({ wamid }).first();

  it('logs an inbound message once per wamid, linked to its user by wa_id or BSUID', async () => {
    const ana = await makeUser(knex, 'Ana');
    const at = new Date('2026-11-26T10:00:00Z');
    const batch = [
      row('wamid.in.1', { wa: ana.waId, corr: 'c1', at: at.toISOString() }),
      row('wamid.in.2', { bs: 'MX.nobody', at: at.toISOString() }),
    ];
    await insertInboundMessages(knex, batch);
    await insertInboundMessages(knex, batch);
    expect(await knex('message_log').whereIn('wamid', ['wamid.in.1', 'wamid.in.2'])).toHaveLength(
      2,
    );
    expect(await stored('wamid.in.1')).toMatchObject({
      direction: 'in',
      status: 'received',
      message_type: 'text',
      user_id: ana.id,
      correlation_id: 'c1',
      created_at: at,
    });
    expect(await stored('wamid.in.2')).toMatchObject({ user_id: null });
  });

  it('keeps the order of a batch in the ids', async () => {
    const at = new Date().toISOString();
    const wamids = Array.from({ length: 50 }, (_, i) => `wamid.order.${49 - i}`);
    await insertInboundMessages(
      knex,
      wamids.map((w) => row(w, { at })),
    );
    const ids = await knex('message_log').whereIn('wamid', wamids).orderBy('id').pluck('wamid');
    expect(ids).toEqual(wamids);
  });

  it('never downgrades a status: read > delivered > failed > sent', async () => {
    await upsertOutboundMessages(knex, [row('wamid.out.1', { type: 'interactive', corr: 'c2' })]);
    expect(await recordMessageStatus(knex, { wamid: 'wamid.out.1', status: 'read' })).toBe(true);
    expect(await recordMessageStatus(knex, { wamid: 'wamid.out.1', status: 'delivered' })).toBe(
      false,
    );
    expect(await recordMessageStatus(knex, { wamid: 'wamid.out.1', status: 'sent' })).toBe(false);
    expect(
      await recordMessageStatus(knex, {
        wamid: 'wamid.out.1',
        status: 'failed',
        errorCode: 131047,
      }),
    ).toBe(false);
    expect(await stored('wamid.out.1')).toMatchObject({
      direction: 'out',
      status: 'read',
      error_code: null,
      message_type: 'interactive',
    });
    // A repeated flush of the send keeps the furthest status.
    await upsertOutboundMessages(knex, [row('wamid.out.1', { type: 'interactive', corr: 'c2' })]);
    expect((await stored('wamid.out.1')).status).toBe('read');
  });

  it('records a failure with its error code over sent', async () => {
    await upsertOutboundMessages(knex, [row('wamid.out.2')]);
    expect(await recordMessageStatus(knex, { wamid: 'wamid.out.2', status: 'sent' })).toBe(true);
    expect(
      await recordMessageStatus(knex, {
        wamid: 'wamid.out.2',
        status: 'failed',
        errorCode: 131047,
      }),
    ).toBe(true);
    expect(await recordMessageStatus(knex, { wamid: 'wamid.out.2', status: 'sent' })).toBe(false);
    expect(await stored('wamid.out.2')).toMatchObject({ status: 'failed', error_code: 131047 });
  });

  it('keeps the furthest status when the status webhook arrives before the send is logged', async () => {
    const bea = await makeUser(knex, 'Bea');
    expect(await recordMessageStatus(knex, { wamid: 'wamid.out.3', status: 'delivered' })).toBe(
      true,
    );
    expect(await stored('wamid.out.3')).toMatchObject({ message_type: 'unknown', user_id: null });
    await upsertOutboundMessages(knex, [
      row('wamid.out.3', { wa: bea.waId, type: 'template', corr: 'c3' }),
    ]);
    expect(await stored('wamid.out.3')).toMatchObject({
      status: 'delivered',
      message_type: 'template',
      correlation_id: 'c3',
      user_id: bea.id,
    });
    const statuses = ['sent', 'read', 'delivered', 'sent', 'read'] as const;
    await Promise.all(
      statuses.map((status) => recordMessageStatus(knex, { wamid: 'wamid.out.4', status })),
    );
    expect((await stored('wamid.out.4'))?.status).toBe('read');
  });

  it('takes a batch that names one wamid twice (one row)', async () => {
    await upsertOutboundMessages(knex, [
      row('wamid.out.5', { corr: 'first' }),
      row('wamid.out.6'),
      row('wamid.out.5', { corr: 'last' }),
    ]);
    expect(await knex('message_log').where({ wamid: 'wamid.out.5' })).toHaveLength(1);
    expect((await stored('wamid.out.5')).correlation_id).toBe('last');
    expect(await stored('wamid.out.6')).toMatchObject({ status: 'queued' });
  });

  it('retention deletes exactly the rows created before the horizon', async () => {
    await knex('message_log').delete();
    const now = Date.parse('2026-11-26T12:00:00Z');
    const horizon = new Date(now - 90 * 24 * 3600 * 1000);
    const ages = [200, 91, 90.0001, 90, 89.999, 10, 0];
    await insertInboundMessages(
      knex,
      ages.map((days, i) =>
        row(`wamid.ret.${i}`, { at: new Date(now - days * 24 * 3600 * 1000).toISOString() }),
      ),
    );
    expect(await deleteMessageLogOlderThan(knex, horizon, 2)).toBe(3);
    const left = await knex('message_log').orderBy('id').pluck('wamid');
    expect(left).toEqual(['wamid.ret.3', 'wamid.ret.4', 'wamid.ret.5', 'wamid.ret.6']);
    expect(await deleteMessageLogOlderThan(knex, horizon)).toBe(0);
  });
});
