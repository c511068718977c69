#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ and runs each for a bounded time (default 60 s).
# Crashes, hangs (-timeout) and leaks are written to Fuzz/Crashers/<target>/; a summary line per
# target gives the executions and findings. Usage: scripts/fuzz.sh [seconds] [target...]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${1:-60}"
shift || true
TARGETS=("${@:-FuzzConfig FuzzCron FuzzQueueJSON}")
TARGETS=(${TARGETS[@]})
SWIFT="${SWIFT:-swift}"

"$SWIFT" build --package-path Fuzz -c release --scratch-path Fuzz/.build \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld
BIN="$("$SWIFT" build --package-path Fuzz -c release --scratch-path Fuzz/.build -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld --show-bin-path)"

# TOMLKit (a dependency) leaks its parse-error struct on every TOMLTable(string:) call, which
# LeakSanitizer reports at once (docs/reliability.md); leak checking would stop FuzzConfig there.
extra_of() {
    case "$1" in
        FuzzConfig) echo "-detect_leaks=0" ;;
        *) echo "" ;;
    esac
}

corpus_of() {
    case "$1" in
        FuzzConfig) echo config ;;
        FuzzCron) echo cron ;;
        FuzzQueueJSON) echo queue-json ;;
    esac
}

status=0
summary=()
for target in "${TARGETS[@]}"; do
    seeds="Fuzz/Corpus/$(corpus_of "$target")"
    work="Fuzz/.build/corpus/$target"
    crashers="Fuzz/Crashers/$target"
    mkdir -p "$work" "$crashers"
    log="Fuzz/.build/$target.log"
    set +e
    leaks=1
    [ "$target" = FuzzConfig ] && leaks=0
    # Regression: every stored crasher must now pass.
    for crasher in "$crashers"/*; do
        [ -f "$crasher" ] || continue
        if ! ASAN_OPTIONS="detect_leaks=$leaks" "$BIN/$target" $(extra_of "$target") "$crasher" >"$log.replay" 2>&1; then
            echo "$target: stored input $crasher still fails (see $log.replay)"
            status=1
        fi
    done
    ASAN_OPTIONS="detect_leaks=$leaks" "$BIN/$target" "$work" "$seeds" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
        -max_len=4096 -print_final_stats=1 -artifact_prefix="$crashers/" $(extra_of "$target") >"$log" 2>&1
    code=$?
    set -e
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")

    findings=$(find "$crashers" -type f | wc -l)
    if [ "$code" -ne 0 ]; then status=1; fi
    summary+=("$target: ${runs} executions in ${SECONDS_EACH} s, exit ${code}, files in $crashers: ${findings}")
done
printf '%s\n' "${summary[@]}"
exit $status
