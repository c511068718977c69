"""The AWS CLI (`awscli` from PyPI, `.venv/bin/aws`) against the S3 endpoint: credentials from
AWS_* variables, `--endpoint-url` on the dev port's `/cdn-cgi/local/r2/s3` and on `--s3-port`."""

import hashlib
import json
import os
import pathlib
import subprocess
import sys

from s3support import aws_env

AWS = pathlib.Path(sys.executable).parent / "aws"


def aws(server, endpoint, *args, check=True):
    result = subprocess.run([str(AWS), "--endpoint-url", endpoint, "--output", "json", *args],
                            capture_output=True, text=True, timeout=120, env=aws_env(server))
    if check and result.returncode != 0:
        raise AssertionError(f"aws {' '.join(args)} failed ({result.returncode}):\n{result.stderr}")
    return result


def aws_json(server, endpoint, *args):
    out = aws(server, endpoint, *args).stdout
    return json.loads(out) if out.strip() else {}


def test_awscli_s3api_operations(s3_server, tmp_path):
    ep = s3_server.dev_endpoint
    aws(s3_server, ep, "s3api", "create-bucket", "--bucket", "cli-api")
    assert any(b["Name"] == "cli-api" for b in aws_json(s3_server, ep, "s3api", "list-buckets")["Buckets"])
    aws(s3_server, ep, "s3api", "head-bucket", "--bucket", "cli-api")
    body = tmp_path / "body.txt"
    body.write_bytes(b"0123456789abcdef")
    put = aws_json(s3_server, ep, "s3api", "put-object", "--bucket", "cli-api", "--key", "dir/k.txt", "--body",
                   str(body), "--content-type", "text/plain", "--metadata", "origin=cli")
    assert put["ETag"] == f'"{hashlib.md5(body.read_bytes()).hexdigest()}"'
    head = aws_json(s3_server, ep, "s3api", "head-object", "--bucket", "cli-api", "--key", "dir/k.txt")
    assert head["ContentLength"] == 16 and head["Metadata"] == {"origin": "cli"}
    out = tmp_path / "range.out"
    got = aws_json(s3_server, ep, "s3api", "get-object", "--bucket", "cli-api", "--key", "dir/k.txt", "--range",
                   "bytes=4-7", str(out))
    assert out.read_bytes() == b"4567" and got["ContentRange"] == "bytes 4-7/16"
    failed = aws(s3_server, ep, "s3api", "get-object", "--bucket", "cli-api", "--key", "dir/k.txt", "--if-match",
                 '"nope"', str(out), check=False)
    assert failed.returncode != 0 and "PreconditionFailed" in failed.stderr
    aws(s3_server, ep, "s3api", "copy-object", "--bucket", "cli-api", "--key", "copy.txt", "--copy-source",
        "cli-api/dir/k.txt")
    listed = aws_json(s3_server, ep, "s3api", "list-objects-v2", "--bucket", "cli-api", "--delimiter", "/")
    assert [o["Key"] for o in listed["Contents"]] == ["copy.txt"]
    assert [p["Prefix"] for p in listed["CommonPrefixes"]] == ["dir/"]
    deleted = aws_json(s3_server, ep, "s3api", "delete-objects", "--bucket", "cli-api", "--delete",
                       json.dumps({"Objects": [{"Key": "copy.txt"}]}))
    assert [d["Key"] for d in deleted["Deleted"]] == ["copy.txt"]
    aws(s3_server, ep, "s3api", "delete-object", "--bucket", "cli-api", "--key", "dir/k.txt")
    missing = aws(s3_server, ep, "s3api", "head-object", "--bucket", "cli-api", "--key", "dir/k.txt", check=False)
    assert missing.returncode != 0 and "404" in missing.stderr
    aws(s3_server, ep, "s3api", "delete-bucket", "--bucket", "cli-api")


def test_awscli_multipart_api(s3_server, tmp_path):
    ep = s3_server.s3_endpoint
    aws(s3_server, ep, "s3api", "create-bucket", "--bucket", "cli-multipart")
    upload_id = aws_json(s3_server, ep, "s3api", "create-multipart-upload", "--bucket", "cli-multipart", "--key",
                         "mp.bin")["UploadId"]
    part = tmp_path / "part"
    part.write_bytes(os.urandom(5 * 1024 * 1024))
    last = tmp_path / "last"
    last.write_bytes(b"tail")
    e1 = aws_json(s3_server, ep, "s3api", "upload-part", "--bucket", "cli-multipart", "--key", "mp.bin",
                  "--upload-id", upload_id, "--part-number", "1", "--body", str(part))["ETag"]
    e2 = aws_json(s3_server, ep, "s3api", "upload-part", "--bucket", "cli-multipart", "--key", "mp.bin",
                  "--upload-id", upload_id, "--part-number", "2", "--body", str(last))["ETag"]
    parts = aws_json(s3_server, ep, "s3api", "list-parts", "--bucket", "cli-multipart", "--key", "mp.bin",
                     "--upload-id", upload_id)["Parts"]
    assert [p["Size"] for p in parts] == [5 * 1024 * 1024, 4]
    uploads = aws_json(s3_server, ep, "s3api", "list-multipart-uploads", "--bucket", "cli-multipart")["Uploads"]
    assert [u["UploadId"] for u in uploads] == [upload_id]
    aws(s3_server, ep, "s3api", "complete-multipart-upload", "--bucket", "cli-multipart", "--key", "mp.bin",
        "--upload-id", upload_id, "--multipart-upload",
        json.dumps({"Parts": [{"PartNumber": 1, "ETag": e1}, {"PartNumber": 2, "ETag": e2}]}))
    other = aws_json(s3_server, ep, "s3api", "create-multipart-upload", "--bucket", "cli-multipart", "--key",
                     "aborted.bin")["UploadId"]
    aws(s3_server, ep, "s3api", "abort-multipart-upload", "--bucket", "cli-multipart", "--key", "aborted.bin",
        "--upload-id", other)
    out = tmp_path / "mp.out"
    aws(s3_server, ep, "s3api", "get-object", "--bucket", "cli-multipart", "--key", "mp.bin", str(out))
    assert out.read_bytes() == part.read_bytes() + b"tail"
    aws(s3_server, ep, "s3", "rb", "--force", "s3://cli-multipart")


def test_awscli_s3_cp_50mb(s3_server, tmp_path):
    """`aws s3 cp` splits 50 MB into 8 MiB multipart parts and downloads with ranged GETs (on the
    dev port; boto3's 50 MB multipart test covers both ports)."""
    ep = s3_server.dev_endpoint
    bucket = "cli-cp"
    aws(s3_server, ep, "s3", "mb", f"s3://{bucket}")
    source = tmp_path / "fifty.bin"
    source.write_bytes(os.urandom(50 * 1000 * 1000))
    aws(s3_server, ep, "s3", "cp", str(source), f"s3://{bucket}/fifty.bin")
    listing = aws(s3_server, ep, "s3", "ls", f"s3://{bucket}/").stdout
    assert "50000000 fifty.bin" in listing
    target = tmp_path / "back.bin"
    aws(s3_server, ep, "s3", "cp", f"s3://{bucket}/fifty.bin", str(target))
    assert hashlib.sha256(target.read_bytes()).digest() == hashlib.sha256(source.read_bytes()).digest()
    head = aws_json(s3_server, ep, "s3api", "head-object", "--bucket", bucket, "--key", "fifty.bin")
    assert head["ETag"].endswith('-6"')  # 5 parts of 8 MiB and a last one
    aws(s3_server, ep, "s3", "cp", f"s3://{bucket}/fifty.bin", f"s3://{bucket}/copy.bin")  # UploadPartCopy
    copied = aws_json(s3_server, ep, "s3api", "head-object", "--bucket", bucket, "--key", "copy.bin")
    assert copied["ContentLength"] == 50 * 1000 * 1000 and copied["ETag"].endswith('-6"')
    aws(s3_server, ep, "s3", "rm", f"s3://{bucket}/copy.bin")
    aws(s3_server, ep, "s3", "rm", f"s3://{bucket}/fifty.bin")
    aws(s3_server, ep, "s3", "rb", f"s3://{bucket}")
