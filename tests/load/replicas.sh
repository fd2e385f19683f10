#!/usr/bin/env bash
# Three release instances behind Debian's nginx configured by deploy/nginx/aftercare.conf (its
# upstream ports and listen address rewritten for loopback), mixed load from two wrk processes
# (GET /v1/aftercare-plan and POST /v1/ingredient-checks), and one instance killed with SIGKILL
# after KILL_AFTER seconds. Reports total requests, non-2xx answers, socket errors and the failed
# requests (non-2xx + socket errors), and what nginx retried on another instance; exits non-zero if
# any request failed. Loopback only, bounded (about DURATION + 3 s, under 60 s by default); every
# process it starts is stopped on exit. Not run in CI.
#
#   bash tests/load/replicas.sh
#   SIGNAL=TERM bash tests/load/replicas.sh      # a graceful stop instead of a crash
#   DURATION=20 KILL_AFTER=5 CONNECTIONS=16 NGINX_PORT=18500 KEEP=1 bash tests/load/replicas.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

duration=${DURATION:-20}
kill_after=${KILL_AFTER:-5}
signal=${SIGNAL:-KILL}
connections=${CONNECTIONS:-16}
nginx_port=${NGINX_PORT:-18500}
(( kill_after < duration && duration <= 50 )) || { echo "need KILL_AFTER < DURATION <= 50" >&2; exit 2; }

missing=()
command -v nginx >/dev/null || missing+=(nginx)
command -v wrk >/dev/null || missing+=(wrk)
if ((${#missing[@]})); then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
cargo build --release --quiet --bin aftercare

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_in_use "$nginx_port" && nginx_port=$(free_port)

work=$(mktemp -d)
chmod 755 "$work" # nginx's worker processes run as another user when started as root
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [[ -n ${KEEP:-} ]]; then echo "logs kept in $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

ports=()
instances=()
for i in 1 2 3; do
  port=$(free_port)
  AFTERCARE__SERVER__PORT=$port AFTERCARE__SERVER__WORKERS=1 AFTERCARE__LOG__LEVEL=warn AFTERCARE__LOG__FORMAT=json \
    target/release/aftercare serve >"$work/instance-$i.log" 2>&1 &
  pids+=($!)
  instances+=($!)
  ports+=("$port")
done
for port in "${ports[@]}"; do
  for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null && break
    sleep 0.1
  done
done

# The deploy file with loopback ports and logs in the work directory; every rewrite must apply.
sed -e "s/127\.0\.0\.1:8081/127.0.0.1:${ports[0]}/; s/127\.0\.0\.1:8082/127.0.0.1:${ports[1]}/" \
  -e "s/127\.0\.0\.1:8083/127.0.0.1:${ports[2]}/; s/^\(\s*\)listen 80;/\1listen 127.0.0.1:$nginx_port;/" \
  -e "s#access_log /var/log/nginx/aftercare.access.log aftercare;#access_log $work/retried.log aftercare if=\$aftercare_retried;#" \
  deploy/nginx/aftercare.conf >"$work/aftercare.conf"
for expected in "${ports[@]/#/127.0.0.1:}" "listen 127.0.0.1:$nginx_port;" "$work/retried.log"; do
  grep -qF "$expected" "$work/aftercare.conf" || { echo "deploy/nginx/aftercare.conf changed: cannot set $expected" >&2; exit 2; }
done
mkdir -p "$work/tmp"
cat >"$work/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $work/nginx.pid;
error_log $work/error.log;
events { worker_connections 1024; }
http {
    client_body_temp_path $work/tmp/body;
    proxy_temp_path $work/tmp/proxy;
    fastcgi_temp_path $work/tmp/fastcgi;
    uwsgi_temp_path $work/tmp/uwsgi;
    scgi_temp_path $work/tmp/scgi;
    # Log only the requests nginx passed to more than one instance.
    map \$upstream_status \$aftercare_retried { "~," 1; default 0; }
    include $work/aftercare.conf;
}
EOF
nginx -t -q -p "$work" -c "$work/nginx.conf"
nginx -p "$work" -c "$work/nginx.conf" &
pids+=($!)
url="http://127.0.0.1:$nginx_port"
for _ in $(seq 1 50); do
  curl -fs "$url/health/ready" >/dev/null && break
  sleep 0.1
done
curl -fs "$url/health/ready" >/dev/null || { echo "nginx does not answer on $url" >&2; cat "$work/error.log" >&2; exit 2; }

treated=$(date -u -d '-2 days' +%Y-%m-%dT%H:%M:%SZ)
printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = io.open("%s"):read("*a")\n' \
  tests/load/check-30.json >"$work/post.lua"
printf 'instances on ports %s behind nginx on %s; %s s of load (2 x %s connections), SIG%s to the second instance after %s s\n' \
  "${ports[*]}" "$nginx_port" "$duration" "$connections" "$signal" "$kill_after"
timeout $((duration + 10)) wrk -t1 "-c$connections" "-d${duration}s" \
  "$url/v1/aftercare-plan?treated_at=$treated&timezone=Europe/Madrid" >"$work/wrk-get.txt" &
wrk_get=$!
timeout $((duration + 10)) wrk -t1 "-c$connections" "-d${duration}s" -s "$work/post.lua" \
  "$url/v1/ingredient-checks" >"$work/wrk-post.txt" &
wrk_post=$!
pids+=("$wrk_get" "$wrk_post")
sleep "$kill_after"
kill "-$signal" "${instances[1]}"
{ wait "${instances[1]}"; } 2>/dev/null || true # no job-control notice for the killed instance
wait "$wrk_get" "$wrk_post"

# requests non-2xx connect read write timeout
counts() {
  awk '/requests in/ {r=$1} /Non-2xx/ {n=$NF} /Socket errors/ {gsub(",", ""); c=$4; rd=$6; w=$8; t=$10}
       END {printf "%d %d %d %d %d %d\n", r, n, c, rd, w, t}' "$1"
}
printf '\n%-26s %9s %8s %8s %6s %6s %8s %7s\n' "load" "requests" "non-2xx" "connect" "read" "write" "timeout" "failed"
total=(0 0 0 0 0 0)
for load in "GET /v1/aftercare-plan:wrk-get" "POST /v1/ingredient-checks:wrk-post"; do
  read -r -a c <<<"$(counts "$work/${load##*:}.txt")"
  for i in 0 1 2 3 4 5; do total[i]=$((total[i] + c[i])); done
  printf '%-26s %9s %8s %8s %6s %6s %8s %7s\n' "${load%:*}" "${c[@]}" "$((c[1] + c[2] + c[3] + c[4] + c[5]))"
done
failed=$((total[1] + total[2] + total[3] + total[4] + total[5]))
printf '%-26s %9s %8s %8s %6s %6s %8s %7s\n' "total" "${total[@]}" "$failed"

retried=$(wc -l <"$work/retried.log")
printf '\nnginx passed %s requests to a second instance; their upstream_status:\n' "$retried"
grep -o 'upstream_status="[^"]*"' "$work/retried.log" | sort | uniq -c | sort -rn | head -5 || true
printf 'nginx error log:\n'
sed -E 's/^[0-9\/: ]+\[[a-z]+\] [0-9#]+: \*[0-9]+ //; s/, client:.*//' "$work/error.log" | sort | uniq -c | sort -rn | head -5 || true
printf 'failed requests: %s\n' "$failed"
((failed == 0))
