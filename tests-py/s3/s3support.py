"""Helpers of the S3 client tests: constants, the server handle, clients."""

import http.client
import os

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


def make_client(endpoint, secret=SECRET_KEY, addressing="path"):
    import boto3
    from botocore.config import Config

    return boto3.client(
        "s3", endpoint_url=endpoint, aws_access_key_id=ACCESS_KEY, aws_secret_access_key=secret,
        region_name="auto",
        config=Config(s3={"addressing_style": addressing}, retries={"max_attempts": 1}, connect_timeout=10,
                      read_timeout=60),
    )


def aws_env(server):
    env = dict(os.environ)
    env.update(AWS_ACCESS_KEY_ID=ACCESS_KEY, AWS_SECRET_ACCESS_KEY=SECRET_KEY, AWS_DEFAULT_REGION="auto",
               AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null", AWS_PAGER="")
    return env
