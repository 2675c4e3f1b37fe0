#!/usr/bin/env bash
# Compiles the suite with the system's gcc (or $CC): hacker-O0.s, the targets, and
# hacker-O3.s, the compiler's answer, as plain `-S` output. The committed files are what
# experiments/hacker.json ran on (their .ident line names the compiler); run this and
# `git diff data/hacker` to see whether your compiler writes the same.
set -euo pipefail
cd "$(dirname "$0")"
cc=${CC:-gcc}
"$cc" -O0 -S -o hacker-O0.s hacker.c
"$cc" -O3 -S -o hacker-O3.s hacker.c
