#!/usr/bin/env bash
# Backup: Postgres (pg_dump -Fc of $DATABASE_URL) and, when $REDIS_URL is set, a Redis RDB snapshot,
# into $BACKUP_DIR; optional off-host copy (rclone) and result pushed to a Pushgateway; retention.
# Prints the new files' paths. Run on a schedule by scripts/backup-schedule.sh (compose `backup`).
set -euo pipefail

usage() {
  cat <<'EOF'
usage: scripts/backup.sh [-h]

Dumps the database at $DATABASE_URL (pg_dump -Fc) to
  $BACKUP_DIR/<prefix>-<YYYYmmddTHHMMSSZ>.dump   (UTC; -<pid> appended if that name exists)
checks that pg_restore can read it; with $REDIS_URL, also a snapshot of Redis (redis-cli --rdb,
i.e. what a replica would receive) to
  $BACKUP_DIR/<prefix>-redis-<YYYYmmddTHHMMSSZ>.rdb   (checked with redis-check-rdb when installed)
With $BACKUP_OFFSITE (an rclone remote path, e.g. offsite:my-bucket/ubermench) each new file is
copied there (S3-compatible storage: see RCLONE_CONFIG_OFFSITE_* in .env.example) and off-site
files older than $BACKUP_OFFSITE_RETENTION_DAYS are deleted. Deletes <prefix>-*.dump and
<prefix>-redis-*.rdb files in $BACKUP_DIR older than $BACKUP_RETENTION_DAYS days (other files
are never touched). Prints the new files' paths on stdout, the dump first (progress: stderr).
With $BACKUP_PUSHGATEWAY_URL the outcome is pushed there (job "backup": backup_last_run_success,
backup_last_success_timestamp_seconds, backup_size_bytes per target, backup_schedule_seconds),
on failure too; the alerts BackupStale and BackupFailed are built on it.

Environment:
  DATABASE_URL                   required, postgres://user:pass@host:port/db
  REDIS_URL                      optional, redis://host:port/db (snapshot of the whole server)
  BACKUP_DIR                     default ./backups (created if missing)
  BACKUP_RETENTION_DAYS          default 14; 0 keeps every backup
  BACKUP_PREFIX                  default ubermench
  BACKUP_OFFSITE                 optional rclone destination (remote:path)
  BACKUP_OFFSITE_RETENTION_DAYS  default 30; 0 keeps every off-site copy
  BACKUP_PUSHGATEWAY_URL         optional, e.g. http://pushgateway:9091
  BACKUP_SCHEDULE_SECONDS        interval pushed as backup_schedule_seconds (default 86400)
  BACKUP_INSTANCE                instance label of the pushed metrics (default backup)

Restore with: scripts/restore.sh <file>; check restores with scripts/restore-drill.sh.
Requires pg_dump / pg_restore (Debian: postgresql-client) of the server's major version or newer;
redis-cli (redis-tools) with REDIS_URL; rclone with BACKUP_OFFSITE; curl with the Pushgateway.
EOF
}

log() { printf 'backup: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

case "${1:-}" in
  -h | --help) usage; exit 0 ;;
  "") ;;
  *) usage >&2; exit 2 ;;
esac

pushgateway="${BACKUP_PUSHGATEWAY_URL:-}"
schedule_seconds="${BACKUP_SCHEDULE_SECONDS:-86400}"
instance="${BACKUP_INSTANCE:-backup}"
target=postgres # what is being backed up now (for the failure metric)

# push METRIC-LINES...: add/replace these series in the Pushgateway group job=backup (POST keeps
# the others, e.g. the last success time of a target that did not run now).
push() {
  [[ -n "$pushgateway" ]] || return 0
  printf '%s\n' "$@" | curl -fsS --max-time 10 --data-binary @- \
    "${pushgateway%/}/metrics/job/backup/instance/$instance" >/dev/null ||
    log "warning: could not push metrics to $pushgateway"
}
on_exit() {
  local code=$?
  rm -f "${partial:-}"
  if [[ $code -ne 0 ]]; then
    push "backup_last_run_timestamp_seconds{target=\"$target\"} $(date +%s)" \
      "backup_last_run_success{target=\"$target\"} 0"
  fi
}
trap on_exit EXIT

: "${DATABASE_URL:?DATABASE_URL is not set (see scripts/backup.sh --help)}"
backup_dir="${BACKUP_DIR:-./backups}"
retention_days="${BACKUP_RETENTION_DAYS:-14}"
offsite="${BACKUP_OFFSITE:-}"
offsite_retention_days="${BACKUP_OFFSITE_RETENTION_DAYS:-30}"
prefix="${BACKUP_PREFIX:-ubermench}"

[[ "$retention_days" =~ ^[0-9]+$ ]] || die "BACKUP_RETENTION_DAYS must be a whole number of days (got '$retention_days')"
[[ "$offsite_retention_days" =~ ^[0-9]+$ ]] || die "BACKUP_OFFSITE_RETENTION_DAYS must be a whole number of days (got '$offsite_retention_days')"
[[ "$schedule_seconds" =~ ^[0-9]+$ ]] || die "BACKUP_SCHEDULE_SECONDS must be a whole number (got '$schedule_seconds')"
[[ "$prefix" =~ ^[A-Za-z0-9_.-]+$ ]] || die "BACKUP_PREFIX may contain only letters, digits, _ . - (got '$prefix')"
[[ "$instance" =~ ^[A-Za-z0-9_.-]+$ ]] || die "BACKUP_INSTANCE may contain only letters, digits, _ . - (got '$instance')"
for bin in pg_dump pg_restore; do
  command -v "$bin" >/dev/null 2>&1 || die "$bin not found (apt-get install postgresql-client)"
done
if [[ -n "${REDIS_URL:-}" ]]; then
  command -v redis-cli >/dev/null 2>&1 || die "redis-cli not found (apt-get install redis-tools)"
fi
if [[ -n "$offsite" ]]; then
  command -v rclone >/dev/null 2>&1 || die "rclone not found (apt-get install rclone), needed for BACKUP_OFFSITE"
fi
if [[ -n "$pushgateway" ]]; then
  command -v curl >/dev/null 2>&1 || die "curl not found (apt-get install curl), needed for BACKUP_PUSHGATEWAY_URL"
fi

mkdir -p "$backup_dir"
umask 077 # dumps contain personal data
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
file="$backup_dir/$prefix-$stamp.dump"
partial="$backup_dir/.$prefix-$stamp-$$.partial"

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
log "done: $(du -h "$file" | cut -f1)"
created=("$file")
sizes=("backup_size_bytes{target=\"postgres\"} $(stat -c %s "$file")")
targets=(postgres)

if [[ -n "${REDIS_URL:-}" ]]; then
  target=redis
  rdb="$backup_dir/$prefix-redis-$stamp.rdb"
  [[ -e "$rdb" ]] && rdb="$backup_dir/$prefix-redis-$stamp-$$.rdb"
  partial="$backup_dir/.$prefix-redis-$stamp-$$.partial"
  log "snapshot of Redis $(printf '%s' "$REDIS_URL" | sed -E 's#//([^:/@]*):[^@]*@#//\1:***@#') to $rdb"
  redis-cli -u "$REDIS_URL" --no-auth-warning --rdb "$partial" >/dev/null 2>&1 ||
    die "redis-cli --rdb failed (is Redis reachable at REDIS_URL?)"
  [[ -s "$partial" ]] || die "the Redis snapshot is empty"
  if command -v redis-check-rdb >/dev/null 2>&1; then
    redis-check-rdb "$partial" >/dev/null 2>&1 || die "redis-check-rdb rejects the snapshot just written"
  fi
  mv "$partial" "$rdb"
  log "done: $(du -h "$rdb" | cut -f1)"
  created+=("$rdb")
  sizes+=("backup_size_bytes{target=\"redis\"} $(stat -c %s "$rdb")")
  targets+=(redis)
fi

if [[ -n "$offsite" ]]; then
  target=offsite
  for f in "${created[@]}"; do
    log "off-host copy: $(basename "$f") -> $offsite"
    rclone copyto --no-traverse "$f" "${offsite%/}/$(basename "$f")"
  done
  if [[ "$offsite_retention_days" -gt 0 ]]; then
    rclone delete --min-age "${offsite_retention_days}d" --include "$prefix-*.dump" --include "$prefix-redis-*.rdb" "$offsite"
  fi
fi

if [[ "$retention_days" -gt 0 ]]; then
  # -mmin, not -mtime: -mtime +N rounds down to whole days and keeps files up to a day too long.
  while IFS= read -r -d '' old; do
    log "retention: deleting $old (older than $retention_days days)"
    rm -f -- "$old"
  done < <(find "$backup_dir" -maxdepth 1 -type f \( -name "$prefix-*.dump" -o -name "$prefix-redis-*.rdb" \) -mmin "+$((retention_days * 24 * 60))" -print0)
fi

now="$(date +%s)"
metrics=("backup_schedule_seconds $schedule_seconds" "${sizes[@]}")
for t in "${targets[@]}"; do
  metrics+=("backup_last_run_timestamp_seconds{target=\"$t\"} $now"
    "backup_last_run_success{target=\"$t\"} 1"
    "backup_last_success_timestamp_seconds{target=\"$t\"} $now")
done
[[ -n "$offsite" ]] && metrics+=("backup_offsite_last_success_timestamp_seconds $now")
push "${metrics[@]}"

printf '%s\n' "${created[@]}"
