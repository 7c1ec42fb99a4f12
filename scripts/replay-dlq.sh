#!/usr/bin/env bash
# Dead-letter queue tool: list, show and replay dead letters (scripts/replay-dlq.ts).
set -euo pipefail

usage() {
  cat <<'EOF'
usage: scripts/replay-dlq.sh list | show <id> | replay <id> | replay --all

Runs the compiled tool (node dist/scripts/replay-dlq.js) when dist/ exists, else the TypeScript
source with tsx (npx tsx scripts/replay-dlq.ts). Reads REDIS_URL / REDIS_KEY_PREFIX and the rest
of the app configuration from the environment.

In docker-compose:
  docker compose exec app-worker node dist/scripts/replay-dlq.js list
EOF
}

case "${1:-}" in
  -h | --help) usage; exit 0 ;;
  "") usage >&2; exit 2 ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [[ -f dist/scripts/replay-dlq.js ]]; then
  exec node dist/scripts/replay-dlq.js "$@"
elif [[ -f scripts/replay-dlq.ts ]]; then
  exec npx --no-install tsx scripts/replay-dlq.ts "$@"
else
  echo "replay-dlq.sh: neither dist/scripts/replay-dlq.js nor scripts/replay-dlq.ts found" >&2
  exit 1
fi
