#!/usr/bin/env bash
# Postgres backup: pg_dump in custom format (-Fc) of $DATABASE_URL into $BACKUP_DIR, then
# delete this script's backups older than $BACKUP_RETENTION_DAYS. Prints the new file's path.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: scripts/backup.sh [-h]

Dumps the database at $DATABASE_URL (pg_dump -Fc) to
  $BACKUP_DIR/<prefix>-<YYYYmmddTHHMMSSZ>.dump   (UTC; -<pid> appended if that name exists)
checks that pg_restore can read it, deletes <prefix>-*.dump files in $BACKUP_DIR older than
$BACKUP_RETENTION_DAYS days (other files are never touched), and prints the new file's path
on stdout (progress goes to stderr).

Environment:
  DATABASE_URL           required, postgres://user:pass@host:port/db
  BACKUP_DIR             default ./backups (created if missing)
  BACKUP_RETENTION_DAYS  default 14; 0 keeps every backup
  BACKUP_PREFIX          default ubermench

Restore with: scripts/restore.sh <file>
Requires pg_dump / pg_restore (Debian: postgresql-client) of the server's major version or newer.
EOF
}

log() { printf 'backup: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

case "${1:-}" in
  -h | --help) usage; exit 0 ;;
  "") ;;
  *) usage >&2; exit 2 ;;
esac

: "${DATABASE_URL:?DATABASE_URL is not set (see scripts/backup.sh --help)}"
backup_dir="${BACKUP_DIR:-./backups}"
retention_days="${BACKUP_RETENTION_DAYS:-14}"
prefix="${BACKUP_PREFIX:-ubermench}"

[[ "$retention_days" =~ ^[0-9]+$ ]] || die "BACKUP_RETENTION_DAYS must be a whole number of days (got '$retention_days')"
[[ "$prefix" =~ ^[A-Za-z0-9_.-]+$ ]] || die "BACKUP_PREFIX may contain only letters, digits, _ . - (got '$prefix')"
for bin in pg_dump pg_restore; do
  command -v "$bin" >/dev/null 2>&1 || die "$bin not found (apt-get install postgresql-client)"
done

mkdir -p "$backup_dir"
umask 077 # dumps contain personal data
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
file="$backup_dir/$prefix-$stamp.dump"
partial="$backup_dir/.$prefix-$stamp-$$.partial"
trap 'rm -f "$partial"' EXIT

log "dumping $(printf '%s' "$DATABASE_URL" | sed -E 's#//([^:/@]+):[^@]*@#//\1:***@#') to $file"
pg_dump --format=custom --compress=6 --no-password --dbname="$DATABASE_URL" --file="$partial"
pg_restore --list "$partial" >/dev/null || die "pg_restore cannot read the dump just written"
# ln fails if the name exists (atomic, unlike a test then mv): two backups in the same second
# (a cron job and a manual run) never overwrite each other; the second one gets -<pid>.
if ! ln "$partial" "$file" 2>/dev/null; then
  file="$backup_dir/$prefix-$stamp-$$.dump"
  ln "$partial" "$file" || die "cannot create $file"
fi
rm -f "$partial"
trap - EXIT
log "done: $(du -h "$file" | cut -f1)"

if [[ "$retention_days" -gt 0 ]]; then
  # -mmin, not -mtime: -mtime +N rounds down to whole days and keeps files up to a day too long.
  while IFS= read -r -d '' old; do
    log "retention: deleting $old (older than $retention_days days)"
    rm -f -- "$old"
  done < <(find "$backup_dir" -maxdepth 1 -type f -name "$prefix-*.dump" -mmin "+$((retention_days * 24 * 60))" -print0)
fi

printf '%s\n' "$file"
