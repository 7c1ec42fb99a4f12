#!/usr/bin/env bash
# Deploy an image tag with docker compose; roll back automatically if it is not healthy.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: scripts/deploy.sh <image-tag>

  0. takes the deploy lock (.deploy/lock): a second deploy or rollback fails at once
  1. records the tag running now (the rollback target)
  2. docker compose pull migrate app-web app-worker      (UBERMENCH_TAG=<image-tag>)
  3. docker compose run --rm migrate                     (migrations of the new version)
  4. per app service, without a gap: starts as many containers on the new tag as run now, next
     to the old ones; when each new one is healthy and answers /health/ready, stops the old ones
  5. runs scripts/smoke.sh (through the proxy: BASE_URL=https://PUBLIC_HOSTNAME)
  6. success: writes UBERMENCH_TAG=<image-tag> into .env (so later `docker compose up` keeps it)
     and asks Prometheus to reload its rules
     failure in 4-5: the same gapless switch back to the previous tag, checked; exits 1
Nothing is switched when the pull or the migration fails. Migrations are never rolled back:
they must be backward compatible with the previous version (expand first, contract later).

Run from the deployment checkout (the directory with docker-compose.yml and .env).
Environment: see the header of scripts/deploy-lib.sh (COMPOSE, ENV_FILE, DEPLOY_HEALTH_TIMEOUT...).
EOF
}

case "${1:-}" in
  -h | --help) usage; exit 0 ;;
  "") usage >&2; exit 2 ;;
esac
[[ $# -eq 1 ]] || { usage >&2; exit 2; }

ACTION=deploy
# shellcheck source=scripts/deploy-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/deploy-lib.sh"

new_tag="$1"
valid_tag "$new_tag" || die "invalid image tag '$new_tag'"
[[ -f "$DEPLOY_DIR/docker-compose.yml" ]] || die "no docker-compose.yml in $DEPLOY_DIR"
[[ -f "$ENV_FILE" ]] || die "env file $ENV_FILE not found (cp .env.example .env)"
load_env_for_smoke
acquire_lock

old_tag="$(current_tag)"
log "deploying $new_tag (running now: ${old_tag:-unknown})"
record deploy "$new_tag" started

log "pulling images"
compose "$new_tag" pull migrate "${APP_SERVICES_LIST[@]}" || {
  record deploy "$new_tag" "failed: pull"
  die "pull failed; nothing changed"
}

log "running migrations"
compose "$new_tag" run --rm migrate || {
  record deploy "$new_tag" "failed: migrate"
  die "migrations failed; the app still runs ${old_tag:-the previous version}"
}

if rollout "$new_tag" && run_smoke; then
  set_env_tag "$new_tag"
  if [[ "$old_tag" != "$new_tag" ]]; then set_state "$new_tag" "$old_tag"; else set_state "$new_tag" ""; fi
  record deploy "$new_tag" ok
  log "deployed $new_tag"
  # Alert rules may have changed with this version (monitoring/ is deployed with the scripts).
  compose "$new_tag" exec -T prometheus wget -q -O /dev/null --post-data= http://127.0.0.1:9090/-/reload ||
    log "warning: could not reload Prometheus rules (is the prometheus service running?)"
  exit 0
fi

record deploy "$new_tag" "failed: health/smoke"
if [[ -z "$old_tag" || "$old_tag" == "$new_tag" ]]; then
  die "$new_tag is unhealthy and there is no previous tag to roll back to"
fi

ACTION=rollback
log "$new_tag failed its checks: rolling back to $old_tag"
if rollout "$old_tag" && run_smoke; then
  set_env_tag "$old_tag"
  record rollback "$old_tag" ok
  log "rolled back to $old_tag; $new_tag was NOT deployed"
else
  record rollback "$old_tag" failed
  log "rollback to $old_tag is unhealthy too: see runbook.md#roll-back-a-deploy"
fi
exit 1
