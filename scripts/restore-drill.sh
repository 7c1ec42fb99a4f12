#!/usr/bin/env bash
# Restore drill: restore the newest backup into a scratch database, check it, drop it.
set -euo pipefail

usage() {
  cat <<'EOF2'
usage: scripts/restore-drill.sh [-h] [file.dump]

Proves the backups can be restored, without touching the live database:
  1. takes <file.dump>, or the newest $BACKUP_DIR/<prefix>-*.dump (scripts/backup.sh);
  2. creates a scratch database <prefix>_drill_<pid> on the server of $DATABASE_URL;
  3. pg_restore --exit-on-error --single-transaction --no-owner into it;
  4. checks: every table listed in the archive exists and can be counted; the migrations table
     (knex_migrations) is not empty when the archive has one; prints the row counts;
  5. checks the newest <prefix>-redis-*.rdb with redis-check-rdb (when both exist);
  6. drops the scratch database (also on failure).
With $BACKUP_PUSHGATEWAY_URL pushes restore_drill_last_run_success and, on success,
restore_drill_last_success_timestamp_seconds (job "restore_drill"; alert RestoreDrillStale).
Exit 0 only when every check passed.

Environment: DATABASE_URL (a role allowed to CREATE DATABASE), BACKUP_DIR (default ./backups),
BACKUP_PREFIX (default ubermench), BACKUP_PUSHGATEWAY_URL, BACKUP_INSTANCE (default backup).
EOF2
}

log() { printf 'restore-drill: %s\n' "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

file=""
case "${1:-}" in
  -h | --help) usage; exit 0 ;;
  -*) usage >&2; exit 2 ;;
  "") ;;
  *) file="$1" ;;
esac
[[ $# -le 1 ]] || { usage >&2; exit 2; }

: "${DATABASE_URL:?DATABASE_URL is not set (see scripts/restore-drill.sh --help)}"
backup_dir="${BACKUP_DIR:-./backups}"
prefix="${BACKUP_PREFIX:-ubermench}"
pushgateway="${BACKUP_PUSHGATEWAY_URL:-}"
instance="${BACKUP_INSTANCE:-backup}"
[[ "$prefix" =~ ^[A-Za-z0-9_.-]+$ ]] || die "BACKUP_PREFIX may contain only letters, digits, _ . -"
for bin in pg_restore psql; do
  command -v "$bin" >/dev/null 2>&1 || die "$bin not found (apt-get install postgresql-client)"
done

scratch="$(printf '%s_drill_%s' "$prefix" "$$" | tr -c 'A-Za-z0-9_\n' '_')"
# The same server, database name replaced (query string kept).
scratch_url="$(printf '%s' "$DATABASE_URL" | sed -E "s#^(postgres(ql)?://[^/]*)/[^?]*#\\1/$scratch#")"
created=0

push() {
  [[ -n "$pushgateway" ]] || return 0
  printf '%s\n' "$@" | curl -fsS --max-time 10 --data-binary @- \
    "${pushgateway%/}/metrics/job/restore_drill/instance/$instance" >/dev/null ||
    log "warning: could not push metrics to $pushgateway"
}
on_exit() {
  local code=$?
  if ((created)); then
    psql --no-password --dbname="$DATABASE_URL" -XqAt -c "drop database if exists \"$scratch\" with (force)" >/dev/null 2>&1 ||
      log "warning: could not drop the scratch database $scratch"
  fi
  if [[ $code -eq 0 ]]; then
    push "restore_drill_last_run_success 1" "restore_drill_last_success_timestamp_seconds $(date +%s)"
  else
    push "restore_drill_last_run_success 0"
  fi
}
trap on_exit EXIT

if [[ -z "$file" ]]; then
  file="$(find "$backup_dir" -maxdepth 1 -type f -name "$prefix-*.dump" ! -name "$prefix-redis-*" -printf '%T@ %p\n' 2>/dev/null | sort -rn | head -n 1 | cut -d' ' -f2-)"
  [[ -n "$file" ]] || die "no $prefix-*.dump in $backup_dir"
fi
[[ -r "$file" ]] || die "cannot read $file"
pg_restore --list "$file" >/dev/null 2>&1 || die "$file is not a pg_dump custom-format archive"
log "drilling $file"

# Tables in the archive: "<id>; <oid> <oid> TABLE <schema> <name> <owner>"
mapfile -t tables < <(pg_restore --list "$file" | awk '$4 == "TABLE" && $5 != "DATA" { print $5 "." $6 }' | sort -u)
((${#tables[@]} > 0)) || die "the archive has no tables"

psql --no-password --dbname="$DATABASE_URL" -XqAt -v ON_ERROR_STOP=1 -c "create database \"$scratch\"" >/dev/null ||
  die "cannot create the scratch database $scratch"
created=1
pg_restore --exit-on-error --single-transaction --no-owner --no-password --dbname="$scratch_url" "$file" ||
  die "pg_restore into $scratch failed"

total=0
for t in "${tables[@]}"; do
  schema="${t%%.*}"
  name="${t#*.}"
  n="$(psql --no-password --dbname="$scratch_url" -XqAt -v ON_ERROR_STOP=1 -c "select count(*) from \"$schema\".\"$name\"")" ||
    die "table $t is in the archive but cannot be read after the restore"
  total=$((total + n))
  if [[ "$name" == knex_migrations && "$n" -eq 0 ]]; then
    die "$t is empty: this is not a database the app has migrated"
  fi
done
log "restored ${#tables[@]} tables, $total rows"

rdb="$(find "$backup_dir" -maxdepth 1 -type f -name "$prefix-redis-*.rdb" -printf '%T@ %p\n' 2>/dev/null | sort -rn | head -n 1 | cut -d' ' -f2-)"
if [[ -n "$rdb" ]] && command -v redis-check-rdb >/dev/null 2>&1; then
  redis-check-rdb "$rdb" >/dev/null 2>&1 || die "redis-check-rdb rejects $rdb"
  log "Redis snapshot $(basename "$rdb") is readable"
fi
log "ok"
