#!/usr/bin/env bash
# The speed targets of issues 3 and 4 measured with repeated alternation, for a machine whose speed
# drifts (a shared VM: one 4 s run of the same handler varies by up to 20%). For each endpoint,
# ROUNDS rounds of three back-to-back wrk runs: the bare handler (tests/load/bare.rs: GET /get, or
# POST /json parsing the same body), the bare app answering the endpoint's number of bytes with no
# work ("same"), and the endpoint. Each round gives a ratio from runs seconds apart, so drift
# cancels; the medians over the rounds are the figures. One worker per server pinned to core 0, wrk
# on core 1, loopback only. Not run in CI (about ROUNDS × 3 × (DURATION + 1) s per endpoint).
#
#   bash tests/load/ratio.sh                       # phase lookup, plan GET, 30-ingredient check
#   ROUNDS=12 DURATION=3 ONLY=check bash tests/load/ratio.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${ROUNDS:-8}
duration=${DURATION:-3}
connections=${CONNECTIONS:-64}
only=${ONLY:-}
# shellcheck source=tests/load/servers.sh
source tests/load/servers.sh
treated=$(date -u -d '-2 days' +%Y-%m-%dT%H:%M:%SZ)
query="treated_at=$treated&timezone=Europe/Madrid"
# name | method | path | body file
endpoints=(
  "phase lookup|GET|/v1/phases/current?$query|"
  "plan|GET|/v1/aftercare-plan?$query|"
  "check (30)|POST|/v1/ingredient-checks|tests/load/check-30.json"
)
if [[ -n $only ]]; then
  mapfile -t endpoints < <(printf '%s\n' "${endpoints[@]}" | grep -E -- "^[^|]*($only)" || true)
  ((${#endpoints[@]})) || { echo "no endpoint name matches ONLY=$only" >&2; exit 2; }
fi
wrk_run() { # method url [body file] -> "req/s p99_ms"
  run_wrk "$@" | awk '
    /Requests\/sec/ { rps = $2 }
    $1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else { sub(/s$/, "", v); v *= 1000 }; p99 = v }
    /Non-2xx|Socket errors/ { bad = 1 }
    END { printf "%.0f %.2f%s\n", rps, p99, bad ? " errors" : "" }'
}
median() { # printf format <- numbers, one per line
  sort -g | awk -v format="$1" '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf format "\n", m }'
}
printf '%s rounds of %s s per run, %s connections (load average now %s)\n' "$rounds" "$duration" "$connections" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
for row in "${endpoints[@]}"; do
  IFS='|' read -r name method path body <<<"$row"
  read -r _ size <<<"$(answer "$method" "$app$path" "$body")"
  if [[ $method == POST ]]; then yardstick="$bare/json"; same="$bare/json/$size"; else yardstick="$bare/get"; same="$bare/bytes/$size"; fi
  wrk_run "$method" "$app$path" "$body" >/dev/null # warm-up
  printf '\n%s (%s B): round, bare req/s, same req/s, endpoint req/s, p99 ms, ÷bare, ÷same\n' "$name" "$size"
  : >"$work/rounds"
  for round in $(seq 1 "$rounds"); do
    read -r base _ <<<"$(wrk_run "$method" "$yardstick" "$body")"
    read -r ceiling _ <<<"$(wrk_run "$method" "$same" "$body")"
    read -r value p99 errors <<<"$(wrk_run "$method" "$app$path" "$body")"
    to_bare=$(awk -v a="$value" -v b="$base" 'BEGIN { printf "%.3f", a / b }')
    to_same=$(awk -v a="$value" -v b="$ceiling" 'BEGIN { printf "%.3f", a / b }')
    printf '  %2s %8s %8s %8s %6s %6s %6s %s\n' "$round" "$base" "$ceiling" "$value" "$p99" "$to_bare" "$to_same" "${errors:-}"
    printf '%s %s %s %s %s\n' "$value" "$p99" "$to_bare" "$to_same" \
      "$(awk -v a="$ceiling" -v b="$base" 'BEGIN { printf "%.3f", a / b }')" >>"$work/rounds"
  done
  printf '  median: %s req/s, p99 %s ms, %s× bare, %s× same bytes (same bytes itself %s× bare)\n' \
    "$(cut -d' ' -f1 "$work/rounds" | median %.0f)" "$(cut -d' ' -f2 "$work/rounds" | median %.2f)" \
    "$(cut -d' ' -f3 "$work/rounds" | median %.3f)" "$(cut -d' ' -f4 "$work/rounds" | median %.3f)" \
    "$(cut -d' ' -f5 "$work/rounds" | median %.3f)"
done
printf '\nload average at the end: %s; peak RSS: aftercare %s MiB, bare %s MiB\n' "$(cut -d' ' -f1-3 /proc/loadavg)" \
  "$(awk '/VmHWM/ {printf "%.1f", $2/1024}' /proc/$app_pid/status)" \
  "$(awk '/VmHWM/ {printf "%.1f", $2/1024}' /proc/$bare_pid/status)"
