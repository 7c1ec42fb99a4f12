/**
 * monitoring/: check.sh passes (promtool config/rules/unit tests, dashboard and provisioning
 * checks); every metric the alerts and dashboards reference is registered by the app
 * (backend/src/observability/metrics.ts + prom-client defaults); list-metrics.mjs parses PromQL
 * the way the "metric exists after a real conversation" test relies on.
 * Needs promtool (Debian: prometheus): fails, never skips, without it.
 */
import path from 'node:path';
import { registry } from '../../../src/observability/metrics';
import { ROOT, requireBinary, run } from './helpers';

const LIST = path.join(ROOT, 'monitoring', 'list-metrics.mjs');

async function listMetrics(...args: string[]): Promise<string[]> {
  const r = await run('node', [LIST, ...args]);
  if (r.code !== 0) throw new Error(`list-metrics.mjs failed\n${r.output}`);
  return r.stdout.trim().split('\n');
}

/** Calls an exported function of list-metrics.mjs (an ES module) in a child node. */
async function namesIn(expr: string): Promise<string[]> {
  const code = `import { metricNamesInExpr } from ${JSON.stringify(LIST)}; process.stdout.write(JSON.stringify(metricNamesInExpr(process.argv[1])));`;
  const r = await run('node', ['--input-type=module', '-e', code, expr]);
  if (r.code !== 0) throw new Error(r.output);
  return JSON.parse(r.stdout) as string[];
}

describe('monitoring', () => {
  it('monitoring/check.sh passes (promtool check config / check rules / test rules, dashboards)', async () => {
    requireBinary('promtool', 'prometheus');
    const r = await run('bash', [path.join(ROOT, 'monitoring', 'check.sh')], {
      timeoutMs: 120_000,
    });
    expect({ code: r.code, output: r.output }).toEqual({ code: 0, output: expect.any(String) });
    expect(r.stdout).toContain('monitoring/check.sh: OK');
  }, 120_000);

  it('every metric referenced by alerts and dashboards is registered by the app', async () => {
    const referenced = await listMetrics();
    const registered = new Set((await registry.getMetricsAsJSON()).map((m) => m.name));
    expect(referenced.length).toBeGreaterThan(15);
    expect(referenced.filter((name) => !registered.has(name))).toEqual([]);
  });

  it('lists the metrics the alerts are built on, and leaves Prometheus-made series out by default', async () => {
    const names = await listMetrics();
    for (const n of [
      'webhook_processing_duration_seconds',
      'inbound_to_reply_seconds',
      'dependency_up',
      'dead_letter_size',
      'providers_online',
      'whatsapp_send_errors_total',
      'whatsapp_messages_sent_total',
      'queue_oldest_job_age_seconds',
    ])
      expect(names).toContain(n);
    expect(names).not.toContain('up');
    expect(names).toEqual([...names].sort());
    expect(await listMetrics('--all')).toContain('up');
  });

  it.each([
    [
      'histogram_quantile(0.95, sum by (le) (rate(inbound_to_reply_seconds_bucket{le!="+Inf"}[5m]))) > 2',
      ['inbound_to_reply_seconds'],
    ],
    [
      'max by (service) (providers_online) < 2 and on () (hour() >= 14 or hour() < 2)',
      ['providers_online'],
    ],
    [
      'sum(rate(a_total[$__rate_interval])) / ignoring(code) group_left sum without (x) (b_count{job=~"$job"} offset 1h)',
      ['a_total', 'b'],
    ],
    ['label_values(providers_online{x="y"}, service)', ['providers_online']],
    ['1 - sum(rate(h_bucket{le="1"}[5m])) / sum(rate(h_count[5m])) > 0.05 * 1e2', ['h']],
    ['absent(up{job="ubermench"}) or vector(0) # up is a comment here: ignored_metric', ['up']],
  ])('list-metrics extracts names from %s', async (expr, expected) => {
    expect(await namesIn(expr)).toEqual(expected);
  });
});
