#!/bin/sh
# Builds the libFuzzer targets and runs each for FUZZ_SECONDS (default 60), seeded from the shared conformance
# corpora (read in place from ../shared/corpora, copied only into .build/fuzz, never into the repository).
# Usage: Fuzz/fuzz.sh [target ...]   (targets: FuzzJSON FuzzYAML FuzzHTTPRequest; default: all three)
# Exits non-zero when a target finds a crash; the input is kept in .build/fuzz/artifacts/.
set -eu
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-60}"
corpora="${CORPORA:-../shared/corpora}"
root=.build/fuzz
targets="${*:-FuzzJSON FuzzYAML FuzzHTTPRequest}"
swift="${SWIFT:-swift}"

for target in $targets; do
    MESHCHECK_FUZZ=1 $swift build --build-path "$root/build" -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld \
        --product "$target"
done

seed() {  # seed TARGET: fills $root/seeds/TARGET from the corpora
    dir="$root/seeds/$1"
    rm -rf "$dir" && mkdir -p "$dir"
    case "$1" in
    FuzzJSON)
        if [ -d "$corpora/json-test-suite/test_parsing" ]; then cp "$corpora"/json-test-suite/test_parsing/*.json "$dir"/; fi ;;
    FuzzYAML)
        if [ -d "$corpora/yaml-test-suite/cases" ]; then
            for case in "$corpora"/yaml-test-suite/cases/*/; do
                name=$(basename "$case")
                [ -f "$case/in.yaml" ] && cp "$case/in.yaml" "$dir/$name.yaml"
            done
        fi ;;
    FuzzHTTPRequest)
        cp Fuzz/seeds/http/* "$dir"/ ;;
    esac
    if [ -z "$(ls -A "$dir")" ]; then echo "fuzz: no seeds for $1 ($corpora is absent); starting empty"; fi
}

status=0
for target in $targets; do
    seed "$target"
    mkdir -p "$root/corpus/$target" "$root/artifacts"
    log="$root/$target.log"
    echo "fuzz: $target for ${seconds}s (log: $log)"
    if SWIFT_BACKTRACE=enable=no nice "$root/build/debug/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$root/artifacts/$target-" \
        "$root/corpus/$target" "$root/seeds/$target" >"$log" 2>&1; then
        result="no crash"
    else
        result="CRASH (see $log and $root/artifacts/)"
        status=1
    fi
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    echo "fuzz: $target: $runs executions in ${seconds}s, $result"
done
exit $status
