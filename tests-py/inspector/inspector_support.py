"""Helpers for the inspector's tests: the configs and a client for a running `swiftflare dev`
(ports, requests and the process itself come from scripts/sfharness.py). A module with a name of its own, so another topic's conftest.py cannot shadow it."""

import json
import pathlib

from sfharness import HOST, request

ROOT = pathlib.Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "inspector"
CONFIGS = [
    "wrangler-configs/coinswarm/wrangler_historical_import.toml",
    "wrangler-configs/coinswarm/wrangler-historical-queue-producer.toml",
    "wrangler-configs/coinswarm/wrangler-historical-queue-consumer.toml",
    "wrangler-configs/building-vitals/wrangler.toml",
]


class DevServer:
    """A running `swiftflare dev` and small HTTP helpers for its control routes."""

    def __init__(self, port, process, log_path):
        self.port = port
        self.process = process
        self.log_path = log_path
        self.base = f"http://{HOST}:{port}"
        self.inspector = f"{self.base}/cdn-cgi/local/inspector"

    def request(self, method, path, body=None, timeout=30):
        return request(self.port, method, path, body=body, timeout=timeout)

    def json(self, method, path, body=None):
        status, data = self.request(method, path, body)
        assert 200 <= status < 300, f"{method} {path} -> {status}: {data[:300]!r}"
        return json.loads(data)

    def queue(self, name):
        return self.json("GET", f"/cdn-cgi/local/api/queues/{name}")

    def advance(self, seconds):
        return self.json("POST", f"/cdn-cgi/local/api/crons/advance?seconds={seconds}")


