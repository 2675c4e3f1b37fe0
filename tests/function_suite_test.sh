#!/usr/bin/env bash
# A suite of C functions (SUITE.json: its source file, each function's name and
# signature) as compilers write them: compiled by gcc and clang-16 at -O0 to -O3, each
# function read from the .s file by `superopt run` (the Function dialect and the x86
# semantics) on 8 argument sets of edge and ordinary values and compared with the C
# compiled natively; then gcc's and clang's -O2 proved equal to gcc -O0 by the solver,
# but for the functions the suite lists as undecided for a compiler (which must then
# say "NOT verified", never "differs").
#   function_suite_test.sh SUPEROPT SUITE.json
source "$(dirname "$0")/check.sh"
suite=$2
src="$(dirname "$suite")/$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['source'])" "$suite")"
mapfile -t functions < <(python3 -c "
import json, sys
for f in json.load(open(sys.argv[1]))['functions']: print(f['name'], f['signature'])" "$suite")
undecided() { # undecided COMPILER NAME
    python3 -c "import json,sys; sys.exit(sys.argv[3] not in json.load(open(sys.argv[1])).get('undecided', {}).get(sys.argv[2], []))" "$suite" "$1" "$2"
}

python3 "$(dirname "$0")/function_driver.py" "$suite" > "$dir/driver.c"
gcc -O2 -o "$dir/native" "$dir/driver.c" "$src"

# Arguments per type; call k takes value (k + 3 j) of argument j's list.
values_i32=(0 1 -1 7 2147483647 -2147483648 12345 -98765)
values_u32=(0 1 7 4294967295 2147483648 12345 255 65536)
values_i64=(0 1 -1 9223372036854775807 -9223372036854775808 123456789012 -5 255)
values_u64=(0 1 18446744073709551615 9223372036854775808 123456789012 5 255 64)

# agrees FILE: every function of FILE, on 8 calls each, gives the native result.
agrees() {
    local file=$1 ok=0
    for entry in "${functions[@]}"; do
        read -r name sig <<<"$entry"
        local types=${sig#*(}
        types=${types%)}
        IFS=, read -r -a argtypes <<<"$types"
        for k in $(seq 0 7); do
            local args=() j=0
            for t in "${argtypes[@]}"; do
                local -n list=values_$t
                args+=("${list[$(((k + 3 * j) % 8))]}")
                j=$((j + 1))
            done
            local want got
            want=$("$dir/native" "$name" "${args[@]}")
            got=$("$superopt" run --target "$file" --function "$name" --signature "$sig" -- "${args[@]}" 2>&1)
            if [[ "$got" != *" = $want" ]]; then
                echo "  $file $name(${args[*]}): native $want, superopt run: $got"
                ok=1
            fi
        done
    done
    return $ok
}

# proved COMPILER TARGET REWRITE: every function of REWRITE proved equal to TARGET's.
proved() {
    local ok=0
    for entry in "${functions[@]}"; do
        read -r name sig <<<"$entry"
        local out
        out=$("$superopt" verify --target "$2" --function "$name" --signature "$sig" --symbol "$name" --timeout 10 "$3" 2>&1)
        if [[ "$out" != *"equal for every input"* ]] && ! { undecided "$1" "$name" && [[ "$out" == *"NOT verified"* ]]; }; then
            echo "  $3 $name: $out"
            ok=1
        fi
    done
    return $ok
}

compilers=(gcc)
command -v clang-16 >/dev/null && compilers+=(clang)
for compiler in "${compilers[@]}"; do
    cc=$compiler
    [[ $compiler == clang ]] && cc=clang-16
    for level in O0 O1 O2 O3; do
        "$cc" -$level -fno-asynchronous-unwind-tables -fcf-protection=none -S -o "$dir/${compiler}_$level.s" "$src"
        check "$compiler -$level: every function as the CPU runs it" agrees "$dir/${compiler}_$level.s"
    done
done
for compiler in "${compilers[@]}"; do
    check "$compiler -O2 proved equal to gcc -O0, function by function" proved $compiler "$dir/gcc_O0.s" "$dir/${compiler}_O2.s"
done
finish
