/**
 * Per-user inbound limits against the real Redis: counts shared by processes, one notice per
 * window, the worker-side drop (event consumed, state untouched, notice in the outbox once),
 * and internal events never counted.
 */
import Redis from 'ioredis';
import { InboundLimiter, type WindowSpec } from '../../../src/conversation/runner/inbound-limiter';
import { limitNoticeKey } from '../../../src/queue/keys';
import { dropIfRateLimited } from '../../../src/conversation/runner/over-limit';
import { SLOW_DOWN_TEXT } from '../../../src/conversation/runner/slow-down';
import { withScripts, type ScriptedRedis } from '../../../src/queue/scripts';
import { createQueues, type Queues } from '../../../src/queue/queues';
import { enqueueEntries, type InboxEntry } from '../../../src/queue/inbox';
import { ConversationStore } from '../../../src/conversation/runner/store';
import type { ConversationState } from '../../../src/conversation/state';
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

describe('InboundLimiter', () => {
  it('lets N messages per minute through, then blocks; only the first blocked one asks for a notice', async () => {
    const limiter = new InboundLimiter({ redis: a, prefix, perMinute: 0, perHour: 0, windows: windows(3, 100) });
    const key = userKey();
    const decisions = [];
    for (let i = 0; i < 6; i++) decisions.push(await limiter.check(key));
    expect(decisions.slice(0, 3)).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);
    expect(decisions[3]).toMatchObject({ allowed: false, window: 'minute', notify: true });
    expect(decisions[4]).toMatchObject({ allowed: false, window: 'minute', notify: false });
    expect(decisions[5]).toMatchObject({ allowed: false, window: 'minute', notify: false });
    const blocked = decisions[3] as { retryAfterMs: number };
    expect(blocked.retryAfterMs).toBeGreaterThan(50_000);
    expect(blocked.retryAfterMs).toBeLessThanOrEqual(60_000);
    // Another user is not affected.
    expect(await limiter.check(userKey())).toEqual({ allowed: true });
  });

  it('holds across processes: two limiters on two connections share one budget', async () => {
    const one = new InboundLimiter({ redis: a, prefix, perMinute: 0, perHour: 0, windows: windows(4, 100) });
    const two = new InboundLimiter({ redis: b, prefix, perMinute: 0, perHour: 0, windows: windows(4, 100) });
    const key = userKey();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? one : two).check(key)));
    expect(results.filter((r) => r.allowed)).toHaveLength(4);
    expect(results.filter((r) => !r.allowed && r.notify)).toHaveLength(1);
  });

  it('a new window lets messages through again and gets its own notice', async () => {
    const limiter = new InboundLimiter({ redis: a, prefix, perMinute: 0, perHour: 0, windows: windows(2, 100, 1) });
    const key = userKey();
    await limiter.check(key);
    await limiter.check(key);
    expect(await limiter.check(key)).toMatchObject({ allowed: false, notify: true });
    expect(await limiter.check(key)).toMatchObject({ allowed: false, notify: false });
    await sleep(1100);
    expect(await limiter.check(key)).toEqual({ allowed: true });
    await limiter.check(key);
    expect(await limiter.check(key)).toMatchObject({ allowed: false, notify: true });
  });

  it('the hour window counts only messages the minute window let through, and reports itself when used up', async () => {
    const limiter = new InboundLimiter({ redis: a, prefix, perMinute: 0, perHour: 0, windows: windows(2, 3, 1) });
    const key = userKey();
    const first = [await limiter.check(key), await limiter.check(key), await limiter.check(key), await limiter.check(key)];
    expect(first.map((d) => d.allowed)).toEqual([true, true, false, false]);
    expect(first[2]).toMatchObject({ window: 'minute' });
    await sleep(1100);
    // Two minute-dropped messages did not count: one more fits in the hour.
    expect(await limiter.check(key)).toEqual({ allowed: true });
    await redisDel(limitNoticeKey(prefix, key));
    const blocked = await limiter.check(key);
    expect(blocked).toMatchObject({ allowed: false, window: 'hour', notify: true });
    expect((blocked as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(3_000_000);
    // Once the minute window is also exhausted, the longer (hour) block is the one reported.
    await limiter.check(key);
    expect(await limiter.check(key)).toMatchObject({ allowed: false, window: 'hour', notify: false });
  });

  it('is disabled when both limits are 0 (the production defaults are 10/min and 100/h)', () => {
    expect(new InboundLimiter({ redis: a, prefix, perMinute: 0, perHour: 0 }).enabled).toBe(false);
    expect(new InboundLimiter({ redis: a, prefix, perMinute: 10, perHour: 0 }).enabled).toBe(true);
  });
});

async function redisDel(key: string): Promise<void> {
  await a.del(key);
}

describe('dropIfRateLimited (worker side)', () => {
  const store = () => new ConversationStore(a, prefix, 60_000);
  const userEntry = (id: string): InboxEntry => ({
    event: { source: 'user', kind: 'text', id, at: Date.now(), text: 'hola otra vez', profile: { name: 'Ana' } },
    correlationId: `c-${id}`,
    receivedAt: Date.now(),
    contact: { waId: '5215500099999' },
  });
  const english: ConversationState = {
    name: 'mainMenu',
    profile: { userId: 1, name: 'Ana', locale: 'en', phone: '525500099999', provider: null, lastRequest: null },
  };

  async function metric(window: string): Promise<number> {
    const m = await registry.getSingleMetric('inbound_rate_limited_total')!.get();
    return m.values.find((v) => v.labels.window === window)?.value ?? 0;
  }

  it('consumes the event without touching the state, queues one notice in the user language, counts the drop', async () => {
    const key = userKey();
    const s = store();
    const k = s.keys(key);
    // An English-speaking user in the main menu.
    await a.hset(k.state, 'v', '7', 's', '2', 'd', JSON.stringify(english));
    const limiter = new InboundLimiter({ redis: a, prefix, perMinute: 0, perHour: 0, windows: windows(1, 100) });
    expect(await limiter.check(key)).toEqual({ allowed: true }); // the one processed message
    const before = await metric('minute');
    const inbox = { redis: a, queues, prefix, dedupeTtlMs: 60_000 };
    for (const id of ['w1', 'w2', 'w3']) {
      await enqueueEntries(inbox, key, [userEntry(id)]);
      const head = (await s.peekInbox(key))!;
      expect(await dropIfRateLimited({ store: s, limiter, logger }, key, head.member, head.entry)).toBe(true);
    }
    expect(await a.zcard(k.inbox)).toBe(0);
    const loaded = await s.load(key);
    expect(loaded.state).toEqual(english);
    expect(loaded.version).toBe(10);
    expect(loaded.lastInboundAt).toBeGreaterThan(Date.now() - 5000);
    const outbox = (await a.lrange(k.outbox, 0, -1)).map((r) => JSON.parse(r));
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ id: 'w1#slow-down', command: { kind: 'send', message: { type: 'text', body: SLOW_DOWN_TEXT.en } } });
    expect((await metric('minute')) - before).toBe(3);
  });

  it('never limits internal events and does not count them', async () => {
    const key = userKey();
    const s = store();
    const limiter = new InboundLimiter({ redis: a, prefix, perMinute: 0, perHour: 0, windows: windows(1, 100) });
    const internal: InboxEntry = {
      event: { source: 'internal', kind: 'timer', id: 'timer:1', at: Date.now(), timer: 'x', data: {} } as unknown as InboxEntry['event'],
      correlationId: 'c',
      receivedAt: Date.now(),
    };
    for (let i = 0; i < 5; i++) expect(await dropIfRateLimited({ store: s, limiter, logger }, key, 'm', internal)).toBe(false);
    expect(await limiter.check(key)).toEqual({ allowed: true }); // budget untouched
  });

  it('a user with no stored state gets the Spanish notice', async () => {
    const key = userKey();
    const s = store();
    const limiter = new InboundLimiter({ redis: a, prefix, perMinute: 0, perHour: 0, windows: windows(1, 100) });
    await limiter.check(key);
    const inbox = { redis: a, queues, prefix, dedupeTtlMs: 60_000 };
    await enqueueEntries(inbox, key, [userEntry('x1')]);
    const head = (await s.peekInbox(key))!;
    expect(await dropIfRateLimited({ store: s, limiter, logger }, key, head.member, head.entry)).toBe(true);
    const [raw] = await a.lrange(s.keys(key).outbox, 0, -1);
    expect(JSON.parse(raw!).command.message.body).toBe(SLOW_DOWN_TEXT.es);
  });
});
