#!/usr/bin/env bash
# Run CTest in a sanitizer build (`make test-asan`, `make tsan`) and fail on any sanitizer
# report, not only on a failed test: a report of a child process (retake-cli started by a
# test) may end in an exit code that the test expected anyway.
#
# Usage: scripts/run-sanitized.sh BUILD_DIR [ctest filter args...] -- [VAR=value...]
#   The *_OPTIONS in VAR=value must send reports to BUILD_DIR/sanitizer-reports/ (log_path).
set -uo pipefail

build_dir=$1
shift
filters=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    filters+=("$1")
    shift
done
[ $# -gt 0 ] && shift
reports="$build_dir/sanitizer-reports"

rm -rf -- "$reports"
mkdir -p -- "$reports"
start=$(date +%s)
env "$@" ctest --test-dir "$build_dir" --output-on-failure -j2 --timeout 900 --no-tests=error \
    "${filters[@]}"
status=$?
echo "run-sanitized: ctest in $build_dir took $(($(date +%s) - start)) s, exit $status"

found=$(find "$reports" -type f | sort)
if [ -n "$found" ]; then
    echo "run-sanitized: FAILED: sanitizer reports in $reports:"
    for report in $found; do
        echo "=== $report"
        cat -- "$report"
    done
    exit 1
fi
exit "$status"
