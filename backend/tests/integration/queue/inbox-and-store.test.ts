/**
 * The Redis scripts behind the guarantees: at-most-once intake per event id (also under
 * concurrency), ordered inbox, version-checked atomic commit, and the conversation lock.
 */
import Redis from 'ioredis';
import { createQueues, type Queues } from '../../../src/queue/queues';
import { withScripts, type ScriptedRedis } from '../../../src/queue/scripts';
import { enqueueEntries, type InboxDeps, type InboxEntry } from '../../../src/queue/inbox';
import { readyStreamKey } from '../../../src/queue/keys';
import { ConversationStore } from '../../../src/conversation/runner/store';
import { ConversationLock } from '../../../src/conversation/runner/lock';
import type { ConversationState } from '../../../src/conversation/state';
import { deleteByPrefix, testPrefix } from '../../helpers/redis';

const url = process.env.REDIS_URL!;
const prefix = testPrefix();
let redis: ScriptedRedis;
let queues: Queues;
let deps: InboxDeps;

const entry = (id: string, at: number, text = 'hola'): InboxEntry => ({
  event: { source: 'user', kind: 'text', id, at, text, profile: { name: 'Ana' } },
  correlationId: `c-${id}`,
  receivedAt: at,
});

beforeAll(async () => {
  redis = withScripts(new Redis(url));
  queues = createQueues(redis, prefix);
  deps = { redis, queues, prefix, dedupeTtlMs: 60_000 };
});

afterAll(async () => {
  await queues.close();
  redis.disconnect();
  await deleteByPrefix(url, prefix);
});

describe('inbox intake', () => {
  it('accepts each event id once, even when delivered concurrently', async () => {
    const key = 'wa:5215500000001';
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        enqueueEntries(deps, key, [entry('wamid.A', 1_764_100_000_000)]),
      ),
    );
    expect(results.reduce((a, b) => a + b, 0)).toBe(1);
    const store = new ConversationStore(redis, prefix, 60_000);
    expect(await redis.zcard(store.keys(key).inbox)).toBe(1);
  });

  it('orders the inbox by message timestamp, then arrival', async () => {
    const key = 'wa:5215500000002';
    await enqueueEntries(deps, key, [
      entry('w3', 1_764_100_005_000),
      entry('w1', 1_764_100_001_000),
    ]);
    await enqueueEntries(deps, key, [entry('w2', 1_764_100_001_000)]);
    const store = new ConversationStore(redis, prefix, 60_000);
    const members = await redis.zrange(store.keys(key).inbox, 0, -1);
    expect(members.map((m) => (JSON.parse(m) as InboxEntry).event.id)).toEqual(['w1', 'w2', 'w3']);
  });

  it('signals the conversation on the ready stream after the event is in its inbox', async () => {
    const stream = readyStreamKey(prefix);
    const before = await redis.xlen(stream);
    await enqueueEntries(deps, 'wa:5215500000003', [entry('x1', 1_764_100_000_000)]);
    expect(await redis.xlen(stream)).toBe(before + 1);
    const [[, fields]] = await redis.xrevrange(stream, '+', '-', 'COUNT', 1);
    expect(fields).toEqual(['k', 'wa:5215500000003']);
    // A redelivery of an event still pending signals again (a crash may have lost the first signal).
    await enqueueEntries(deps, 'wa:5215500000003', [entry('x1', 1_764_100_000_000)]);
    expect(await redis.xlen(stream)).toBe(before + 2);
  });

  it('does not signal when nothing is pending', async () => {
    const stream = readyStreamKey(prefix);
    const store = new ConversationStore(redis, prefix, 60_000);
    await enqueueEntries(deps, 'wa:5215500000004', [entry('y1', 1_764_100_000_000)]);
    await redis.del(store.keys('wa:5215500000004').inbox);
    const before = await redis.xlen(stream);
    expect(await enqueueEntries(deps, 'wa:5215500000004', [entry('y1', 1_764_100_000_000)])).toBe(
      0,
    );
    expect(await redis.xlen(stream)).toBe(before);
  });
});

describe('conversation store', () => {
  it('commits atomically with a version check and consumes the event', async () => {
    const key = 'wa:5215500000004';
    const store = new ConversationStore(redis, prefix, 60_000);
    await enqueueEntries(deps, key, [entry('e1', 1_764_100_000_000)]);
    const head = await store.peekInbox(key);
    expect(head?.entry.event.id).toBe('e1');
    // The store treats the state as opaque JSON: any shape round-trips.
    const state = {
      name: 'mainMenu',
      profile: { userId: 1, name: 'Ana', locale: 'es' },
    } as unknown as ConversationState;
    const cmd = {
      id: 'e1#0',
      command: { kind: 'markRead' as const, messageId: 'e1' },
      correlationId: 'c',
    };
    expect(
      await store.commit({
        key,
        expectedVersion: 1,
        state,
        consumed: { from: 'inbox', member: head!.member },
        commands: [cmd],
      }),
    ).toBe('conflict');
    expect(
      await store.commit({
        key,
        expectedVersion: 0,
        state,
        consumed: { from: 'inbox', member: head!.member },
        lastInboundAt: 123,
        commands: [cmd],
      }),
    ).toBe('ok');
    expect(
      await store.commit({
        key,
        expectedVersion: 1,
        state,
        consumed: { from: 'inbox', member: head!.member },
        commands: [],
      }),
    ).toBe('gone');
    const loaded = await store.load(key);
    expect(loaded).toMatchObject({ version: 1, state, lastInboundAt: 123, sessionExpired: false });
    expect(await store.peekInbox(key)).toBeNull();
    expect((await store.peekOutbox(key))?.item).toEqual(cmd);
    expect(await redis.pttl(store.keys(key).state)).toBeGreaterThan(50_000);
  });

  it('reports an expired session when the state is gone but the conversation existed', async () => {
    const key = 'wa:5215500000005';
    const store = new ConversationStore(redis, prefix, 60_000);
    await enqueueEntries(deps, key, [entry('s1', 1_764_100_000_000)]);
    const head = await store.peekInbox(key);
    await store.commit({
      key,
      expectedVersion: 0,
      state: { name: 'mainMenu' } as unknown as ConversationState,
      consumed: { from: 'inbox', member: head!.member },
      commands: [],
    });
    await redis.del(store.keys(key).state);
    expect(await store.load(key)).toMatchObject({ state: null, version: 0, sessionExpired: true });
  });
});

describe('conversation lock', () => {
  it('is exclusive, renewed while held and reports pending work on release', async () => {
    const key = 'wa:5215500000006';
    const store = new ConversationStore(redis, prefix, 60_000);
    const a = new ConversationLock(redis, store.keys(key), 300);
    const b = new ConversationLock(redis, store.keys(key), 300);
    expect(await a.acquire()).toBe(true);
    expect(await b.acquire()).toBe(false);
    await new Promise((r) => setTimeout(r, 700)); // longer than the TTL: renewal keeps it
    expect(await b.acquire()).toBe(false);
    await enqueueEntries(deps, key, [entry('p1', 1_764_100_000_000)]);
    expect(await a.release()).toBe(1);
    expect(await b.acquire()).toBe(true);
    await b.release();
  });
});
