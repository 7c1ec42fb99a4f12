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
#   DEPLOY_HEALTH_TIMEOUT (seconds, default 120), APP_SERVICES (default "app-web app-worker"),
#   DEPLOY_LOCK_WAIT (seconds to wait for another deploy's lock, default 0 = fail at once).

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

# Deploy lock: one deploy or rollback at a time on this host (flock on $DEPLOY_STATE_DIR/lock,
# released when the process exits, even when it is killed). A second one fails at once, or waits
# up to DEPLOY_LOCK_WAIT seconds.
acquire_lock() {
  mkdir -p "$DEPLOY_STATE_DIR"
  command -v flock >/dev/null 2>&1 || die "flock not found (Debian: util-linux)"
  exec 9>>"$DEPLOY_STATE_DIR/lock"
  if ! flock -w "${DEPLOY_LOCK_WAIT:-0}" 9; then
    die "another deploy or rollback is running ($(cat "$DEPLOY_STATE_DIR/lock.owner" 2>/dev/null || echo 'owner unknown')); nothing was changed"
  fi
  printf '%s %s pid %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "${ACTION:-deploy}" "$$" >"$DEPLOY_STATE_DIR/lock.owner"
}

# Ids of the running containers of a service, sorted.
container_ids() { compose "$1" ps -q "$2" 2>/dev/null | grep . | sort || true; }

# health ID: healthy | running (no healthcheck) | starting | unhealthy | exited | dead | missing
health() {
  "$DOCKER" inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$1" 2>/dev/null || echo missing
}

# ready ID: /health/ready answers 200 inside the container (Postgres, Redis, queue reachable).
# Not reachable from outside any more: the proxy hides it, app containers publish no port.
ready() {
  "$DOCKER" exec "$1" node -e "require('http').get({host:'127.0.0.1',port:process.env.INTERNAL_PORT||process.env.PORT||3000,path:'/health/ready',timeout:4000},r=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1)).on('timeout',()=>process.exit(1))" >/dev/null 2>&1
}

# wait_ready IDS...: every container healthy (or running, without a healthcheck) and ready within
# DEPLOY_HEALTH_TIMEOUT.
wait_ready() {
  local deadline=$((SECONDS + DEPLOY_HEALTH_TIMEOUT)) id state pending
  (($# > 0)) || { log "no new container was started"; return 1; }
  while :; do
    pending=0
    for id in "$@"; do
      state="$(health "$id")"
      case "$state" in
        healthy | running) ready "$id" || pending=1 ;;
        unhealthy | exited | dead | missing)
          log "container ${id:0:12} is $state"
          return 1
          ;;
        *) pending=1 ;;
      esac
    done
    ((pending == 0)) && return 0
    ((SECONDS < deadline)) || { log "not healthy and ready after ${DEPLOY_HEALTH_TIMEOUT}s"; return 1; }
    sleep 2
  done
}

# on_tag TAG IDS...: every container runs UBERMENCH_IMAGE:TAG (nothing to replace).
on_tag() {
  local tag="$1" id image
  shift
  (($# > 0)) || return 1
  for id in "$@"; do
    image="$("$DOCKER" inspect --format '{{.Config.Image}}' "$id" 2>/dev/null || true)"
    [[ "$image" == *":$tag" ]] || return 1
  done
}

# stop_containers IDS...: SIGTERM (the app finishes in-flight work within SHUTDOWN_TIMEOUT_MS;
# compose's stop_grace_period is 30 s), then remove.
stop_containers() {
  (($# > 0)) || return 0
  "$DOCKER" stop --time 30 "$@" >/dev/null
  "$DOCKER" rm "$@" >/dev/null
}

# rollout TAG: replace the app services with TAG without a gap. For each service: start as many
# containers on TAG as run now (at least one) next to the old ones, wait until every new one is
# healthy and ready, then stop the old ones. The proxy resolves app-web every few seconds and
# skips an address that refuses connections, so requests always find a running web process.
# When a new container fails, the new ones are removed and the old ones keep running: return 1.
rollout() {
  local tag="$1" svc n old_ids new_ids
  for svc in "${APP_SERVICES_LIST[@]}"; do
    mapfile -t old_ids < <(container_ids "$tag" "$svc")
    if on_tag "$tag" "${old_ids[@]}"; then
      log "$svc: already running $tag"
      continue
    fi
    n=${#old_ids[@]}
    ((n > 0)) || n=1
    log "$svc: starting $n container(s) on $tag next to ${#old_ids[@]} running"
    if ! compose "$tag" up -d --no-deps --no-recreate --scale "$svc=$((${#old_ids[@]} + n))" "$svc"; then
      log "$svc: could not start containers on $tag"
      return 1
    fi
    mapfile -t new_ids < <(comm -13 <(printf '%s\n' "${old_ids[@]}" | grep . || true) <(container_ids "$tag" "$svc"))
    if ! wait_ready "${new_ids[@]}"; then
      log "$svc: $tag is not healthy; removing the new container(s), the old ones keep running"
      stop_containers "${new_ids[@]}" || true
      return 1
    fi
    log "$svc: ${#new_ids[@]} container(s) on $tag ready; stopping the ${#old_ids[@]} old one(s)"
    stop_containers "${old_ids[@]}"
  done
  log "all app services run $tag"
}

run_smoke() {
  log "smoke test: $SMOKE"
  "$SMOKE"
}

# Load the env file's variables for smoke.sh (BASE_URL, WHATSAPP_VERIFY_TOKEN, ...), without
# overriding what the caller already exported. Without BASE_URL the smoke test goes through the
# proxy (https://PUBLIC_HOSTNAME, where /health/ready and /metrics must not be served).
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
      BASE_URL | FAKE_URL | WHATSAPP_VERIFY_TOKEN | WHATSAPP_APP_SECRET | WHATSAPP_PHONE_NUMBER_ID | PUBLIC_HOSTNAME | SMOKE_VIA_PROXY | INTERNAL_URL | METRICS_TOKEN)
        [[ -n "${!key:-}" ]] || export "$key=$value"
        ;;
    esac
  done <"$ENV_FILE"
  export BASE_URL="${BASE_URL:-https://${PUBLIC_HOSTNAME:-localhost}}"
  export SMOKE_VIA_PROXY="${SMOKE_VIA_PROXY:-1}"
}
