#!/usr/bin/env bash
# Runs every libFuzzer target of `make fuzz` (RELIABILITY.md, "Fuzzing") for a set time, one
# after the other, each on a scratch copy of its seed corpus fuzz/corpus/<name>/ (the repo's
# corpus does not grow; new inputs stay in the scratch folder). Fails when a target crashes,
# leaks or trips a sanitizer; the reproducer is kept as <scratch>/crash-* and its path printed.
#
# Usage: scripts/run-fuzzers.sh <fuzz build dir> [seconds per target=60] [target...]
# Each fuzz/fuzz_<name>.cpp names its input limit in a line "// fuzz-max-len: <bytes>".
set -euo pipefail

build_dir=${1:?usage: run-fuzzers.sh <fuzz build dir> [seconds] [target...]}
seconds=${2:-60}
shift $(($# < 2 ? $# : 2))
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    for source in "$root"/fuzz/fuzz_*.cpp; do
        targets+=("$(basename "$source" .cpp)")
    done
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/retake-fuzz.XXXXXX")
echo "run-fuzzers: ${#targets[@]} targets, ${seconds} s each; scratch corpora in $scratch"
failed=()
for target in "${targets[@]}"; do
    name=${target#fuzz_}
    binary="$build_dir/fuzz/$target"
    if [ ! -x "$binary" ]; then
        echo "run-fuzzers: $binary is missing: run \`make fuzz-build\` first" >&2
        exit 2
    fi
    max_len=$(sed -n 's|^// fuzz-max-len: *\([0-9]*\).*|\1|p' "$root/fuzz/$target.cpp" | head -n1)
    corpus="$scratch/$name"
    mkdir -p "$corpus" "$scratch/artifacts-$name"
    if [ -d "$root/fuzz/corpus/$name" ]; then
        cp -- "$root/fuzz/corpus/$name"/* "$corpus"/ 2>/dev/null || true
    fi
    echo "=== $target (${seconds} s, max_len ${max_len:-default})"
    # -rss_limit_mb: libFuzzer's default (2048). Qt's global statics are freed at exit.
    if ! "$binary" -max_total_time="$seconds" ${max_len:+-max_len="$max_len"} \
        -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
        -artifact_prefix="$scratch/artifacts-$name/" "$corpus" \
        2>"$scratch/$name.log"; then
        failed+=("$target")
        tail -n 60 "$scratch/$name.log" >&2
        echo "run-fuzzers: $target FAILED; reproducer: $(ls "$scratch/artifacts-$name"/* 2>/dev/null)" >&2
    else
        grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::average_exec_per_sec)' \
            "$scratch/$name.log" || true
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "run-fuzzers: FAILED: ${failed[*]} (logs and reproducers in $scratch)" >&2
    exit 1
fi
echo "run-fuzzers: all ${#targets[@]} targets ran ${seconds} s without a finding"
rm -rf -- "$scratch"
