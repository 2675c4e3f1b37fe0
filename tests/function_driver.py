#!/usr/bin/env python3
"""function_driver.py SUITE.json: prints a C program that runs one function of the
suite natively: `driver NAME ARG...` prints its result as its signature types it (the
function suite test compares it with `superopt run`)."""
import json
import re
import sys

C_TYPES = {"i32": "int", "u32": "unsigned", "i64": "long", "u64": "unsigned long"}
FORMATS = {"i32": "%d", "u32": "%u", "i64": "%ld", "u64": "%lu"}


def main(path):
    suite = json.load(open(path))
    out = ["#include <stdio.h>", "#include <stdlib.h>", "#include <string.h>", ""]
    calls = []
    for f in suite["functions"]:
        result, args = re.fullmatch(r"(\w+)\((.*)\)", f["signature"]).groups()
        args = [a for a in args.split(",") if a]
        params = ", ".join(C_TYPES[a] for a in args) or "void"
        out.append(f"{C_TYPES[result]} {f['name']}({params});")
        values = ", ".join(f"({C_TYPES[a]})a[{k}]" for k, a in enumerate(args))
        calls.append(f'    if (!strcmp(argv[1], "{f["name"]}")) {{ printf("{FORMATS[result]}\\n", '
                     f'{f["name"]}({values})); return 0; }}')
    out += ["", "int main(int argc, char** argv) {", "    unsigned long long a[6] = {0};",
            "    for (int i = 2; i < argc && i < 8; ++i) a[i - 2] = strtoull(argv[i], 0, 0);"]
    out += calls
    out += ['    fprintf(stderr, "unknown function %s\\n", argv[1]);', "    return 2;", "}"]
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1])
