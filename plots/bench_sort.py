#!/usr/bin/env python3
"""Draws superopt bench-sort's figures (superopt bench-sort --json FILE).

usage: python3 plots/bench_sort.py FILE.json [--out PNG]

One bar per contender and workload: the median time per sort with its 95% interval;
small workloads (sort2..sort8, mixed) in ns per sort, large ones in ns per element.
Writes PNG (default: FILE with .png for .json).
"""
import argparse
import json
import os
import sys

import headless  # noqa: F401  (matplotlib, drawing to files)
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def panel(ax, rows, per_element, ylabel):
    names = [c["name"] for c in rows[0]["contenders"]]
    width = 0.8 / len(names)
    x = np.arange(len(rows))
    for k, name in enumerate(names):
        med, low, high = [], [], []
        for row in rows:
            c = next(c for c in row["contenders"] if c["name"] == name)
            scale = row["elements"] / row["arrays"] if per_element else 1
            m = c["median"]
            med.append(m["ns"] / scale)
            low.append((m["ns"] - m["interval_ns"][0]) / scale)
            high.append((m["interval_ns"][1] - m["ns"]) / scale)
        ax.bar(x + (k - (len(names) - 1) / 2) * width, med, width, yerr=[low, high], capsize=2, label=name)
    ax.set_xticks(x)
    ax.set_xticklabels([r["workload"] for r in rows], rotation=30, ha="right")
    ax.set_ylabel(ylabel)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=8)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", help="the JSON file superopt bench-sort --json wrote")
    parser.add_argument("--out", help="the PNG to write (default: FILE with .png)")
    args = parser.parse_args()
    try:
        with open(args.file) as f:
            data = json.load(f)
        rows = data["workloads"]
    except (OSError, ValueError, KeyError) as e:
        sys.exit(f"bench_sort.py: {args.file}: {e}")
    small = [r for r in rows if r["workload"].startswith("sort") and len(r["workload"]) == 5 or r["workload"] == "mixed"]
    large = [r for r in rows if r not in small]
    panels = [p for p in ((small, False, "median ns per sort"), (large, True, "median ns per element")) if p[0]]
    if not panels:
        sys.exit(f"bench_sort.py: {args.file}: no workloads")
    fig, axes = plt.subplots(1, len(panels), figsize=(7 * len(panels), 4.5), squeeze=False)
    for ax, (rs, per_element, ylabel) in zip(axes[0], panels):
        panel(ax, rs, per_element, ylabel)
    fig.suptitle("superopt bench-sort: superopt::kernels against std::sort (random int32 unless named)")
    fig.tight_layout()
    out = args.out or os.path.splitext(args.file)[0] + ".png"
    tmp = out + ".tmp.png"
    fig.savefig(tmp, dpi=110)
    os.replace(tmp, out)
    print(out)


if __name__ == "__main__":
    main()
