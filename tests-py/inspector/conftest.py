"""Fixtures for the inspector's browser tests: `swiftflare dev` on the Coinswarm configs (plus the
building-vitals config, the only one with an R2 bucket), offline (replayed fixtures) and on the
manual clock, and headless Debian Chromium driven by Selenium."""

import os
import pathlib
import shutil
import tempfile

import pytest
import sfharness

from inspector_support import ARTIFACTS, CONFIGS, ROOT, DevServer
from sfharness import free_port_block


@pytest.fixture(scope="session")
def dev_server(swiftflare_binary):
    work = tempfile.mkdtemp(prefix="swiftflare-inspector-")
    port = free_port_block()
    log_path = os.path.join(work, "dev.log")
    extra = ["--fetch", "replay", "--fixtures", "fixtures", "--clock", "manual", "--no-watch",
             "--primary", "coinswarm-historical-import"]
    for config in CONFIGS:
        extra += ["--config", config]
    with open(log_path, "ab") as log:
        process = sfharness.DevServer(swiftflare_binary, os.path.join(work, "state"), port, log, extra=extra,
                                      log_level="info", preset=(), cwd=ROOT)
        try:
            process.start(timeout=60)
        except RuntimeError as error:
            pytest.fail(f"{error}:\n" + pathlib.Path(log_path).read_text()[-3000:])
    server = DevServer(port, process.proc, log_path)
    try:
        yield server
    finally:
        process.terminate(timeout=15)
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
