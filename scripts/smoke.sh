#!/usr/bin/env bash
# Smoke test of a running deployment. Used by scripts/deploy.sh after switching versions.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: scripts/smoke.sh [-h]

Checks a running Ubermench at $BASE_URL, in under 30 seconds:
  1. GET  /health/live   -> 200
  2. GET  /health/ready  -> 200 (Postgres, Redis, queue reachable)   } at $INTERNAL_URL, with
  3. GET  /metrics       -> contains whatsapp_messages_received_total } Bearer $METRICS_TOKEN if set
  4. GET  /webhook?hub.mode=subscribe&hub.verify_token=$WHATSAPP_VERIFY_TOKEN&hub.challenge=<random>
                          -> 200 with the challenge echoed; a wrong token -> 403
  5. only when $FAKE_URL is set (the local Cloud API fake, never production): a signed inbound
     text from a random Mexican test number, then poll $FAKE_URL/__fake/received until the bot
     replied to that number. Signed here with openssl when $WHATSAPP_APP_SECRET is set (POST
     $BASE_URL/webhook), otherwise handed to the fake, which signs it (POST $FAKE_URL/__fake/inbound).
With SMOKE_VIA_PROXY=1 (BASE_URL is the compose stack's nginx proxy), steps 2 and 3 check the
opposite: the proxy must NOT serve /health/ready and /metrics from outside (404); scripts/deploy.sh
checks readiness inside each new container instead.
Exits non-zero on the first failure.

Environment:
  BASE_URL               default http://127.0.0.1:3000
  WHATSAPP_VERIFY_TOKEN  required (step 4)
  FAKE_URL               optional, e.g. http://127.0.0.1:4010 (step 5)
  WHATSAPP_APP_SECRET    optional (step 5: sign locally)
  WHATSAPP_PHONE_NUMBER_ID  optional, metadata of the test webhook (default 106540352242922)
  SMOKE_TIMEOUT          overall budget in seconds, default 30
  SMOKE_VIA_PROXY        1 = BASE_URL is the reverse proxy (see above)
  SMOKE_INSECURE         1 = accept a self-signed certificate (a local stack only, never production)
  INTERNAL_URL           where /health/ready and /metrics are served (the app's INTERNAL_PORT);
                         default $BASE_URL
  METRICS_TOKEN          optional, sent as Authorization: Bearer for steps 2-3 (the app's
                         METRICS_TOKEN: how they are served on the public port)
EOF
}

case "${1:-}" in
  -h | --help) usage; exit 0 ;;
  "") ;;
  *) usage >&2; exit 2 ;;
esac

base_url="${BASE_URL:-http://127.0.0.1:3000}"
base_url="${base_url%/}"
budget="${SMOKE_TIMEOUT:-30}"
: "${WHATSAPP_VERIFY_TOKEN:?WHATSAPP_VERIFY_TOKEN is not set (see scripts/smoke.sh --help)}"
command -v curl >/dev/null 2>&1 || { echo "smoke: curl not found" >&2; exit 1; }

deadline=$((SECONDS + budget))
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

pass() { printf 'smoke: ok   %s\n' "$*"; }
fail() { printf 'smoke: FAIL %s\n' "$*" >&2; exit 1; }

# http GET|POST url [curl args...]: body to $tmp/body, prints the status code (000 = no answer).
# Each request gets at most 5 s and never more than what is left of the overall budget.
http() {
  local method="$1" url="$2" left
  shift 2
  : >"$tmp/body"
  left=$((deadline - SECONDS))
  if ((left <= 0)); then
    echo "time budget of ${budget}s exhausted" >"$tmp/err"
    printf '000'
    return 0
  fi
  if ((left > 5)); then left=5; fi
  local insecure=()
  [[ "${SMOKE_INSECURE:-0}" == 1 ]] && insecure=(--insecure)
  curl -sS "${insecure[@]}" -o "$tmp/body" -w '%{http_code}' -X "$method" --connect-timeout 3 \
    --max-time "$left" "$@" "$url" 2>"$tmp/err" || true
}

expect_status() {
  local want="$1" got="$2" what="$3"
  [[ "$got" == "$want" ]] || fail "$what: HTTP $got, expected $want $(head -c 300 "$tmp/body" 2>/dev/null) $(cat "$tmp/err" 2>/dev/null)"
  pass "$what -> $got"
}

rand_digits() { # n random digits (not cryptographic; test data only)
  local out=""
  while ((${#out} < $1)); do out+="$RANDOM"; done
  printf '%s' "${out:0:$1}"
}

urlencode() {
  local LC_ALL=C s="$1" out="" c i # bytewise, so UTF-8 is encoded byte by byte
  for ((i = 0; i < ${#s}; i++)); do
    c="${s:i:1}"
    case "$c" in
      [a-zA-Z0-9.~_-]) out+="$c" ;;
      *) out+="$(printf '%%%02X' "'$c")" ;;
    esac
  done
  printf '%s' "$out"
}

# 1-3: health and metrics (readiness and metrics: internal port or bearer token, see --help)
internal_url="${INTERNAL_URL:-$base_url}"
internal_url="${internal_url%/}"
internal_auth=()
[[ -z "${METRICS_TOKEN:-}" ]] || internal_auth=(-H "Authorization: Bearer ${METRICS_TOKEN}")
expect_status 200 "$(http GET "$base_url/health/live")" "GET /health/live"
if [[ "${SMOKE_VIA_PROXY:-0}" == 1 ]]; then
  expect_status 404 "$(http GET "$base_url/health/ready")" "GET /health/ready is not served through the proxy"
  expect_status 404 "$(http GET "$base_url/metrics")" "GET /metrics is not served through the proxy"
fi
if [[ "${SMOKE_VIA_PROXY:-0}" != 1 || -n "${INTERNAL_URL:-}" ]]; then
  expect_status 200 "$(http GET "$internal_url/health/ready" "${internal_auth[@]}")" "GET /health/ready"
  expect_status 200 "$(http GET "$internal_url/metrics" "${internal_auth[@]}")" "GET /metrics"
  grep -q '^# TYPE whatsapp_messages_received_total ' "$tmp/body" || grep -q 'whatsapp_messages_received_total' "$tmp/body" ||
    fail "/metrics does not contain whatsapp_messages_received_total"
  pass "/metrics exports whatsapp_messages_received_total"
fi

# 4: Meta's verification handshake
challenge="smoke$(rand_digits 12)"
token="$(urlencode "$WHATSAPP_VERIFY_TOKEN")"
expect_status 200 "$(http GET "$base_url/webhook?hub.mode=subscribe&hub.verify_token=$token&hub.challenge=$challenge")" "GET /webhook handshake"
[[ "$(cat "$tmp/body")" == "$challenge" ]] || fail "GET /webhook did not echo the challenge (got '$(head -c 100 "$tmp/body")')"
pass "handshake echoes the challenge"
expect_status 403 "$(http GET "$base_url/webhook?hub.mode=subscribe&hub.verify_token=wrong-$challenge&hub.challenge=$challenge")" "GET /webhook with a wrong token"

# 5: a message round trip through the fake Cloud API
if [[ -n "${FAKE_URL:-}" ]]; then
  fake_url="${FAKE_URL%/}"
  # 521 + 10 digits: a Mexican mobile as WhatsApp reports it; the bot replies to 52 + 10 digits.
  local_digits="55$(rand_digits 8)"
  wa_id="521$local_digits"
  now="$(date +%s)"
  msg_id="wamid.SMOKE$(rand_digits 16)"
  phone_number_id="${WHATSAPP_PHONE_NUMBER_ID:-106540352242922}"
  body="{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"0\",\"changes\":[{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550000000\",\"phone_number_id\":\"$phone_number_id\"},\"contacts\":[{\"profile\":{\"name\":\"Smoke Test\"},\"wa_id\":\"$wa_id\"}],\"messages\":[{\"from\":\"$wa_id\",\"id\":\"$msg_id\",\"timestamp\":\"$now\",\"type\":\"text\",\"text\":{\"body\":\"hola\"}}]}}]}]}"

  if [[ -n "${WHATSAPP_APP_SECRET:-}" ]]; then
    command -v openssl >/dev/null 2>&1 || fail "openssl not found (needed to sign with WHATSAPP_APP_SECRET)"
    sig="$(printf '%s' "$body" | openssl dgst -sha256 -hmac "$WHATSAPP_APP_SECRET" -r | cut -d' ' -f1)"
    expect_status 200 "$(http POST "$base_url/webhook" -H 'Content-Type: application/json' -H "X-Hub-Signature-256: sha256=$sig" --data-binary "$body")" "POST /webhook (signed with openssl)"
  else
    expect_status 200 "$(http POST "$fake_url/__fake/inbound" -H 'Content-Type: application/json' --data-binary "$body")" "POST $fake_url/__fake/inbound (signed by the fake)"
    grep -q '"status":200' "$tmp/body" || fail "the fake forwarded the webhook but the bot did not answer 200: $(head -c 300 "$tmp/body")"
  fi

  replied=0
  while ((SECONDS < deadline)); do
    status="$(http GET "$fake_url/__fake/received?to=$wa_id")"
    if [[ "$status" == 200 ]] && grep -q "$local_digits" "$tmp/body"; then
      replied=1
      break
    fi
    sleep 0.5
  done
  ((replied == 1)) || fail "no reply to $wa_id recorded by the fake within ${budget}s"
  pass "bot replied to the test message (…${local_digits: -4})"
fi

printf 'smoke: all checks passed against %s in %ss\n' "$base_url" "$SECONDS"
