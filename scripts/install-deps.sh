#!/usr/bin/env bash
# Install the Debian 12 packages that Retake needs to build, test and run its demo.
#
# Idempotent: when everything is installed it does nothing (not even `apt-get update`).
# Never reads standard input, so it works unattended in CI.
#
# Usage: scripts/install-deps.sh [--dry-run] [--fuzz]
#   --dry-run   print the missing packages and the commands that would install them
#   --fuzz      also the clang toolchain of `make fuzz` (not needed to build or test)
set -euo pipefail

PACKAGES=(
    # toolchain
    cmake ninja-build ccache g++ make pkg-config
    # Qt 6 and the libraries the build links
    qt6-base-dev qt6-tools-dev qt6-l10n-tools qt6-tools-dev-tools libqt6sql6-sqlite
    qt6-httpserver-dev qt6-websockets-dev qt6-svg-dev qtkeychain-qt6-dev libgl1-mesa-dev
    # the window's media player (optional at build time: without it media open in the
    # system's player). Debian's Qt 6.4 plays through GStreamer: MP4 (good), H.264 and AAC
    # (libav); it plays offscreen and without a sound device.
    qt6-multimedia-dev gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-libav
    # formatting check (make format-check, run by CI)
    clang-format
    # runtime tools: motion video, speech, headless display, image checks, test certificates
    ffmpeg espeak-ng xvfb xauth imagemagick openssl
    # the slate font of scene assembly (tst_assembly skips without it; fontconfig would accept
    # another font package instead, so it is named here)
    fonts-dejavu-core
    # the private session bus of tst_gui_notifications (dbus-daemon --session): the desktop
    # notifications are tested through a real D-Bus, also in CI where no desktop runs
    dbus-daemon
    # packaging test: build the .deb (dpkg-shlibdeps, file) and validate what it installs
    dpkg-dev file desktop-file-utils appstream shared-mime-info man-db
)
# `make fuzz` only (RELIABILITY.md): clang, libFuzzer and the sanitizer runtimes. CI's
# `make deps` does not install them: fuzzing is not part of `make test`.
FUZZ_PACKAGES=(clang-14 libfuzzer-14-dev libclang-rt-14-dev)

dry_run=false
for arg in "$@"; do
    case "$arg" in
    --dry-run) dry_run=true ;;
    --fuzz) PACKAGES+=("${FUZZ_PACKAGES[@]}") ;;
    -h | --help)
        sed -n '2,9s/^# \{0,1\}//p' "$0"
        exit 0
        ;;
    *)
        echo "install-deps: unknown option '$arg' (try --help)" >&2
        exit 2
        ;;
    esac
done

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "install-deps: dpkg-query not found: this script knows Debian 12 package names only." >&2
    echo "install-deps: install the equivalents of these packages yourself, then build:" >&2
    echo "  ${PACKAGES[*]}" >&2
    exit 0
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    if [ "$status" != "install ok installed" ]; then
        missing+=("$pkg")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#PACKAGES[@]} required packages are installed."
    exit 0
fi

echo "install-deps: missing packages: ${missing[*]}"

export DEBIAN_FRONTEND=noninteractive
update_cmd=(apt-get -o DPkg::Lock::Timeout=300 update)
install_cmd=(apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends "${missing[@]}")

if $dry_run; then
    echo "install-deps: --dry-run: would run as root:"
    echo "  ${update_cmd[*]}"
    echo "  DEBIAN_FRONTEND=noninteractive ${install_cmd[*]}"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    # Without a terminal sudo cannot ask for a password: fail at once instead of hanging.
    if [ -t 0 ]; then
        as_root=(sudo DEBIAN_FRONTEND=noninteractive)
    else
        as_root=(sudo -n DEBIAN_FRONTEND=noninteractive)
    fi
else
    echo "install-deps: not root and sudo is not available. As root, run:" >&2
    echo "  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y" \
        "--no-install-recommends ${missing[*]}" >&2
    exit 1
fi

if ! "${as_root[@]}" "${update_cmd[@]}" </dev/null ||
    ! "${as_root[@]}" "${install_cmd[@]}" </dev/null; then
    echo "install-deps: installing failed. As root, run:" >&2
    echo "  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y" \
        "--no-install-recommends ${missing[*]}" >&2
    exit 1
fi

echo "install-deps: installed ${missing[*]}"
