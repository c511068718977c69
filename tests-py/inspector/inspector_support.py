"""Helpers for the inspector's tests: the configs, free loopback ports and a client for a running
`swiftflare dev`. A module with a name of its own, so another topic's conftest.py cannot shadow it."""

import http.client
import json
import pathlib
import socket

ROOT = pathlib.Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
ARTIFACTS = ROOT / "test-artifacts" / "inspector"
CONFIGS = [
    "wrangler-configs/coinswarm/wrangler_historical_import.toml",
    "wrangler-configs/coinswarm/wrangler-historical-queue-producer.toml",
    "wrangler-configs/coinswarm/wrangler-historical-queue-consumer.toml",
    "wrangler-configs/building-vitals/wrangler.toml",
]


def free_port_block(count=4):
    """A port whose next `count - 1` ports are free too (dev gives each fetch worker its own port)."""
    for _ in range(200):
        with socket.socket() as probe:
            probe.bind((HOST, 0))
            port = probe.getsockname()[1]
        if port + count >= 65535:
            continue
        ok = True
        for candidate in range(port, port + count):
            with socket.socket() as test:
                try:
                    test.bind((HOST, candidate))
                except OSError:
                    ok = False
                    break
        if ok:
            return port
    raise RuntimeError("no block of free loopback ports")


class DevServer:
    """A running `swiftflare dev` and small HTTP helpers for its control routes."""

    def __init__(self, port, process, log_path):
        self.port = port
        self.process = process
        self.log_path = log_path
        self.base = f"http://{HOST}:{port}"
        self.inspector = f"{self.base}/cdn-cgi/local/inspector"

    def request(self, method, path, body=None, timeout=30):
        conn = http.client.HTTPConnection(HOST, self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body)
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()

    def json(self, method, path, body=None):
        status, data = self.request(method, path, body)
        assert 200 <= status < 300, f"{method} {path} -> {status}: {data[:300]!r}"
        return json.loads(data)

    def queue(self, name):
        return self.json("GET", f"/cdn-cgi/local/api/queues/{name}")

    def advance(self, seconds):
        return self.json("POST", f"/cdn-cgi/local/api/crons/advance?seconds={seconds}")


