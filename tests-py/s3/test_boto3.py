"""boto3 against the S3 endpoint, on the `--s3-port` root and on the dev port's
`/cdn-cgi/local/r2/s3` (each test runs on both: the `s3` fixture is parametrised)."""

import datetime
import hashlib
import os
import urllib.error
import urllib.request

import pytest
from botocore.exceptions import ClientError


def error_code(excinfo):
    return excinfo.value.response["Error"]["Code"]


def test_bucket_operations(s3):
    s3.create_bucket(Bucket="ops-bucket")
    try:
        names = [b["Name"] for b in s3.list_buckets()["Buckets"]]
        assert "ops-bucket" in names and "building-vitals-cache" in names
        s3.head_bucket(Bucket="ops-bucket")
        with pytest.raises(ClientError) as missing:
            s3.head_bucket(Bucket="no-such-bucket")
        assert missing.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
        with pytest.raises(ClientError) as again:
            s3.create_bucket(Bucket="ops-bucket")
        assert error_code(again) == "BucketAlreadyOwnedByYou"
        s3.put_object(Bucket="ops-bucket", Key="k", Body=b"x")
        with pytest.raises(ClientError) as not_empty:
            s3.delete_bucket(Bucket="ops-bucket")
        assert error_code(not_empty) == "BucketNotEmpty"
        s3.delete_object(Bucket="ops-bucket", Key="k")
    finally:
        s3.delete_bucket(Bucket="ops-bucket")
    with pytest.raises(ClientError) as gone:
        s3.list_objects_v2(Bucket="ops-bucket")
    assert error_code(gone) == "NoSuchBucket"


def test_put_get_head_with_metadata(s3, bucket):
    body = os.urandom(300_000)
    put = s3.put_object(
        Bucket=bucket, Key="dir/ü file+1.bin", Body=body, ContentType="application/x-test",
        ContentDisposition='attachment; filename="f.bin"', CacheControl="max-age=60", ContentLanguage="en",
        Metadata={"owner": "pytest", "purpose": "metadata"},
        ContentMD5=__import__("base64").b64encode(hashlib.md5(body).digest()).decode())
    assert put["ETag"] == f'"{hashlib.md5(body).hexdigest()}"'
    head = s3.head_object(Bucket=bucket, Key="dir/ü file+1.bin")
    assert head["ContentLength"] == len(body)
    assert head["ContentType"] == "application/x-test"
    assert head["Metadata"] == {"owner": "pytest", "purpose": "metadata"}
    got = s3.get_object(Bucket=bucket, Key="dir/ü file+1.bin")
    assert got["Body"].read() == body
    assert got["CacheControl"] == "max-age=60"
    assert got["ContentDisposition"] == 'attachment; filename="f.bin"'
    assert got["ContentLanguage"] == "en"
    with pytest.raises(ClientError) as missing:
        s3.get_object(Bucket=bucket, Key="nope")
    assert error_code(missing) == "NoSuchKey"
    with pytest.raises(ClientError) as bad_md5:
        s3.put_object(Bucket=bucket, Key="bad", Body=b"abc", ContentMD5="AAAAAAAAAAAAAAAAAAAAAA==")
    assert error_code(bad_md5) == "BadDigest"


def test_ranged_gets(s3, bucket):
    body = bytes(range(256)) * 40
    s3.put_object(Bucket=bucket, Key="r", Body=body)
    part = s3.get_object(Bucket=bucket, Key="r", Range="bytes=100-199")
    assert part["ResponseMetadata"]["HTTPStatusCode"] == 206
    assert part["ContentRange"] == f"bytes 100-199/{len(body)}"
    assert part["Body"].read() == body[100:200]
    assert s3.get_object(Bucket=bucket, Key="r", Range="bytes=-10")["Body"].read() == body[-10:]
    assert s3.get_object(Bucket=bucket, Key="r", Range="bytes=10000-")["Body"].read() == body[10000:]
    with pytest.raises(ClientError) as unsatisfiable:
        s3.get_object(Bucket=bucket, Key="r", Range=f"bytes={len(body)}-")
    assert error_code(unsatisfiable) == "InvalidRange"


def test_conditional_gets(s3, bucket):
    etag = s3.put_object(Bucket=bucket, Key="c", Body=b"conditional")["ETag"]
    assert s3.get_object(Bucket=bucket, Key="c", IfMatch=etag)["Body"].read() == b"conditional"
    with pytest.raises(ClientError) as not_modified:
        s3.get_object(Bucket=bucket, Key="c", IfNoneMatch=etag)
    assert not_modified.value.response["ResponseMetadata"]["HTTPStatusCode"] == 304
    with pytest.raises(ClientError) as failed:
        s3.get_object(Bucket=bucket, Key="c", IfMatch='"0000"')
    assert error_code(failed) == "PreconditionFailed"
    assert failed.value.response["ResponseMetadata"]["HTTPStatusCode"] == 412
    future = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)
    past = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
    with pytest.raises(ClientError) as not_modified_since:
        s3.get_object(Bucket=bucket, Key="c", IfModifiedSince=future)
    assert not_modified_since.value.response["ResponseMetadata"]["HTTPStatusCode"] == 304
    assert s3.get_object(Bucket=bucket, Key="c", IfModifiedSince=past)["Body"].read() == b"conditional"
    with pytest.raises(ClientError) as modified:
        s3.get_object(Bucket=bucket, Key="c", IfUnmodifiedSince=past)
    assert error_code(modified) == "PreconditionFailed"
    assert s3.head_object(Bucket=bucket, Key="c", IfUnmodifiedSince=future)["ETag"] == etag


def test_list_objects_v2(s3, bucket):
    keys = [f"logs/2024/{i:02d}.txt" for i in range(7)] + ["logs/readme", "top-a", "top-b", "x&y <z>"]
    for key in keys:
        s3.put_object(Bucket=bucket, Key=key, Body=key.encode())
    pages = list(s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, PaginationConfig={"PageSize": 3}))
    assert len(pages) == 4
    assert [o["Key"] for p in pages for o in p.get("Contents", [])] == sorted(keys)
    assert all(p["KeyCount"] <= 3 for p in pages)
    grouped = s3.list_objects_v2(Bucket=bucket, Delimiter="/", Prefix="logs/")
    assert [p["Prefix"] for p in grouped["CommonPrefixes"]] == ["logs/2024/"]
    assert [o["Key"] for o in grouped["Contents"]] == ["logs/readme"]
    after = s3.list_objects_v2(Bucket=bucket, StartAfter="top-a")
    assert [o["Key"] for o in after["Contents"]] == ["top-b", "x&y <z>"]
    limited = s3.list_objects_v2(Bucket=bucket, MaxKeys=2, Prefix="logs/2024/")
    assert limited["IsTruncated"] and limited["KeyCount"] == 2
    rest = s3.list_objects_v2(Bucket=bucket, Prefix="logs/2024/", ContinuationToken=limited["NextContinuationToken"])
    assert [o["Key"] for o in rest["Contents"]] == keys[2:7]
    assert s3.list_objects_v2(Bucket=bucket, MaxKeys=0)["KeyCount"] == 0
    v1 = s3.list_objects(Bucket=bucket, Prefix="top")
    assert [o["Key"] for o in v1["Contents"]] == ["top-a", "top-b"]


def test_copy_and_delete_objects(s3, bucket):
    s3.put_object(Bucket=bucket, Key="src", Body=b"copy me", ContentType="text/plain", Metadata={"a": "1"})
    copied = s3.copy_object(Bucket=bucket, Key="dst", CopySource={"Bucket": bucket, "Key": "src"})
    assert copied["CopyObjectResult"]["ETag"] == s3.head_object(Bucket=bucket, Key="src")["ETag"]
    head = s3.head_object(Bucket=bucket, Key="dst")
    assert head["Metadata"] == {"a": "1"} and head["ContentType"] == "text/plain"
    s3.copy_object(Bucket=bucket, Key="dst2", CopySource=f"{bucket}/src", MetadataDirective="REPLACE",
                   Metadata={"b": "2"}, ContentType="application/json")
    head2 = s3.head_object(Bucket=bucket, Key="dst2")
    assert head2["Metadata"] == {"b": "2"} and head2["ContentType"] == "application/json"
    with pytest.raises(ClientError) as failed:
        s3.copy_object(Bucket=bucket, Key="dst3", CopySource={"Bucket": bucket, "Key": "src"},
                       CopySourceIfMatch='"nope"')
    assert error_code(failed) == "PreconditionFailed"
    result = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": k} for k in ["src", "dst", "dst2", "none"]]})
    assert sorted(d["Key"] for d in result["Deleted"]) == ["dst", "dst2", "none", "src"]
    assert s3.list_objects_v2(Bucket=bucket)["KeyCount"] == 0
    s3.put_object(Bucket=bucket, Key="single", Body=b"1")
    s3.delete_object(Bucket=bucket, Key="single")
    s3.delete_object(Bucket=bucket, Key="single")  # deleting a missing key is no error, as in S3


def test_multipart_upload_50mb(s3, bucket):
    """10 parts of 5 MiB = 50 MiB, then ListParts/ListMultipartUploads, complete, read back."""
    part_size = 5 * 1024 * 1024
    blob = os.urandom(part_size) * 10
    upload = s3.create_multipart_upload(Bucket=bucket, Key="big.bin", ContentType="application/x-big",
                                        Metadata={"kind": "multipart"})
    upload_id = upload["UploadId"]
    parts = []
    for number in range(1, 11):
        chunk = blob[(number - 1) * part_size:number * part_size]
        etag = s3.upload_part(Bucket=bucket, Key="big.bin", UploadId=upload_id, PartNumber=number, Body=chunk)["ETag"]
        parts.append({"PartNumber": number, "ETag": etag})
    listed = s3.list_parts(Bucket=bucket, Key="big.bin", UploadId=upload_id)
    assert [p["PartNumber"] for p in listed["Parts"]] == list(range(1, 11))
    assert all(p["Size"] == part_size for p in listed["Parts"])
    uploads = s3.list_multipart_uploads(Bucket=bucket)["Uploads"]
    assert [(u["Key"], u["UploadId"]) for u in uploads] == [("big.bin", upload_id)]
    done = s3.complete_multipart_upload(Bucket=bucket, Key="big.bin", UploadId=upload_id,
                                        MultipartUpload={"Parts": parts})
    assert done["ETag"].endswith('-10"')
    got = s3.get_object(Bucket=bucket, Key="big.bin")
    assert got["ContentLength"] == len(blob) and got["Metadata"] == {"kind": "multipart"}
    assert hashlib.sha256(got["Body"].read()).digest() == hashlib.sha256(blob).digest()
    middle = s3.get_object(Bucket=bucket, Key="big.bin", Range=f"bytes={part_size - 5}-{part_size + 4}")
    assert middle["Body"].read() == blob[part_size - 5:part_size + 5]
    with pytest.raises(ClientError) as finished:
        s3.list_parts(Bucket=bucket, Key="big.bin", UploadId=upload_id)
    assert error_code(finished) == "NoSuchUpload"


def test_multipart_errors_and_abort(s3, bucket):
    upload_id = s3.create_multipart_upload(Bucket=bucket, Key="small")["UploadId"]
    e1 = s3.upload_part(Bucket=bucket, Key="small", UploadId=upload_id, PartNumber=1, Body=b"a" * 100)["ETag"]
    e2 = s3.upload_part(Bucket=bucket, Key="small", UploadId=upload_id, PartNumber=2, Body=b"b" * 100)["ETag"]
    with pytest.raises(ClientError) as too_small:
        s3.complete_multipart_upload(Bucket=bucket, Key="small", UploadId=upload_id, MultipartUpload={
            "Parts": [{"PartNumber": 1, "ETag": e1}, {"PartNumber": 2, "ETag": e2}]})
    assert error_code(too_small) == "EntityTooSmall"
    with pytest.raises(ClientError) as invalid:
        s3.complete_multipart_upload(Bucket=bucket, Key="small", UploadId=upload_id, MultipartUpload={
            "Parts": [{"PartNumber": 1, "ETag": '"not-the-etag"'}]})
    assert error_code(invalid) == "InvalidPart"
    s3.abort_multipart_upload(Bucket=bucket, Key="small", UploadId=upload_id)
    assert "Uploads" not in s3.list_multipart_uploads(Bucket=bucket)
    with pytest.raises(ClientError) as aborted:
        s3.upload_part(Bucket=bucket, Key="small", UploadId=upload_id, PartNumber=3, Body=b"c")
    assert error_code(aborted) == "NoSuchUpload"
    with pytest.raises(ClientError) as unknown:
        s3.complete_multipart_upload(Bucket=bucket, Key="small", UploadId="unknown", MultipartUpload={
            "Parts": [{"PartNumber": 1, "ETag": e1}]})
    assert error_code(unknown) == "NoSuchUpload"


def test_upload_file_and_download_file(s3, bucket, tmp_path):
    """s3transfer's managed transfers (multipart above 8 MiB, ranged parallel downloads)."""
    source = tmp_path / "in.bin"
    source.write_bytes(os.urandom(20 * 1024 * 1024 + 123))
    s3.upload_file(str(source), bucket, "managed.bin")
    target = tmp_path / "out.bin"
    s3.download_file(bucket, "managed.bin", str(target))
    assert target.read_bytes() == source.read_bytes()


def test_presigned_put_and_get(s3, bucket):
    put_url = s3.generate_presigned_url("put_object", Params={"Bucket": bucket, "Key": "p.txt"}, ExpiresIn=60)
    request = urllib.request.Request(put_url, data=b"presigned body", method="PUT")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
    url = s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "p.txt"}, ExpiresIn=60)
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.read() == b"presigned body"
    with pytest.raises(urllib.error.HTTPError) as tampered:
        urllib.request.urlopen(url.replace("p.txt", "q.txt"), timeout=10)
    assert tampered.value.code == 403 and b"SignatureDoesNotMatch" in tampered.value.read()


def test_upload_part_copy(s3, bucket):
    """UploadPartCopy with x-amz-copy-source-range, as `aws s3 cp s3://… s3://…` does above 8 MiB."""
    source = os.urandom(6 * 1024 * 1024)
    s3.put_object(Bucket=bucket, Key="source", Body=source)
    upload_id = s3.create_multipart_upload(Bucket=bucket, Key="assembled")["UploadId"]
    first = s3.upload_part_copy(Bucket=bucket, Key="assembled", UploadId=upload_id, PartNumber=1,
                                CopySource={"Bucket": bucket, "Key": "source"},
                                CopySourceRange=f"bytes=0-{5 * 1024 * 1024 - 1}")
    second = s3.upload_part_copy(Bucket=bucket, Key="assembled", UploadId=upload_id, PartNumber=2,
                                 CopySource={"Bucket": bucket, "Key": "source"},
                                 CopySourceRange=f"bytes={5 * 1024 * 1024}-{len(source) - 1}")
    s3.complete_multipart_upload(Bucket=bucket, Key="assembled", UploadId=upload_id, MultipartUpload={"Parts": [
        {"PartNumber": 1, "ETag": first["CopyPartResult"]["ETag"]},
        {"PartNumber": 2, "ETag": second["CopyPartResult"]["ETag"]}]})
    assert s3.get_object(Bucket=bucket, Key="assembled")["Body"].read() == source
