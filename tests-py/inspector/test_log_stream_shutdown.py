"""An open log stream (`/cdn-cgi/local/tail`, the inspector's `api/logs`) must not hold up a
graceful shutdown: before the fix, `swiftflare dev` waited forever for the never-ending response
after SIGTERM, so an inspector tab left open made Ctrl-C hang."""

import os
import shutil
import signal
import socket
import tempfile

import pytest
from sfharness import HOST, DevServer, free_port_block

from inspector_support import ROOT


@pytest.mark.parametrize("path", ["/cdn-cgi/local/tail", "/cdn-cgi/local/api/logs?history=1"])
def test_sigterm_ends_open_log_streams(swiftflare_binary, path):
    work = tempfile.mkdtemp(prefix="swiftflare-sse-")
    port = free_port_block(1)
    log = open(os.path.join(work, "dev.log"), "ab")
    server = DevServer(
        swiftflare_binary, os.path.join(work, "state"), port, log, preset=(), cwd=ROOT,
        extra=["--config", "wrangler-configs/coinswarm/wrangler-historical-queue-consumer.toml", "--clock", "manual",
               "--no-watch"])
    stream = None
    try:
        try:
            server.start(timeout=60)
        except RuntimeError as error:
            pytest.fail(str(error))
        process = server.proc
        stream = socket.create_connection((HOST, port), timeout=2)
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
        if server.proc is not None and server.proc.poll() is None:
            server.kill()
        log.close()
        shutil.rmtree(work, ignore_errors=True)
