#!/usr/bin/env bash
# Side-by-side load figures: each endpoint of the service against the bare actix-web baseline
# (tests/load/bare.rs), in one run. Each server gets one worker pinned to core 0; wrk runs on
# core 1. Loopback only, bounded in time. Prints req/s, p50, p99, the ratio to the baseline and
# the server's peak RSS.
#
#   bash tests/load/compare.sh            # 10 s per endpoint, 64 connections
#   DURATION=5 CONNECTIONS=32 bash tests/load/compare.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

duration=${DURATION:-10}
connections=${CONNECTIONS:-64}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
cargo build --release --quiet --bin aftercare --example bare

port_app=18480
port_bare=18490
work=$(mktemp -d)
cleanup() { kill "${app_pid:-}" "${bare_pid:-}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

AFTERCARE__SERVER__PORT=$port_app AFTERCARE__SERVER__WORKERS=1 AFTERCARE__LOG__LEVEL=warn AFTERCARE__LOG__FORMAT=json \
  taskset -c 0 target/release/aftercare serve >"$work/app.log" 2>&1 &
app_pid=$!
taskset -c 0 target/release/examples/bare "127.0.0.1:$port_bare" >"$work/bare.log" 2>&1 &
bare_pid=$!
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port_app/health/ready" >/dev/null && curl -fs "http://127.0.0.1:$port_bare/get" >/dev/null && break
  sleep 0.1
done

# name | method | url | body file (POST) ; the first row of each kind is the baseline.
treated=$(date -u -d '-2 days' +%Y-%m-%dT%H:%M:%SZ)
printf '%s' '{"ingredients":"Aqua (Water), Glycerin, Niacinamide, Butylene Glycol, Salicylic Acid, Sodium Hyaluronate"}' >"$work/check.json"
endpoints=(
  "bare GET|GET|http://127.0.0.1:$port_bare/get|"
  "GET /health/live|GET|http://127.0.0.1:$port_app/health/live|"
  "GET /|GET|http://127.0.0.1:$port_app/|"
)
if curl -fs "http://127.0.0.1:$port_app/v1/phases" >/dev/null 2>&1; then
  endpoints+=(
    "GET /v1/phases|GET|http://127.0.0.1:$port_app/v1/phases|"
    "GET /v1/phases/current|GET|http://127.0.0.1:$port_app/v1/phases/current?treated_at=$treated&timezone=Europe/Madrid|"
    "GET /v1/aftercare-plan|GET|http://127.0.0.1:$port_app/v1/aftercare-plan?treated_at=$treated&timezone=Europe/Madrid|"
  )
fi

run_wrk() { # method url body
  local script=""
  if [[ $1 == POST ]]; then
    script="$work/post.lua"
    printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = io.open("%s"):read("*a")\n' "$3" >"$script"
    script="-s $script"
  fi
  # shellcheck disable=SC2086
  taskset -c 1 wrk -t1 -c"$connections" -d"${duration}s" --latency $script "$2"
}

to_ms() { awk '{ v=$1; if (v ~ /us$/) { sub(/us$/,"",v); print v/1000 } else if (v ~ /ms$/) { sub(/ms$/,"",v); print v } else if (v ~ /s$/) { sub(/s$/,"",v); print v*1000 } else print v }'; }

printf '\n%-26s %12s %10s %10s %8s\n' "endpoint" "req/s" "p50 ms" "p99 ms" "ratio"
baseline=""
for row in "${endpoints[@]}"; do
  IFS='|' read -r name method url body <<<"$row"
  out=$(run_wrk "$method" "$url" "$body")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out" | to_ms)
  p99=$(awk '$1=="99%" {print $2}' <<<"$out" | to_ms)
  errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out")
  [[ -z $baseline ]] && baseline=$rps
  ratio=$(awk -v a="$rps" -v b="$baseline" 'BEGIN { printf "%.2f", a/b }')
  printf '%-26s %12s %10s %10s %8s %s\n' "$name" "$rps" "$p50" "$p99" "$ratio" "$errors"
done
printf '\npeak RSS: aftercare %s MiB, bare %s MiB\n' \
  "$(awk '/VmHWM/ {printf "%.1f", $2/1024}' /proc/$app_pid/status)" \
  "$(awk '/VmHWM/ {printf "%.1f", $2/1024}' /proc/$bare_pid/status)"
