#!/usr/bin/env bash
# Installs the Debian packages swiftflare builds against, when missing (apt-get update once).
set -euo pipefail
# chromium + chromium-driver: the inspector's browser tests (tests-py/inspector) drive them headless.
packages=(libsqlite3-dev libcurl4-openssl-dev libbrotli-dev pkg-config chromium chromium-driver)
missing=()
for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "Installing missing system packages: ${missing[*]}"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}"
fi
if ! command -v swift >/dev/null 2>&1; then
    echo "error: the Swift toolchain (6.1 or later) is required and was not found on PATH" >&2
    exit 1
fi
