/**
 * Alerts reach someone (issue 17, item 2), end to end on loopback with the real binaries:
 * the bot (a child process, its own Redis) → Prometheus (the real alert rules of
 * monitoring/prometheus/alerts.yml, only `for:` shortened) → Alertmanager (the real
 * monitoring/alertmanager/alertmanager.yml, rendered by render.sh) → a webhook receiver here.
 * Redis is stopped; RedisDown must arrive at the receiver through the `oncall-page` route (critical);
 * a symptom alert (QueueBacklogAgeHigh) posted meanwhile must be inhibited, an unrelated one not.
 * Bounded: every wait has a deadline, every process is stopped in afterAll.
 * Needs prometheus (Debian: prometheus) and prometheus-alertmanager: fails, never skips, without them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { spawnBot, outputOf, waitExit } from '../../helpers/child';
import { createTestDb, type TestDb } from '../../helpers/db';
import { freePort, startOwnRedis, type OwnRedis } from '../../helpers/own-redis';
import { ROOT, requireBinary, run, tempDir } from './helpers';

interface Notification {
  receiver: string;
  status: string;
  alerts: { status: string; labels: Record<string, string> }[];
}

async function until<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function startDaemon(cmd: string, args: string[]): ChildProcess & { log: () => string } {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return Object.assign(child, { log: () => out.slice(-4000) });
}

async function stopDaemon(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await waitExit(child, 10_000).catch(() => child.kill('SIGKILL'));
}

describe('alert delivery: bot → Prometheus → Alertmanager → webhook', () => {
  let dir: ReturnType<typeof tempDir>;
  let redis: OwnRedis;
  let db: TestDb;
  let bot: ChildProcess | undefined;
  let prom: (ChildProcess & { log: () => string }) | undefined;
  let am: (ChildProcess & { log: () => string }) | undefined;
  let receiver: http.Server;
  const received: Notification[] = [];
  let amUrl = '';

  beforeAll(async () => {
    requireBinary('prometheus', 'prometheus');
    requireBinary('prometheus-alertmanager', 'prometheus-alertmanager');
    dir = tempDir('alerts');
    redis = await startOwnRedis();
    db = await createTestDb();

    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        received.push(JSON.parse(body) as Notification);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alerts`;

    const [botPort, promPort, amPort] = [await freePort(), await freePort(), await freePort()];
    amUrl = `http://127.0.0.1:${amPort}`;

    // The bot, as in production but with its own Redis (which the test stops).
    bot = spawnBot('all', {
      PORT: String(botPort),
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: 'alerts',
      DATABASE_SCHEMA: db.schema,
      WHATSAPP_API_BASE_URL: 'http://127.0.0.1:9',
      LOG_LEVEL: 'silent',
    });

    // Alertmanager with the real config (render.sh fills in the webhook URL); no clustering.
    const rendered = await run('sh', [path.join(ROOT, 'monitoring', 'alertmanager', 'render.sh')], {
      env: { ALERT_WEBHOOK_URL: hook },
    });
    expect({ code: rendered.code, output: rendered.output }).toEqual({
      code: 0,
      output: expect.any(String),
    });
    writeFileSync(path.join(dir.dir, 'alertmanager.yml'), rendered.stdout);
    am = startDaemon('prometheus-alertmanager', [
      `--config.file=${path.join(dir.dir, 'alertmanager.yml')}`,
      `--storage.path=${path.join(dir.dir, 'am')}`,
      `--web.listen-address=127.0.0.1:${amPort}`,
      '--cluster.listen-address=',
    ]);

    // Prometheus with the real rules; `for:` shortened to 2s so the test is bounded.
    const rules = readFileSync(
      path.join(ROOT, 'monitoring', 'prometheus', 'alerts.yml'),
      'utf8',
    ).replace(/^(\s+for:\s*)\S+/gm, '$12s');
    writeFileSync(path.join(dir.dir, 'alerts.yml'), rules);
    const app = `127.0.0.1:${botPort}`;
    writeFileSync(
      path.join(dir.dir, 'prometheus.yml'),
      [
        'global: { scrape_interval: 1s, evaluation_interval: 1s, external_labels: { system: ubermench } }',
        'rule_files: [alerts.yml]',
        `alerting: { alertmanagers: [ { static_configs: [ { targets: ['127.0.0.1:${amPort}'] } ] } ] }`,
        'scrape_configs:',
        '  - job_name: ubermench',
        '    static_configs:',
        `      - { targets: ['${app}'], labels: { role: web } }`,
        `      - { targets: ['${app}'], labels: { role: worker } }`,
        '',
      ].join('\n'),
    );
    prom = startDaemon('prometheus', [
      `--config.file=${path.join(dir.dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir.dir, 'prom')}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
    ]);

    await until(
      'the bot to be ready',
      async () => ((await fetch(`http://${app}/health/ready`)).ok ? true : undefined),
      30_000,
    ).catch((err: Error) => {
      throw new Error(`${err.message}\n${bot ? outputOf(bot).slice(-2000) : ''}`);
    });
    await until(
      'Alertmanager',
      async () => ((await fetch(`${amUrl}/-/ready`)).ok ? true : undefined),
      15_000,
    ).catch((err: Error) => {
      throw new Error(`${err.message}\n${am?.log()}`);
    });
    await until(
      'Prometheus to scrape the bot',
      async () => {
        const r = (await (
          await fetch(
            `http://127.0.0.1:${promPort}/api/v1/query?query=${encodeURIComponent('dependency_up{dependency="redis"}')}`,
          )
        ).json()) as { data: { result: { value: [number, string] }[] } };
        return r.data.result.some((s) => s.value[1] === '1') ? true : undefined;
      },
      20_000,
    ).catch((err: Error) => {
      throw new Error(`${err.message}\n${prom?.log()}`);
    });
  }, 90_000);

  afterAll(async () => {
    await redis?.start().catch(() => undefined); // let the bot stop cleanly
    if (bot) {
      bot.kill('SIGTERM');
      await waitExit(bot, 20_000).catch(() => bot?.kill('SIGKILL'));
    }
    await stopDaemon(prom);
    await stopDaemon(am);
    await new Promise((r) => receiver?.close(r));
    await redis?.destroy();
    await db?.destroy();
    dir?.remove();
  }, 60_000);

  it('stopping Redis pages on-call: RedisDown reaches the webhook through the oncall-page route', async () => {
    expect(received).toEqual([]); // nothing fires while everything is up
    await redis.stop();
    const page = await until(
      'RedisDown at the receiver',
      async () =>
        received.find(
          (n) =>
            n.receiver === 'oncall-page' &&
            n.alerts.some((a) => a.labels.alertname === 'RedisDown' && a.status === 'firing'),
        ),
      60_000,
    ).catch((err: Error) => {
      throw new Error(
        `${err.message}\nreceived: ${JSON.stringify(received)}\n${prom?.log()}\n${am?.log()}`,
      );
    });
    const alert = page.alerts.find((a) => a.labels.alertname === 'RedisDown')!;
    expect(alert.labels).toMatchObject({
      severity: 'critical',
      dependency: 'redis',
      system: 'ubermench',
    });
  }, 90_000);

  it('while Redis is down, a symptom (QueueBacklogAgeHigh) is inhibited and an unrelated alert is not', async () => {
    const post = (labels: Record<string, string>) =>
      fetch(`${amUrl}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([
          { labels: { system: 'ubermench', ...labels }, annotations: { summary: 'test' } },
        ]),
      });
    expect(
      (await post({ alertname: 'QueueBacklogAgeHigh', severity: 'warning', queue: 'outbound' })).ok,
    ).toBe(true);
    expect(
      (await post({ alertname: 'ProvidersOnlineLow', severity: 'warning', service: 'plumbing' }))
        .ok,
    ).toBe(true);
    type AmAlert = {
      labels: Record<string, string>;
      status: { state: string; inhibitedBy: string[] };
    };
    const states = await until(
      'Alertmanager to judge both alerts',
      async () => {
        const list = (await (await fetch(`${amUrl}/api/v2/alerts`)).json()) as AmAlert[];
        const q = list.find((a) => a.labels.alertname === 'QueueBacklogAgeHigh');
        const p = list.find((a) => a.labels.alertname === 'ProvidersOnlineLow');
        return q && p && q.status.state !== 'unprocessed' && p.status.state !== 'unprocessed'
          ? { q, p }
          : undefined;
      },
      15_000,
    );
    expect(states.q.status.state).toBe('suppressed');
    expect(states.q.status.inhibitedBy.length).toBeGreaterThan(0);
    expect(states.p.status.state).toBe('active');
    expect(states.p.status.inhibitedBy).toEqual([]);
  }, 30_000);
});
