#!/usr/bin/env python3
"""Check data/sorting_networks.json (stdlib only).

For every network: size equals the number of comparators, each comparator
(i, j) has 0 <= i < j < n, no channel appears twice within a layer, the
expected (best-known) size is met, and the network sorts all 2^n 0-1 inputs
(0-1 principle, so it sorts every input). Prints one line per n; exits 1 on
any failure.

Usage: python3 data/check_networks.py [path/to/sorting_networks.json]
"""
import json
import os
import sys

# Smallest known sizes (Dobbelaere's list); n <= 10 are proven optimal.
BEST_SIZE = {2: 1, 3: 3, 4: 5, 5: 9, 6: 12, 7: 16, 8: 19, 9: 25, 10: 29,
             11: 35, 12: 39, 13: 45, 14: 51, 15: 56, 16: 60}


def sorts_all_01(n, comparators):
    """Bit-sliced 0-1 test: bit x of word c is channel c's value on input x."""
    total = 1 << n
    full = (1 << total) - 1
    # Channel c holds bit c of the input index x.
    words = []
    for c in range(n):
        block = ((1 << (1 << c)) - 1) << (1 << c)  # pattern 0^(2^c) 1^(2^c)
        period = 1 << (c + 1)
        w = 0
        for start in range(0, total, period):
            w |= block << start
        words.append(w & full)
    for i, j in comparators:
        a, b = words[i], words[j]
        words[i], words[j] = a & b, a | b  # min, max on 0-1 values
    # Sorted iff channel c <= channel c+1 for every input.
    return all(words[c] & ~words[c + 1] == 0 for c in range(n - 1))


def check(net):
    n, size, layers = net["n"], net["size"], net["layers"]
    comps = [tuple(p) for layer in layers for p in layer]
    if size != len(comps):
        return "size field %d != %d comparators" % (size, len(comps))
    if n in BEST_SIZE and size != BEST_SIZE[n]:
        return "size %d != expected %d" % (size, BEST_SIZE[n])
    for k, layer in enumerate(layers):
        used = set()
        for p in layer:
            if len(p) != 2:
                return "layer %d: bad comparator %r" % (k, p)
            i, j = p
            if not (0 <= i < j < n):
                return "layer %d: comparator (%d,%d) not 0 <= i < j < n" % (k, i, j)
            if i in used or j in used:
                return "layer %d: channels not disjoint at (%d,%d)" % (k, i, j)
            used.update((i, j))
    if not sorts_all_01(n, comps):
        return "does not sort all 0-1 inputs"
    return None


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "sorting_networks.json")
    with open(path) as f:
        data = json.load(f)
    failed = 0
    seen = set()
    for net in data["networks"]:
        err = check(net)
        seen.add(net["n"])
        if err:
            failed += 1
            print("n=%2d FAIL: %s" % (net["n"], err))
        else:
            print("n=%2d ok: size %d, depth %d, all %d 0-1 inputs sorted"
                  % (net["n"], net["size"], len(net["layers"]), 1 << net["n"]))
    missing = sorted(set(BEST_SIZE) - seen)
    if missing:
        failed += 1
        print("FAIL: missing networks for n = %s" % missing)
    print("%s: %d networks checked" % ("FAILED" if failed else "PASSED", len(data["networks"])))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
