#!/bin/sh
# Entrypoint of the compose service `alertmanager`: render the config, then run Alertmanager.
set -eu
sh /etc/alertmanager/render.sh >/tmp/alertmanager.yml
exec /bin/alertmanager \
  --config.file=/tmp/alertmanager.yml \
  --storage.path=/alertmanager \
  --web.listen-address=:9093 \
  ${ALERTMANAGER_EXTERNAL_URL:+--web.external-url="$ALERTMANAGER_EXTERNAL_URL"} \
  "$@"
