/**
 * Scale-out on one box: two web and two worker processes (real children, `--role=web` /
 * `--role=worker`) sharing one Redis and one Postgres, the driver spreading deliveries over
 * both web processes like a load balancer. 40 phones × 5 messages sent back to back (each
 * message right after the previous one was acknowledged), so both workers compete for the same
 * conversations. Expect: every message answered once, each applied once, per-phone processing
 * order kept, and both workers and both web processes doing part of the work.
 */
import { LoadDriver, formatReport } from '../../helpers/load-driver';
import { Children, startFaultSystem, withOutput, type FaultSystem } from './harness';

let s: FaultSystem;
const children = new Children();

beforeAll(async () => {
  s = await startFaultSystem({ role: 'none' });
}, 30_000);

afterAll(async () => {
  await children.killAll();
  await s?.stop();
}, 30_000);

/** Sum of a counter family in a process's /metrics (all label sets). */
async function counter(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `))
    .reduce((n, l) => n + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

it('two web + two worker processes: same results, per-phone order kept', async () => {
  const started = Date.now();
  const env = s.childEnv();
  try {
    const [web1, web2, worker1, worker2] = await Promise.all([
      children.start('web', env),
      children.start('web', env),
      children.start('worker', env),
      children.start('worker', env),
    ]);
    s.fake.setWebhookUrl(web1.webhookUrl);
    const driver = new LoadDriver({
      targets: [web1.webhookUrl, web2.webhookUrl],
      appSecret: s.config.whatsapp.appSecret,
      fake: s.fake,
      redis: s.redis,
      prefix: s.prefix,
      phones: 40,
    });
    await driver.warmUp();
    await driver.load({ messages: 5 });
    await driver.settle({ timeoutMs: 30_000, quietMs: 1000 });
    const r = await driver.report({ knex: s.knex });
    const perWeb = [web1, web2].map(
      (w) =>
        driver.deliveries.filter((d) => d.phase === 'load' && d.targets.at(-1) === w.webhookUrl)
          .length,
    );
    const perWorker = await Promise.all(
      [worker1, worker2].map((w) => counter(w.url, 'whatsapp_messages_sent_total')),
    );
    console.log(
      formatReport('scale-out-2web-2worker', r, {
        acknowledgedPerWeb: perWeb,
        sendsPerWorker: perWorker,
        seconds: Math.round((Date.now() - started) / 1000),
      }),
    );

    expect(r.gaveUp).toBe(0);
    expect(r.acknowledged).toBe(200);
    expect(r.lost).toBe(0);
    expect(r.replied).toBe(200);
    expect(r.duplicated).toBe(0);
    expect(r.multiReplies).toBe(0);
    expect(r.processed).toBe(200);
    expect(r.commits).toBe(200);
    expect(r.orderChecked).toBe(200);
    expect(r.orderViolations).toBe(0);
    expect(perWeb.every((n) => n > 0)).toBe(true);
    expect(perWorker.every((n) => n > 0)).toBe(true);
  } catch (err) {
    throw withOutput(children, err);
  }
}, 90_000);
