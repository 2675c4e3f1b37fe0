#!/usr/bin/env python3
"""The library's layers and the include rules between them (README, Architecture).

core includes only core; native only core; search only core and native; agent only
core and native; experiment anything. Every header sits in a layer's folder (but the
umbrella superopt.hpp), and no two components (a header and its source) include each
other, directly or through others. The kernels (kernels/, superopt::kernels) stand
alone: they include no header of the library, only superopt/kernels.hpp and their own
folder's.
Prints one line per broken rule and exits 1.

usage: include_rules.py REPOSITORY_ROOT
"""
import os
import re
import sys

LAYERS = ["core", "native", "search", "agent", "experiment"]
ALLOWED = {
    "core": {"core"},
    "native": {"core", "native"},
    "search": {"core", "native", "search"},
    "agent": {"core", "native", "agent"},
    "experiment": set(LAYERS),
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def library_files(root):
    """(path, layer, component) for every header and source of the library."""
    for base in ("libsuperopt/include/superopt", "libsuperopt/src"):
        top = os.path.join(root, base)
        for dirpath, _, names in os.walk(top):
            for name in sorted(names):
                if not re.search(r"\.(hpp|cpp|hpp\.in|cpp\.in)$", name):
                    continue
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, top)
                layer = rel.split(os.sep)[0] if os.sep in rel else None
                stem = name.split(".")[0]
                yield path, layer, (layer, stem)


def includes(path):
    with open(path) as f:
        for number, line in enumerate(f, 1):
            m = INCLUDE.match(line)
            if m:
                yield number, m.group(1)


def target_of(path, included):
    """The (layer, component) an include names, or None outside the library."""
    m = re.match(r"superopt/([a-z_]+)/([a-z_0-9]+)\.hpp$", included)
    if m:
        return m.group(1), m.group(2)
    if "/" not in included:  # a header of the same folder (src/core/lane_kernels.hpp)
        layer = os.path.basename(os.path.dirname(path))
        if layer in LAYERS:
            return layer, included.split(".")[0]
    return None


def find_cycle(graph):
    state, stack = {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def kernels_problems(root):
    """The kernels' includes of anything of superopt's but their own header."""
    top = os.path.join(root, "kernels")
    for dirpath, _, names in os.walk(top):
        for name in sorted(names):
            if not re.search(r"\.(hpp|cpp)$", name):
                continue
            path = os.path.join(dirpath, name)
            for number, included in includes(path):
                if included != "superopt/kernels.hpp" and "/" in included:
                    rel = os.path.relpath(path, root)
                    yield f"{rel}:{number}: the kernels stand alone; this includes {included}"


def main(root):
    problems, graph = list(kernels_problems(root)), {}
    for path, layer, component in library_files(root):
        rel = os.path.relpath(path, root)
        if layer not in LAYERS:
            if rel != "libsuperopt/include/superopt/superopt.hpp":
                problems.append(f"{rel}: outside the layers' folders ({', '.join(LAYERS)})")
            continue
        for number, included in includes(path):
            target = target_of(path, included)
            if target is None:
                if included.startswith("superopt/"):
                    problems.append(f"{rel}:{number}: includes {included}, which is in no layer")
                continue
            if target[0] not in ALLOWED[layer]:
                allowed = ", ".join(l for l in LAYERS if l in ALLOWED[layer])
                problems.append(f"{rel}:{number}: {layer} may include only {allowed}; this includes {included}")
            if target != component:
                graph.setdefault(component, set()).add(target)
    cycle = find_cycle(graph)
    if cycle:
        problems.append("components include each other: " + " -> ".join(f"{l}/{c}" for l, c in cycle))
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
