/**
 * The on-call's status notice (`npm run broadcast-status`), against a running bot and the local
 * Cloud API fake: it reaches only people with something open (customers with searching, offered
 * or accepted requests; providers with an accepted job), in their language, never someone who
 * opted out; inside the 24 h window as text, outside it as the `notice` template; and the same
 * broadcast id never reaches one person twice.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import type { Knex } from 'knex';
import { broadcastStatusNotice, type BroadcastDeps } from '../../src/broadcast/status-notice';
import { t as say } from '../../src/conversation/locales';
import { listAudit } from '../../src/db/audit-log';
import { setOptedOut } from '../../src/db/opt-out';
import {
  createRequest,
  markNoProviders,
  markRequestCancelled,
  setRequestStatus,
} from '../../src/db/requests';
import { findOrCreateByIdentity } from '../../src/db/users';
import type { RecordedMessage } from '../../dev/fake-cloud-api';
import { sendToNumber } from '../../src/shared/phone';
import { defaultNoticeId } from '../../../scripts/broadcast-status';
import { ChatUser } from '../helpers/chat';
import { addProvider, ROMA_NORTE, seedServiceTypes } from '../helpers/marketplace';
import { sleep } from '../helpers/redis';
import { startTestSystem, type TestSystem } from '../helpers/system';

const ES =
  'Tenemos una falla con los pagos; tus solicitudes siguen abiertas. Te avisamos al resolverla.';
const EN =
  'We have a problem with payments; your requests stay open. We will tell you once it is fixed.';

let t: TestSystem;
let knex: Knex;
let plumbing: number;

beforeAll(async () => {
  t = await startTestSystem({ OUTBOUND_PER_RECIPIENT_PER_MINUTE: '0' });
  knex = t.db.knex;
  plumbing = (await seedServiceTypes(knex)).get('plumbing')!;
});
afterAll(async () => {
  await t.stop();
});

const deps = (): BroadcastDeps => ({
  knex,
  redis: t.system.redis,
  prefix: t.prefix,
  outbound: t.system.queues.outbound,
  attempts: 3,
});

/** Notices (text or template) the fake received for `to` after `since`. */
function noticesFor(to: string, since: number): RecordedMessage[] {
  return t.fake.receivedFor(to, since).filter((m) => {
    if (m.kind !== 'message' || m.status !== 200) return false;
    const body = m.body as { text?: { body: string }; template?: { name: string } };
    return (
      body.template?.name === 'ubermench_notice' || body.text?.body === ES || body.text?.body === EN
    );
  });
}

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** The CLI, as the on-call runs it: a separate process with the app's environment. */
function cli(...args: string[]): Promise<{ code: number; output: string; stderr: string }> {
  const env = {
    ...process.env,
    DATABASE_SCHEMA: t.db.schema,
    REDIS_KEY_PREFIX: t.prefix,
    WHATSAPP_API_BASE_URL: t.fake.url,
    LOG_LEVEL: 'silent',
  };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/broadcast-status.ts', ...args],
      { cwd: ROOT, env, timeout: 60_000 },
      (err, stdout, stderr) => {
        resolve({ code: err ? Number(err.code ?? 1) : 0, output: `${stdout}${stderr}`, stderr });
      },
    );
  });
}

let seq = 0;
async function makeRequest(knex: Knex, o: { customerId: number; serviceTypeId: number }) {
  const { request } = await createRequest(knex, {
    ...o,
    ...ROMA_NORTE,
    address: 'Colima 143',
    idempotencyKey: `wamid.broadcast.${++seq}`,
  });
  return request;
}

it('reaches only people with open requests, honours opt-out and the 24 h window, and never twice per broadcast id', async () => {
  // In the window (they wrote to the bot just now): Ana (es), Fred (en), and Olga, who opted out.
  const ana = new ChatUser(t, '5215577200001', 'Ana');
  await ana.register('Ana López');
  const fred = new ChatUser(t, '5215577200002', 'Fred');
  await fred.say('hello');
  await fred.expect(); // the name question, in English
  await fred.say('Fred Smith');
  await fred.expect((m) => m.text.includes(say('en', 'menu.prompt')));
  const olga = new ChatUser(t, '5215577200003', 'Olga');
  await olga.register('Olga Ruiz');
  const userOf = async (waId: string) => (await findOrCreateByIdentity(knex, { waId })).user;

  // Outside the window (never wrote): Beto (accepted job), Gina (BSUID only), the providers.
  const beto = (await findOrCreateByIdentity(knex, { waId: '5215577200004', profileName: 'Beto' }))
    .user;
  const gina = (
    await findOrCreateByIdentity(knex, { bsuid: 'MX.broadcast0001', profileName: 'Gina' })
  ).user;
  const busy = await addProvider(knex, new Map([['plumbing', plumbing]]), {
    waId: '5215577200010',
    displayName: 'Plomería Ocupada',
  });
  const finished = await addProvider(knex, new Map([['plumbing', plumbing]]), {
    waId: '5215577200011',
    displayName: 'Plomería Libre',
  });
  await addProvider(knex, new Map([['plumbing', plumbing]]), {
    waId: '5215577200012',
    displayName: 'Plomería Sin Trabajo',
  });
  // Closed requests: Carla (done), Dani (cancelled), Eva (nobody available).
  const carla = (await findOrCreateByIdentity(knex, { waId: '5215577200005' })).user;
  const dani = (await findOrCreateByIdentity(knex, { waId: '5215577200006' })).user;
  const eva = (await findOrCreateByIdentity(knex, { waId: '5215577200007' })).user;

  await makeRequest(knex, { customerId: (await userOf(ana.waId)).id, serviceTypeId: plumbing });
  const fredRequest = await makeRequest(knex, {
    customerId: (await userOf(fred.waId)).id,
    serviceTypeId: plumbing,
  });
  await setRequestStatus(knex, fredRequest.id, 'offered', ['searching']);
  const olgaUser = await userOf(olga.waId);
  await makeRequest(knex, { customerId: olgaUser.id, serviceTypeId: plumbing });
  await setOptedOut(knex, olgaUser.id, new Date());
  const betoRequest = await makeRequest(knex, { customerId: beto.id, serviceTypeId: plumbing });
  await setRequestStatus(knex, betoRequest.id, 'accepted', ['searching'], {
    provider_id: busy.providerId,
    accepted_at: new Date(),
  });
  await makeRequest(knex, { customerId: gina.id, serviceTypeId: plumbing });
  const carlaRequest = await makeRequest(knex, { customerId: carla.id, serviceTypeId: plumbing });
  await setRequestStatus(knex, carlaRequest.id, 'done', ['searching'], {
    provider_id: finished.providerId,
    accepted_at: new Date(),
    completed_at: new Date(),
  });
  await markRequestCancelled(
    knex,
    (await makeRequest(knex, { customerId: dani.id, serviceTypeId: plumbing })).id,
    new Date(),
  );
  await markNoProviders(
    knex,
    (await makeRequest(knex, { customerId: eva.id, serviceTypeId: plumbing })).id,
  );

  const since = t.fake.received().at(-1)?.seq ?? 0;
  const first = await cli('--es', ES, '--en', EN, '--by', 'oncall-test');
  expect({ code: first.code, output: first.output }).toEqual({
    code: 0,
    output: expect.stringContaining(
      '6 with open requests, 5 enqueued, 0 already sent, 1 opted out',
    ),
  });

  const reached = {
    ana: sendToNumber(ana.waId),
    fred: sendToNumber(fred.waId),
    beto: sendToNumber('5215577200004'),
    gina: 'MX.broadcast0001',
    busy: sendToNumber('5215577200010'),
  };
  for (const to of Object.values(reached))
    await t.fake.waitFor(
      (m) => m.to === to && m.seq > since && noticesFor(to, since).length > 0,
      10_000,
    );

  const text = (to: string) =>
    noticesFor(to, since)[0]!.body as { type: string; text?: { body: string } };
  expect(text(reached.ana)).toMatchObject({ type: 'text', text: { body: ES } });
  expect(text(reached.fred)).toMatchObject({ type: 'text', text: { body: EN } });
  for (const to of [reached.beto, reached.gina, reached.busy]) {
    expect(noticesFor(to, since)[0]!.body).toMatchObject({
      type: 'template',
      template: {
        name: 'ubermench_notice',
        language: { code: 'es_MX' },
        components: [{ type: 'body', parameters: [{ type: 'text', text: ES }] }],
      },
    });
  }
  expect((noticesFor(reached.gina, since)[0]!.body as { recipient?: string }).recipient).toBe(
    'MX.broadcast0001',
  );

  // The same command again sends nothing more; a new open request since is reached once.
  const hugo = (await findOrCreateByIdentity(knex, { waId: '5215577200008' })).user;
  await makeRequest(knex, { customerId: hugo.id, serviceTypeId: plumbing });
  const again = await cli('--es', ES, '--en', EN);
  expect({ code: again.code, output: again.output }).toEqual({
    code: 0,
    output: expect.stringContaining(
      '7 with open requests, 1 enqueued, 5 already sent, 1 opted out',
    ),
  });
  await t.fake.waitFor((m) => m.to === sendToNumber('5215577200008') && m.seq > since, 10_000);
  // And through the function, with the id the CLI derived from the two texts.
  const id = defaultNoticeId(ES, EN);
  expect(
    await broadcastStatusNotice(deps(), { id, text: { es: ES, en: EN } }, { actor: 'cli:test' }),
  ).toMatchObject({ id, enqueued: 0, alreadySent: 6, optedOut: 1 });
  await sleep(1000);

  for (const to of [...Object.values(reached), sendToNumber('5215577200008')])
    expect({ to, n: noticesFor(to, since).length }).toEqual({ to, n: 1 });
  for (const waId of [
    olga.waId,
    '5215577200005',
    '5215577200006',
    '5215577200007',
    '5215577200011',
    '5215577200012',
  ]) {
    expect({ waId, n: noticesFor(sendToNumber(waId), since).length }).toEqual({ waId, n: 0 });
  }

  const audit = await listAudit(knex, { entity: 'broadcast', entityId: id });
  expect(audit.map((a) => [a.actor, a.data.enqueued])).toEqual([
    ['cli:test', 0],
    [expect.stringMatching(/^cli:/), 1],
    ['cli:oncall-test', 5],
  ]);
  expect(audit[2]!.data).toMatchObject({ es: ES, en: EN, open: 6, optedOut: 1 });
}, 90_000);

it('a dry run counts without sending; bad input is refused before anything is read', async () => {
  const ines = (await findOrCreateByIdentity(knex, { waId: '5215577200020' })).user;
  await makeRequest(knex, { customerId: ines.id, serviceTypeId: plumbing });
  const before = t.fake.received().length;
  const dry = await broadcastStatusNotice(
    deps(),
    { id: 'dry-1', text: { es: 'Prueba', en: 'Test' } },
    { actor: 'cli:test', dryRun: true },
  );
  expect(dry.enqueued).toBeGreaterThan(0);
  await sleep(500);
  expect(t.fake.received().length).toBe(before);
  expect(await listAudit(knex, { entity: 'broadcast', entityId: 'dry-1' })).toEqual([]);
  await expect(
    broadcastStatusNotice(
      deps(),
      { id: 'bad id!', text: { es: '', en: 'x'.repeat(701) } },
      { actor: 'cli:test' },
    ),
  ).rejects.toThrow(/broadcast id.*es text is empty.*en text has 701 characters/);
  const usage = await cli('--es', 'Solo español');
  expect({ code: usage.code, stderr: usage.stderr }).toEqual({
    code: 2,
    stderr: expect.stringContaining('the en text is empty'),
  });
});
