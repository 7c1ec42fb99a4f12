#!/usr/bin/env node
/**
 * Lists every metric name referenced by the PromQL in the alert rules and the Grafana
 * dashboards, one per line, sorted, without duplicates. Histogram series suffixes
 * (_bucket, _sum, _count) are stripped, so the names match what the app registers
 * (`# TYPE <name> histogram` in /metrics).
 *
 *   node monitoring/list-metrics.mjs            # app metrics referenced by alerts.yml + dashboards
 *   node monitoring/list-metrics.mjs --all      # also series Prometheus makes itself (up, ALERTS, scrape_*)
 *                                               # and those the backup scripts push (PUSHED)
 *   node monitoring/list-metrics.mjs a.yml b.json   # other files (.yml/.yaml: `expr:` values; .json: dashboards)
 *
 * Default output excludes series that Prometheus synthesizes (`up`, `scrape_*`, `ALERTS*`),
 * because the app never exports them: the intended use is a test asserting that every listed
 * name appears in the app's /metrics output.
 *
 * Plain JavaScript, no dependencies. Also importable:
 *   import { metricNamesInExpr, exprsInRulesYaml, exprsInDashboard, listMetrics, defaultFiles } from './list-metrics.mjs'
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

/** monitoring/prometheus/alerts.yml and every monitoring/grafana/dashboards/*.json. */
export function defaultFiles() {
  const dashboards = join(HERE, 'grafana', 'dashboards');
  return [
    join(HERE, 'prometheus', 'alerts.yml'),
    ...readdirSync(dashboards)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => join(dashboards, f)),
  ];
}

/** Series Prometheus creates itself: never in the app's /metrics. */
export const SYNTHETIC = new Set([
  'up',
  'scrape_duration_seconds',
  'scrape_samples_scraped',
  'scrape_samples_post_metric_relabeling',
  'scrape_series_added',
  'ALERTS',
  'ALERTS_FOR_STATE',
]);

/**
 * Series pushed to the Pushgateway by the batch scripts (not the app), with the script that pushes
 * each: excluded by default like SYNTHETIC; backend/tests/integration/ops/backup-schedule.test.ts
 * checks each script really pushes them.
 */
export const PUSHED = new Map([
  ['backup_last_run_timestamp_seconds', 'scripts/backup.sh'],
  ['backup_last_run_success', 'scripts/backup.sh'],
  ['backup_last_success_timestamp_seconds', 'scripts/backup.sh'],
  ['backup_schedule_seconds', 'scripts/backup.sh'],
  ['backup_size_bytes', 'scripts/backup.sh'],
  ['backup_offsite_last_success_timestamp_seconds', 'scripts/backup.sh'],
  ['restore_drill_last_success_timestamp_seconds', 'scripts/restore-drill.sh'],
  ['restore_drill_last_run_success', 'scripts/restore-drill.sh'],
]);

/** Keywords that take a parenthesised list of label names. */
const LABEL_LIST_KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
]);
/** Aggregation operators: reserved words, may be followed by `by (...)` before their argument. */
const AGGREGATIONS = [
  'sum',
  'min',
  'max',
  'avg',
  'group',
  'stddev',
  'stdvar',
  'count',
  'count_values',
  'bottomk',
  'topk',
  'quantile',
  'limitk',
  'limit_ratio',
];
/** Bare keywords and literals that are never metric names. */
const KEYWORDS = new Set([
  ...LABEL_LIST_KEYWORDS,
  ...AGGREGATIONS,
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'atan2',
  'inf',
  'nan',
]);

const IDENT_START = /[A-Za-z_:]/;
const IDENT_CHAR = /[A-Za-z0-9_:]/;

/** Splits PromQL into identifiers, numbers/durations, strings, variables and punctuation. */
function tokenize(expr) {
  const tokens = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '#') {
      while (i < expr.length && expr[i] !== '\n') i++; // PromQL comment
    } else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < expr.length && expr[j] !== c) j += expr[j] === '\\' && c !== '`' ? 2 : 1;
      tokens.push({ type: 'string', value: expr.slice(i, j + 1) });
      i = j + 1;
    } else if (c === '$') {
      // Grafana variables: $var, ${var}, ${var:format}, $__rate_interval
      let j = i + 1;
      if (expr[j] === '{') {
        while (j < expr.length && expr[j] !== '}') j++;
        j++;
      } else {
        while (j < expr.length && IDENT_CHAR.test(expr[j])) j++;
      }
      tokens.push({ type: 'var', value: expr.slice(i, j) });
      i = j;
    } else if (/[0-9.]/.test(c) && !(c === '.' && !/[0-9]/.test(expr[i + 1] ?? ''))) {
      // numbers, durations (5m, 1h30m), 1e3, 0x1f: one token
      let j = i + 1;
      while (
        j < expr.length &&
        (/[0-9A-Za-z_.]/.test(expr[j]) ||
          (/[+-]/.test(expr[j]) && /[eE]/.test(expr[j - 1]) && !/^0x/i.test(expr.slice(i, j))))
      )
        j++;
      tokens.push({ type: 'number', value: expr.slice(i, j) });
      i = j;
    } else if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < expr.length && IDENT_CHAR.test(expr[j])) j++;
      tokens.push({ type: 'ident', value: expr.slice(i, j) });
      i = j;
    } else {
      tokens.push({ type: 'punct', value: c });
      i++;
    }
  }
  return tokens;
}

/** Index just past the bracket matching the one at `start` (tokens[start] is the opener). */
function skipBalanced(tokens, start, open, close) {
  let depth = 0;
  for (let k = start; k < tokens.length; k++) {
    if (tokens[k].type !== 'punct') continue;
    if (tokens[k].value === open) depth++;
    else if (tokens[k].value === close && --depth === 0) return k + 1;
  }
  return tokens.length;
}

function namesInTokens(tokens, out) {
  for (let i = 0; i < tokens.length;) {
    const t = tokens[i];
    const next = tokens[i + 1];
    if (t.type === 'punct' && t.value === '{') {
      i = skipBalanced(tokens, i, '{', '}'); // label matchers
    } else if (t.type === 'punct' && t.value === '[') {
      i = skipBalanced(tokens, i, '[', ']'); // range / subquery
    } else if (t.type === 'ident') {
      const word = t.value;
      const call = next && next.type === 'punct' && next.value === '(';
      if (call && LABEL_LIST_KEYWORDS.has(word.toLowerCase())) {
        i = skipBalanced(tokens, i + 1, '(', ')'); // by (le, service): label names
      } else if (call && word === 'label_values') {
        // Grafana: label_values(label) or label_values(<series selector>, label)
        const end = skipBalanced(tokens, i + 1, '(', ')');
        const args = tokens.slice(i + 2, end - 1);
        let lastComma = -1;
        let depth = 0;
        args.forEach((a, k) => {
          if (a.type !== 'punct') return;
          if ('({['.includes(a.value)) depth++;
          else if (')}]'.includes(a.value)) depth--;
          else if (a.value === ',' && depth === 0) lastComma = k;
        });
        if (lastComma >= 0) namesInTokens(args.slice(0, lastComma), out);
        i = end;
      } else if (call || KEYWORDS.has(word.toLowerCase())) {
        i++; // function / aggregation name, or operator keyword
      } else {
        out.add(word.replace(/_(bucket|sum|count)$/, ''));
        i++;
      }
    } else {
      i++;
    }
  }
  return out;
}

/** Metric names referenced by one PromQL expression (histogram suffixes stripped). */
export function metricNamesInExpr(expr) {
  return [...namesInTokens(tokenize(String(expr)), new Set())].sort();
}

function unquoteYamlScalar(s) {
  const v = s.trim();
  if (v.startsWith("'")) {
    const m = /^'((?:[^']|'')*)'/.exec(v);
    if (m) return m[1].replace(/''/g, "'");
  }
  if (v.startsWith('"')) {
    const m = /^"((?:[^"\\]|\\.)*)"/.exec(v);
    if (m) {
      try {
        return JSON.parse(`"${m[1]}"`);
      } catch {
        return m[1]; // a YAML-only escape (\x41, \e): keep the text, names are unaffected
      }
    }
  }
  return v.replace(/\s+#.*$/, ''); // plain scalar: strip a trailing comment
}

/**
 * Every `expr:` value in a Prometheus rules file. Handles plain, quoted and block (| |- > >-)
 * scalars, which is all a rules file uses; no YAML library needed.
 */
export function exprsInRulesYaml(text) {
  const lines = text.split(/\r?\n/);
  const exprs = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*(?:-\s+)?)expr:\s*(.*)$/.exec(lines[i]);
    if (!m) continue;
    const indent = m[1].length; // column of the `expr` key: block lines are indented deeper
    const rest = m[2].trim();
    if (/^[|>][-+]?\d*\s*(#.*)?$/.test(rest)) {
      const body = [];
      for (i = i + 1; i < lines.length; i++) {
        const line = lines[i];
        if (line.trim() !== '' && line.search(/\S/) <= indent) break;
        body.push(line.trim());
      }
      i--;
      exprs.push(body.join(rest.startsWith('>') ? ' ' : '\n').trim());
    } else if (rest !== '') {
      exprs.push(unquoteYamlScalar(rest));
    }
  }
  return exprs;
}

/** Every PromQL string in a Grafana dashboard: targets' `expr` and query variables. */
export function exprsInDashboard(json) {
  const exprs = [];
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    if (typeof node.expr === 'string') exprs.push(node.expr);
    if (node.type === 'query' && node.query !== undefined) {
      const q = typeof node.query === 'string' ? node.query : node.query.query;
      if (typeof q === 'string') exprs.push(q);
    }
    for (const [k, v] of Object.entries(node))
      if (k !== 'expr' && v && typeof v === 'object') walk(v);
  };
  walk(json);
  return exprs;
}

export function exprsInFile(file) {
  const text = readFileSync(file, 'utf8');
  return file.endsWith('.json') ? exprsInDashboard(JSON.parse(text)) : exprsInRulesYaml(text);
}

/** Sorted unique metric names referenced by the files. */
export function listMetrics(files = defaultFiles(), { includeSynthetic = false } = {}) {
  const names = new Set();
  for (const file of files)
    for (const expr of exprsInFile(file)) for (const n of metricNamesInExpr(expr)) names.add(n);
  return [...names].filter((n) => includeSynthetic || (!SYNTHETIC.has(n) && !PUSHED.has(n))).sort();
}

function main(argv) {
  const args = argv.slice(2);
  if (args.includes('-h') || args.includes('--help')) {
    process.stdout.write(
      'usage: node monitoring/list-metrics.mjs [--all] [rules.yml|dashboard.json ...]\n',
    );
    return 0;
  }
  const includeSynthetic = args.includes('--all');
  const files = args.filter((a) => !a.startsWith('--')).map((f) => resolve(f));
  const names = listMetrics(files.length > 0 ? files : defaultFiles(), { includeSynthetic });
  if (names.length === 0) {
    process.stderr.write('list-metrics: no metric names found\n');
    return 1;
  }
  process.stdout.write(names.join('\n') + '\n');
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv);
}
