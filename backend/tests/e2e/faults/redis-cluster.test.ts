/**
 * Beyond one Redis: the same end-to-end flow against a Redis Cluster of three primaries
 * (Debian's redis-server with --cluster-enabled yes on spare ports, joined by the test), the
 * bot in-process with REDIS_CLUSTER_NODES. Every key of one conversation carries the hash tag
 * `{wa:<wa_id>}` and every BullMQ queue name is a hash tag (`{inbound}`, `{outbound}`…), so each
 * Lua script and each BullMQ script touches one slot. Expect: everything answered once, no
 * CROSSSLOT (or any other Redis) error logged, and the conversations spread over all three nodes.
 */
import { LoadDriver, formatReport } from '../../helpers/load-driver';
import { startRedisCluster, type OwnRedisCluster } from '../../helpers/redis-cluster';
import { conversationKeys, sentKey } from '../../../src/queue/keys';
import { startFaultSystem, type FaultSystem } from './harness';

let cluster: OwnRedisCluster;
let s: FaultSystem;

beforeAll(async () => {
  cluster = await startRedisCluster(3);
  s = await startFaultSystem({ role: 'all', backing: { clusterNodes: cluster.nodesEnv } });
}, 60_000);

afterAll(async () => {
  await s?.stop();
  await cluster?.destroy();
}, 30_000);

it('runs the whole flow unchanged on a 3-primary Redis Cluster', async () => {
  const started = Date.now();
  const driver = new LoadDriver({
    targets: [s.webhookUrl!],
    appSecret: s.config.whatsapp.appSecret,
    fake: s.fake,
    redis: s.redis,
    prefix: s.prefix,
    phones: 24,
  });
  await driver.warmUp();
  await driver.load({ messages: 5 });
  await driver.settle({ timeoutMs: 30_000, quietMs: 1000 });
  const r = await driver.report({ knex: s.knex });

  // Where the data went: keys per node, and the slot of each key of one conversation.
  const keysPerNode = await Promise.all(
    cluster.nodes.map(async (n) => Number((await cluster.cli(n.port, 'dbsize')).trim())),
  );
  const slot = async (key: string) =>
    Number((await cluster.cli(cluster.nodes[0].port, 'cluster', 'keyslot', key)).trim());
  const one = driver.phones[0];
  const k = conversationKeys(s.prefix, one.key);
  const conversationSlots = new Set(
    await Promise.all([k.inbox, k.seen, k.seq, k.state, k.outbox, k.lock, k.meta].map(slot)),
  );
  const bullSlots = new Set(
    await Promise.all(
      ['wait', 'active', 'events', 'meta', 'id'].map((suffix) =>
        slot(`${s.prefix}:bull:{outbound}:${suffix}`),
      ),
    ),
  );
  const phoneSlots = new Set(
    await Promise.all(driver.phones.map((p) => slot(conversationKeys(s.prefix, p.key).state))),
  );
  const queueNode: Record<string, number> = {};
  for (const q of ['{inbound}', '{outbound}', '{timers}', '{dead}']) {
    const qs = await slot(`${s.prefix}:bull:${q}:meta`);
    for (const n of cluster.nodes)
      if (Number((await cluster.cli(n.port, 'cluster', 'countkeysinslot', String(qs))).trim()) > 0)
        queueNode[q] = cluster.nodes.indexOf(n);
  }
  const ready = await fetch(s.webhookUrl!.replace('/webhook', '/health/ready'));
  const crossSlot = s.logs.filter((l) => /CROSSSLOT|MOVED|ASK |CLUSTERDOWN/.test(l));
  const redisErrors = s.logs.filter((l) => /"level":(40|50|60)/.test(l));
  console.log(
    formatReport('redis-cluster-3-primaries', r, {
      keysPerNode,
      distinctSlotsOfOneConversation: conversationSlots.size,
      distinctSlotsOfOneQueue: bullSlots.size,
      distinctSlotsOverPhones: phoneSlots.size,
      queueOnNode: queueNode,
      readiness: ready.status,
      crossSlotErrors: crossSlot.length,
      warnOrErrorLogs: redisErrors.length,
      seconds: Math.round((Date.now() - started) / 1000),
    }),
  );
  if (redisErrors.length) console.log(redisErrors.slice(0, 5).join('\n'));

  expect(r.gaveUp).toBe(0);
  expect(r.acknowledged).toBe(120);
  expect(r.lost).toBe(0);
  expect(r.replied).toBe(120);
  expect(r.duplicated).toBe(0);
  expect(r.multiReplies).toBe(0);
  expect(r.processed).toBe(120);
  expect(r.commits).toBe(120);
  expect(r.orderViolations).toBe(0);
  expect(crossSlot).toEqual([]);
  expect(ready.status).toBe(200);
  expect(conversationSlots.size).toBe(1);
  expect(bullSlots.size).toBe(1);
  expect(keysPerNode.every((n) => n > 0)).toBe(true);
  // A sent marker is a plain key: it can live anywhere.
  expect(
    await s.redis.exists(
      sentKey(s.prefix, `${driver.deliveries.find((d) => d.phase === 'load')!.wamid}#1`),
    ),
  ).toBe(1);
}, 90_000);
