#!/usr/bin/env bash
# The sorts' property tests (test_sort.cpp) built with AddressSanitizer and
# UndefinedBehaviorSanitizer and run, on every test run: the kernels library is small
# enough to compile here in seconds, apart from the sanitizer build of everything.
#   sanitized_sort_test.sh REPOSITORY_ROOT CXX
set -eu
root=$1
cxx=${2:-g++}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
flags=(-std=c++20 -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
       -Wall -Wextra -Werror -I"$root/kernels/include")
# Catch2's main is plain (-O0, none of its code is under test), so it compiles fast.
"$cxx" -std=c++20 -O0 -c -o "$dir/main.o" "$root/tests/main.cpp" &
"$cxx" "${flags[@]}" -c -o "$dir/test_sort.o" "$root/tests/test_sort.cpp"
wait $!
"$cxx" "${flags[@]}" -o "$dir/sort_tests" "$dir/main.o" "$dir/test_sort.o" \
    "$root/kernels/src/sort.cpp" "$root"/kernels/asm/*.s
"$dir/sort_tests"
