#!/usr/bin/env bash
# Load figures for every endpoint of the service, each with three yardsticks from the same run:
# - `/health/live` of the same aftercare server (what the service's own stack costs);
# - the bare actix-web app (tests/load/bare.rs): GET endpoints against its GET handler, POST
#   endpoints against its handler that parses the same JSON body;
# - the "same bytes, no work" ceiling: the bare app answering a ready-made body of exactly the
#   endpoint's answer size (GET /bytes/N, or POST /json/N with the same body), which shows how much
#   of the gap is the size of the answer on the wire.
# The `/health/live` and bare figures are each the mean of a run just before and a run just after
# the endpoint's (neighbouring endpoints share them), so drift in the machine's speed does not skew
# the ratios. Each server has one worker pinned to core 0; wrk runs on core 1. Loopback only,
# bounded in time (the estimate is printed first; not run in CI). Prints the answer size, req/s,
# p50, p99 and the three ratios per endpoint, then both servers' peak RSS.
#
#   bash tests/load/compare.sh                    # 5 s per run, 64 connections (about 8 minutes)
#   DURATION=10 CONNECTIONS=32 bash tests/load/compare.sh
#   LOG_LEVEL=info bash tests/load/compare.sh     # with the production request log (to a file)
#   ONLY='POST|/v1/phases' bash tests/load/compare.sh   # only the endpoints whose name matches
set -euo pipefail
cd "$(dirname "$0")/../.."

duration=${DURATION:-5}
connections=${CONNECTIONS:-64}
log_level=${LOG_LEVEL:-warn}
only=${ONLY:-}
# shellcheck source=tests/load/servers.sh
source tests/load/servers.sh

treated=$(date -u -d '-2 days' +%Y-%m-%dT%H:%M:%SZ)
plan_query="treated_at=$treated&timezone=Europe/Madrid"
printf '{"treated_at":"%s","timezone":"Europe/Madrid","locale":"en"}' "$treated" >"$work/plan.json"
# Every operation of openapi/openapi.json, the plan in each of its formats, and the Swagger UI.
# GET endpoints first: they share their bare baseline runs. name | method | path | body file
endpoints=(
  "GET /health/live|GET|/health/live|"
  "GET /health/ready|GET|/health/ready|"
  "GET /|GET|/|"
  "GET /openapi.json|GET|/openapi.json|"
  "GET /openapi.yaml|GET|/openapi.yaml|"
  "GET /metrics|GET|/metrics|"
  "GET /docs/|GET|/docs/|"
  "GET /v1/phases|GET|/v1/phases|"
  "GET /v1/phases/{id}|GET|/v1/phases/maintenance|"
  "GET /v1/phases/current|GET|/v1/phases/current?$plan_query|"
  "GET /v1/aftercare-plan|GET|/v1/aftercare-plan?$plan_query|"
  "GET /v1/aftercare-plan ics|GET|/v1/aftercare-plan?$plan_query&format=ics|"
  "GET /v1/aftercare-plan fhir|GET|/v1/aftercare-plan?$plan_query&format=fhir|"
  "GET /v1/aftercare-plan html|GET|/v1/aftercare-plan?$plan_query&format=html|"
  "GET /v1/ingredients|GET|/v1/ingredients|"
  "GET /v1/ingredients/{id}|GET|/v1/ingredients/salicylic-acid|"
  "POST /v1/aftercare-plan|POST|/v1/aftercare-plan|$work/plan.json"
  "POST /v1/ingredient-checks (30)|POST|/v1/ingredient-checks|tests/load/check-30.json"
  "POST /v1/ingredient-checks/batch (5)|POST|/v1/ingredient-checks/batch|tests/load/batch-5.json"
)

rps() { awk '/Requests\/sec/ {print $2}' <<<"$1"; }
to_ms() { awk '{ v=$1; if (v ~ /us$/) { sub(/us$/,"",v); print v/1000 } else if (v ~ /ms$/) { sub(/ms$/,"",v); print v } else if (v ~ /s$/) { sub(/s$/,"",v); print v*1000 } else print v }'; }
mean() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", (a+b)/2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a/b }'; }
live() { rps "$(run_wrk GET "$app/health/live")"; }
bare_baseline() { # method [body file]
  if [[ $1 == POST ]]; then rps "$(run_wrk POST "$bare/json" "$2")"; else rps "$(run_wrk GET "$bare/get")"; fi
}
same_bytes() { # method size [body file]
  if [[ $1 == POST ]]; then rps "$(run_wrk POST "$bare/json/$2" "$3")"; else rps "$(run_wrk GET "$bare/bytes/$2")"; fi
}

if [[ -n $only ]]; then
  mapfile -t endpoints < <(printf '%s\n' "${endpoints[@]}" | grep -E -- "^[^|]*($only)" || true)
  ((${#endpoints[@]})) || { echo "no endpoint name matches ONLY=$only" >&2; exit 2; }
fi
posts=$(printf '%s\n' "${endpoints[@]}" | grep -c '|POST|' || true)
runs=$((2 + 4 * ${#endpoints[@]} + posts))
printf '%s endpoints, %s wrk runs of %s s, %s connections: about %s minutes (load average now %s)\n' \
  "${#endpoints[@]}" "$runs" "$duration" "$connections" "$(((runs * (duration + 1) + 59) / 60))" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"

# Warm both servers up, then the first /health/live run of the chain.
taskset -c 1 wrk -t1 "-c$connections" -d1s "$app/v1/aftercare-plan?$plan_query" >/dev/null
taskset -c 1 wrk -t1 "-c$connections" -d1s "$bare/get" >/dev/null
live_before=$(live)
bare_key=""

printf '\n%-36s %7s %8s %7s %7s | %8s %5s | %8s %5s | %8s %5s\n' "endpoint" "bytes" "req/s" "p50 ms" "p99 ms" \
  "live" "ratio" "bare" "ratio" "same" "ratio"
for row in "${endpoints[@]}"; do
  IFS='|' read -r name method path body <<<"$row"
  read -r status size <<<"$(answer "$method" "$app$path" "$body")"
  [[ $status == 200 ]] || printf 'warning: %s answered %s\n' "$name" "$status"
  key="$method $body"
  [[ $key == "$bare_key" ]] || bare_before=$(bare_baseline "$method" "$body")
  out=$(run_wrk "$method" "$app$path" "$body")
  ceiling=$(same_bytes "$method" "$size" "$body")
  live_after=$(live)
  bare_after=$(bare_baseline "$method" "$body")
  value=$(rps "$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out" | to_ms)
  p99=$(awk '$1=="99%" {print $2}' <<<"$out" | to_ms)
  errors=$(awk '/Non-2xx|Socket errors/ {printf "%s ", $0}' <<<"$out")
  live_mean=$(mean "$live_before" "$live_after")
  bare_mean=$(mean "$bare_before" "$bare_after")
  printf '%-36s %7s %8.0f %7s %7s | %8s %5s | %8s %5s | %8.0f %5s %s\n' "$name" "$size" "$value" "$p50" "$p99" \
    "$live_mean" "$(ratio "$value" "$live_mean")" "$bare_mean" "$(ratio "$value" "$bare_mean")" \
    "$ceiling" "$(ratio "$value" "$ceiling")" "$errors"
  live_before=$live_after
  bare_before=$bare_after
  bare_key=$key
done
printf '\nlive, bare: req/s of /health/live on the same server and of the bare handler, mean of the runs\n'
printf 'just before and after; same: the bare app answering the same number of bytes, no work.\n'
printf 'load average at the end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'peak RSS: aftercare %s MiB, bare %s MiB (log level %s)\n' \
  "$(awk '/VmHWM/ {printf "%.1f", $2/1024}' /proc/$app_pid/status)" \
  "$(awk '/VmHWM/ {printf "%.1f", $2/1024}' /proc/$bare_pid/status)" "$log_level"
