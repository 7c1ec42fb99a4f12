/**
 * What the webhook refuses before anything is queued (issue 16, findings 3 and 5), through the whole
 * bot: deliveries for a business number that is not ours, messages older than the dedupe window
 * (a replay whose id may have expired) and messages from the future (a forged time would hold the
 * 24 h window open). Meta still gets 200 (a 4xx would only make it retry); nothing is queued or
 * answered; each refusal is counted (`webhook_events_refused_total{reason}`) and logged.
 */
import { inboundEnvelope, newWamid } from '../../../dev/fake-cloud-api/payloads';
import { DEFAULT_BUSINESS, type BusinessNumber } from '../../../dev/fake-cloud-api/payload-basics';
import { conversationKeys } from '../../../src/queue/keys';
import { counterValue } from '../../helpers/raw-http';
import { eventually, sleep } from '../../helpers/redis';
import { startCapturedSystem, type CapturedSystem } from './captured-system';

const SECOND: BusinessNumber = {
  ...DEFAULT_BUSINESS,
  phoneNumberId: '106540352242999',
  displayPhoneNumber: '15550002222',
};
const FOREIGN: BusinessNumber = {
  wabaId: '999999999999990',
  phoneNumberId: '999999999999999',
  displayPhoneNumber: '15559999999',
};
const TTL = 3600;
const SKEW = 60;

let t: CapturedSystem;
beforeAll(async () => {
  t = await startCapturedSystem({
    WHATSAPP_PHONE_NUMBER_ID: `${DEFAULT_BUSINESS.phoneNumberId}, ${SECOND.phoneNumberId}`,
    DEDUPE_TTL_SECONDS: String(TTL),
    WEBHOOK_MAX_CLOCK_SKEW_SECONDS: String(SKEW),
  });
});
afterAll(async () => {
  await t.stop();
});

const nowSeconds = () => Math.floor(Date.now() / 1000);
const sendTo = (waId: string) => waId.replace(/^521/, '52');
const replies = (waId: string) =>
  t.fake.received().filter((m) => m.kind === 'message' && m.to === sendTo(waId)).length;
const seen = async (waId: string) =>
  t.system.redis.zrange(conversationKeys(t.prefix, `wa:${waId}`).seen, 0, -1);

async function refused(reason: string): Promise<number> {
  return counterValue(
    await (await fetch(`${t.baseUrl}/metrics`)).text(),
    'webhook_events_refused_total',
    { reason },
  );
}

async function post(
  waId: string,
  opts: { id?: string; timestamp?: number; business?: BusinessNumber } = {},
): Promise<string> {
  const id = opts.id ?? newWamid();
  const body = inboundEnvelope(
    { waId, name: 'Ana' },
    { type: 'text', body: 'hola' },
    { id, ...(opts.timestamp === undefined ? {} : { timestamp: opts.timestamp }) },
    opts.business ?? DEFAULT_BUSINESS,
  );
  const res = await t.postWebhook(body);
  expect(res.status).toBe(200);
  return id;
}

/** A message from `control` is answered: everything sent before it has been handled (or dropped) by then. */
async function settle(control: string): Promise<void> {
  await post(control);
  await t.fake.waitFor((m) => m.kind === 'message' && m.to === sendTo(control), 10000);
}

describe('business numbers', () => {
  it("a signed delivery for another business's phone_number_id is acknowledged, never queued nor answered, counted and logged", async () => {
    const user = '5215512350001';
    const before = await refused('foreign_number');
    await post(user, { business: FOREIGN });
    await settle('5215512350090');
    expect(replies(user)).toBe(0);
    expect(await seen(user)).toEqual([]);
    expect((await refused('foreign_number')) - before).toBe(1);
    expect(
      t.logs.some((l) => l.includes('"webhook.refused"') && l.includes('"foreign_number":1')),
    ).toBe(true);
    // The same user writing to our number is answered as usual.
    const id = await post(user);
    await t.fake.waitFor((m) => m.kind === 'message' && m.to === sendTo(user), 10000);
    expect(await seen(user)).toEqual([id]);
  });

  it('every configured number is served (WHATSAPP_PHONE_NUMBER_ID is a list)', async () => {
    const user = '5215512350002';
    await post(user, { business: SECOND });
    await t.fake.waitFor((m) => m.kind === 'message' && m.to === sendTo(user), 10000);
  });
});

describe('message times', () => {
  it('older than DEDUPE_TTL_SECONDS − skew → refused (too_old); ten minutes old → processed', async () => {
    const user = '5215512350003';
    const before = await refused('too_old');
    await post(user, { timestamp: nowSeconds() - 2 * TTL });
    await post(user, { timestamp: nowSeconds() - 365 * 24 * 3600 });
    await settle('5215512350091');
    expect(replies(user)).toBe(0);
    expect(await seen(user)).toEqual([]);
    expect((await refused('too_old')) - before).toBe(2);
    await post(user, { timestamp: nowSeconds() - 600 });
    await t.fake.waitFor((m) => m.kind === 'message' && m.to === sendTo(user), 10000);
  });

  it('from the future beyond the skew → refused (from_future), so a year-2100 time cannot hold the 24 h window open; within the skew → processed', async () => {
    const user = '5215512350004';
    const before = await refused('from_future');
    await post(user, { timestamp: 4102444800 });
    await post(user, { timestamp: nowSeconds() + 10 * SKEW });
    await settle('5215512350092');
    expect(replies(user)).toBe(0);
    expect(await seen(user)).toEqual([]);
    expect((await refused('from_future')) - before).toBe(2);
    await post(user, { timestamp: nowSeconds() + 30 });
    await t.fake.waitFor((m) => m.kind === 'message' && m.to === sendTo(user), 10000);
  });

  it('a replay whose id has left the dedupe set is refused by its age, not processed again', async () => {
    const user = '5215512350005';
    // Just inside the window: accepted and answered once.
    const at = nowSeconds() - (TTL - SKEW) + 2;
    const id = await post(user, { timestamp: at });
    await t.fake.waitFor((m) => m.kind === 'message' && m.to === sendTo(user), 10000);
    await eventually(
      async () =>
        (await t.system.redis.zcard(conversationKeys(t.prefix, `wa:${user}`).inbox)) === 0,
    );
    const answered = replies(user);
    // The id expires from the dedupe set (as it does DEDUPE_TTL_SECONDS after acceptance) and the
    // message becomes older than the window: the same signed delivery again is refused.
    await t.system.redis.del(conversationKeys(t.prefix, `wa:${user}`).seen);
    await sleep(3000);
    const before = await refused('too_old');
    await post(user, { id, timestamp: at });
    await settle('5215512350093');
    expect((await refused('too_old')) - before).toBe(1);
    expect(replies(user)).toBe(answered);
    expect(await seen(user)).toEqual([]);
  });
});
