#!/usr/bin/env bash
# Small parts of the project built with AddressSanitizer and UndefinedBehaviorSanitizer
# and their tests run, on every test run (apart from the sanitizer build of everything,
# -DSUPEROPT_SANITIZE=ON): each compiles here in seconds.
#   sanitized_test.sh REPOSITORY_ROOT CXX TEST.cpp SOURCE... (paths from the root; .s too)
# The sorts' property tests: tests/test_sort.cpp kernels/src/sort.cpp kernels/asm/*.s.
# The general functions' parser and x86 semantics: tests/test_functions.cpp and the core
# files they use.
set -eu
root=$1
cxx=${2:-g++}
test=$3
shift 3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
flags=(-std=c++20 -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
       -Wall -Wextra -Werror -I"$root/kernels/include" -I"$root/libsuperopt/include")
# Catch2's main is plain (-O0, none of its code is under test), so it compiles fast.
"$cxx" -std=c++20 -O0 -c -o "$dir/main.o" "$root/tests/main.cpp" &
objects=()
for source in "$test" "$@"; do
    case $source in
    *.cpp)
        object="$dir/$(basename "$source" .cpp).o"
        "$cxx" "${flags[@]}" -c -o "$object" "$root/$source"
        objects+=("$object")
        ;;
    *) objects+=("$root/$source") ;;
    esac
done
wait $!
"$cxx" "${flags[@]}" -o "$dir/tests" "$dir/main.o" "${objects[@]}"
"$dir/tests"
