#!/usr/bin/env bash
# Run the demo storyboard with the built-in provider: the GUI when a display exists,
# otherwise `retake-cli run` headless.
#
# Usage: scripts/run-demo.sh [BUILD_DIR]     (default: build)
#
# The demo is copied once into a per-user folder (RETAKE_DEMO_DIR, default
# ${XDG_DATA_HOME:-$HOME/.local/share}/retake/demo) so the repository stays clean and a
# second run resumes the same workspace. Delete that folder to start over.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${1:-build}
case "$build_dir" in
/*) ;;
*) build_dir="$PWD/$build_dir" ;;
esac

demo_source="$repo_root/resources/examples/demo.retake.json"
if [ ! -f "$demo_source" ]; then
    echo "run-demo: the demo storyboard $demo_source is missing." >&2
    exit 1
fi

data_home=${XDG_DATA_HOME:-${HOME:-/tmp}/.local/share}
demo_dir=${RETAKE_DEMO_DIR:-$data_home/retake/demo}
demo_file="$demo_dir/demo.retake.json"

if [ -f "$demo_file" ]; then
    echo "run-demo: resuming the demo in $demo_dir"
    if ! cmp -s "$demo_source" "$demo_file"; then
        echo "run-demo: note: the repository's demo storyboard has changed since it was" \
            "copied; delete $demo_dir to start from the new one."
    fi
else
    mkdir -p "$demo_dir"
    cp "$demo_source" "$demo_file"
    echo "run-demo: copied the demo storyboard to $demo_file"
fi

gui="$build_dir/app/retake"
cli="$build_dir/app/retake-cli"

if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
    if [ -x "$gui" ]; then
        mode=gui
    else
        echo "run-demo: $gui was not built (RETAKE_BUILD_GUI=OFF?): running the demo" \
            "headless with retake-cli."
        mode=cli
    fi
else
    echo "No display found (DISPLAY/WAYLAND_DISPLAY unset): running the demo headless" \
        "with retake-cli."
    mode=cli
fi

if [ "$mode" = cli ] && [ ! -x "$cli" ]; then
    echo "run-demo: $cli not found: build first (make build BUILD_DIR=${1:-build})." >&2
    exit 1
fi

status=0
if [ "$mode" = gui ]; then
    "$gui" "$demo_file" || status=$?
else
    "$cli" run "$demo_file" || status=$?
fi

# The demo ends in a film (its scenes cut together with their voice-overs): say where.
film=
for candidate in "$demo_dir"/demo.retake/draft/final/*.mp4; do
    if [ -f "$candidate" ] && { [ -z "$film" ] || [ "$candidate" -nt "$film" ]; }; then
        film=$candidate
    fi
done
if [ -n "$film" ]; then
    echo "run-demo: the demo's film: $film"
fi

if [ "$status" -eq 3 ]; then
    echo "run-demo: some shots failed. That is expected: the demo injects faults to show" \
        "recovery. Inspect them with: $cli status $demo_file"
    echo "run-demo: failed attempts are kept in $demo_dir/demo.retake/_failed/ and" \
        "described in $demo_dir/demo.retake/logs/error.log"
    exit 0
fi
exit "$status"
