/**
 * A flag flipped at runtime through the admin API changes what a running bot does, without a
 * restart: the `understanding` flag gates reading free text at the main menu (a "hola" there is a
 * greeting with the menu; with the flag off it is not understood and the menu is asked again).
 * The bot caches flag rules for FEATURE_FLAGS_CACHE_MS, so the change shows after that long.
 */
import { t as say } from '../../src/conversation/locales';
import { listAudit } from '../../src/db/audit-log';
import { ChatUser } from '../helpers/chat';
import { sleep } from '../helpers/redis';
import { startTestSystem, type TestSystem } from '../helpers/system';

const CACHE_MS = 300;
const MENU = say('es', 'menu.prompt');
const GREETING = say('es', 'greeting.returning', { name: 'Ana López' });
const NOT_UNDERSTOOD = say('es', 'unexpected.menu');
/** The reply to our last message, up to the menu it ends with. */
const menuReply = async (user: ChatUser): Promise<string> =>
  (await user.expect((m) => m.text.includes(MENU))).map((m) => m.text).join('\n');
let t: TestSystem;

beforeAll(async () => {
  t = await startTestSystem({
    FEATURE_FLAGS_CACHE_MS: String(CACHE_MS),
    OUTBOUND_PER_RECIPIENT_PER_MINUTE: '0',
  });
});
afterAll(async () => {
  await t.stop();
});

async function setFlag(key: string, body: Record<string, unknown>): Promise<unknown> {
  const res = await fetch(`${t.baseUrl}/admin/flags/${key}`, {
    method: 'PUT',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${t.config.admin.apiKeys[0]}`,
    },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return res.json();
}

async function evaluations(flag: string, variant: string): Promise<number> {
  const text = await (await fetch(`${t.baseUrl}/metrics`)).text();
  const line = text
    .split('\n')
    .find((l) =>
      l.startsWith(`feature_flag_evaluations_total{flag="${flag}",variant="${variant}"}`),
    );
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

it("turning `understanding` off and on again through the admin API changes the running bot's replies", async () => {
  const ana = new ChatUser(t, '5215577001122', 'Ana');
  await ana.register('Ana López');

  await ana.say('hola');
  const greeted = await menuReply(ana);
  expect(greeted).toContain(GREETING);
  expect(greeted).not.toContain(NOT_UNDERSTOOD);
  const offBefore = await evaluations('understanding', 'off');

  expect(await setFlag('understanding', { enabled: false })).toMatchObject({
    flag: { key: 'understanding', rule: 'off', source: 'redis' },
  });
  await sleep(CACHE_MS + 100);
  await ana.say('hola');
  const notUnderstood = await menuReply(ana);
  expect(notUnderstood).toContain(NOT_UNDERSTOOD);
  expect(notUnderstood).not.toContain(GREETING);
  expect(await evaluations('understanding', 'off')).toBeGreaterThan(offBefore);

  await setFlag('understanding', { enabled: true });
  await sleep(CACHE_MS + 100);
  await ana.say('hola');
  const again = await menuReply(ana);
  expect(again).toContain(GREETING);
  expect(again).not.toContain(NOT_UNDERSTOOD);

  const audit = await listAudit(t.db.knex, { entity: 'flag', entityId: 'understanding' });
  expect(audit.map((a) => [a.action, a.data.to])).toEqual([
    ['flag.set', 'on'],
    ['flag.set', 'off'],
  ]);
});
