"""An open log stream (`/cdn-cgi/local/tail`, the inspector's `api/logs`) must not hold up a
graceful shutdown: before the fix, `swiftflare dev` waited forever for the never-ending response
after SIGTERM, so an inspector tab left open made Ctrl-C hang."""

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

import pytest

from inspector_support import HOST, ROOT, free_port_block


@pytest.mark.parametrize("path", ["/cdn-cgi/local/tail", "/cdn-cgi/local/api/logs?history=1"])
def test_sigterm_ends_open_log_streams(swiftflare_binary, path):
    work = tempfile.mkdtemp(prefix="swiftflare-sse-")
    port = free_port_block(1)
    log = open(os.path.join(work, "dev.log"), "ab")
    process = subprocess.Popen(
        [str(swiftflare_binary), "dev", "--config", "wrangler-configs/coinswarm/wrangler-historical-queue-consumer.toml",
         "--persist-to", os.path.join(work, "state"), "--port", str(port), "--clock", "manual", "--no-watch"],
        cwd=ROOT, stdout=log, stderr=log, stdin=subprocess.DEVNULL)
    stream = None
    try:
        deadline = time.monotonic() + 60
        while stream is None:
            try:
                stream = socket.create_connection((HOST, port), timeout=2)
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("swiftflare dev did not start")
                time.sleep(0.1)
        stream.settimeout(15)
        stream.sendall(f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\n\r\n".encode())
        received = b""
        while b": swiftflare tail" not in received:
            chunk = stream.recv(4096)
            assert chunk, "the stream closed before it started"
            received += chunk
        assert received.startswith(b"HTTP/1.1 200")

        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
        # The stream was ended, not cut: the rest of the response arrives, then EOF.
        while chunk := stream.recv(4096):
            received += chunk
        assert received.endswith(b"0\r\n\r\n")
    finally:
        if stream is not None:
            stream.close()
        if process.poll() is None:
            process.kill()
            process.wait(timeout=5)
        log.close()
        shutil.rmtree(work, ignore_errors=True)
