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
  7. amtool check-config     monitoring/alertmanager/alertmanager.yml (rendered by render.sh)
  8. amtool config routes test  every case of monitoring/alertmanager/routes.test
  9. inhibition rules name only alerts that exist in alerts.yml

Requires: promtool (Debian package `prometheus`), amtool (Debian package
`prometheus-alertmanager`), node >= 24.
EOF
}

case "${1:-}" in
  -h | --help) usage; exit 0 ;;
  "") ;;
  *) usage >&2; exit 2 ;;
esac

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

for bin in promtool amtool node; do
  if ! command -v "$bin" >/dev/null 2>&1; then
    echo "check.sh: '$bin' not found (promtool: apt-get install prometheus; amtool: apt-get install prometheus-alertmanager)" >&2
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

step "amtool check-config"
ALERT_WEBHOOK_URL=http://127.0.0.1:9/alerts sh alertmanager/render.sh >"$tmp/alertmanager.yml"
amtool check-config "$tmp/alertmanager.yml"

step "amtool config routes test"
cases=0
while IFS='|' read -r expected labels; do
  expected="$(echo "$expected" | tr -d '[:space:]')"
  [[ -z "$expected" || "$expected" == \#* ]] && continue
  # shellcheck disable=SC2086 # the labels are separate words on purpose
  got="$(amtool config routes test --config.file="$tmp/alertmanager.yml" $labels 2>/dev/null)"
  if [[ "$got" != "$expected" ]]; then
    echo "routes.test: {$labels} went to '$got', expected '$expected'" >&2
    exit 1
  fi
  echo "ok  {$labels} -> $got"
  cases=$((cases + 1))
done <alertmanager/routes.test
if [ "$cases" -lt 3 ]; then
  echo "routes.test has only $cases cases" >&2
  exit 1
fi

step "inhibition rules name existing alerts"
known="$(sed -nE 's/^[[:space:]]*-[[:space:]]+alert:[[:space:]]*([A-Za-z0-9_]+).*/\1/p' prometheus/alerts.yml | sort -u)"
unknown=""
for name in $(grep -oE 'alertname=~?"[^"]+"' alertmanager/alertmanager.yml | sed -E 's/.*"([^"]+)"/\1/' | tr '|' '\n' | sort -u); do
  grep -qx "$name" <<<"$known" || unknown+=" $name"
done
if [ -n "$unknown" ]; then
  echo "alertmanager.yml names alerts that alerts.yml does not define:$unknown" >&2
  exit 1
fi
echo "every alert named by alertmanager.yml exists"

printf '\nmonitoring/check.sh: OK\n'
