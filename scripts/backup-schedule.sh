#!/usr/bin/env bash
# Runs scripts/backup.sh every BACKUP_INTERVAL_HOURS and scripts/restore-drill.sh every
# RESTORE_DRILL_INTERVAL_DAYS: the command of the compose service `backup`.
set -euo pipefail

usage() {
  cat <<'EOF2'
usage: scripts/backup-schedule.sh [-h]

Forever (or BACKUP_MAX_RUNS times): run scripts/backup.sh (Postgres dump, Redis snapshot,
off-host copy, retention, metrics to the Pushgateway), then, when the last successful restore
drill is older than RESTORE_DRILL_INTERVAL_DAYS, scripts/restore-drill.sh on the newest backup;
then sleep until the next interval. The first backup runs at start. A failed backup or drill is
logged and reported (alerts BackupFailed, BackupStale, RestoreDrillStale); the schedule goes on.
SIGTERM stops it between runs.

Environment (plus everything scripts/backup.sh and scripts/restore-drill.sh read):
  BACKUP_INTERVAL_HOURS        default 24 (whole hours)
  BACKUP_INTERVAL_SECONDS      overrides BACKUP_INTERVAL_HOURS (tests)
  RESTORE_DRILL_INTERVAL_DAYS  default 7; 0 = never drill
  BACKUP_MAX_RUNS              default 0 = forever
EOF2
}

case "${1:-}" in
  -h | --help) usage; exit 0 ;;
  "") ;;
  *) usage >&2; exit 2 ;;
esac

log() { printf '%s backup-schedule: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
hours="${BACKUP_INTERVAL_HOURS:-24}"
drill_days="${RESTORE_DRILL_INTERVAL_DAYS:-7}"
max_runs="${BACKUP_MAX_RUNS:-0}"
[[ "$hours" =~ ^[1-9][0-9]*$ ]] || die "BACKUP_INTERVAL_HOURS must be a whole number of hours >= 1 (got '$hours')"
interval="${BACKUP_INTERVAL_SECONDS:-$((hours * 3600))}"
[[ "$interval" =~ ^[1-9][0-9]*$ ]] || die "BACKUP_INTERVAL_SECONDS must be a whole number >= 1 (got '$interval')"
[[ "$drill_days" =~ ^[0-9]+$ ]] || die "RESTORE_DRILL_INTERVAL_DAYS must be a whole number (got '$drill_days')"
[[ "$max_runs" =~ ^[0-9]+$ ]] || die "BACKUP_MAX_RUNS must be a whole number (got '$max_runs')"
export BACKUP_SCHEDULE_SECONDS="$interval"
backup_dir="${BACKUP_DIR:-./backups}"
mkdir -p "$backup_dir"
drill_stamp="$backup_dir/.last-restore-drill"

stop=0
trap 'stop=1; log "stopping"; [[ -n "${sleeper:-}" ]] && kill "$sleeper" 2>/dev/null || true' TERM INT

runs=0
log "every ${interval}s; restore drill every ${drill_days} day(s); backups in $backup_dir"
while ((stop == 0)); do
  runs=$((runs + 1))
  if "$here/backup.sh" >/dev/null; then
    log "backup $runs ok"
    if ((drill_days > 0)) && [[ -z "$(find "$drill_stamp" -mmin "-$((drill_days * 24 * 60))" 2>/dev/null)" ]]; then
      if "$here/restore-drill.sh"; then
        touch "$drill_stamp"
        log "restore drill ok"
      else
        log "restore drill FAILED (alert RestoreDrillStale)"
      fi
    fi
  else
    log "backup $runs FAILED (alert BackupFailed); next try in ${interval}s"
  fi
  if ((max_runs > 0 && runs >= max_runs)); then break; fi
  ((stop == 0)) || break
  sleep "$interval" &
  sleeper=$!
  wait "$sleeper" || true
  sleeper=""
done
log "done after $runs run(s)"
