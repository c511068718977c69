#!/bin/sh
# Builds every package under Examples/ against this checkout and smoke-runs it.
#
# Each example is its own package, so SwiftPM builds all of swiftflare's dependencies again for it
# (GRDB, swift-nio, Hummingbird, swift-crypto, …): several minutes the first time. The scratch
# directory under .build/examples/ is kept, so later runs only rebuild what changed.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
status=0
for package in Examples/*/; do
    name=$(basename "$package")
    scratch="$root/.build/examples/$name"
    echo "== $name"
    start=$(date +%s)
    swift build --package-path "$package" --scratch-path "$scratch" "$@" || { status=1; continue; }
    echo "   built in $(( $(date +%s) - start )) s"
    binary=$(swift build --package-path "$package" --scratch-path "$scratch" --show-bin-path "$@")/$name
    # Serve the example's config and expect its worker to answer (then stop it with SIGTERM).
    state=$(mktemp -d)
    port=${EXAMPLE_PORT:-8797}
    (cd "$package" && exec "$binary" dev --config wrangler.toml --port "$port" --persist-to "$state" \
        --log-level warning) &
    pid=$!
    answered=""
    for _ in $(seq 1 100); do
        if answered=$(curl -sf "http://127.0.0.1:$port/"); then break; fi
        sleep 0.1
    done
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" || true
    rm -rf "$state"
    case "$answered" in
        *visits*) echo "   GET / -> $answered" ;;
        *) echo "   $name did not answer on port $port" >&2; status=1 ;;
    esac
done
exit $status
