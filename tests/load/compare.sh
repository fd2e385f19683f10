#!/usr/bin/env bash
# Side-by-side load figures: each endpoint of the service against the bare actix-web baseline
# (tests/load/bare.rs) in the same run. Each server has one worker pinned to core 0; wrk runs on
# core 1. Each endpoint is measured between two runs of its baseline (GET endpoints against the
# bare GET handler, POST endpoints against the bare handler that parses the same JSON body) and
# the ratio uses their mean, so drift in the machine's speed does not skew it. Loopback only,
# bounded in time. Prints req/s, p50, p99, the ratio and both servers' peak RSS.
#
#   bash tests/load/compare.sh                    # 10 s per run, 64 connections
#   DURATION=5 CONNECTIONS=32 bash tests/load/compare.sh
#   LOG_LEVEL=info bash tests/load/compare.sh     # with the production request log (to a file)
set -euo pipefail
cd "$(dirname "$0")/../.."

duration=${DURATION:-10}
connections=${CONNECTIONS:-64}
log_level=${LOG_LEVEL:-warn}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
cargo build --release --quiet --bin aftercare --example bare

port_app=18480
port_bare=18490
work=$(mktemp -d)
cleanup() { kill "${app_pid:-}" "${bare_pid:-}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

AFTERCARE__SERVER__PORT=$port_app AFTERCARE__SERVER__WORKERS=1 AFTERCARE__LOG__LEVEL=$log_level \
  AFTERCARE__LOG__FORMAT=json taskset -c 0 target/release/aftercare serve >"$work/app.log" 2>&1 &
app_pid=$!
taskset -c 0 target/release/examples/bare "127.0.0.1:$port_bare" >"$work/bare.log" 2>&1 &
bare_pid=$!
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port_app/health/ready" >/dev/null && curl -fs "http://127.0.0.1:$port_bare/get" >/dev/null && break
  sleep 0.1
done

app="http://127.0.0.1:$port_app"
treated=$(date -u -d '-2 days' +%Y-%m-%dT%H:%M:%SZ)
check_body=tests/load/check-30.json
printf '{"treated_at":"%s","timezone":"Europe/Madrid","locale":"en"}' "$treated" >"$work/plan.json"
# name | method | path or url | body file
endpoints=(
  "GET /health/live|GET|$app/health/live|"
  "GET /|GET|$app/|"
  "GET /v1/phases|GET|$app/v1/phases|"
  "GET /v1/phases/{id}|GET|$app/v1/phases/maintenance|"
  "GET /v1/phases/current|GET|$app/v1/phases/current?treated_at=$treated&timezone=Europe/Madrid|"
  "GET /v1/aftercare-plan|GET|$app/v1/aftercare-plan?treated_at=$treated&timezone=Europe/Madrid|"
  "POST /v1/aftercare-plan|POST|$app/v1/aftercare-plan|$work/plan.json"
  "GET /v1/ingredients/{id}|GET|$app/v1/ingredients/salicylic-acid|"
  "POST /v1/ingredient-checks|POST|$app/v1/ingredient-checks|$check_body"
)

run_wrk() { # method url body -> wrk output
  local args=(-t1 "-c$connections" "-d${duration}s" --latency)
  if [[ $1 == POST ]]; then
    printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = io.open("%s"):read("*a")\n' "$3" >"$work/post.lua"
    args+=(-s "$work/post.lua")
  fi
  taskset -c 1 wrk "${args[@]}" "$2"
}
rps() { awk '/Requests\/sec/ {print $2}' <<<"$1"; }
to_ms() { awk '{ v=$1; if (v ~ /us$/) { sub(/us$/,"",v); print v/1000 } else if (v ~ /ms$/) { sub(/ms$/,"",v); print v } else if (v ~ /s$/) { sub(/s$/,"",v); print v*1000 } else print v }'; }
baseline() { # method body -> req/s of the matching bare handler
  if [[ $1 == POST ]]; then rps "$(run_wrk POST "http://127.0.0.1:$port_bare/json" "$2")"; else rps "$(run_wrk GET "http://127.0.0.1:$port_bare/get")"; fi
}

printf '\n%-28s %11s %9s %9s %11s %7s\n' "endpoint" "req/s" "p50 ms" "p99 ms" "bare req/s" "ratio"
before=""
for row in "${endpoints[@]}"; do
  IFS='|' read -r name method url body <<<"$row"
  before=$(baseline "$method" "$body")
  out=$(run_wrk "$method" "$url" "$body")
  after=$(baseline "$method" "$body")
  value=$(rps "$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out" | to_ms)
  p99=$(awk '$1=="99%" {print $2}' <<<"$out" | to_ms)
  errors=$(awk '/Non-2xx|Socket errors/ {printf "%s ", $0}' <<<"$out")
  bare=$(awk -v a="$before" -v b="$after" 'BEGIN { printf "%.0f", (a+b)/2 }')
  ratio=$(awk -v a="$value" -v b="$bare" 'BEGIN { printf "%.2f", a/b }')
  printf '%-28s %11.0f %9s %9s %11s %7s %s\n' "$name" "$value" "$p50" "$p99" "$bare" "$ratio" "$errors"
done
printf '\npeak RSS: aftercare %s MiB, bare %s MiB (log level %s)\n' \
  "$(awk '/VmHWM/ {printf "%.1f", $2/1024}' /proc/$app_pid/status)" \
  "$(awk '/VmHWM/ {printf "%.1f", $2/1024}' /proc/$bare_pid/status)" "$log_level"
