#!/usr/bin/env bash
# Every C++ source is formatted by .clang-format with clang-format 14 (scripts/setup.sh
# installs it; other versions format differently). Fix with:
#   clang-format-14 -i $(find libsuperopt kernels apps tests examples -name '*.cpp' -o -name '*.hpp')
set -eu
cd "$1"
format=$(command -v clang-format-14 || true)
if [[ -z $format ]]; then
    echo "FAIL: clang-format-14 is not installed (bash scripts/setup.sh installs it)"
    exit 1
fi
mapfile -t files < <(find libsuperopt kernels apps tests examples -name '*.cpp' -o -name '*.hpp' | sort)
"$format" --dry-run --Werror "${files[@]}"
