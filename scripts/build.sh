#!/usr/bin/env bash
# Installs what is missing, then configures and builds into build/ (Release).
# Extra arguments go to cmake's configure step, e.g. -DSUPEROPT_SANITIZE=ON.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/setup.sh"
build=${SUPEROPT_BUILD_DIR:-$root/build}
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null
