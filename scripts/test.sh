#!/usr/bin/env bash
# The test command: builds what is needed and runs every test.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/build.sh"
build=${SUPEROPT_BUILD_DIR:-$root/build}
python3 "$root/data/check_networks.py" "$root/data/sorting_networks.json" >/dev/null
cd "$build"
ctest -j"$(nproc)" --output-on-failure
# The shipped experiments at --quick budgets, and their figures (experiments/README.md).
quick=$(mktemp -d)
trap 'rm -rf "$quick"' EXIT
for config in "$root"/experiments/*.json; do
    name=$(basename "$config" .json)
    "$build/superopt" experiment "$config" --out "$quick/$name" --quick --jobs 2 --quiet >/dev/null
    python3 "$root/plots/plot.py" "$quick/$name" >/dev/null
done
