#!/usr/bin/env bash
# Finds the shipped kernels of superopt::kernels (kernels/asm/): for each task, a
# latency search warm-started from the human benchmark, then an interleaved
# `superopt bench` of the find against the human benchmark. The faster of the two ships
# (the network unless the find is faster by more than the intervals and by at least 1 %,
# the bench's self-check tolerance);
# the file's first lines say which and the commands that made it.
#   bash scripts/find_kernels.sh [SECONDS] [TASK ...]    (default: 90 s, every task)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
superopt=${SUPEROPT:-${SUPEROPT_BUILD_DIR:-$root/build}/superopt}
seconds=${1:-90}
shift || true
tasks=("$@")
if ((${#tasks[@]} == 0)); then
    tasks=(sort2 sort3 sort4 sort5 sort6 sort7 sort8 varsort2 varsort3 varsort4 varsort5)
fi
out=$root/kernels/asm
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for task in "${tasks[@]}"; do
    symbol=superopt_$task
    search="superopt search --task $task --objective latency --profile x86 --seconds $seconds --seed 1 --threads 2 --symbol $symbol"
    $superopt ${search#superopt } --quiet --asm "$work/found.s" --json "$work/found.json" >/dev/null
    case $task in
        varsort*) network="superopt network --varsort ${task#varsort} --symbol $symbol" ;;
        *) network="superopt network --n ${task#sort} --symbol $symbol" ;;
    esac
    $superopt ${network#superopt } --asm "$work/network.s" >/dev/null
    bench="superopt bench --task $task found.s --seconds 20"
    $superopt bench --task $task "$work/found.s" --seconds 20 --json "$work/bench.json" >/dev/null
    # the find ships when it is faster than the network by more than both intervals
    verdict=$(python3 - "$work/bench.json" <<'PY'
import json, sys
k = json.load(open(sys.argv[1]))["kernels"]
found, net = k[0], k[1]
assert net["name"].startswith("human benchmark")
ratio = net["ticks_per_call"] / found["ticks_per_call"]
faster = net["interval"][0] > found["interval"][1] and ratio >= 1.01
print("found" if faster else "network", "%.3f" % ratio)
PY
)
    set -- $verdict
    if [[ $1 == found ]]; then src=$work/found.s; how=$search; else src=$work/network.s; how=$network; fi
    {
        echo "# superopt::kernels: $task ($1 ships: human benchmark / find = $2 in p5 latency)"
        echo "# made by: $how"
        echo "# chosen by: bash scripts/find_kernels.sh $seconds $task ($search, then $bench)"
        grep -v '^# superopt' "$src"
    } >"$out/$symbol.s.tmp"
    mv "$out/$symbol.s.tmp" "$out/$symbol.s"
    echo "$task: $1 ships (network/find p5 ratio $2)"
done
