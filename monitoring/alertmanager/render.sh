#!/bin/sh
# Prints alertmanager.yml (next to this script) with each ${NAME} placeholder replaced by the value
# of that environment variable. POSIX sh + awk: runs in the busybox-based Alertmanager image.
# ALERT_WEBHOOK_URL is required; ALERT_WEBHOOK_WARNING_URL defaults to it. Values are inserted
# literally (no sed/regex escaping problems with & | / in URLs); a placeholder whose variable is
# unset is an error, so a typo never becomes an empty URL.
#   ALERT_WEBHOOK_URL=https://… sh monitoring/alertmanager/render.sh > /tmp/alertmanager.yml
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${ALERT_WEBHOOK_URL:-}" ]; then
  echo "render.sh: ALERT_WEBHOOK_URL is not set (the webhook that receives alerts; .env.example)" >&2
  exit 1
fi
ALERT_WEBHOOK_WARNING_URL=${ALERT_WEBHOOK_WARNING_URL:-$ALERT_WEBHOOK_URL}
export ALERT_WEBHOOK_URL ALERT_WEBHOOK_WARNING_URL
awk '
  /^[[:space:]]*#/ { print; next }
  {
    line = $0; out = ""
    while ((start = index(line, "${")) > 0) {
      rest = substr(line, start + 2)
      end = index(rest, "}")
      if (end == 0) break
      name = substr(rest, 1, end - 1)
      if (!(name in ENVIRON)) { printf "render.sh: %s is not set\n", name > "/dev/stderr"; failed = 1 }
      out = out substr(line, 1, start - 1) ENVIRON[name]
      line = substr(rest, end + 1)
    }
    print out line
  }
  END { exit failed }
' "$here/alertmanager.yml"
