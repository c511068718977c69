"""The binary the client tests drive answers `--version`-style help (guards the fixture itself)."""

import subprocess


def test_binary_prints_help(swiftflare_binary):
    result = subprocess.run([swiftflare_binary, "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "dev" in result.stdout
