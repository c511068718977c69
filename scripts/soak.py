#!/usr/bin/env python3
"""Bounded soak of `swiftflare dev` (standard library only; builds nothing; load only to 127.0.0.1).

For `--duration` seconds: concurrent HTTP requests to the workers, producer bursts of `--burst`
queue messages (50,000 by default), R2 puts, and cron triggers fired through the control route.
The process's RSS is sampled every second. Then the load stops and the backlog must drain.

Passes when: no request failed, every accepted message is stored, the backlog drained within
`--drain-timeout`, and RSS after warm-up stays bounded (its last-third peak is within 25 % + 32 MB
of the middle-third peak).

Usage: scripts/soak.py [--binary .build/release/swiftflare] [--duration 60] [--burst 50000]
"""

import argparse
import http.client
import json
import os
import random
import shutil
import sqlite3
import sys
import tempfile
import threading
import time

from sfharness import BUCKET, QUEUE, DevServer, price_data_db, request, rss_mb
from sfharness import free_port_block as free_port

SYMBOL = "SOAK-USD"


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.requests = 0
        self.errors = []
        self.accepted = 0
        self.next_ts = 0
        self.puts = 0
        self.crons = 0

    def error(self, text):
        with self.lock:
            if len(self.errors) < 20:
                self.errors.append(text)
            else:
                self.errors.append("…")
                self.errors = self.errors[:21]


def call(port, stats, method, path, body=None, ok=(200,)):
    try:
        status, answer = request(port, method, path, body)
    except (OSError, http.client.HTTPException) as error:
        stats.error(f"{method} {path}: {error}")
        return None
    with stats.lock:
        stats.requests += 1
    if status not in ok:
        stats.error(f"{method} {path}: {status} {answer[:120]!r}")
        return None
    return answer


def http_client(port, stats, stop, rng):
    paths = ["/building-vitals-worker/api/health", "/historical-data-queue-consumer/stats",
             "/historical-data-queue-consumer/", "/", "/building-vitals-worker/api/stats"]
    while not stop.is_set():
        call(port, stats, "GET", rng.choice(paths))


def burst(port, stats, size, chunk=5000):
    sent = 0
    while sent < size:
        count = min(chunk, size - sent)
        with stats.lock:
            first = stats.next_ts
            stats.next_ts += count
        lines = "\n".join(
            json.dumps({"symbol": SYMBOL, "timestamp": 1_000_000 + n, "timeframe": "1m", "source": "binance",
                        "open": 1, "high": 2, "low": 0.5, "close": 1.5}, separators=(",", ":"))
            for n in range(first, first + count))
        answer = call(port, stats, "POST", f"/cdn-cgi/local/queues/{QUEUE}/send", lines.encode())
        if answer is not None and json.loads(answer).get("sent") == count:
            with stats.lock:
                stats.accepted += count
        sent += count


def producer(port, stats, stop, size, every):
    while not stop.is_set():
        burst(port, stats, size)
        stop.wait(every)


def putter(port, stats, stop, rng):
    while not stop.is_set():
        data = rng.randbytes(rng.choice([1024, 16384, 65536]))
        if call(port, stats, "PUT", f"/cdn-cgi/local/r2/{BUCKET}/soak/{rng.randint(0, 199)}", data):
            with stats.lock:
                stats.puts += 1


def crons(port, stats, stop):
    while not stop.is_set():
        # The Coinswarm producer's cron (fetch replay) and Building-Vitals' daily maintenance.
        for worker in ("historical-data-queue-producer", "building-vitals-worker"):
            if call(port, stats, "POST", f"/cdn-cgi/local/cron/trigger?worker={worker}", ok=(200, 500)):
                with stats.lock:
                    stats.crons += 1
        stop.wait(5)


def backlog(port):
    status, body = request(port, "GET", f"/cdn-cgi/local/queues/{QUEUE}", timeout=10)
    info = json.loads(body) if status == 200 else {}
    return int(info.get("backlog", 0)) + int(info.get("inFlight", 0)) + int(info.get("delayed", 0))


def stored_rows(root):
    path = price_data_db(root)
    if path is None:
        return 0
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return db.execute("SELECT COUNT(*) FROM price_data WHERE symbol = ?", (SYMBOL,)).fetchone()[0]
    finally:
        db.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default_binary = ".build/release/swiftflare" if os.path.exists(".build/release/swiftflare") \
        else ".build/debug/swiftflare"
    parser.add_argument("--binary", default=default_binary)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--burst", type=int, default=50_000, help="messages per producer burst")
    parser.add_argument("--burst-every", type=float, default=30.0, help="seconds between bursts")
    parser.add_argument("--clients", type=int, default=4, help="concurrent HTTP clients")
    parser.add_argument("--drain-timeout", type=float, default=300.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--csv", help="write the RSS samples (seconds, MB, backlog) here")
    args = parser.parse_args()
    if not os.path.exists(args.binary):
        sys.exit(f"{args.binary} not found: build it first")

    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix="swiftflare-soak-")
    root = os.path.join(work, "state")
    port = free_port()
    log = open(os.path.join(work, "dev.log"), "ab")
    server = DevServer(args.binary, root, port, log, extra=["--no-cron"], log_level="error")
    try:
        server.start()
    except RuntimeError as error:
        sys.exit(f"{error}; see " + os.path.join(work, "dev.log"))
    proc = server.proc

    stats = Stats()
    stop = threading.Event()
    threads = [threading.Thread(target=http_client, args=(port, stats, stop, random.Random(rng.random())))
               for _ in range(args.clients)]
    threads.append(threading.Thread(target=producer, args=(port, stats, stop, args.burst, args.burst_every)))
    threads.append(threading.Thread(target=putter, args=(port, stats, stop, random.Random(rng.random()))))
    threads.append(threading.Thread(target=crons, args=(port, stats, stop)))
    samples = []
    start = time.time()
    print(f"soak: {args.duration:.0f} s, bursts of {args.burst}, {args.clients} clients, pid {proc.pid}")
    for t in threads:
        t.start()
    while time.time() - start < args.duration:
        try:
            depth = backlog(port)
        except (OSError, http.client.HTTPException, ValueError):
            depth = -1
        samples.append((round(time.time() - start, 1), round(rss_mb(proc.pid), 1), depth))
        time.sleep(1.0)
    stop.set()
    for t in threads:
        t.join(timeout=max(args.drain_timeout, 60))
    load_end = time.time()
    drained = False
    while time.time() - load_end < args.drain_timeout:
        depth = backlog(port)
        samples.append((round(time.time() - start, 1), round(rss_mb(proc.pid), 1), depth))
        if depth == 0:
            drained = True
            break
        time.sleep(1.0)
    drain_seconds = time.time() - load_end
    final_rss = rss_mb(proc.pid)
    code, _ = server.terminate()
    stored = stored_rows(root)
    log.close()

    loaded = [s for s in samples if s[0] <= args.duration]
    third = max(1, len(loaded) // 3)
    middle = max(s[1] for s in loaded[third:2 * third] or loaded)
    last = max(s[1] for s in loaded[2 * third:] or loaded)
    bounded = last <= middle * 1.25 + 32
    if args.csv:
        with open(args.csv, "w") as out:
            out.write("seconds,rss_mb,backlog\n")
            out.writelines(f"{t},{m},{b}\n" for t, m, b in samples)
    print("memory curve (every ~5 s): seconds  RSS MB  backlog")
    for t, m, b in samples[::5]:
        print(f"  {t:7.1f}  {m:7.1f}  {b}")
    rows = [
        ("duration (s)", args.duration), ("HTTP requests", stats.requests), ("request errors", len(stats.errors)),
        ("messages accepted", stats.accepted), ("messages stored", stored), ("R2 puts", stats.puts),
        ("cron triggers", stats.crons), ("backlog drained", f"{drained} in {drain_seconds:.1f} s after load"),
        ("RSS peak middle third / last third (MB)", f"{middle} / {last}"), ("RSS after drain (MB)", round(final_rss, 1)),
        ("exit code after SIGTERM", code),
    ]
    print("| figure | value |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")
    failures = []
    if stats.errors:
        failures.append(f"request errors: {stats.errors[:5]}")
    if not drained:
        failures.append("backlog did not drain")
    if stored != stats.accepted:
        failures.append(f"{stats.accepted - stored} accepted messages not stored")
    if not bounded:
        failures.append("RSS grew after warm-up")
    if code != 0:
        failures.append(f"exit {code}")
    if failures:
        print("FAILED:\n  - " + "\n  - ".join(failures) + f"\nkept {work}")
        sys.exit(1)
    print("OK")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
