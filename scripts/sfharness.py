"""What the reliability harnesses share (standard library only; loopback only).

`free_port_block`, `request`, `DevServer` (one `swiftflare dev` process on the seeds' configs),
`rss_mb`, and the look-ups of the persisted state they check (`sqlite_files`, `price_data_db`).
"""

import glob
import http.client
import os
import signal
import random
import socket
import sqlite3
import subprocess
import time

HOST = "127.0.0.1"
QUEUE = "historical-data-queue"
DLQ = "historical-data-dlq"
BUCKET = "building-vitals-cache"


def free_port_block(count=4):
    """A port p such that p..p+count-1 are free (the dev server takes one port per fetch worker).

    Picked below Linux's ephemeral range (32768 and up): a soak's tens of thousands of short client
    connections leave that range full of TIME_WAIT sockets for a minute, and a block drawn from it
    then rarely binds ("no free ports" in the tests that follow the soak)."""
    rng = random.Random()
    for _ in range(500):
        port = rng.randint(20000, 32000 - count)
        ok = True
        for candidate in range(port, port + count):
            test = socket.socket()
            try:
                test.bind((HOST, candidate))
            except OSError:
                ok = False
            finally:
                test.close()
        if ok:
            return port
    raise RuntimeError("no free ports")


def request(port, method, path, body=None, timeout=30.0, headers=None):
    """One HTTP request to 127.0.0.1; returns (status, bytes) or raises OSError/HTTPException."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def rss_mb(pid):
    """The resident set size of `pid` in MB (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class DevServer:
    """One `swiftflare dev` process. By default it serves every config under wrangler-configs/,
    replaying fixtures, with the import worker on `port`; `preset=()` drops those defaults and
    `extra` adds arguments (configs, clocks, ports)."""

    COINSWARM_PRESET = ("--fetch", "replay", "--primary", "coinswarm-historical-import")

    def __init__(self, binary, root, port, log, extra=(), log_level="warning", preset=COINSWARM_PRESET, cwd=None):
        self.binary, self.root, self.port, self.log = binary, root, port, log
        self.extra, self.log_level, self.preset, self.cwd = list(extra), log_level, list(preset), cwd
        self.proc = None

    def start(self, timeout=120.0):
        """Starts the process and waits until its control routes answer."""
        args = [str(self.binary), "dev", "--persist-to", str(self.root), "--port", str(self.port),
                "--log-level", self.log_level] + self.preset + self.extra
        self.proc = subprocess.Popen(args, cwd=self.cwd, stdout=self.log, stderr=self.log, stdin=subprocess.DEVNULL)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"swiftflare dev exited with {self.proc.returncode} during start (see log)")
            try:
                if request(self.port, "GET", "/cdn-cgi/local/workers", timeout=2)[0] == 200:
                    return
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.05)
        raise RuntimeError("swiftflare dev did not become ready")

    def kill(self):
        """SIGKILL, then reap."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def terminate(self, timeout=60.0):
        """SIGTERM; returns (exit code or "timeout", seconds taken)."""
        start = time.time()
        self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            code = "timeout"
        return code, time.time() - start


def sqlite_files(root):
    """Every SQLite file under the persist root's v3/ tree."""
    return sorted(glob.glob(os.path.join(root, "v3", "**", "*.sqlite"), recursive=True))


def price_data_db(root):
    """The D1 file holding Coinswarm's `price_data` table, or None."""
    for path in sqlite_files(root):
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'price_data'").fetchone():
                return path
        finally:
            db.close()
    return None
