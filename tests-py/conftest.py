"""Shared fixtures for the client end-to-end tests: the built swiftflare binary, and the path to
`scripts/sfharness.py` that starts `swiftflare dev` for them."""

import os
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
# scripts/sfharness.py (ports, requests, the `swiftflare dev` process) is shared with the harnesses.
sys.path.insert(0, str(ROOT / "scripts"))


@pytest.fixture(scope="session")
def swiftflare_binary() -> pathlib.Path:
    """The debug binary `make test` builds (override with SWIFTFLARE_BINARY)."""
    path = pathlib.Path(os.environ.get("SWIFTFLARE_BINARY", ROOT / ".build/debug/swiftflare"))
    if not path.exists():
        pytest.fail(f"{path} is missing: run `swift build` first")
    return path
