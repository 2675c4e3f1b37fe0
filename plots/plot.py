#!/usr/bin/env python3
"""Draws the figures of an experiment's results directory (superopt experiment --out DIR).

usage: python3 plots/plot.py results/NAME [--out DIR]

Writes PNGs into DIR (default: the results directory):
  best_length.png   best verified length against time, per task: median over seeds
                    (line) and min-max (band) per method and setting
  best_cost.png     the search's best cost against time (min over chains), likewise
  success.png       success rate (a verified program) and target rate per cell
  explored.png      programs explored per cell (median, min-max bars; log scale)
  length_latency.png  length against measured latency of each run's best program
                    (only when the experiment measured latency)
  functions.png     targets only: per function, the target's length, the compiler's and
                    each method's best (median), and the best's measured latency over the
                    compiler's code's (when measured)
"""
import argparse
import json
import math
import os
import sys

import headless  # noqa: F401  (matplotlib, drawing to files)
import matplotlib.ticker  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def load_runs(results):
    runs_dir = os.path.join(results, "runs")
    runs = []
    for name in sorted(os.listdir(runs_dir)):
        if not name.endswith(".json"):
            continue
        path = os.path.join(runs_dir, name)
        try:
            with open(path) as f:
                run = json.load(f)
        except (OSError, ValueError):
            continue  # half-written: not a run
        trace_path = path[: -len(".json")] + ".trace.jsonl"
        run["trace"] = []
        if os.path.exists(trace_path):
            with open(trace_path) as f:
                run["trace"] = [json.loads(line) for line in f if line.strip()]
        runs.append(run)
    return runs


def label(cell):
    return cell["method"] if cell["setting"] == "default" else f'{cell["method"]} {cell["setting"]}'


def group(runs, key):
    groups = {}
    for r in runs:
        groups.setdefault(key(r), []).append(r)
    return groups


def time_grid(runs):
    times = [p[0] for r in runs for p in r["outcome"]["length_over_seconds"] if p[0] > 0]
    times += [r["outcome"]["wall_seconds"] for r in runs]
    lo = max(min(times, default=1e-4), 1e-5)
    hi = max(max(times, default=1.0), lo * 10)
    return np.logspace(math.log10(lo), math.log10(hi), 200)


def step(points, grid):
    """The running minimum of (time, value) points on `grid`; inf before the first."""
    values = np.full(len(grid), np.inf)
    for t, v in points:
        values[grid >= t] = np.minimum(values[grid >= t], v)
    return values


def band(ax, grid, curves, name):
    """Median (line) and min-max (band) over seeds; a seed with nothing yet counts as
    infinity, drawn as the top of the band."""
    stack = np.array(curves)
    finite = stack[np.isfinite(stack)]
    top = finite.max() if finite.size else np.nan
    med, lo, hi = (np.median(stack, axis=0), stack.min(axis=0), stack.max(axis=0))
    shown = lambda a: np.where(np.isfinite(a), a, np.nan)  # noqa: E731
    if not finite.size:
        ax.plot([], [], label=name + " (none found)")
        return
    line, = ax.plot(grid, shown(med), label=name, drawstyle="steps-post")
    ax.fill_between(grid, shown(lo), np.where(np.isfinite(hi), hi, top), step="post", alpha=0.2,
                    color=line.get_color())


def per_task_axes(tasks, title):
    """One panel per task, at most five to a row."""
    cols = min(len(tasks), 5)
    rows = (len(tasks) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(5 * cols, 4 * rows), squeeze=False)
    fig.suptitle(title)
    flat = list(axes.flat)
    for ax in flat[len(tasks):]:
        ax.set_visible(False)
    return fig, dict(zip(tasks, flat))


def plot_best_length(runs, tasks, out, name):
    fig, axes = per_task_axes(tasks, f"{name}: best verified length (median, min-max over seeds)")
    for task in tasks:
        ax = axes[task]
        task_runs = [r for r in runs if r["cell"]["task"] == task]
        grid = time_grid(task_runs)
        for key, members in group(task_runs, lambda r: label(r["cell"])).items():
            curves = [step(r["outcome"]["length_over_seconds"], grid) for r in members]
            band(ax, grid, curves, key)
        target = next((r["outcome"]["target"] for r in task_runs if r["outcome"]["target"] is not None), None)
        if target is not None:
            ax.axhline(target, color="grey", linestyle=":", label=f"target {target}")
        ax.set(title=task, xscale="log", xlim=(grid[0], grid[-1]), xlabel="seconds", ylabel="instructions")
        ax.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
        ax.legend(fontsize=7)
    save(fig, out, "best_length.png")


def plot_best_cost(runs, tasks, out, name):
    mcmc = [r for r in runs if r["cell"]["kind"] == "mcmc" and r["trace"]]
    if not mcmc:
        return
    fig, axes = per_task_axes(tasks, f"{name}: search's best cost (median, min-max over seeds)")
    for task in tasks:
        ax = axes[task]
        task_runs = [r for r in mcmc if r["cell"]["task"] == task]
        times = [p["seconds"] for r in task_runs for p in r["trace"] if p["seconds"] > 0]
        if not times:
            continue
        grid = np.logspace(math.log10(max(min(times), 1e-5)), math.log10(max(max(times), min(times) * 10)), 200)
        for key, members in group(task_runs, lambda r: label(r["cell"])).items():
            curves = [step([(p["seconds"], p["best_cost"]) for p in r["trace"]], grid) for r in members]
            band(ax, grid, curves, key)
        ax.set(title=task, xscale="log", xlim=(grid[0], grid[-1]), xlabel="seconds", ylabel="best cost")
        ax.legend(fontsize=7)
    save(fig, out, "best_cost.png")


def plot_success(cells, out, name):
    names = [f'{c["task"]}\n{label(c)}' for c in cells]
    x = np.arange(len(cells))
    fig, ax = plt.subplots(figsize=(max(6, 0.7 * len(cells)), 4))
    ax.bar(x - 0.2, [c["success_rate"] for c in cells], 0.4, label="verified program found")
    if any(c["target"] is not None for c in cells):
        ax.bar(x + 0.2, [c["target_rate"] or 0 for c in cells], 0.4, label="target length reached")
    ax.set_xticks(x, names, rotation=60, ha="right", fontsize=7)
    ax.set(ylabel="fraction of seeds", ylim=(0, 1.05), title=f"{name}: success rates")
    ax.legend(fontsize=7)
    save(fig, out, "success.png")


def plot_explored(cells, out, name):
    cells = [c for c in cells if c["explored"] is not None]
    if not cells:
        return
    med = np.array([c["explored"]["median"] for c in cells])
    err = np.array([[m - c["explored"]["min"], c["explored"]["max"] - m] for c, m in zip(cells, med)]).T
    fig, ax = plt.subplots(figsize=(max(6, 0.7 * len(cells)), 4))
    ax.bar(np.arange(len(cells)), med, yerr=err, capsize=3)
    ax.set_xticks(np.arange(len(cells)), [f'{c["task"]}\n{label(c)}' for c in cells], rotation=60, ha="right",
                  fontsize=7)
    ax.set(yscale="log", ylabel="programs explored", title=f"{name}: programs explored (median, min-max)")
    save(fig, out, "explored.png")


def plot_length_latency(runs, out, name):
    measured = [r for r in runs if r["outcome"].get("latency_cycles") is not None]
    if not measured:
        return
    fig, ax = plt.subplots(figsize=(6, 4.5))
    for key, members in group(measured, lambda r: f'{r["cell"]["task"]} {label(r["cell"])}').items():
        ax.scatter([r["outcome"]["length"] for r in members], [r["outcome"]["latency_cycles"] for r in members],
                   label=key, s=18)
    ax.set(xlabel="length (instructions)", ylabel="measured latency (clock ticks per call)",
           title=f"{name}: length against latency of the best programs")
    ax.legend(fontsize=6)
    save(fig, out, "length_latency.png")


def median(stat):
    return stat["median"] if stat is not None else np.nan


def plot_functions(cells, out, name):
    cells = [c for c in cells if c.get("reference_length") is not None]
    if not cells:
        return
    tasks = list(dict.fromkeys(c["task"] for c in cells))
    methods = list(dict.fromkeys(label(c) for c in cells))
    by = {(c["task"], label(c)): c for c in cells}
    first = {t: next(c for c in cells if c["task"] == t) for t in tasks}
    latency = any(c.get("compiled_latency_cycles") is not None and c.get("latency_cycles") is not None
                  for c in cells)
    fig, axes = plt.subplots(2 if latency else 1, 1, figsize=(max(8, 0.6 * len(tasks)), 8 if latency else 4.5),
                             squeeze=False)
    x = np.arange(len(tasks))
    width = 0.8 / (2 + len(methods))
    ax = axes[0][0]
    series = [("target", [median(first[t]["reference_length"]) for t in tasks]),
              ("compiler", [median(first[t]["compiled_length"]) for t in tasks])]
    series += [(m, [median(by[(t, m)]["length"]) if (t, m) in by else np.nan for t in tasks]) for m in methods]
    for i, (key, values) in enumerate(series):
        ax.bar(x + (i - (len(series) - 1) / 2) * width, values, width, label=key)
    ax.set_xticks(x, tasks, fontsize=7)
    ax.set(ylabel="instructions", title=f"{name}: length (no bar: no verified program, or not run yet)")
    ax.legend(fontsize=7)
    if latency:
        ax = axes[1][0]
        for i, m in enumerate(methods):
            ratios = []
            for t in tasks:
                c = by.get((t, m))
                ok = c is not None and c.get("latency_cycles") is not None and c.get("compiled_latency_cycles")
                ratios.append(median(c["latency_cycles"]) / median(c["compiled_latency_cycles"]) if ok else np.nan)
            ax.bar(x + (i - (len(methods) - 1) / 2) * (0.8 / len(methods)), ratios, 0.8 / len(methods), label=m)
        ax.axhline(1, color="grey", linestyle=":")
        ax.set_xticks(x, tasks, fontsize=7)
        ax.set(ylabel="best / compiler's (ticks per call)", title="measured latency against the compiler's code")
        ax.legend(fontsize=7)
    save(fig, out, "functions.png")


def plot_optimality(cells, out, name):
    """Each method's best length (median, min-max) per task, and the prover's proven lower
    bound as a line: what no program can beat."""
    bounds = {c["task"]: c["lower_bound"]["max"] for c in cells if c.get("lower_bound") is not None}
    if not bounds:
        return
    tasks = list(dict.fromkeys(c["task"] for c in cells))
    methods = list(dict.fromkeys(label(c) for c in cells if c.get("length") is not None))
    by = {(c["task"], label(c)): c for c in cells}
    fig, ax = plt.subplots(figsize=(max(6, 1.6 * len(tasks)), 4.5))
    x = np.arange(len(tasks))
    width = 0.8 / len(methods)
    for i, m in enumerate(methods):
        stats = [by[(t, m)]["length"] if (t, m) in by else None for t in tasks]
        med = [s["median"] if s else np.nan for s in stats]
        err = np.array([[s["median"] - s["min"], s["max"] - s["median"]] if s else [0, 0] for s in stats]).T
        ax.bar(x + (i - (len(methods) - 1) / 2) * width, med, width, yerr=err, capsize=3, label=m)
    for i, t in enumerate(tasks):
        if t in bounds:
            ax.hlines(bounds[t], i - 0.45, i + 0.45, colors="black", linestyles="--",
                      label="proven lower bound" if i == 0 else None)
    ax.set_xticks(x, tasks)
    ax.set(ylabel="instructions", title=f"{name}: best length against the proven lower bound")
    ax.legend(fontsize=7)
    save(fig, out, "optimality.png")


def save(fig, out, filename):
    fig.tight_layout()
    path = os.path.join(out, filename)
    fig.savefig(path + ".tmp.png", dpi=110)
    os.replace(path + ".tmp.png", path)
    plt.close(fig)
    print(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results", help="the directory superopt experiment --out wrote")
    parser.add_argument("--out", help="where the PNGs go (default: the results directory)")
    args = parser.parse_args()
    try:
        with open(os.path.join(args.results, "summary.json")) as f:
            summary = json.load(f)
    except (OSError, ValueError) as e:
        sys.exit(f"plot.py: {args.results}: no readable summary.json ({e})")
    out = args.out or args.results
    os.makedirs(out, exist_ok=True)
    runs = load_runs(args.results)
    name = summary["experiment"]
    tasks = list(dict.fromkeys(c["task"] for c in summary["cells"]))
    if runs:
        plot_best_length(runs, tasks, out, name)
        plot_best_cost(runs, tasks, out, name)
        plot_length_latency(runs, out, name)
    plot_success(summary["cells"], out, name)
    plot_explored(summary["cells"], out, name)
    plot_functions(summary["cells"], out, name)
    plot_optimality(summary["cells"], out, name)


if __name__ == "__main__":
    main()
