#!/usr/bin/env bash
# The drain check against the release binary: steady keep-alive load (GET plan, POST ingredient
# check, GET /health/ready), SIGTERM mid-run, every request's outcome classified until the process
# exits; non-zero exit if any accepted request failed. Runs it twice: without a drain delay (the
# listener stops at SIGTERM) and with one (readiness answers 503 while the server still serves).
# What counts as a failure is documented in tests/load/drain_client.rs. Loopback only; about 12 s.
#
#   bash tests/load/drain.sh
#   WORKERS=1 CONNECTIONS=64 BEFORE=5 DRAIN_DELAYS="0 2" bash tests/load/drain.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

workers=${WORKERS:-2}
connections=${CONNECTIONS:-32}
before=${BEFORE:-3}
drain_delays=${DRAIN_DELAYS:-0 1}
cargo build --release --quiet --bin aftercare --example drain

status=0
for delay in $drain_delays; do
  echo
  target/release/examples/drain --server target/release/aftercare --workers "$workers" \
    --connections "$connections" --before "$before" --drain-delay "$delay" || status=1
done
exit "$status"
