#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into $DATABASE_URL (pg_restore --clean --if-exists).
set -euo pipefail

usage() {
  cat <<'EOF'
usage: scripts/restore.sh [--yes] <file.dump>

Restores a pg_dump custom-format file into the database at $DATABASE_URL:
  pg_restore --clean --if-exists --no-owner --exit-on-error --single-transaction
Objects in the dump are dropped and recreated; objects created after the backup that are not in
the dump are left alone. The whole restore is one transaction: on any error nothing changes.

This OVERWRITES data. Without --yes it asks you to type the database name (interactive terminal
only; without a terminal it refuses). Stop the app first (docker compose stop app-web app-worker)
so nothing writes during the restore.

Environment:
  DATABASE_URL   required, postgres://user:pass@host:port/db (the target)
EOF
}

log() { printf 'restore: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

yes=0
file=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    -y | --yes) yes=1 ;;
    -*) usage >&2; exit 2 ;;
    *)
      [[ -z "$file" ]] || { usage >&2; exit 2; }
      file="$1"
      ;;
  esac
  shift
done

[[ -n "$file" ]] || { usage >&2; exit 2; }
: "${DATABASE_URL:?DATABASE_URL is not set (see scripts/restore.sh --help)}"
[[ -f "$file" && -r "$file" ]] || die "cannot read $file"
for bin in pg_restore psql; do
  command -v "$bin" >/dev/null 2>&1 || die "$bin not found (apt-get install postgresql-client)"
done
pg_restore --list "$file" >/dev/null 2>&1 || die "$file is not a pg_dump custom-format archive"

safe_url="$(printf '%s' "$DATABASE_URL" | sed -E 's#//([^:/@]+):[^@]*@#//\1:***@#')"
dbname="$(psql --no-password --dbname="$DATABASE_URL" -XAtc 'select current_database()')" ||
  die "cannot connect to $safe_url"

if [[ "$yes" -ne 1 ]]; then
  if [[ ! -t 0 ]]; then
    die "refusing to overwrite database '$dbname' without confirmation: pass --yes (no terminal to ask on)"
  fi
  log "this will OVERWRITE database '$dbname' at $safe_url with $file"
  read -r -p "type the database name to continue: " answer
  [[ "$answer" == "$dbname" ]] || die "confirmation did not match; nothing was changed"
fi

log "restoring $file into '$dbname' ($safe_url)"
pg_restore --clean --if-exists --no-owner --exit-on-error --single-transaction --no-password \
  --dbname="$DATABASE_URL" "$file"
log "done"
