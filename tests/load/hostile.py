"""Hostile load against a running server (loopback only, bounded, stops by itself): issue 15.

    python3 tests/load/hostile.py --port 8080 --pid <server pid>   # or: bash tests/load/hostile.sh

Each case prints figures; none of it runs in CI (the deterministic cases are integration tests in
tests/api/). Cases:
  stalled  STALLED clients each send a maximum-size batch and never read the answer; the server's
           RSS is sampled until they are all closed (server.write_timeout_ms) or HOLD seconds pass.
  fair     LOOPERS clients loop maximum-size batches (reading them) while a probe times
           GET /health/ready and GET /v1/phases: p50/p99 of the probe, and the batches' status mix.
  amplify  answer bytes per request byte for the largest single check and batch the limits allow.
  trickle  TRICKLE connections send a body a byte per second: how many the server closed (408).
"""
import argparse
import json
import os
import socket
import statistics
import threading
import time

LABEL = "aha," * 500  # reads as 500 ingredients, each flagged: the largest answer one label allows


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def established(port):
    """Established TCP connections whose local port is the server's (read from /proc/net/tcp*)."""
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as rows:
                next(rows)
                for row in rows:
                    fields = row.split()
                    if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "01":
                        count += 1
        except FileNotFoundError:
            pass
    return count


def request(method, path, body=b"", headers=()):
    head = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    if body:
        head += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    head += list(headers)
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


def batch_body(products=40):
    items = [{"id": f"p{i}", "ingredients": LABEL} for i in range(products)]
    return json.dumps({"products": items}).encode()


def exchange(port, raw, timeout=30.0):
    """Sends `raw`, reads the whole answer; (status, bytes, seconds)."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as conn:
        conn.sendall(raw)
        data = bytearray()
        while True:
            chunk = conn.recv(65536)
            if not chunk:
                break
            data += chunk
    status = int(data[9:12]) if data.startswith(b"HTTP/1.1 ") else 0
    return status, len(data), time.monotonic() - started


def stalled(port, pid, clients, hold):
    body = batch_body()
    conns = []
    base = rss_mib(pid)
    for _ in range(clients):
        conn = socket.create_connection(("127.0.0.1", port), timeout=5)
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        conn.sendall(request("POST", "/v1/ingredient-checks/batch", body))
        conns.append(conn)
    peak, started = base, time.monotonic()
    open_now = clients
    while time.monotonic() - started < hold:
        peak = max(peak, rss_mib(pid))
        open_now = established(port)
        if open_now == 0:
            break
        time.sleep(0.5)
    closed = clients - open_now
    for conn in conns:
        conn.close()
    print(f"stalled: {clients} clients x {len(body)} B batch, never reading: RSS {base:.1f} -> peak "
          f"{peak:.1f} MiB; {closed}/{clients} closed by the server after {time.monotonic() - started:.1f} s")


def fair(port, loopers, seconds):
    body = batch_body()
    stop = time.monotonic() + seconds
    statuses = {}
    lock = threading.Lock()

    def loop():
        while time.monotonic() < stop:
            try:
                status, _, _ = exchange(port, request("POST", "/v1/ingredient-checks/batch", body))
            except OSError:
                status = -1
            with lock:
                statuses[status] = statuses.get(status, 0) + 1

    threads = [threading.Thread(target=loop, daemon=True) for _ in range(loopers)]
    for thread in threads:
        thread.start()
    probes = {"/health/ready": [], "/v1/phases": []}
    time.sleep(0.5)
    while time.monotonic() < stop:
        for path, times in probes.items():
            try:
                _, _, took = exchange(port, request("GET", path), timeout=5)
                times.append(took * 1000)
            except OSError:
                times.append(5000.0)
        time.sleep(0.02)
    for thread in threads:
        thread.join(timeout=30)
    for path, times in probes.items():
        times.sort()
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
        print(f"fair: {loopers} clients looping max batches; {path}: {len(times)} probes, "
              f"p50 {statistics.median(times):.2f} ms, p99 {p99:.2f} ms")
    print(f"fair: batch statuses {dict(sorted(statuses.items()))}")


def amplify(port):
    single = json.dumps({"ingredients": LABEL}).encode()
    status, size, took = exchange(port, request("POST", "/v1/ingredient-checks", single))
    print(f"amplify: single {len(single)} B -> {status}, {size} B ({size / len(single):.0f}x) in {took * 1000:.0f} ms")
    body = batch_body()
    status, size, took = exchange(port, request("POST", "/v1/ingredient-checks/batch", body), timeout=60)
    print(f"amplify: batch {len(body)} B -> {status}, {size} B ({size / len(body):.0f}x) in {took * 1000:.0f} ms")
    over = json.dumps({"ingredients": "aha," * 501}).encode()
    status, size, _ = exchange(port, request("POST", "/v1/ingredient-checks", over))
    print(f"amplify: a label reading as 501 ingredients -> {status} ({size} B)")


def trickle(port, clients, seconds):
    conns = []
    for _ in range(clients):
        conn = socket.create_connection(("127.0.0.1", port), timeout=5)
        conn.sendall(request("POST", "/v1/aftercare-plan", b"{" + b" " * 99)[:-99])
        conns.append(conn)
    started = time.monotonic()
    answered = 0
    while time.monotonic() - started < seconds and answered < clients:
        answered = 0
        for conn in conns:
            try:
                conn.setblocking(False)
                conn.send(b" ")
                data = conn.recv(64, socket.MSG_PEEK)
                if data.startswith(b"HTTP/1.1 408") or data == b"":
                    answered += 1
            except BlockingIOError:
                pass
            except OSError:
                answered += 1
        time.sleep(1)
    for conn in conns:
        conn.close()
    print(f"trickle: {answered}/{clients} trickling bodies answered 408 or closed within "
          f"{time.monotonic() - started:.1f} s")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--cases", default="amplify,stalled,fair,trickle")
    args = parser.parse_args()
    cases = args.cases.split(",")
    if "amplify" in cases:
        amplify(args.port)
    if "stalled" in cases:
        stalled(args.port, args.pid, int(os.environ.get("STALLED", 200)), float(os.environ.get("HOLD", 40)))
    if "fair" in cases:
        fair(args.port, int(os.environ.get("LOOPERS", 16)), float(os.environ.get("SECONDS", 10)))
    if "trickle" in cases:
        trickle(args.port, int(os.environ.get("TRICKLE", 200)), float(os.environ.get("TRICKLE_SECONDS", 20)))
    print(f"server RSS at the end: {rss_mib(args.pid):.1f} MiB")


if __name__ == "__main__":
    main()
