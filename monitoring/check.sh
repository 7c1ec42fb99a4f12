#!/usr/bin/env bash
# Validates everything in monitoring/: Prometheus config and rules, alert unit tests,
# Grafana provisioning and dashboard JSON. Exits non-zero on the first failing step.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: monitoring/check.sh [-h]

Runs, from any directory:
  1. promtool check config   monitoring/prometheus/prometheus.yml   (also loads alerts.yml)
  2. promtool check rules    monitoring/prometheus/alerts.yml       (syntax + duplicate-rule lint)
  3. promtool test rules     monitoring/prometheus/alerts.test.yml  (firing / not-firing unit tests)
  4. node validate.mjs       dashboard JSON, provisioning, annotations, runbook anchors, test coverage
  5. promtool check rules    on every dashboard query (PromQL syntax of the panels)
  6. node list-metrics.mjs   the metric list used by the "every metric exists" test is non-empty

Requires: promtool (Debian package `prometheus`), node >= 20.
EOF
}

case "${1:-}" in
  -h | --help) usage; exit 0 ;;
  "") ;;
  *) usage >&2; exit 2 ;;
esac

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

for bin in promtool node; do
  if ! command -v "$bin" >/dev/null 2>&1; then
    echo "check.sh: '$bin' not found (promtool: apt-get install prometheus)" >&2
    exit 1
  fi
done

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

step() { printf '\n== %s\n' "$*"; }

step "promtool check config"
promtool check config prometheus/prometheus.yml

step "promtool check rules"
promtool check rules --lint=duplicate-rules --lint-fatal prometheus/alerts.yml

step "promtool test rules"
promtool test rules prometheus/alerts.test.yml

step "dashboards, provisioning, annotations, runbook anchors, test coverage"
node validate.mjs

step "PromQL of every dashboard query"
node validate.mjs --dashboard-rules >"$tmp/dashboard-rules.yml"
promtool check rules --lint=none "$tmp/dashboard-rules.yml"

step "metrics referenced"
count="$(node list-metrics.mjs | wc -l)"
if [ "$count" -lt 10 ]; then
  echo "list-metrics.mjs found only $count metric names" >&2
  exit 1
fi
echo "$count metric names referenced by alerts and dashboards"

printf '\nmonitoring/check.sh: OK\n'
