"""Signature checks, aws-chunked streaming uploads, virtual-host addressing, and the same bytes
seen through S3 and through the worker-facing R2 API.

The worker side is the `/cdn-cgi/local/r2/<bucket>/<key>` control route of the dev port: it calls
`get`/`put` on the very `LocalR2Bucket` instance that is the worker's `env.TIMESERIES_CACHE`
binding (bucket `building-vitals-cache`).
"""

import datetime
import hashlib
import hmac
import http.client
import os

import pytest
from botocore.auth import S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

from s3support import ACCESS_KEY, BOUND_BUCKET, HOST, SECRET_KEY, make_client


def test_wrong_signature_is_refused(s3_server):
    for endpoint in (s3_server.s3_endpoint, s3_server.dev_endpoint):
        bad = make_client(endpoint, secret="not-the-secret")
        with pytest.raises(ClientError) as refused:
            bad.list_buckets()
        assert refused.value.response["Error"]["Code"] == "SignatureDoesNotMatch"
        assert refused.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403


def test_unsigned_request_is_refused_with_xml(s3_server):
    for port, path in ((s3_server.s3_port, "/"), (s3_server.dev_port, "/cdn-cgi/local/r2/s3/")):
        status, headers, body = s3_server.request("GET", path, port=port)
        assert status == 403
        assert headers["Content-Type"] == "application/xml"
        assert b"<Code>AccessDenied</Code>" in body


def test_s3_put_is_visible_to_the_worker_r2_api(s3_server):
    s3 = make_client(s3_server.s3_endpoint)
    body = os.urandom(2 * 1024 * 1024 + 7)
    s3.put_object(Bucket=BOUND_BUCKET, Key="interop/from-s3.bin", Body=body)
    status, headers, got = s3_server.request("GET", f"/cdn-cgi/local/r2/{BOUND_BUCKET}/interop/from-s3.bin")
    assert status == 200
    assert got == body
    assert headers["ETag"] == f'"{hashlib.md5(body).hexdigest()}"'


def test_worker_r2_put_is_visible_to_s3(s3_server):
    body = os.urandom(3 * 1024 * 1024 + 11)
    status, _, _ = s3_server.request("PUT", f"/cdn-cgi/local/r2/{BOUND_BUCKET}/interop/from-worker.bin", body=body)
    assert status == 200
    for endpoint in (s3_server.s3_endpoint, s3_server.dev_endpoint):
        got = make_client(endpoint).get_object(Bucket=BOUND_BUCKET, Key="interop/from-worker.bin")
        assert got["Body"].read() == body
        assert got["ETag"] == f'"{hashlib.md5(body).hexdigest()}"'


def sign(method, url, headers, body):
    request = AWSRequest(method=method, url=url, data=body, headers=headers)
    S3SigV4Auth(Credentials(ACCESS_KEY, SECRET_KEY), "s3", "auto").add_auth(request)
    signed = dict(request.headers.items())
    signed["Host"] = url.split("/")[2]
    return signed


def test_virtual_host_style(s3_server):
    """`Host: <bucket>.localhost:<s3-port>` names the bucket (sent to 127.0.0.1 directly, since
    `*.localhost` may not resolve here)."""
    s3 = make_client(s3_server.s3_endpoint)
    s3.create_bucket(Bucket="vhost-bucket")
    authority = f"vhost-bucket.localhost:{s3_server.s3_port}"
    headers = sign("PUT", f"http://{authority}/v.txt", {"x-amz-content-sha256": hashlib.sha256(b"vh").hexdigest()},
                   b"vh")
    status, _, body = s3_server.request("PUT", "/v.txt", body=b"vh", headers=headers, port=s3_server.s3_port)
    assert status == 200, body
    assert s3.get_object(Bucket="vhost-bucket", Key="v.txt")["Body"].read() == b"vh"
    headers = sign("GET", f"http://{authority}/?list-type=2", {"x-amz-content-sha256": hashlib.sha256(b"").hexdigest()},
                   b"")
    status, _, body = s3_server.request("GET", "/?list-type=2", headers=headers, port=s3_server.s3_port)
    assert status == 200 and b"<Key>v.txt</Key>" in body
    s3.delete_object(Bucket="vhost-bucket", Key="v.txt")
    s3.delete_bucket(Bucket="vhost-bucket")


def _hmac(key, text):
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


def chunked_put(server, port, path, data, chunk_size, tamper=False):
    """PUT with `STREAMING-AWS4-HMAC-SHA256-PAYLOAD`, chunk signatures chained from the seed (as
    the Java/Go SDKs and rclone send; boto3 signs the whole payload over plain HTTP instead)."""
    now = datetime.datetime.now(datetime.timezone.utc)
    amz_date, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
    scope = f"{day}/auto/s3/aws4_request"
    chunks = [data[i:i + chunk_size] for i in range(0, len(data), chunk_size)] + [b""]
    encoded_length = sum(len(f"{len(c):x};chunk-signature=".encode()) + 64 + 2 + len(c) + 2 for c in chunks)
    headers = {
        "host": f"{HOST}:{port}", "content-encoding": "aws-chunked", "content-length": str(encoded_length),
        "x-amz-content-sha256": "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "x-amz-date": amz_date,
        "x-amz-decoded-content-length": str(len(data)),
    }
    signed = sorted(headers)
    canonical = "\n".join(["PUT", path, ""] + [f"{h}:{headers[h]}" for h in signed] + ["", ";".join(signed),
                                                                                     headers["x-amz-content-sha256"]])
    string_to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    key = _hmac(_hmac(_hmac(_hmac(("AWS4" + SECRET_KEY).encode(), day), "auto"), "s3"), "aws4_request")
    previous = hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()
    body = b""
    empty = hashlib.sha256(b"").hexdigest()
    for chunk in chunks:
        chunk_string = "\n".join(["AWS4-HMAC-SHA256-PAYLOAD", amz_date, scope, previous, empty,
                                  hashlib.sha256(chunk).hexdigest()])
        previous = hmac.new(key, chunk_string.encode(), hashlib.sha256).hexdigest()
        body += f"{len(chunk):x};chunk-signature={previous}\r\n".encode() + chunk + b"\r\n"
    if tamper:
        body = body[:100] + bytes([body[100] ^ 1]) + body[101:]
    headers["authorization"] = (f"AWS4-HMAC-SHA256 Credential={ACCESS_KEY}/{scope}, "
                                f"SignedHeaders={';'.join(signed)}, Signature=" + hmac.new(
                                    key, string_to_sign.encode(), hashlib.sha256).hexdigest())
    del headers["host"]
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        conn.request("PUT", path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def test_aws_chunked_signed_upload(s3_server):
    s3 = make_client(s3_server.s3_endpoint)
    s3.create_bucket(Bucket="chunked-bucket")
    data = os.urandom(200_000)
    status, body = chunked_put(s3_server, s3_server.s3_port, "/chunked-bucket/streamed.bin", data, 64 * 1024)
    assert status == 200, body
    assert s3.get_object(Bucket="chunked-bucket", Key="streamed.bin")["Body"].read() == data
    status, body = chunked_put(s3_server, s3_server.dev_port, "/cdn-cgi/local/r2/s3/chunked-bucket/dev.bin", data,
                               8192)
    assert status == 200, body
    assert s3.get_object(Bucket="chunked-bucket", Key="dev.bin")["Body"].read() == data
    status, body = chunked_put(s3_server, s3_server.s3_port, "/chunked-bucket/tampered.bin", data, 64 * 1024,
                               tamper=True)
    assert status == 403 and b"SignatureDoesNotMatch" in body
    with pytest.raises(ClientError):
        s3.head_object(Bucket="chunked-bucket", Key="tampered.bin")
    for key in ("streamed.bin", "dev.bin"):
        s3.delete_object(Bucket="chunked-bucket", Key=key)
    s3.delete_bucket(Bucket="chunked-bucket")


def test_bound_bucket_cannot_be_deleted(s3_server):
    s3 = make_client(s3_server.s3_endpoint)
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=BOUND_BUCKET):
        for obj in page.get("Contents", []):
            s3.delete_object(Bucket=BOUND_BUCKET, Key=obj["Key"])
    with pytest.raises(ClientError) as refused:
        s3.delete_bucket(Bucket=BOUND_BUCKET)
    assert refused.value.response["Error"]["Code"] == "InvalidBucketState"


def test_expect_100_continue_is_answered(s3_server):
    """Both ports send `100 Continue` at once (clients otherwise wait a second before the body)."""
    import socket
    import time

    for port in (s3_server.dev_port, s3_server.s3_port):
        with socket.create_connection((HOST, port), timeout=5) as sock:
            start = time.perf_counter()
            sock.sendall(f"PUT /cdn-cgi/local/r2/s3/x/y HTTP/1.1\r\nHost: {HOST}:{port}\r\nContent-Length: 3\r\n"
                         "Expect: 100-continue\r\n\r\n".encode())
            received = sock.recv(4096)
            assert received.startswith(b"HTTP/1.1 100"), received
            assert time.perf_counter() - start < 0.5
            sock.sendall(b"abc")
            while b"HTTP/1.1 403" not in received or not received.endswith(b"</Error>"):
                chunk = sock.recv(4096)
                if not chunk:
                    break
                received += chunk
            assert b"\r\n\r\nHTTP/1.1 403" in received, received
