#!/usr/bin/env bash
# Installs the library from the build tree into a scratch prefix, then builds and
# runs examples/consumer against it with find_package(superopt): the superoptimizer,
# and the kernels alone, which must link nothing but the C++ runtime.
set -eu
build=$1
consumer=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cmake --install "$build" --prefix "$dir/prefix" >/dev/null
# The package must not hand a machine-specific flag to its users.
if grep -rq -- "-march\|-mavx\|-mtune" "$dir/prefix/lib"*/cmake/superopt; then
    echo "FAIL: the installed package carries a machine-specific flag:"
    grep -r -- "-march\|-mavx\|-mtune" "$dir/prefix/lib"*/cmake/superopt
    exit 1
fi
cmake -S "$consumer" -B "$dir/build" -DCMAKE_PREFIX_PATH="$dir/prefix" >/dev/null
cmake --build "$dir/build" >/dev/null
"$dir/build/consumer"
"$dir/build/sorter"
if ldd "$dir/build/sorter" | grep -Eq 'tbb|asmjit|boost'; then
    echo "FAIL: superopt::kernels pulled in another library:"
    ldd "$dir/build/sorter"
    exit 1
fi
# The kernels component alone must not ask for the library's dependencies.
if grep -n "find_dependency" "$dir/prefix/lib"*/cmake/superopt/superoptKernelsTargets.cmake; then
    echo "FAIL: the kernels' targets file asks for a dependency"
    exit 1
fi
