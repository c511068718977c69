"""Shared fixtures for the client end-to-end tests: the built swiftflare binary."""

import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def swiftflare_binary() -> pathlib.Path:
    """The debug binary `make test` builds (override with SWIFTFLARE_BINARY)."""
    path = pathlib.Path(os.environ.get("SWIFTFLARE_BINARY", ROOT / ".build/debug/swiftflare"))
    if not path.exists():
        pytest.fail(f"{path} is missing: run `swift build` first")
    return path
