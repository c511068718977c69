#!/usr/bin/env python3
"""Crash harness for `swiftflare dev` (standard library only; builds nothing).

Starts `swiftflare dev` on a temporary persist root with the configs in wrangler-configs/, drives
queue sends, R2 puts and the Coinswarm pipeline (`POST /trigger`) over 127.0.0.1, and kills the
process with SIGKILL at random (seeded) points, many times, restarting it each time. Then a phase
of SIGTERM restarts checks the graceful path. At the end it checks:

- every message the control route accepted (200) was delivered at least once and ended stored
  (`price_data`) or dead-lettered (`failed_ingestions`, queue `historical-data-dlq`);
- every R2 put that returned 200 reads back byte-identical (or as a later, unacknowledged put of
  the same key); nothing else (torn) is ever visible; no blob file without an index row after a start;
- every SQLite file (D1, broker, R2 index) passes `PRAGMA integrity_check`, checked on a copy of the
  files exactly as each kill left them;
- after SIGTERM nothing is redelivered (no duplicate deliveries in the SIGTERM phase).

Usage: scripts/crash-harness.py [--binary .build/release/swiftflare] [--kills 40] [--seed 1]
"""

import argparse
import glob
import hashlib
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

from sfharness import BUCKET, DLQ, QUEUE, request, sqlite_files
from sfharness import DevServer as Server
from sfharness import free_port_block as free_port_pair
from sfharness import price_data_db as coinswarm_db

SYMBOL = "CRASH-USD"
BASE_TS = 1_000_000


class Ledger:
    """What the harness sent and what the server acknowledged."""

    def __init__(self):
        self.lock = threading.Lock()
        self.next_id = 0
        self.accepted_valid = set()
        self.accepted_invalid = set()
        self.unknown = 0          # sends whose answer was lost in a kill
        self.rejected = 0         # non-200 answers
        self.r2_acked = {}        # key -> sha256 of the last acknowledged put
        self.r2_candidates = {}   # key -> set of sha256 a later, unanswered put may have left
        self.r2_written = 0
        self.r2_unknown = 0
        self.triggers_ok = 0
        self.triggers_failed = 0

    def ids(self, count):
        with self.lock:
            first = self.next_id
            self.next_id += count
            return range(first, first + count)


def message(n, valid):
    point = {"symbol": SYMBOL, "timestamp": BASE_TS + n, "timeframe": "1m", "source": "binance",
             "open": 1.0, "high": 2.0, "low": 0.5, "close": 1.5}
    if not valid:
        point["open"] = "not-a-number"
    return json.dumps(point, separators=(",", ":"))


def sender(port, ledger, rng, stop, invalid_rate):
    while not stop.is_set():
        count = rng.randint(1, 60)
        ids = ledger.ids(count)
        kinds = [rng.random() >= invalid_rate for _ in ids]
        body = "\n".join(message(n, v) for n, v in zip(ids, kinds)).encode()
        try:
            status, answer = request(port, "POST", f"/cdn-cgi/local/queues/{QUEUE}/send", body, timeout=30)
        except (OSError, http.client.HTTPException):
            with ledger.lock:
                ledger.unknown += count
            return
        with ledger.lock:
            if status == 200 and json.loads(answer).get("sent") == count:
                for n, v in zip(ids, kinds):
                    (ledger.accepted_valid if v else ledger.accepted_invalid).add(n)
            else:
                ledger.rejected += count


def putter(port, ledger, rng, stop, worker):
    while not stop.is_set():
        key = f"crash/{worker}/{rng.randint(0, 40)}"
        size = rng.choice([0, 1, 100, 4096, 65536, 300_000, 1_500_000])
        data = rng.randbytes(size) if size else b""
        digest = hashlib.sha256(data).hexdigest()
        with ledger.lock:
            ledger.r2_candidates.setdefault(key, set()).add(digest)
        try:
            status, _ = request(port, "PUT", f"/cdn-cgi/local/r2/{BUCKET}/{key}", data, timeout=30)
        except (OSError, http.client.HTTPException):
            with ledger.lock:
                ledger.r2_unknown += 1
            return
        with ledger.lock:
            if status == 200:
                ledger.r2_acked[key] = digest
                ledger.r2_candidates[key] = set()
                ledger.r2_written += 1
            else:
                ledger.r2_candidates[key].discard(digest)


def trigger(port, ledger, rng, stop):
    while not stop.is_set():
        try:
            status, _ = request(port, "POST", "/trigger", b"{}", timeout=30,
                                headers={"Content-Type": "application/json"})
            with ledger.lock:
                if status == 200:
                    ledger.triggers_ok += 1
                else:
                    ledger.triggers_failed += 1
        except (OSError, http.client.HTTPException):
            return
        stop.wait(rng.uniform(0.2, 0.6))


def run_load(port, ledger, rng, duration, invalid_rate, end_with):
    """Runs the load for `duration` seconds, then calls `end_with()` while it is still running."""
    stop = threading.Event()
    threads = [threading.Thread(target=sender, args=(port, ledger, random.Random(rng.random()), stop, invalid_rate))
               for _ in range(2)]
    threads += [threading.Thread(target=putter, args=(port, ledger, random.Random(rng.random()), stop, w))
                for w in range(2)]
    threads.append(threading.Thread(target=trigger, args=(port, ledger, random.Random(rng.random()), stop)))
    for t in threads:
        t.start()
    time.sleep(duration)
    result = end_with()
    stop.set()
    for t in threads:
        t.join(timeout=60)
    return result



def integrity_of_copies(root):
    """`PRAGMA integrity_check` of each SQLite file as left on disk (copied with its WAL first)."""
    problems = []
    with tempfile.TemporaryDirectory() as scratch:
        for index, path in enumerate(sqlite_files(root)):
            copy = os.path.join(scratch, f"{index}.sqlite")
            for suffix in ("", "-wal"):
                if os.path.exists(path + suffix):
                    shutil.copyfile(path + suffix, copy + suffix)
            db = sqlite3.connect(copy)
            try:
                result = db.execute("PRAGMA integrity_check").fetchall()
            finally:
                db.close()
            if result != [("ok",)]:
                problems.append((path, result))
    return problems


def r2_index(root):
    paths = glob.glob(os.path.join(root, "v3", "r2", "miniflare-R2BucketObject", "*.sqlite"))
    return paths[0] if paths else None


def orphans(root):
    """Blob files no object or part row refers to (checked after a start, with no put in flight)."""
    index = r2_index(root)
    blob_dir = os.path.join(root, "v3", "r2", BUCKET, "blobs")
    if index is None or not os.path.isdir(blob_dir):
        return []
    db = sqlite3.connect(f"file:{index}?mode=ro", uri=True)
    try:
        used = {row[0] for row in db.execute(
            "SELECT blob_id FROM _mf_objects WHERE blob_id IS NOT NULL UNION SELECT blob_id FROM _mf_multipart_parts")}
    finally:
        db.close()
    return [name for name in os.listdir(blob_dir) if name not in used]


def backlog(port):
    total = 0
    for name in (QUEUE, DLQ):
        status, body = request(port, "GET", f"/cdn-cgi/local/queues/{name}", timeout=10)
        if status != 200:
            continue
        info = json.loads(body)
        total += sum(int(info.get(k, 0) or 0) for k in ("backlog", "messages", "count", "inFlight", "delayed")
                     if isinstance(info.get(k, 0), (int, float)))
    return total


def drain(port, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if backlog(port) == 0:
            time.sleep(1.0)
            if backlog(port) == 0:
                return True
        time.sleep(0.5)
    return False


def duplicate_deliveries(root):
    """Deliveries of a valid message after one that stored it (attempted minus inserted), and
    dead-letter records beyond the first for each invalid message."""
    path = coinswarm_db(root)
    if path is None:
        return 0
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        attempted, inserted = db.execute(
            "SELECT COALESCE(SUM(batch_size), 0), COALESCE(SUM(inserted), 0) FROM ingestion_stats "
            "WHERE source = 'binance'").fetchone()
        dlq_extra = db.execute(
            "SELECT COALESCE(SUM(c - 1), 0) FROM (SELECT COUNT(*) AS c FROM failed_ingestions "
            "WHERE queue = ? AND symbol = ? GROUP BY timestamp)", (DLQ, SYMBOL)).fetchone()[0]
    finally:
        db.close()
    return int(attempted - inserted + dlq_extra)


def verify_messages(root, ledger):
    path = coinswarm_db(root)
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        stored = {row[0] - BASE_TS for row in db.execute(
            "SELECT timestamp FROM price_data WHERE symbol = ? AND source = 'binance'", (SYMBOL,))}
        dead = {row[0] - BASE_TS for row in db.execute(
            "SELECT DISTINCT timestamp FROM failed_ingestions WHERE queue = ? AND symbol = ?", (DLQ, SYMBOL))}
    finally:
        db.close()
    lost_valid = ledger.accepted_valid - stored
    lost_invalid = ledger.accepted_invalid - dead
    return {
        "stored": len(ledger.accepted_valid & stored),
        "dead_lettered": len(ledger.accepted_invalid & dead),
        "lost": len(lost_valid) + len(lost_invalid),
        "lost_examples": sorted(lost_valid | lost_invalid)[:10],
        "invalid_stored": len(ledger.accepted_invalid & stored),
    }


def verify_objects(port, ledger):
    torn, missing, checked = [], [], 0
    keys = set(ledger.r2_acked) | {k for k, v in ledger.r2_candidates.items() if v}
    for key in sorted(keys):
        status, body = request(port, "GET", f"/cdn-cgi/local/r2/{BUCKET}/{key}", timeout=30)
        acked = ledger.r2_acked.get(key)
        allowed = set(ledger.r2_candidates.get(key, set()))
        if acked:
            allowed.add(acked)
        if status == 404:
            if acked:
                missing.append(key)
            continue
        checked += 1
        if status != 200 or hashlib.sha256(body).hexdigest() not in allowed:
            torn.append(key)
    return {"checked": checked, "torn": torn, "missing": missing}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default_binary = ".build/release/swiftflare" if os.path.exists(".build/release/swiftflare") \
        else ".build/debug/swiftflare"
    parser.add_argument("--binary", default=default_binary)
    parser.add_argument("--kills", type=int, default=40, help="SIGKILL restarts")
    parser.add_argument("--terms", type=int, default=5, help="SIGTERM restarts after the kills")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--min-life", type=float, default=0.3, help="shortest load before a kill (s)")
    parser.add_argument("--max-life", type=float, default=3.0, help="longest load before a kill (s)")
    parser.add_argument("--invalid-rate", type=float, default=0.03, help="share of messages that must dead-letter")
    parser.add_argument("--drain-timeout", type=float, default=300.0)
    parser.add_argument("--keep", action="store_true", help="keep the persist root and log")
    args = parser.parse_args()
    if not os.path.exists(args.binary):
        sys.exit(f"{args.binary} not found: build it first (swift build [-c release])")

    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix="swiftflare-crash-")
    root = os.path.join(work, "state")
    log = open(os.path.join(work, "dev.log"), "ab")
    port = free_port_pair()
    server = Server(args.binary, root, port, log)
    ledger = Ledger()
    failures = []
    orphan_total = 0
    integrity_problems = []
    started = time.time()

    print(f"crash harness: seed {args.seed}, {args.kills} kills + {args.terms} SIGTERMs, port {port}, root {root}")
    server.start()
    for kill in range(args.kills):
        life = rng.uniform(args.min_life, args.max_life)
        run_load(port, ledger, rng, life, args.invalid_rate, server.kill)
        integrity_problems += integrity_of_copies(root)
        server.start()
        found = orphans(root)
        orphan_total += len(found)
        if found:
            failures.append(f"kill {kill + 1}: {len(found)} orphan blobs after start")
        sys.stdout.write(f"  kill {kill + 1}/{args.kills}: accepted {len(ledger.accepted_valid) + len(ledger.accepted_invalid)}"
                         f" messages, {ledger.r2_written} puts\n")
        sys.stdout.flush()
    print()
    if not drain(port, args.drain_timeout):
        failures.append("backlog did not drain after the kills")
    kill_duplicates = duplicate_deliveries(root)

    term_codes = []
    for term in range(args.terms):
        life = rng.uniform(args.min_life, args.max_life)
        code, seconds = run_load(port, ledger, rng, life, args.invalid_rate, server.terminate)
        term_codes.append((code, round(seconds, 2)))
        if code != 0:
            failures.append(f"SIGTERM {term + 1}: exit {code}")
        integrity_problems += integrity_of_copies(root)
        server.start()
        found = orphans(root)
        orphan_total += len(found)
        if found:
            failures.append(f"SIGTERM {term + 1}: {len(found)} orphan blobs after start")
    if not drain(port, args.drain_timeout):
        failures.append("backlog did not drain after the SIGTERMs")
    term_duplicates = duplicate_deliveries(root) - kill_duplicates

    objects = verify_objects(port, ledger)
    code, _ = server.terminate()
    if code != 0:
        failures.append(f"final SIGTERM: exit {code}")
    integrity_problems += integrity_of_copies(root)
    messages = verify_messages(root, ledger)
    log.close()

    if integrity_problems:
        failures.append(f"integrity_check failed: {integrity_problems[:3]}")
    if messages["lost"]:
        failures.append(f"lost messages, e.g. ids {messages['lost_examples']}")
    if messages["invalid_stored"]:
        failures.append("invalid messages were stored")
    if objects["torn"] or objects["missing"]:
        failures.append(f"R2: torn {objects['torn'][:5]}, missing {objects['missing'][:5]}")
    if term_duplicates:
        failures.append(f"{term_duplicates} redeliveries after SIGTERM")

    accepted = len(ledger.accepted_valid) + len(ledger.accepted_invalid)
    rows = [
        ("seed", args.seed),
        ("SIGKILLs", args.kills),
        ("SIGTERMs (exit code, seconds)", ", ".join(f"{c}/{s}" for c, s in term_codes) or "-"),
        ("messages accepted (sent, 200)", accepted),
        ("  of which must dead-letter", len(ledger.accepted_invalid)),
        ("sends cut by a kill (unknown)", ledger.unknown),
        ("delivered (stored + dead-lettered)", messages["stored"] + messages["dead_lettered"]),
        ("  stored in price_data", messages["stored"]),
        ("  dead-lettered to failed_ingestions", messages["dead_lettered"]),
        ("duplicate deliveries after SIGKILL", kill_duplicates),
        ("duplicate deliveries after SIGTERM", term_duplicates),
        ("lost", messages["lost"]),
        ("R2 objects written (put returned 200)", ledger.r2_written),
        ("R2 puts cut by a kill", ledger.r2_unknown),
        ("R2 keys read back", objects["checked"]),
        ("torn objects", len(objects["torn"])),
        ("acknowledged objects missing", len(objects["missing"])),
        ("orphan blobs after a start", orphan_total),
        ("SQLite integrity_check failures", len(integrity_problems)),
        ("POST /trigger ok / failed", f"{ledger.triggers_ok} / {ledger.triggers_failed}"),
        ("wall time (s)", round(time.time() - started, 1)),
    ]
    width = max(len(r[0]) for r in rows)
    print("| figure | value |\n|---|---|")
    for name, value in rows:
        print(f"| {name.ljust(width)} | {value} |")
    if failures:
        print("FAILED:")
        for failure in failures:
            print("  -", failure)
        print(f"kept {work} for inspection")
        sys.exit(1)
    print("OK: nothing lost, nothing torn, every database intact")
    if args.keep:
        print(f"kept {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
