#!/usr/bin/env bash
# Issue 15's hostile cases against the release binary (loopback only, bounded, about 2 minutes,
# not in CI): builds it, starts it with 2 workers and a 5 s write timeout, runs
# tests/load/hostile.py (amplification, stalled readers, fairness, trickled bodies) and stops it.
#   bash tests/load/hostile.sh
#   STALLED=200 HOLD=40 LOOPERS=16 SECONDS=10 CASES=stalled,fair bash tests/load/hostile.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release --quiet --bin aftercare
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
AFTERCARE__SERVER__PORT=$port AFTERCARE__SERVER__WORKERS=2 AFTERCARE__SERVER__WRITE_TIMEOUT_MS=${WRITE_TIMEOUT_MS:-5000} \
  AFTERCARE__LOG__LEVEL=warn target/release/aftercare serve >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null && break
  sleep 0.1
done
ulimit -n 4096 2>/dev/null || true
python3 tests/load/hostile.py --port "$port" --pid "$pid" --cases "${CASES:-amplify,stalled,fair,trickle}"
