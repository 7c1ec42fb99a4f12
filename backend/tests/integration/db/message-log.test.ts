import type { Knex } from 'knex';
import {
  deleteMessageLogOlderThan,
  getMessageByWamid,
  logInboundMessage,
  logOutboundMessage,
  recordMessageStatus,
} from '../../../src/db/message-log';
import { createTestDb, type TestDb } from '../../helpers/db';

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

  it('logs an inbound message once per wamid', async () => {
    expect(await logInboundMessage(knex, { wamid: 'wamid.in.1', messageType: 'text', correlationId: 'c1' })).toBe(true);
    expect(await logInboundMessage(knex, { wamid: 'wamid.in.1', messageType: 'text', correlationId: 'c1' })).toBe(false);
    expect(await getMessageByWamid(knex, 'wamid.in.1')).toMatchObject({ direction: 'in', status: 'received', messageType: 'text' });
  });

  it('never downgrades a status: read > delivered > failed > sent', async () => {
    await logOutboundMessage(knex, { wamid: 'wamid.out.1', messageType: 'interactive', status: 'sent', correlationId: 'c2' });
    expect(await recordMessageStatus(knex, { wamid: 'wamid.out.1', status: 'read' })).toBe(true);
    expect(await recordMessageStatus(knex, { wamid: 'wamid.out.1', status: 'delivered' })).toBe(false);
    expect(await recordMessageStatus(knex, { wamid: 'wamid.out.1', status: 'sent' })).toBe(false);
    expect(await recordMessageStatus(knex, { wamid: 'wamid.out.1', status: 'failed', errorCode: 131047 })).toBe(false);
    expect(await getMessageByWamid(knex, 'wamid.out.1')).toMatchObject({ status: 'read', errorCode: null, messageType: 'interactive' });
  });

  it('records a failure with its error code over sent', async () => {
    await logOutboundMessage(knex, { wamid: 'wamid.out.2', messageType: 'text', status: 'sent' });
    expect(await recordMessageStatus(knex, { wamid: 'wamid.out.2', status: 'failed', errorCode: 131047 })).toBe(true);
    expect(await recordMessageStatus(knex, { wamid: 'wamid.out.2', status: 'sent' })).toBe(false);
    expect(await getMessageByWamid(knex, 'wamid.out.2')).toMatchObject({ status: 'failed', errorCode: 131047 });
  });

  it('keeps the furthest status when the status webhook arrives before the send is logged', async () => {
    expect(await recordMessageStatus(knex, { wamid: 'wamid.out.3', status: 'delivered' })).toBe(true);
    await logOutboundMessage(knex, { wamid: 'wamid.out.3', messageType: 'template', status: 'sent', correlationId: 'c3' });
    expect(await getMessageByWamid(knex, 'wamid.out.3')).toMatchObject({ status: 'delivered', messageType: 'template', correlationId: 'c3' });
    const statuses = ['sent', 'read', 'delivered', 'sent', 'read'] as const;
    await Promise.all(statuses.map((status) => recordMessageStatus(knex, { wamid: 'wamid.out.4', status })));
    expect((await getMessageByWamid(knex, 'wamid.out.4'))?.status).toBe('read');
  });

  it('logs a refused send without a wamid', async () => {
    await logOutboundMessage(knex, { wamid: null, messageType: 'text', status: 'failed', errorCode: 131026, correlationId: 'c5' });
    const row = await knex('message_log').where({ correlation_id: 'c5' }).first();
    expect(row).toMatchObject({ wamid: null, status: 'failed', error_code: 131026 });
  });

  it('retention deletes exactly the rows created before the horizon', async () => {
    await knex('message_log').delete();
    const now = Date.parse('2026-11-26T12:00:00Z');
    const horizon = new Date(now - 90 * 24 * 3600 * 1000);
    const ages = [200, 91, 90.0001, 90, 89.999, 10, 0];
    for (const [i, days] of ages.entries()) {
      await logInboundMessage(knex, { wamid: `wamid.ret.${i}`, messageType: 'text', at: new Date(now - days * 24 * 3600 * 1000) });
    }
    expect(await deleteMessageLogOlderThan(knex, horizon, 2)).toBe(3);
    const left = await knex('message_log').orderBy('id').pluck('wamid');
    expect(left).toEqual(['wamid.ret.3', 'wamid.ret.4', 'wamid.ret.5', 'wamid.ret.6']);
    expect(await deleteMessageLogOlderThan(knex, horizon)).toBe(0);
  });
});
