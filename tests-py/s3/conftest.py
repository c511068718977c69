"""A running `swiftflare dev` with its S3 endpoint, and S3 clients pointed at it.

The server binds two loopback ports: the dev port (worker + control routes, S3 under
`/cdn-cgi/local/r2/s3`) and `--s3-port` (S3 at the root). It binds the R2 bucket
`building-vitals-cache` to the building-vitals worker, so the worker-facing R2 API (the
`/cdn-cgi/local/r2/<bucket>/<key>` control route, which calls the same `LocalR2Bucket` the
worker's `env.TIMESERIES_CACHE` binding is) sees what S3 clients write.
"""

import pathlib
import sys
import tempfile

import pytest
import sfharness
from sfharness import free_port_block

sys.path.insert(0, str(pathlib.Path(__file__).parent))

from s3support import ACCESS_KEY, CONFIG, SECRET_KEY, DevServer, make_client  # noqa: E402


@pytest.fixture(scope="session")
def s3_server(swiftflare_binary):
    """`swiftflare dev` with `--s3-port` and pytest's own credentials (via flags)."""
    with tempfile.TemporaryDirectory(prefix="swiftflare-s3-pytest-") as tmp:
        tmp = pathlib.Path(tmp)
        (tmp / "wrangler.toml").write_text(CONFIG)
        dev_port, s3_port = free_port_block(1), free_port_block(1)
        log = open(tmp / "dev.log", "w+")
        process = sfharness.DevServer(
            swiftflare_binary, tmp / "state", dev_port, log, preset=(),
            extra=["--config", str(tmp / "wrangler.toml"), "--s3-port", str(s3_port), "--no-watch",
                   "--s3-access-key-id", ACCESS_KEY, "--s3-secret-access-key", SECRET_KEY])
        try:
            try:
                process.start(timeout=60)
            except RuntimeError as error:
                log.seek(0)
                pytest.fail(f"{error}:\n{log.read()}")
            yield DevServer(dev_port, s3_port, tmp / "state")
        finally:
            if process.proc is not None:
                process.terminate(timeout=20)
            log.close()


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
