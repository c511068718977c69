"""Fixtures for the inspector's browser tests: `swiftflare dev` on the Coinswarm configs (plus the
building-vitals config, the only one with an R2 bucket), offline (replayed fixtures) and on the
manual clock, and headless Debian Chromium driven by Selenium."""

import http.client
import json
import os
import pathlib
import shutil
import socket
import subprocess
import tempfile
import time

import pytest

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


@pytest.fixture(scope="session")
def dev_server(swiftflare_binary):
    work = tempfile.mkdtemp(prefix="swiftflare-inspector-")
    port = free_port_block()
    log_path = os.path.join(work, "dev.log")
    args = [str(swiftflare_binary), "dev", "--persist-to", os.path.join(work, "state"), "--port", str(port),
            "--fetch", "replay", "--fixtures", "fixtures", "--clock", "manual", "--no-watch",
            "--primary", "coinswarm-historical-import", "--log-level", "info"]
    for config in CONFIGS:
        args += ["--config", config]
    with open(log_path, "ab") as log:
        process = subprocess.Popen(args, cwd=ROOT, stdout=log, stderr=log, stdin=subprocess.DEVNULL)
    server = DevServer(port, process, log_path)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if server.request("GET", "/cdn-cgi/local/api/workers", timeout=2)[0] == 200:
                    break
            except (OSError, http.client.HTTPException):
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("swiftflare dev did not start:\n" + pathlib.Path(log_path).read_text()[-3000:])
            time.sleep(0.1)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(log_path, ARTIFACTS / "dev.log")
        shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    chromium = shutil.which("chromium")
    driver_path = shutil.which("chromedriver")
    if not chromium or not driver_path:
        pytest.fail("chromium and chromium-driver are required: run scripts/ensure-deps.sh")
    os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium Manager download anything
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 "--window-size=1400,1000", "--no-first-run", "--disable-extensions"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(30)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()
