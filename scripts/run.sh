#!/usr/bin/env bash
# The main job: builds what is needed, then runs `superopt` with the given arguments
# (default: a search with the built-in defaults, which prints the kernel it found).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/build.sh"
if (($# == 0)); then set -- search; fi
exec "${SUPEROPT_BUILD_DIR:-$root/build}/superopt" "$@"
