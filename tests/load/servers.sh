# Sourced by compare.sh and ratio.sh: builds the release binary and the bare app, starts each with
# one worker pinned to core 0 on a free loopback port, waits until both answer, and stops them on
# exit. Sets `app`, `bare` (base URLs), `app_pid`, `bare_pid` and `work` (a temporary directory),
# and defines `run_wrk` (one wrk run on core 1; needs `connections` and `duration`) and `answer`.
# LOG_LEVEL sets the service's log level (default warn; its log goes to "$work/app.log").
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
cargo build --release --quiet --bin aftercare --example bare

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
port_app=$(free_port)
port_bare=$(free_port)
work=$(mktemp -d)
cleanup() { kill "${app_pid:-}" "${bare_pid:-}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

AFTERCARE__SERVER__PORT=$port_app AFTERCARE__SERVER__WORKERS=1 AFTERCARE__LOG__LEVEL=${LOG_LEVEL:-warn} \
  AFTERCARE__LOG__FORMAT=json taskset -c 0 target/release/aftercare serve >"$work/app.log" 2>&1 &
app_pid=$!
taskset -c 0 target/release/examples/bare "127.0.0.1:$port_bare" >"$work/bare.log" 2>&1 &
bare_pid=$!
app="http://127.0.0.1:$port_app"
bare="http://127.0.0.1:$port_bare"
for _ in $(seq 1 100); do
  curl -fs "$app/health/ready" >/dev/null && curl -fs "$bare/get" >/dev/null && break
  sleep 0.1
done

run_wrk() { # method url [body file] -> wrk output
  local args=(-t1 "-c$connections" "-d${duration}s" --latency)
  if [[ $1 == POST ]]; then
    printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = io.open("%s"):read("*a")\n' "$3" >"$work/post.lua"
    args+=(-s "$work/post.lua")
  fi
  taskset -c 1 wrk "${args[@]}" "$2"
}
answer() { # method url [body file] -> "status size" of one request
  if [[ $1 == POST ]]; then
    curl -s -o /dev/null -w '%{http_code} %{size_download}' -H 'Content-Type: application/json' --data-binary "@$3" "$2"
  else
    curl -s -o /dev/null -w '%{http_code} %{size_download}' "$2"
  fi
}
