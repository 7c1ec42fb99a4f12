/**
 * Replies to one person leave in conversation order even when the Cloud API makes the first
 * one wait (retryable errors): the next turn's reply does not overtake it.
 */
import { startTestSystem, type TestSystem } from '../helpers/system';
import { ChatUser } from '../helpers/chat';
import { eventually } from '../helpers/redis';

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem({ OUTBOUND_PER_RECIPIENT_PER_MINUTE: '0', RETRY_BASE_DELAY_MS: '300' });
});
afterAll(async () => {
  await t.stop();
});

it('a reply retried after 500s is still delivered before the reply to the next message', async () => {
  const c = new ChatUser(t, '5215513130001', 'Orden');
  await c.register('Olga Orden');

  const delivered = () => c.all().map((m) => m.text);
  const before = delivered().length;
  // The next two sends to this person fail with 500 (retried with backoff)...
  t.fake.failFor(c.sendTo, 'server', 2);
  await c.say('qwxz');
  // ...while the person already writes again.
  await new Promise((r) => setTimeout(r, 100));
  await c.say('ayuda');
  await eventually(async () => delivered().length >= before + 2, 20000);
  const [first, second] = delivered().slice(before);
  expect(first).toMatch(/No entendí/);
  expect(second).toMatch(/Ubermench\* te conecta|te conecta con proveedores/);
  const statuses = t.fake
    .receivedFor(c.sendTo)
    .filter((m) => m.kind === 'message')
    .slice(-4)
    .map((m) => m.status);
  expect(statuses).toEqual([500, 500, 200, 200]);
});
