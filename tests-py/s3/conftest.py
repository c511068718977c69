"""A running `swiftflare dev` with its S3 endpoint, and S3 clients pointed at it.

The server binds two loopback ports: the dev port (worker + control routes, S3 under
`/cdn-cgi/local/r2/s3`) and `--s3-port` (S3 at the root). It binds the R2 bucket
`building-vitals-cache` to the building-vitals worker, so the worker-facing R2 API (the
`/cdn-cgi/local/r2/<bucket>/<key>` control route, which calls the same `LocalR2Bucket` the
worker's `env.TIMESERIES_CACHE` binding is) sees what S3 clients write.
"""

import http.client
import os
import pathlib
import socket
import subprocess
import tempfile
import time

import pytest

ACCESS_KEY = "pytest-access-key"
SECRET_KEY = "pytest-secret-key"
BOUND_BUCKET = "building-vitals-cache"
HOST = "127.0.0.1"

CONFIG = f"""
name = "building-vitals-worker"
main = "src/index.js"
compatibility_date = "2024-10-01"

[[r2_buckets]]
binding = "TIMESERIES_CACHE"
bucket_name = "{BOUND_BUCKET}"
"""


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class DevServer:
    def __init__(self, dev_port, s3_port, root):
        self.dev_port, self.s3_port, self.root = dev_port, s3_port, root

    @property
    def dev_endpoint(self):
        return f"http://{HOST}:{self.dev_port}/cdn-cgi/local/r2/s3"

    @property
    def s3_endpoint(self):
        return f"http://{HOST}:{self.s3_port}"

    def request(self, method, path, body=None, headers=None, port=None, timeout=30):
        """A plain HTTP request (no signature) to the dev port; returns (status, headers, bytes)."""
        conn = http.client.HTTPConnection(HOST, port or self.dev_port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            conn.close()


@pytest.fixture(scope="session")
def s3_server(swiftflare_binary):
    """`swiftflare dev` with `--s3-port` and pytest's own credentials (via flags)."""
    with tempfile.TemporaryDirectory(prefix="swiftflare-s3-pytest-") as tmp:
        tmp = pathlib.Path(tmp)
        (tmp / "wrangler.toml").write_text(CONFIG)
        dev_port, s3_port = free_port(), free_port()
        log = open(tmp / "dev.log", "w+")
        args = [
            str(swiftflare_binary), "dev", "--config", str(tmp / "wrangler.toml"), "--persist-to", str(tmp / "state"),
            "--port", str(dev_port), "--s3-port", str(s3_port), "--no-watch", "--log-level", "warning",
            "--s3-access-key-id", ACCESS_KEY, "--s3-secret-access-key", SECRET_KEY,
        ]
        proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        server = DevServer(dev_port, s3_port, tmp / "state")
        try:
            deadline = time.time() + 60
            while True:
                if proc.poll() is not None:
                    log.seek(0)
                    pytest.fail(f"swiftflare dev exited with {proc.returncode}:\n{log.read()}")
                try:
                    if server.request("GET", "/cdn-cgi/local/workers", timeout=2)[0] == 200:
                        break
                except OSError:
                    pass
                if time.time() > deadline:
                    pytest.fail("swiftflare dev did not become ready in 60 s")
                time.sleep(0.05)
            yield server
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
            log.close()


def make_client(endpoint, secret=SECRET_KEY, addressing="path"):
    import boto3
    from botocore.config import Config

    return boto3.client(
        "s3", endpoint_url=endpoint, aws_access_key_id=ACCESS_KEY, aws_secret_access_key=secret,
        region_name="auto",
        config=Config(s3={"addressing_style": addressing}, retries={"max_attempts": 1}, connect_timeout=10,
                      read_timeout=60),
    )


@pytest.fixture(scope="session", params=["s3-port", "dev-port"])
def s3(request, s3_server):
    """A boto3 client on the `--s3-port` root and on the dev port's `/cdn-cgi/local/r2/s3`."""
    endpoint = s3_server.s3_endpoint if request.param == "s3-port" else s3_server.dev_endpoint
    return make_client(endpoint)


@pytest.fixture
def bucket(s3, request):
    """A fresh bucket for one test (emptied and deleted afterwards)."""
    name = "t-" + request.node.name.lower().replace("_", "-").replace("[", "-").replace("]", "")[:50].rstrip("-")
    s3.create_bucket(Bucket=name)
    yield name
    for upload in s3.list_multipart_uploads(Bucket=name).get("Uploads", []):
        s3.abort_multipart_upload(Bucket=name, Key=upload["Key"], UploadId=upload["UploadId"])
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=name):
        for obj in page.get("Contents", []):
            s3.delete_object(Bucket=name, Key=obj["Key"])
    s3.delete_bucket(Bucket=name)


def aws_env(server):
    env = dict(os.environ)
    env.update(AWS_ACCESS_KEY_ID=ACCESS_KEY, AWS_SECRET_ACCESS_KEY=SECRET_KEY, AWS_DEFAULT_REGION="auto",
               AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null", AWS_PAGER="")
    return env
