#!/usr/bin/env bash
# Switch the app back to the previous image tag (or a given one). No migrations are run.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: scripts/rollback.sh [image-tag]

Switches app-web and app-worker to <image-tag>, or, without an argument, to the tag that ran
before the current one (.deploy/previous, written by scripts/deploy.sh), the same gapless way as
deploy.sh (new containers next to the old ones, old ones stopped once the new are ready), under
the same deploy lock. Runs scripts/smoke.sh, then writes UBERMENCH_TAG into .env. Exits 1 if the
target is unhealthy (the running version is then left as it was).

The database is not touched: migrations of the newer version stay applied (they are written to
be backward compatible). To undo data changes, restore a backup (scripts/restore.sh).
History: .deploy/history.log.
EOF
}

case "${1:-}" in
  -h | --help) usage; exit 0 ;;
esac
[[ $# -le 1 ]] || { usage >&2; exit 2; }

ACTION=rollback
# shellcheck source=scripts/deploy-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/deploy-lib.sh"

[[ -f "$DEPLOY_DIR/docker-compose.yml" ]] || die "no docker-compose.yml in $DEPLOY_DIR"
[[ -f "$ENV_FILE" ]] || die "env file $ENV_FILE not found"
load_env_for_smoke
acquire_lock

from_tag="$(current_tag)"
target="${1:-}"
if [[ -z "$target" ]]; then
  [[ -f "$DEPLOY_STATE_DIR/previous" ]] || die "no previous tag recorded in $DEPLOY_STATE_DIR/previous; pass the tag: scripts/rollback.sh <tag>"
  target="$(head -n 1 "$DEPLOY_STATE_DIR/previous")"
fi
valid_tag "$target" || die "invalid image tag '$target'"
[[ "$target" != "$from_tag" ]] || log "note: $target is already the current tag"

log "rolling back from ${from_tag:-unknown} to $target"
record rollback "$target" started
compose "$target" pull "${APP_SERVICES_LIST[@]}" || log "pull failed; trying the local image"
if rollout "$target" && run_smoke; then
  set_env_tag "$target"
  if [[ "$from_tag" != "$target" ]]; then set_state "$target" "$from_tag"; else set_state "$target" ""; fi
  record rollback "$target" ok
  log "now running $target"
  exit 0
fi
record rollback "$target" failed
die "$target is not healthy either; look at: docker compose ps; docker compose logs --tail=200 app-web app-worker"
