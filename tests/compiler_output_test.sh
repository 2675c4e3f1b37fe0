#!/usr/bin/env bash
# Compiler output, as people get it: tests/c/sorting.c compiled by gcc and clang-16 at
# pinned flags (no vectorisation: SIMD is outside the instruction set), each function
# read from the whole .s file by name and verified. gcc 12 keeps every function but sort5
# in the comparison subset (for sort5 it copies %rdi to another register: the solver
# decides it); clang 16 keeps all four.
source "$(dirname "$0")/check.sh"
src=$(dirname "$0")/c/sorting.c

# verified FILE TASK: superopt verify accepts TASK's function of FILE.
verified() {
    "$superopt" verify --task "$2" "$1" --symbol "$2_c" | grep -q "correct on all"
}

gcc -O2 -fno-tree-vectorize -fno-tree-slp-vectorize -fno-asynchronous-unwind-tables \
    -fcf-protection=none -S -o "$dir/gcc.s" "$src"
for task in sort3 sort4 varsort3; do check "gcc $task" verified "$dir/gcc.s" $task; done
check "gcc sort5 leaves the comparison subset, and the solver proves it" \
    bash -c "'$superopt' verify --task sort5 '$dir/gcc.s' --symbol sort5_c --timeout 300 | grep -q 'decided by the solver.*: correct for every input'"

if ! command -v clang-16 >/dev/null; then
    echo "FAIL: clang-16 is not installed (bash scripts/setup.sh installs it)"
    failures=$((failures + 1))
else
    clang-16 -O2 -fno-vectorize -fno-slp-vectorize -fno-asynchronous-unwind-tables \
        -fcf-protection=none -S -o "$dir/clang.s" "$src"
    for task in sort3 sort4 sort5 varsort3; do check "clang $task" verified "$dir/clang.s" $task; done
fi
finish
