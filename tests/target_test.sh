#!/usr/bin/env bash
# Targets and rewrites that are bad input, and what is said about them; a rewrite
# proved equal and one refuted. (function_suite_test.sh checks suites of functions
# against the compilers and the CPU.)
source "$(dirname "$0")/check.sh"
gcc -O0 -fno-asynchronous-unwind-tables -fcf-protection=none -S -o "$dir/gcc_O0.s" \
    "$(dirname "$0")/c/functions.c"
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
check "returning the upper half of a 32-bit argument is reported" \
    expect 2 "the result of i64\(i32\) is not wholly defined" \
    "$superopt" run --target "$dir/upper.s" --signature 'i64(i32)' 1
check "but its lower half is the argument" expect 0 "f\(-5\) = -5" \
    "$superopt" run --target "$dir/upper.s" --signature 'i32(i32)' -- -5
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
check "search: --task means nothing with --target" \
    expect 2 "--task means nothing with --target" \
    "$superopt" search --task sort4 --target "$dir/gcc_O0.s" --function p01 --signature 'i32(i32)'
check "search: --target needs --signature" \
    expect 2 "--target needs --signature" "$superopt" search --target "$dir/gcc_O0.s" --function p01
check "search: --signature goes with --target" \
    expect 2 "--signature goes with --target" "$superopt" search --signature 'i32(i32)'
check "search: a target's cost is the Hamming distance" \
    expect 2 "a target's cost counts wrong bits: cost hamming" \
    "$superopt" search --target "$dir/gcc_O0.s" --function p01 --signature 'i32(i32)' --cost sqrt-count
check "search: an unknown function in the target file is named" \
    expect 2 "symbol 'nope' not found" \
    "$superopt" search --target "$dir/gcc_O0.s" --function nope --signature 'i32(i32)'
# gcc -S as users run it (unwind tables, .LFB labels) and a search from its -O0 code:
# the rewrite is proved equal, keeps the target's name, and runs natively.
gcc -O0 -S -o "$dir/plain_O0.s" "$(dirname "$0")/c/functions.c"
check "search: from gcc -O0 to a shorter rewrite, proved equal" \
    expect 0 "best: 2 instructions, proved equal to the target by Z3" \
    "$superopt" search --target "$dir/plain_O0.s" --function p01 --signature 'i32(i32)' \
    --iterations 300000 --seconds 0 --threads 2 --asm "$dir/p01_found.s" --json "$dir/p01_found.json"
check "search: the exported rewrite verifies" \
    expect 0 "equal for every input" \
    "$superopt" verify --target "$dir/plain_O0.s" --function p01 --signature 'i32(i32)' "$dir/p01_found.s"
printf '#include <stdio.h>\nint p01(int);\nint main(void) { printf("%%d %%d %%d\\n", p01(12), p01(0), p01(-2147483647 - 1)); }\n' > "$dir/call.c"
check "search: the exported rewrite keeps the name p01 and runs natively" \
    bash -c "gcc -o '$dir/call' '$dir/call.c' '$dir/p01_found.s' && [[ \$('$dir/call') == '8 0 0' ]]"
# bench: rewrites proved first, the target and a compiled shared object measured beside.
gcc -O3 -shared -fPIC -o "$dir/functions.so" "$(dirname "$0")/c/functions.c"
check "bench: a rewrite, the target and the compiled function, measured" \
    expect 0 "p01.s +2 .*the target \(.*gcc_O0.s, JIT\) +4 .*functions.so:p01 \(compiled\) +- " \
    "$superopt" bench --target "$dir/gcc_O0.s" --function p01 --signature 'i32(i32)' "$dir/p01.s" \
    --compiled "$dir/functions.so" --measurements 20 --inputs 100 --json "$dir/bench_p01.json"
check "bench: its JSON names the target and every row" \
    python3 -c "import json,sys; j=json.load(open('$dir/bench_p01.json')); sys.exit(not (j['task']['function']=='p01' and [k['length'] for k in j['kernels']]==[2,4,None]))"
check "bench: a wrong rewrite is refused, exit 1" \
    expect 1 "p01_wrong.s: differs from the target: p01\(" \
    "$superopt" bench --target "$dir/gcc_O0.s" --function p01 --signature 'i32(i32)' "$dir/p01_wrong.s"
check "bench: a compiled function that differs from the target is refused, exit 1" \
    expect 1 "functions.so:p02: p01\(-?[0-9]+\) gives" \
    "$superopt" bench --target "$dir/gcc_O0.s" --function p01 --signature 'i32(i32)' \
    --compiled "$dir/functions.so" --symbol p02
check "bench: a missing shared object is one line, exit 2" \
    expect 2 "nope.so: cannot load" \
    "$superopt" bench --target "$dir/gcc_O0.s" --function p01 --signature 'i32(i32)' --compiled "$dir/nope.so"
check "bench: --compiled needs --target" \
    expect 2 "--compiled needs --target" "$superopt" bench --task sort3 --compiled "$dir/functions.so"
finish
