#!/usr/bin/env bash
# Installs the library from the build tree into a scratch prefix, then builds and
# runs examples/consumer against it with find_package(superopt).
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
