/**
 * Per-user inbound limits against the real Redis: counts shared by processes, one notice per
 * window, the two budgets (answers / free) counted apart, the `521…`/`52…` forms of one number
 * sharing a budget, a human pace never limited with the default budgets, the worker-side drop
 * (event consumed, state untouched, notice stating the wait in the outbox once, budget chosen
 * from the state) and internal events never counted.
 */
import Redis from 'ioredis';
import {
  InboundLimiter,
  limitPoint,
  type BudgetLimits,
  type WindowSpec,
} from '../../../src/conversation/runner/inbound-limiter';
import { limitNoticeKey } from '../../../src/queue/keys';
import { dropIfRateLimited } from '../../../src/conversation/runner/over-limit';
import { slowDownMessage } from '../../../src/conversation/runner/slow-down';
import { withScripts, type ScriptedRedis } from '../../../src/queue/scripts';
import { createQueues, type Queues } from '../../../src/queue/queues';
import { enqueueEntries, type InboxEntry } from '../../../src/queue/inbox';
import { ConversationStore } from '../../../src/conversation/runner/store';
import type { ConversationState } from '../../../src/conversation/state';
import type { InboundMessageEvent } from '../../../src/conversation/events';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/observability/logger';
import { registry } from '../../../src/observability/metrics';
import { deleteByPrefix, sleep, testPrefix } from '../../helpers/redis';

const url = process.env.REDIS_URL!;
const prefix = testPrefix();
const logger = createLogger({ level: 'silent', pretty: false });
let a: ScriptedRedis;
let b: ScriptedRedis;
let queues: Queues;

beforeAll(() => {
  a = withScripts(new Redis(url));
  b = withScripts(new Redis(url));
  queues = createQueues(a, prefix);
});
afterAll(async () => {
  await queues.close();
  a.disconnect();
  b.disconnect();
  await deleteByPrefix(url, prefix);
});

let n = 0;
const userKey = () => `wa:52155000${String(++n).padStart(5, '0')}`;
const windows = (minute: number, hour: number, minuteSeconds = 60): WindowSpec[] => [
  { window: 'minute', points: minute, durationSeconds: minuteSeconds },
  { window: 'hour', points: hour, durationSeconds: 3600 },
];
const OFF: BudgetLimits = { perMinute: 0, perHour: 0 };
/** A limiter whose free budget has these windows; answers off unless given. */
const freeLimiter = (specs: WindowSpec[], redis: ScriptedRedis = a, answers: WindowSpec[] = []) =>
  new InboundLimiter({ redis, prefix, answers: OFF, free: OFF, windows: { free: specs, answers } });

describe('InboundLimiter', () => {
  it('lets N messages per minute through, then blocks; only the first blocked one asks for a notice', async () => {
    const limiter = freeLimiter(windows(3, 100));
    const key = userKey();
    const decisions = [];
    for (let i = 0; i < 6; i++) decisions.push(await limiter.check(key, 'free'));
    expect(decisions.slice(0, 3)).toEqual([
      { allowed: true },
      { allowed: true },
      { allowed: true },
    ]);
    expect(decisions[3]).toMatchObject({
      allowed: false,
      budget: 'free',
      window: 'minute',
      notify: true,
    });
    expect(decisions[4]).toMatchObject({ allowed: false, window: 'minute', notify: false });
    expect(decisions[5]).toMatchObject({ allowed: false, window: 'minute', notify: false });
    const blocked = decisions[3] as { retryAfterMs: number };
    expect(blocked.retryAfterMs).toBeGreaterThan(50_000);
    expect(blocked.retryAfterMs).toBeLessThanOrEqual(60_000);
    // Another user is not affected.
    expect(await limiter.check(userKey(), 'free')).toEqual({ allowed: true });
  });

  it('holds across processes: two limiters on two connections share one budget', async () => {
    const one = freeLimiter(windows(4, 100), a);
    const two = freeLimiter(windows(4, 100), b);
    const key = userKey();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? one : two).check(key, 'free')),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(4);
    expect(results.filter((r) => !r.allowed && r.notify)).toHaveLength(1);
  });

  it('a new window lets messages through again and gets its own notice', async () => {
    const limiter = freeLimiter(windows(2, 100, 1));
    const key = userKey();
    await limiter.check(key, 'free');
    await limiter.check(key, 'free');
    expect(await limiter.check(key, 'free')).toMatchObject({ allowed: false, notify: true });
    expect(await limiter.check(key, 'free')).toMatchObject({ allowed: false, notify: false });
    await sleep(1100);
    expect(await limiter.check(key, 'free')).toEqual({ allowed: true });
    await limiter.check(key, 'free');
    expect(await limiter.check(key, 'free')).toMatchObject({ allowed: false, notify: true });
  });

  it('the hour window counts only messages the minute window let through, and reports itself when used up', async () => {
    const limiter = freeLimiter(windows(2, 3, 1));
    const key = userKey();
    const check = () => limiter.check(key, 'free');
    const first = [await check(), await check(), await check(), await check()];
    expect(first.map((d) => d.allowed)).toEqual([true, true, false, false]);
    expect(first[2]).toMatchObject({ window: 'minute' });
    await sleep(1100);
    // Two minute-dropped messages did not count: one more fits in the hour.
    expect(await check()).toEqual({ allowed: true });
    await a.del(limitNoticeKey(prefix, limitPoint(key), 'free'));
    const blocked = await check();
    expect(blocked).toMatchObject({ allowed: false, window: 'hour', notify: true });
    expect((blocked as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(3_000_000);
    // Once the minute window is also exhausted, the longer (hour) block is the one reported.
    await check();
    expect(await check()).toMatchObject({ allowed: false, window: 'hour', notify: false });
  });

  it('counts answers and free messages in separate budgets, each with its own notice', async () => {
    const limiter = freeLimiter(windows(2, 100), a, windows(5, 100));
    const key = userKey();
    expect(
      (await Promise.all([1, 2, 3].map(() => limiter.check(key, 'free'))))
        .map((d) => d.allowed)
        .sort(),
    ).toEqual([false, true, true]);
    // The free budget is used up; the five answers still pass, the sixth is stopped.
    for (let i = 0; i < 5; i++)
      expect(await limiter.check(key, 'answers')).toEqual({ allowed: true });
    expect(await limiter.check(key, 'answers')).toMatchObject({
      allowed: false,
      budget: 'answers',
      window: 'minute',
      notify: true,
    });
    expect(await limiter.check(key, 'answers')).toMatchObject({
      allowed: false,
      budget: 'answers',
      notify: false,
    });
    expect(await limiter.check(key, 'free')).toMatchObject({
      allowed: false,
      budget: 'free',
      notify: false,
    });
  });

  it('the 521… and 52… forms of one Mexican number share one budget (and one notice)', async () => {
    const limiter = freeLimiter(windows(4, 100));
    expect(limitPoint('wa:5215512340001')).toBe('wa:525512340001');
    expect(limitPoint('wa:525512340001')).toBe('wa:525512340001');
    expect(limitPoint('wa:5491112345678')).toBe('wa:541112345678');
    expect(limitPoint('wa:14155550100')).toBe('wa:14155550100');
    expect(limitPoint('bs:MX.abc123')).toBe('bs:MX.abc123');
    const forms = ['wa:5215512340001', 'wa:525512340001'];
    const decisions = [];
    for (let i = 0; i < 8; i++) decisions.push(await limiter.check(forms[i % 2]!, 'free'));
    expect(decisions.map((d) => d.allowed)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
    expect(decisions.filter((d) => !d.allowed && d.notify)).toHaveLength(1);
    // Another number is not affected.
    expect(await limiter.check('wa:5215512340002', 'free')).toEqual({ allowed: true });
  });

  it('with the default budgets, a tap a second sustained is never limited; a flood of taps is', async () => {
    const config = loadConfig(process.env);
    const budgets = {
      answers: { perMinute: config.limits.answersPerMinute, perHour: config.limits.answersPerHour },
      free: { perMinute: config.limits.inboundPerMinute, perHour: config.limits.inboundPerHour },
    };
    // The production defaults; time runs 30 times faster (a 2 s minute).
    expect(budgets).toEqual({
      answers: { perMinute: 90, perHour: 900 },
      free: { perMinute: 10, perHour: 100 },
    });
    const limiter = new InboundLimiter({
      redis: a,
      prefix,
      ...budgets,
      windowSeconds: { minute: 2, hour: 120 },
    });
    const human = userKey();
    const start = Date.now();
    let sent = 0;
    // 150 "seconds" (2.5 minutes) of one tap per simulated second.
    for (; sent < 150; sent++) {
      expect(await limiter.check(human, 'answers')).toEqual({ allowed: true });
      await sleep(Math.max(0, start + (sent + 1) * (2000 / 60) - Date.now()));
    }
    // The same number of taps at once: the budget stops them.
    const bot = userKey();
    const flood = await Promise.all(
      Array.from({ length: 150 }, () => limiter.check(bot, 'answers')),
    );
    expect(flood.filter((d) => d.allowed)).toHaveLength(90);
    expect(flood.filter((d) => !d.allowed && d.notify)).toHaveLength(1);
  });

  it('is disabled when every window of both budgets is 0 (the defaults are 10/min, 100/h free and 90/min, 900/h answers)', () => {
    expect(new InboundLimiter({ redis: a, prefix, answers: OFF, free: OFF }).enabled).toBe(false);
    expect(
      new InboundLimiter({ redis: a, prefix, answers: OFF, free: { perMinute: 10, perHour: 0 } })
        .enabled,
    ).toBe(true);
    expect(
      new InboundLimiter({ redis: a, prefix, answers: { perMinute: 0, perHour: 900 }, free: OFF })
        .enabled,
    ).toBe(true);
  });
});

describe('dropIfRateLimited (worker side)', () => {
  const store = () => new ConversationStore(a, prefix, 60_000);
  const waId = '5215500099999';
  const textEvent = (id: string, text = 'hola otra vez'): InboundMessageEvent => ({
    source: 'user',
    kind: 'text',
    id,
    at: Date.now(),
    text,
    profile: { name: 'Ana' },
  });
  const tapEvent = (id: string): InboundMessageEvent => ({
    source: 'user',
    kind: 'listReply',
    id,
    at: Date.now(),
    rowId: 'menu.new',
    title: 'Pedir un servicio',
    profile: { name: 'Ana' },
  });
  const entryOf = (event: InboundMessageEvent): InboxEntry => ({
    event,
    correlationId: `c-${event.id}`,
    receivedAt: Date.now(),
    contact: { waId },
  });
  const profile = {
    userId: 1,
    name: 'Ana',
    locale: 'en' as const,
    phone: '525500099999',
    provider: null,
    lastRequest: null,
  };
  const english: ConversationState = { name: 'mainMenu', profile };
  const askingName: ConversationState = {
    name: 'askName',
    profile: { ...profile, name: null, locale: 'es' },
    suggested: null,
    then: 'menu',
    saving: null,
  };
  const inbox = () => ({ redis: a, queues, prefix, dedupeTtlMs: 60_000 });

  async function metric(budget: string, window: string): Promise<number> {
    const m = await registry.getSingleMetric('inbound_rate_limited_total')!.get();
    return (
      m.values.find((v) => v.labels.window === window && v.labels.budget === budget)?.value ?? 0
    );
  }

  /** Enqueue `event` and run the worker-side check on its inbox entry. */
  async function arrive(
    s: ConversationStore,
    limiter: InboundLimiter,
    key: string,
    event: InboundMessageEvent,
  ): Promise<boolean> {
    await enqueueEntries(inbox(), key, [entryOf(event)]);
    const head = (await s.peekInbox(key))!;
    const dropped = await dropIfRateLimited(
      { store: s, limiter, logger },
      key,
      head.member,
      head.entry,
      (await s.load(key)).state,
    );
    if (!dropped) await s.dropInboxMember(key, head.member); // stands in for the step
    return dropped;
  }

  it('consumes the event without touching the state, queues one notice in the user language stating the wait, counts the drop', async () => {
    const key = userKey();
    const s = store();
    const k = s.keys(key);
    // An English-speaking user in the main menu.
    await a.hset(k.state, 'v', '7', 's', '2', 'd', JSON.stringify(english));
    const limiter = freeLimiter(windows(1, 100));
    expect(await limiter.check(key, 'free')).toEqual({ allowed: true }); // the one processed message
    const before = await metric('free', 'minute');
    for (const id of ['w1', 'w2', 'w3'])
      expect(await arrive(s, limiter, key, textEvent(id))).toBe(true);
    expect(await a.zcard(k.inbox)).toBe(0);
    const loaded = await s.load(key);
    expect(loaded.state).toEqual(english);
    expect(loaded.version).toBe(10);
    expect(loaded.lastInboundAt).toBeGreaterThan(Date.now() - 5000);
    const outbox = (await a.lrange(k.outbox, 0, -1)).map((r) => JSON.parse(r));
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      id: 'w1#slow-down',
      command: { kind: 'send', message: { type: 'text' } },
    });
    // The minute window opened a moment ago: the real wait is just under a minute.
    expect(outbox[0].command.message).toEqual(slowDownMessage('en', 59_000));
    expect(outbox[0].command.message.body).toBe(
      "You're going a bit fast 🙂 Wait 1 minute and write to me again.",
    );
    expect((await metric('free', 'minute')) - before).toBe(3);
  });

  it('a tap counts against the answers budget: processed while free text is over its limit', async () => {
    const key = userKey();
    const s = store();
    await a.hset(s.keys(key).state, 'v', '1', 's', '2', 'd', JSON.stringify(english));
    const limiter = freeLimiter(windows(1, 100), a, windows(3, 100));
    expect(await arrive(s, limiter, key, textEvent('t1'))).toBe(false);
    expect(await arrive(s, limiter, key, textEvent('t2'))).toBe(true);
    const before = await metric('answers', 'minute');
    expect(await arrive(s, limiter, key, tapEvent('p1'))).toBe(false);
    expect(await arrive(s, limiter, key, tapEvent('p2'))).toBe(false);
    expect(await arrive(s, limiter, key, tapEvent('p3'))).toBe(false);
    // A flood of taps is stopped too, with its own notice (the free one went out already).
    expect(await arrive(s, limiter, key, tapEvent('p4'))).toBe(true);
    expect((await metric('answers', 'minute')) - before).toBe(1);
    const ids = (await a.lrange(s.keys(key).outbox, 0, -1)).map((r) => JSON.parse(r).id);
    expect(ids).toEqual(['t2#slow-down', 'p4#slow-down']);
  });

  it('typed text counts as an answer where the open question asks for text, as free text elsewhere', async () => {
    const limiter = freeLimiter(windows(1, 100), a, windows(5, 100));
    const s = store();
    const naming = userKey();
    await a.hset(s.keys(naming).state, 'v', '1', 's', '2', 'd', JSON.stringify(askingName));
    for (let i = 0; i < 5; i++)
      expect(await arrive(s, limiter, naming, textEvent(`n${i}`, 'Ana López'))).toBe(false);
    const inMenu = userKey();
    await a.hset(s.keys(inMenu).state, 'v', '1', 's', '2', 'd', JSON.stringify(english));
    expect(await arrive(s, limiter, inMenu, textEvent('m1'))).toBe(false);
    expect(await arrive(s, limiter, inMenu, textEvent('m2'))).toBe(true);
  });

  it('never limits internal events and does not count them', async () => {
    const key = userKey();
    const s = store();
    const limiter = freeLimiter(windows(1, 100), a, windows(1, 100));
    const internal: InboxEntry = {
      event: {
        source: 'internal',
        kind: 'timer',
        id: 'timer:1',
        at: Date.now(),
        timer: 'x',
        data: {},
      } as unknown as InboxEntry['event'],
      correlationId: 'c',
      receivedAt: Date.now(),
    };
    for (let i = 0; i < 5; i++)
      expect(
        await dropIfRateLimited({ store: s, limiter, logger }, key, 'm', internal, english),
      ).toBe(false);
    expect(await limiter.check(key, 'free')).toEqual({ allowed: true }); // budgets untouched
    expect(await limiter.check(key, 'answers')).toEqual({ allowed: true });
  });

  it('a user with no stored state gets the Spanish notice', async () => {
    const key = userKey();
    const s = store();
    const limiter = freeLimiter(windows(1, 100));
    await limiter.check(key, 'free');
    expect(await arrive(s, limiter, key, textEvent('x1'))).toBe(true);
    const [raw] = await a.lrange(s.keys(key).outbox, 0, -1);
    expect(JSON.parse(raw!).command.message.body).toBe(
      'Vas muy rápido 🙂 Espera 1 minuto y vuelve a escribirme.',
    );
  });
});
