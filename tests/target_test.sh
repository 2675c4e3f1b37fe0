#!/usr/bin/env bash
# Targets as compilers write them: tests/c/functions.c compiled by gcc and clang-16 at
# -O0 to -O3, each function read from the .s file by `superopt run` (the Function
# dialect and the x86 semantics) on edge and ordinary arguments, and compared with
# the same C compiled natively. Then bad targets: what is refused, and how.
source "$(dirname "$0")/check.sh"
src=$(dirname "$0")/c

gcc -O2 -o "$dir/native" "$src/functions.c" "$src/functions_driver.c"

# Arguments per type; call k takes value (k + 3 j) of each argument j's list.
values_i32=(0 1 -1 7 2147483647 -2147483648 12345 -98765 255 -256 31 33)
values_u32=(0 1 7 4294967295 2147483648 12345 255 65536 31 33 3000000000 2)
values_i64=(0 1 -1 9223372036854775807 -9223372036854775808 123456789012 -5 255 64 -1000000007 3 17)
values_u64=(0 1 18446744073709551615 9223372036854775808 123456789012 5 255 64 3 17 1000000007 2)

functions=("p01 i32(i32)" "p02 i32(i32)" "p03 u32(u32)" "p06 i32(i32)" "p09 i32(i32)"
    "p10 i32(u32,u32)" "p13 i32(i32)" "p14 u32(u32,u32)" "p16 i32(i32,i32)" "popc u32(u32)"
    "parity u32(u32)" "divs i32(i32,i32)" "mod64 u64(u64,u64)" "mul64 i64(i64,i64)"
    "satadd u32(u32,u32)" "bytes i32(i32)" "rot u32(u32,i32)" "clamp i32(i32,i32,i32)"
    "avg64 i64(i64,i64)" "sel3 i32(i32,i32,i32)")

# agrees FILE: every function of FILE, on 12 calls each, gives the native result.
agrees() {
    local file=$1 ok=0
    for entry in "${functions[@]}"; do
        read -r name sig <<<"$entry"
        local types=${sig#*(}
        types=${types%)}
        IFS=, read -r -a argtypes <<<"$types"
        for k in $(seq 0 11); do
            local args=() j=0
            for t in "${argtypes[@]}"; do
                local -n list=values_$t
                args+=("${list[$(((k + 3 * j) % 12))]}")
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

for level in O0 O1 O2 O3; do
    gcc -$level -fno-asynchronous-unwind-tables -fcf-protection=none -S -o "$dir/gcc_$level.s" "$src/functions.c"
    check "gcc -$level: every function as the CPU runs it" agrees "$dir/gcc_$level.s"
    if command -v clang-16 >/dev/null; then
        clang-16 -$level -fno-asynchronous-unwind-tables -fcf-protection=none -S -o "$dir/clang_$level.s" "$src/functions.c"
        check "clang -$level: every function as the CPU runs it" agrees "$dir/clang_$level.s"
    fi
done

# proved TARGET REWRITE: every function of REWRITE proved equal to TARGET's by the
# solver, but clang's mod64, whose 32-bit fast path for a 64-bit division the solver does
# not decide in 10 s (it must then say so, never "differs").
proved() {
    local ok=0
    for entry in "${functions[@]}"; do
        read -r name sig <<<"$entry"
        local out
        out=$("$superopt" verify --target "$1" --function "$name" --signature "$sig" --symbol "$name" --timeout 10 "$2" 2>&1)
        if [[ "$out" != *"equal for every input"* ]] &&
            ! [[ "$name" == mod64 && "$2" == *clang* && "$out" == *"NOT verified"* ]]; then
            echo "  $2 $name: $out"
            ok=1
        fi
    done
    return $ok
}
check "gcc -O2 proved equal to gcc -O0, function by function" proved "$dir/gcc_O0.s" "$dir/gcc_O2.s"
if command -v clang-16 >/dev/null; then
    check "clang -O2 proved equal to gcc -O0, function by function" proved "$dir/gcc_O0.s" "$dir/clang_O2.s"
fi
printf 'leal -1(%%rdi), %%eax\norl %%edi, %%eax\n' > "$dir/p01_wrong.s"
printf 'leal -1(%%rdi), %%eax\nandl %%edi, %%eax\n' > "$dir/p01.s"

# expect CODE REGEX COMMAND...: the exit code, and stderr/stdout matching REGEX.
expect() {
    local code=$1 regex=$2
    shift 2
    local out
    out=$("$@" 2>&1)
    local got=$?
    [[ $got -eq $code && "$out" =~ $regex ]] || { echo "  got exit $got: $out"; return 1; }
}
printf 'f:\n  movl %%edi, %%eax\n  xchgl %%eax, %%ecx\n  ret\n' > "$dir/xchg.s"
check "an unsupported instruction names itself and its line" \
    expect 2 "^$dir/xchg.s:3:3: unknown instruction 'xchgl'$" "$superopt" run --target "$dir/xchg.s" --signature 'i32(i32)' 1
printf 'f:\n  movl %%esi, %%eax\n  ret\n' > "$dir/twoargs.s"
check "a signature that does not pass what the target reads is reported" \
    expect 2 "instruction 1 \(mov %esi, %eax\) reads %esi, which nothing wrote before and i32\(i32\) does not pass" \
    "$superopt" run --target "$dir/twoargs.s" --signature 'i32(i32)' 1
printf 'f:\n  movq %%rdi, %%rax\n  ret\n' > "$dir/upper.s"
check "reading the upper half of a 32-bit argument is reported" \
    expect 2 "reads %rdi, which nothing wrote before and i32\(i32\) does not pass" \
    "$superopt" run --target "$dir/upper.s" --signature 'i32(i32)' 1
printf 'f:\n.L1:\n  addl $1, %%edi\n  jne .L1\n  movl %%edi, %%eax\n  ret\n' > "$dir/loop.s"
check "a target with a loop is refused with that reason" \
    expect 2 "loop.s:4:7: jump back to '.L1' \(line 2\): loops are outside the instruction set" \
    "$superopt" run --target "$dir/loop.s" --signature 'i32(i32)' 1
check "a malformed signature says what is expected" \
    expect 2 "signature 'int\(int\)': unknown type 'int'" \
    "$superopt" run --target "$dir/upper.s" --signature 'int(int)' 1
check "arguments are range-checked" \
    expect 2 "argument 2: '4294967296' is out of range for u32" \
    "$superopt" run --target "$dir/twoargs.s" --signature 'u32(u32,u32)' 1 4294967296
check "arguments are counted" \
    expect 2 "u32\(u32,u32\) takes 2 argument\(s\), 1 given" \
    "$superopt" run --target "$dir/twoargs.s" --signature 'u32(u32,u32)' 1
check "a missing file is one line" \
    expect 2 "^superopt run: $dir/none.s: cannot open file$|^$dir/none.s: cannot open file$" \
    "$superopt" run --target "$dir/none.s" --signature 'i32(i32)' 1
printf 'f:\n  movl %%edi, %%eax\n  cltd\n  idivl %%esi\n  ret\n' > "$dir/div.s"
check "a call that faults says so, exit 1" \
    expect 1 "f\(7, 0\) faults" "$superopt" run --target "$dir/div.s" --function f --signature 'i32(i32,i32)' 7 0
check "a rewrite proved equal: exit 0" \
    expect 0 "p01.s: 2 instructions against p01's 4, equal for every input \(proved by Z3" \
    "$superopt" verify --target "$dir/gcc_O0.s" --function p01 --signature 'i32(i32)' "$dir/p01.s"
check "a wrong rewrite: exit 1 with a counterexample" \
    expect 1 "differs: p01\(-?[0-9]+\) gives -?[0-9]+, the rewrite gives -?[0-9]+" \
    "$superopt" verify --target "$dir/gcc_O0.s" --function p01 --signature 'i32(i32)' "$dir/p01_wrong.s"
check "a rewrite that reads what the signature does not pass is bad input" \
    expect 2 "twoargs.s: instruction 1 \(mov %esi, %eax\) reads %esi" \
    "$superopt" verify --target "$dir/gcc_O0.s" --function p01 --signature 'i32(i32)' "$dir/twoargs.s"
check "--task and --target exclude each other" \
    expect 2 "--task and --target exclude each other" \
    "$superopt" verify --task sort3 --target "$dir/gcc_O0.s" --signature 'i32(i32)' "$dir/p01.s"
finish
