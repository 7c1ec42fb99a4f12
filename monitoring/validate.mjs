#!/usr/bin/env node
/**
 * Static checks promtool cannot do, run by monitoring/check.sh. Plain JavaScript, no dependencies.
 *
 *   node monitoring/validate.mjs                    # all checks below; exit 1 with a list of problems
 *   node monitoring/validate.mjs --dashboard-rules  # print every dashboard query as a recording
 *                                                   # rule, so `promtool check rules` parses the PromQL
 *
 * Checks:
 *  - every Grafana dashboard is valid JSON with a uid, a title, unique panel ids, non-overlapping
 *    grid positions, the provisioned Prometheus datasource uid, and a non-empty expr per target;
 *  - the provisioning files point at that datasource uid and at the dashboards folder;
 *  - every alert rule has severity (critical|warning), summary, description and a runbook_url whose
 *    #anchor is a heading of runbook.md; every in-page link of runbook.md resolves;
 *  - every alert name has at least one firing and one not-firing case in alerts.test.yml;
 *  - docker-compose.yml mounts the files Prometheus and Grafana need.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { exprsInDashboard } from './list-metrics.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const DASHBOARDS = join(HERE, 'grafana', 'dashboards');
const problems = [];
const problem = (msg) => problems.push(msg);

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to dashes. */
export function slug(heading) {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function dashboards() {
  return readdirSync(DASHBOARDS)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: f, path: join(DASHBOARDS, f) }));
}

function provisionedDatasourceUid() {
  const dir = join(HERE, 'grafana', 'provisioning', 'datasources');
  const text = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
  const m = /^\s*uid:\s*['"]?([\w-]+)/m.exec(text);
  if (!m) problem('grafana/provisioning/datasources: no datasource uid');
  if (!/type:\s*prometheus/.test(text))
    problem('grafana/provisioning/datasources: no prometheus datasource');
  if (!/url:\s*http:\/\/prometheus:9090/.test(text))
    problem('grafana/provisioning/datasources: url is not http://prometheus:9090');
  return m ? m[1] : 'prometheus';
}

function checkDashboardProvider() {
  const dir = join(HERE, 'grafana', 'provisioning', 'dashboards');
  const text = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
  if (!/path:\s*\/var\/lib\/grafana\/dashboards/.test(text))
    problem('grafana/provisioning/dashboards: provider path is not /var/lib/grafana/dashboards');
}

function balanced(expr) {
  const pairs = { ')': '(', ']': '[', '}': '{' };
  const stack = [];
  let quote = null;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if ('([{'.includes(c)) stack.push(c);
    else if (')]}'.includes(c) && stack.pop() !== pairs[c]) return false;
  }
  return stack.length === 0 && quote === null;
}

function checkDashboard({ file, path }, dsUid) {
  let d;
  try {
    d = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    return problem(`${file}: invalid JSON (${err.message})`);
  }
  if (!d.uid || !d.title) problem(`${file}: uid and title are required`);
  if (!Array.isArray(d.panels) || d.panels.length === 0) return problem(`${file}: no panels`);
  const ids = new Set();
  const cells = new Map();
  const all = d.panels.flatMap((p) => [p, ...(Array.isArray(p.panels) ? p.panels : [])]);
  for (const p of all) {
    const name = `${file}: panel ${p.id} "${p.title}"`;
    if (typeof p.id !== 'number' || ids.has(p.id)) problem(`${name}: missing or duplicate id`);
    ids.add(p.id);
    const g = p.gridPos;
    if (
      !g ||
      ![g.x, g.y, g.w, g.h].every(Number.isInteger) ||
      g.x < 0 ||
      g.w < 1 ||
      g.h < 1 ||
      g.x + g.w > 24
    ) {
      problem(`${name}: bad gridPos ${JSON.stringify(g)}`);
      continue;
    }
    for (let x = g.x; x < g.x + g.w; x++)
      for (let y = g.y; y < g.y + g.h; y++) {
        const key = `${x},${y}`;
        if (cells.has(key)) problem(`${name}: overlaps panel ${cells.get(key)}`);
        cells.set(key, p.id);
      }
    if (p.type === 'row') continue;
    if (!p.title) problem(`${name}: no title`);
    if (p.datasource?.uid !== dsUid) problem(`${name}: datasource uid is not "${dsUid}"`);
    if (!Array.isArray(p.targets) || p.targets.length === 0) problem(`${name}: no targets`);
    const refIds = new Set();
    for (const t of p.targets ?? []) {
      if (typeof t.expr !== 'string' || t.expr.trim() === '')
        problem(`${name}: target ${t.refId} has no expr`);
      else if (!balanced(t.expr)) problem(`${name}: unbalanced brackets or quotes in ${t.expr}`);
      if (refIds.has(t.refId)) problem(`${name}: duplicate refId ${t.refId}`);
      refIds.add(t.refId);
      if (t.datasource && t.datasource.uid !== dsUid)
        problem(`${name}: target ${t.refId} datasource uid is not "${dsUid}"`);
    }
  }
  for (const v of d.templating?.list ?? []) {
    if (v.type === 'query' && v.datasource?.uid !== dsUid)
      problem(`${file}: variable ${v.name} datasource uid is not "${dsUid}"`);
  }
}

/** Rules of alerts.yml as { alert, labels, annotations } from its (regular) layout. */
export function parseAlertRules(text) {
  const rules = [];
  let current = null;
  let section = null;
  let sectionIndent = -1;
  for (const line of text.split(/\r?\n/)) {
    const alert = /^\s*-\s+alert:\s*(\S+)/.exec(line);
    if (alert) {
      current = { alert: alert[1], labels: {}, annotations: {} };
      rules.push(current);
      section = null;
      continue;
    }
    if (!current || line.trim() === '' || line.trim().startsWith('#')) continue;
    const indent = line.search(/\S/);
    const head = /^\s*(labels|annotations):\s*$/.exec(line);
    if (head) {
      section = head[1];
      sectionIndent = indent;
      continue;
    }
    if (section && indent > sectionIndent) {
      const kv = /^\s*([\w]+):\s*(.*)$/.exec(line);
      if (kv)
        current[section][kv[1]] = kv[2]
          .trim()
          .replace(/^'(.*)'$/, '$1')
          .replace(/^"(.*)"$/, '$1');
    } else {
      section = null;
    }
  }
  return rules;
}

function checkAlerts() {
  const text = readFileSync(join(HERE, 'prometheus', 'alerts.yml'), 'utf8');
  const rules = parseAlertRules(text);
  if (rules.length === 0) problem('alerts.yml: no alert rules found');
  const runbookPath = join(ROOT, 'runbook.md');
  const anchors = new Set();
  if (existsSync(runbookPath)) {
    for (const line of readFileSync(runbookPath, 'utf8').split(/\r?\n/)) {
      const h = /^#{1,6}\s+(.*)$/.exec(line);
      if (h) anchors.add(slug(h[1]));
    }
    const text = readFileSync(runbookPath, 'utf8');
    for (const m of text.matchAll(/\]\(#([^)\s]+)\)/g)) {
      if (!anchors.has(m[1])) problem(`runbook.md: link to #${m[1]} has no matching heading`);
    }
  } else {
    problem('runbook.md not found');
  }
  for (const r of rules) {
    if (!['critical', 'warning'].includes(r.labels.severity))
      problem(`alert ${r.alert}: severity must be critical or warning`);
    for (const a of ['summary', 'description', 'runbook_url'])
      if (!r.annotations[a]) problem(`alert ${r.alert}: annotation ${a} missing`);
    const url = r.annotations.runbook_url ?? '';
    const anchor = url.split('#')[1];
    if (!/\/runbook\.md#/.test(url) || !anchor)
      problem(`alert ${r.alert}: runbook_url must point at runbook.md#<anchor>`);
    else if (!anchors.has(anchor))
      problem(`alert ${r.alert}: runbook.md has no heading with anchor #${anchor}`);
    else if (anchor !== r.alert.toLowerCase())
      problem(`alert ${r.alert}: anchor #${anchor} should be #${r.alert.toLowerCase()}`);
  }
  return [...new Set(rules.map((r) => r.alert))];
}

/** alertname → { firing, quiet } counts from the promtool unit-test file. */
export function testCoverage(text) {
  const lines = text.split(/\r?\n/);
  const cover = new Map();
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*alertname:\s*(\S+)/.exec(lines[i]);
    if (!m) continue;
    const c = cover.get(m[1]) ?? { firing: 0, quiet: 0 };
    for (let j = i + 1; j < lines.length && j < i + 4; j++) {
      const e = /^\s*exp_alerts:\s*(.*)$/.exec(lines[j]);
      if (!e) continue;
      if (/^\[\s*\]/.test(e[1].trim())) c.quiet++;
      else c.firing++;
      break;
    }
    cover.set(m[1], c);
  }
  return cover;
}

function checkTestCoverage(alertNames) {
  const cover = testCoverage(readFileSync(join(HERE, 'prometheus', 'alerts.test.yml'), 'utf8'));
  for (const name of alertNames) {
    const c = cover.get(name);
    if (!c || c.firing === 0) problem(`alerts.test.yml: no firing test for ${name}`);
    if (!c || c.quiet === 0) problem(`alerts.test.yml: no not-firing test for ${name}`);
  }
  for (const name of cover.keys())
    if (!alertNames.includes(name)) problem(`alerts.test.yml: tests unknown alert ${name}`);
}

function checkCompose() {
  const path = join(ROOT, 'docker-compose.yml');
  if (!existsSync(path)) return problem('docker-compose.yml not found');
  const text = readFileSync(path, 'utf8');
  for (const mount of [
    './monitoring/prometheus:/etc/prometheus',
    './monitoring/grafana/provisioning:/etc/grafana/provisioning',
    './monitoring/grafana/dashboards:/var/lib/grafana/dashboards',
  ]) {
    if (!text.includes(mount)) problem(`docker-compose.yml: missing mount ${mount}`);
  }
}

/** Grafana variables replaced by plausible values so promtool can parse the query. */
function substituteVariables(expr) {
  return expr
    .replace(
      /\$__rate_interval|\$\{__rate_interval\}|\$__interval|\$\{__interval\}|\$__range|\$\{__range\}/g,
      '5m',
    )
    .replace(/\$\{(\w+)(:\w+)?\}|\$(\w+)/g, '.*');
}

function dashboardRules() {
  const groups = dashboards().map(({ file, path }) => {
    const exprs = exprsInDashboard(JSON.parse(readFileSync(path, 'utf8'))).filter(
      (e) => !/^label_values\(/.test(e),
    );
    const rules = exprs.map(
      (e, i) =>
        `      - record: dashboard:${file.replace(/\W/g, '_')}:q${i}\n        expr: ${JSON.stringify(substituteVariables(e))}`,
    );
    return `  - name: ${JSON.stringify(file)}\n    rules:\n${rules.join('\n')}`;
  });
  return `# Generated by monitoring/validate.mjs --dashboard-rules: dashboard queries, for promtool's parser.\ngroups:\n${groups.join('\n')}\n`;
}

function main() {
  if (process.argv.includes('--dashboard-rules')) {
    process.stdout.write(dashboardRules());
    return 0;
  }
  const dsUid = provisionedDatasourceUid();
  checkDashboardProvider();
  const list = dashboards();
  if (list.length === 0) problem('grafana/dashboards: no dashboard JSON');
  for (const d of list) checkDashboard(d, dsUid);
  checkTestCoverage(checkAlerts());
  checkCompose();
  if (problems.length > 0) {
    process.stderr.write(
      `validate: ${problems.length} problem(s)\n  - ${problems.join('\n  - ')}\n`,
    );
    return 1;
  }
  process.stdout.write(
    `validate: OK (${list.length} dashboard(s), alert annotations, runbook anchors, test coverage)\n`,
  );
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main();
}
