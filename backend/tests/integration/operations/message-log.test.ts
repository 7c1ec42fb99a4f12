/** processing/message-log.ts against real Postgres: inbound, outbound, statuses, and failures that never block. */
import type { Knex } from 'knex';
import type { Logger } from '../../../src/observability/logger';
import { createKnex } from '../../../src/db/knex';
import { createMessageLog } from '../../../src/processing/message-log';
import type { InboxEntry } from '../../../src/queue/inbox';
import { createTestDb, testDatabaseUrl, type TestDb } from '../../helpers/db';
import { makeUser, nextKey, nextWaId } from './fixtures';

function captureLogger(): { logger: Logger; warnings: unknown[] } {
  const warnings: unknown[] = [];
  const noop = () => undefined;
  const logger = { warn: (obj: unknown) => warnings.push(obj), info: noop, debug: noop, error: noop, trace: noop, fatal: noop } as unknown as Logger;
  return { logger, warnings };
}

const textEntry = (wamid: string, over: Partial<InboxEntry> = {}): InboxEntry => ({
  event: { source: 'user', kind: 'text', text: 'hola', id: wamid, at: Date.now(), profile: { name: 'X' } },
  correlationId: nextKey('corr'),
  receivedAt: Date.now(),
  ...over,
});

describe('processing: message log', () => {
  let db: TestDb;
  let knex: Knex;

  beforeAll(async () => {
    db = await createTestDb();
    knex = db.knex;
  });
  afterAll(async () => {
    await db.destroy();
  });

  const row = (wamid: string) => knex('message_log').where({ wamid }).first();

  it('logs an inbound message once, linked to the user found by the conversation key', async () => {
    const user = await makeUser(knex, 'Alma');
    const { logger, warnings } = captureLogger();
    const log = createMessageLog(knex, logger);
    const wamid = `wamid.${nextKey('in')}`;
    const entry = textEntry(wamid);
    await log.logInbound(`wa:${user.waId}`, entry);
    await log.logInbound(`wa:${user.waId}`, entry);
    const rows = await knex('message_log').where({ wamid });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ direction: 'in', status: 'received', user_id: user.id, message_type: 'text', correlation_id: entry.correlationId });
    expect(warnings).toEqual([]);
  });

  it('keeps the message type of taps and unsupported media; unknown users and BSUID keys work', async () => {
    const log = createMessageLog(knex, captureLogger().logger);
    const bsUser = await makeUser(knex, 'Bea', { bsuid: `MX.${nextKey('bs')}` });
    const tap = `wamid.${nextKey('tap')}`;
    await log.logInbound(`bs:${bsUser.bsuid}`, {
      ...textEntry(tap),
      event: { source: 'user', kind: 'listReply', rowId: 'r1', title: 'Uno', id: tap, at: Date.now(), profile: {} },
    });
    expect(await row(tap)).toMatchObject({ message_type: 'list_reply', user_id: bsUser.id });
    const img = `wamid.${nextKey('img')}`;
    await log.logInbound(`wa:${nextWaId()}`, {
      ...textEntry(img),
      event: { source: 'user', kind: 'unsupported', messageType: 'image', id: img, at: Date.now(), profile: {} },
    });
    expect(await row(img)).toMatchObject({ message_type: 'image', user_id: null });
  });

  it('ignores internal events (timers, results, notices)', async () => {
    const log = createMessageLog(knex, captureLogger().logger);
    const id = `timer:${nextKey('t')}`;
    await log.logInbound('wa:5215500000000', { ...textEntry(id), event: { source: 'internal', kind: 'timer', timer: 'offerTimeout', data: {}, id, at: Date.now() } });
    expect(await row(id)).toBeUndefined();
  });

  it('logs outbound sends as queued and never moves a status backwards', async () => {
    const user = await makeUser(knex, 'Caro');
    const log = createMessageLog(knex, captureLogger().logger);
    const wamid = `wamid.${nextKey('out')}`;
    await log.logOutbound({ key: `wa:${user.waId}`, wamid, type: 'interactive', correlationId: 'c-1' });
    expect(await row(wamid)).toMatchObject({ direction: 'out', status: 'queued', user_id: user.id, message_type: 'interactive', correlation_id: 'c-1' });

    const at = Date.now();
    await log.recordStatus({ wamid, status: 'delivered', timestamp: at });
    await log.recordStatus({ wamid, status: 'sent', timestamp: at - 1000 });
    expect(await row(wamid)).toMatchObject({ status: 'delivered' });
    await log.recordStatus({ wamid, status: 'read', timestamp: at + 1000 });
    await log.logOutbound({ key: `wa:${user.waId}`, wamid, type: 'interactive', correlationId: 'c-1' });
    expect(await row(wamid)).toMatchObject({ status: 'read' });
  });

  it('a status that arrives before the send is logged keeps its status; the send fills in the rest', async () => {
    const user = await makeUser(knex, 'Dani');
    const log = createMessageLog(knex, captureLogger().logger);
    const wamid = `wamid.${nextKey('early')}`;
    await log.recordStatus({ wamid, status: 'failed', timestamp: Date.now(), errorCode: 131047 });
    await log.logOutbound({ key: `wa:${user.waId}`, wamid, type: 'text', correlationId: 'c-2' });
    expect(await row(wamid)).toMatchObject({ status: 'failed', error_code: 131047, user_id: user.id, message_type: 'text', correlation_id: 'c-2' });
    await log.recordStatus({ wamid, status: 'warning', timestamp: Date.now() });
    expect(await row(wamid)).toMatchObject({ status: 'failed' });
  });

  it('a failing database is a warning, never an error for the conversation', async () => {
    const broken = createKnex({ url: testDatabaseUrl(), schema: 'no_such_schema_here' });
    try {
      const { logger, warnings } = captureLogger();
      const log = createMessageLog(broken, logger);
      await expect(log.logInbound('wa:5215511111111', textEntry(`wamid.${nextKey('x')}`))).resolves.toBeUndefined();
      await expect(log.logOutbound({ key: 'wa:5215511111111', wamid: 'wamid.x', type: 'text', correlationId: 'c' })).resolves.toBeUndefined();
      await expect(log.recordStatus({ wamid: 'wamid.x', status: 'read', timestamp: Date.now() })).resolves.toBeUndefined();
      expect(warnings).toHaveLength(3);
      expect(warnings[0]).toMatchObject({ event: 'message_log.failed', what: 'inbound' });
    } finally {
      await broken.destroy();
    }
  });
});
