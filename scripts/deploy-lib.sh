#!/usr/bin/env bash
# Shared by scripts/deploy.sh and scripts/rollback.sh (sourced, not run).
#
# Deploys are image-tag based: UBERMENCH_TAG in the env file (.env) says which image
# (UBERMENCH_IMAGE:UBERMENCH_TAG) docker compose runs, so a plain `docker compose up -d` later
# keeps the deployed version. State lives in $DEPLOY_STATE_DIR:
#   current      tag running now
#   previous     tag that ran before it (rollback target)
#   history.log  one line per deploy/rollback: time, action, tag, result
#
# Overridable for tests and unusual hosts:
#   DEPLOY_DIR (repo checkout with docker-compose.yml; default: this script's ..),
#   ENV_FILE (default $DEPLOY_DIR/.env), DEPLOY_STATE_DIR (default $DEPLOY_DIR/.deploy),
#   COMPOSE (default "docker compose"), DOCKER (default docker), SMOKE (default scripts/smoke.sh),
#   DEPLOY_HEALTH_TIMEOUT (seconds, default 120), APP_SERVICES (default "app-web app-worker").

# Strict mode is already on in the callers; repeated so this file stands on its own.
set -euo pipefail

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  echo "deploy-lib.sh is sourced by deploy.sh and rollback.sh; run those instead" >&2
  exit 2
fi

DEPLOY_DIR="${DEPLOY_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
ENV_FILE="${ENV_FILE:-$DEPLOY_DIR/.env}"
DEPLOY_STATE_DIR="${DEPLOY_STATE_DIR:-$DEPLOY_DIR/.deploy}"
DEPLOY_HEALTH_TIMEOUT="${DEPLOY_HEALTH_TIMEOUT:-120}"
SMOKE="${SMOKE:-$DEPLOY_DIR/scripts/smoke.sh}"
DOCKER="${DOCKER:-docker}"
read -r -a COMPOSE_CMD <<<"${COMPOSE:-docker compose}"
read -r -a APP_SERVICES_LIST <<<"${APP_SERVICES:-app-web app-worker}"

log() { printf '%s %s: %s\n' "$(date -u +%H:%M:%S)" "${ACTION:-deploy}" "$*" >&2; }
die() { log "error: $*"; exit 1; }

valid_tag() { [[ "$1" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]]; }

# compose TAG args...: docker compose with UBERMENCH_TAG=TAG (the shell value wins over .env).
compose() {
  local tag="$1"
  shift
  (cd "$DEPLOY_DIR" && UBERMENCH_TAG="$tag" "${COMPOSE_CMD[@]}" "$@")
}

# Value of KEY in the env file (last assignment wins, like compose), empty if absent.
env_value() {
  local key="$1"
  [[ -f "$ENV_FILE" ]] || return 0
  sed -nE "s/^[[:space:]]*(export[[:space:]]+)?$key=[\"']?([^\"'#[:space:]]*).*$/\\2/p" "$ENV_FILE" | tail -n 1
}

# The tag running now: state file first, then the env file.
current_tag() {
  local tag=""
  [[ -f "$DEPLOY_STATE_DIR/current" ]] && tag="$(head -n 1 "$DEPLOY_STATE_DIR/current")"
  [[ -n "$tag" ]] || tag="$(env_value UBERMENCH_TAG)"
  printf '%s' "$tag"
}

# Write UBERMENCH_TAG=TAG into the env file, atomically, keeping every other line.
set_env_tag() {
  local tag="$1" tmp
  [[ -f "$ENV_FILE" ]] || die "env file $ENV_FILE not found"
  tmp="$(mktemp "$ENV_FILE.XXXXXX")"
  if grep -qE '^[[:space:]]*(export[[:space:]]+)?UBERMENCH_TAG=' "$ENV_FILE"; then
    sed -E "s/^[[:space:]]*(export[[:space:]]+)?UBERMENCH_TAG=.*/UBERMENCH_TAG=$tag/" "$ENV_FILE" >"$tmp"
  else
    cat "$ENV_FILE" >"$tmp"
    printf 'UBERMENCH_TAG=%s\n' "$tag" >>"$tmp"
  fi
  chmod --reference="$ENV_FILE" "$tmp" 2>/dev/null || chmod 600 "$tmp"
  mv "$tmp" "$ENV_FILE"
}

record() { # record ACTION TAG RESULT
  mkdir -p "$DEPLOY_STATE_DIR"
  printf '%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$1" "$2" "$3" >>"$DEPLOY_STATE_DIR/history.log"
}

set_state() { # set_state CURRENT PREVIOUS
  mkdir -p "$DEPLOY_STATE_DIR"
  printf '%s\n' "$1" >"$DEPLOY_STATE_DIR/current"
  [[ -n "$2" ]] && printf '%s\n' "$2" >"$DEPLOY_STATE_DIR/previous"
  return 0
}

# Number of running containers of a service (to keep `--scale` across a switch), at least 1.
replicas() {
  local n
  n="$(compose "$1" ps -q "$2" 2>/dev/null | grep -c . || true)"
  ((n > 0)) || n=1
  printf '%s' "$n"
}

# switch_to TAG: recreate the app services on TAG (no dependencies touched, scale kept).
switch_to() {
  local tag="$1" svc scale_args=()
  for svc in "${APP_SERVICES_LIST[@]}"; do
    scale_args+=(--scale "$svc=$(replicas "$tag" "$svc")")
  done
  log "switching ${APP_SERVICES_LIST[*]} to $tag (${scale_args[*]})"
  compose "$tag" up -d --no-deps "${scale_args[@]}" "${APP_SERVICES_LIST[@]}"
}

# wait_healthy TAG: every container of the app services reports healthy (or, without a
# healthcheck, running) within the timeout.
wait_healthy() {
  local tag="$1" deadline=$((SECONDS + DEPLOY_HEALTH_TIMEOUT)) ids id state pending
  while :; do
    pending=0
    ids="$(compose "$tag" ps -q "${APP_SERVICES_LIST[@]}" 2>/dev/null || true)"
    [[ -n "$ids" ]] || pending=1
    for id in $ids; do
      state="$("$DOCKER" inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$id" 2>/dev/null || echo missing)"
      case "$state" in
        healthy) ;;
        running) ;; # a container without a healthcheck: running is all it can say
        unhealthy | exited | dead | missing)
          log "container ${id:0:12} is $state"
          return 1
          ;;
        *) pending=1 ;;
      esac
    done
    ((pending == 0)) && { log "all app containers healthy"; return 0; }
    ((SECONDS < deadline)) || { log "not healthy after ${DEPLOY_HEALTH_TIMEOUT}s"; return 1; }
    sleep 2
  done
}

run_smoke() {
  log "smoke test: $SMOKE"
  "$SMOKE"
}

# Load the env file's variables for smoke.sh (BASE_URL, WHATSAPP_VERIFY_TOKEN, ...), without
# overriding what the caller already exported.
load_env_for_smoke() {
  local key value line
  [[ -f "$ENV_FILE" ]] || return 0
  while IFS= read -r line || [[ -n "$line" ]]; do
    [[ "$line" =~ ^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue
    key="${BASH_REMATCH[2]}"
    value="${BASH_REMATCH[3]}"
    value="${value%\"}"
    value="${value#\"}"
    value="${value%\'}"
    value="${value#\'}"
    case "$key" in
      BASE_URL | FAKE_URL | WHATSAPP_VERIFY_TOKEN | WHATSAPP_APP_SECRET | WHATSAPP_PHONE_NUMBER_ID | APP_WEB_PORT | INTERNAL_URL | METRICS_TOKEN)
        [[ -n "${!key:-}" ]] || export "$key=$value"
        ;;
    esac
  done <"$ENV_FILE"
  export BASE_URL="${BASE_URL:-http://127.0.0.1:${APP_WEB_PORT:-3000}}"
}
