#!/usr/bin/env python3
"""same_results.py A B: JSON files (or directories of them, .json and .jsonl) are equal
once timings (fields whose names hold "seconds" or "per_second") are dropped. Exit 1 and
a one-line reason when they differ. Used by experiment_test.sh and mpi_test.sh."""
import json
import os
import sys


def strip(x):
    if isinstance(x, dict):
        return {k: strip(v) for k, v in x.items() if "seconds" not in k and "per_second" not in k}
    if isinstance(x, list):
        return [strip(v) for v in x]
    return x


def load(path):
    with open(path) as f:
        if path.endswith(".jsonl"):
            return [strip(json.loads(line)) for line in f]
        return strip(json.load(f))


def main(a, b):
    if not os.path.isdir(a):
        return "" if load(a) == load(b) else f"{a} and {b} differ"
    names = sorted(os.listdir(a))
    if names != sorted(os.listdir(b)):
        return f"{a} and {b} hold different files"
    bad = [n for n in names if load(os.path.join(a, n)) != load(os.path.join(b, n))]
    return f"differ: {bad}" if bad else ""


if __name__ == "__main__":
    reason = main(*sys.argv[1:3])
    if reason:
        print(reason)
        sys.exit(1)
