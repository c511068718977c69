#!/usr/bin/env bash
# Creates .venv (the Python packages the end-to-end client tests use: requirements/*.txt) and keeps it
# in step with those files. Packages come from PyPI by name; nothing else is downloaded.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv
if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
    echo "Installing python3-venv"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq python3-venv
fi
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
stamp="$venv/.requirements.sha256"
wanted=$(cat requirements/*.txt 2>/dev/null | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    "$venv/bin/pip" install -q --disable-pip-version-check $(printf -- '-r %s ' requirements/*.txt)
    echo "$wanted" > "$stamp"
fi
