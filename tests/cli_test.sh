#!/usr/bin/env bash
# The command-line app as a user meets it: exit codes, one-line errors, files.
source "$(dirname "$0")/check.sh"

# expect CODE PATTERN COMMAND...: the command exits with CODE and its output matches PATTERN.
expect() {
    local code=$1 pattern=$2
    shift 2
    local out rc
    out=$("$@" 2>&1)
    rc=$?
    if [[ $rc -ne $code ]] || ! grep -qE -- "$pattern" <<<"$out"; then
        echo "FAIL: $* -> exit $rc (want $code), output: $out (want /$pattern/)"
        failures=$((failures + 1))
    else
        pass=$((pass + 1))
    fi
}

expect 0 "commands:" "$superopt" --help
expect 2 "unknown command 'frobnicate'" "$superopt" frobnicate
expect 0 "sort5, 46 instructions, correct on all 541 cases" "$superopt" network --n 5 --asm "$dir/sort5.s"
expect 0 "correct on all 541 cases" "$superopt" verify --task sort5 "$dir/sort5.s"
expect 0 "varsort4, 62 instructions" "$superopt" network --varsort 4 --asm "$dir/v4.s" --symbol my_varsort4
check "symbol written" grep -q "^my_varsort4:" "$dir/v4.s"
expect 0 "correct on all 92 cases" "$superopt" verify --task varsort4 "$dir/v4.s" --symbol my_varsort4
expect 1 "wrong after .* cases: input" "$superopt" verify --task sort6 "$dir/sort5.s"
expect 2 "unknown task 'sort99'" "$superopt" verify --task sort99 "$dir/sort5.s"
expect 2 "$dir/missing.s: cannot open file" "$superopt" verify --task sort3 "$dir/missing.s"
printf 'mov (%%rdi), %%eax\nfrob %%eax\n' >"$dir/bad.s"
expect 2 "^$dir/bad.s:2:1: unknown instruction 'frob'$" "$superopt" verify --task sort3 "$dir/bad.s"
expect 2 "symbol 'nope' not found" "$superopt" verify --task sort5 "$dir/sort5.s" --symbol nope
expect 2 "give exactly one of --n and --varsort" "$superopt" network --asm "$dir/x.s"
expect 2 "unknown task 'sort9'" "$superopt" network --n 9 --asm "$dir/x.s"
expect 2 "required" "$superopt" network --n 3
expect 2 "cannot write" "$superopt" network --n 3 --asm "$dir/no/such/dir/x.s"
check "no file left behind" test ! -e "$dir/x.s"
check "no temporary file left behind" test -z "$(compgen -G "$dir/*.tmp.*")"
expect 0 "plain interpreter .* programs/s" "$superopt" throughput --task sort3 --seconds 0.1
expect 0 "baseline full .*the interpreter" "$superopt" throughput --task sort3 --seconds 0.1 --isa baseline
expect 0 '"full_over_interpreter"' "$superopt" throughput --task sort3 --seconds 0.1 --json
expect 0 '"isa": "baseline"' env SUPEROPT_ISA=baseline "$superopt" throughput --task sort3 --seconds 0.1 --json
expect 2 "SUPEROPT_ISA: unknown vector path 'sse9'" env SUPEROPT_ISA=sse9 "$superopt" throughput --seconds 0.1
expect 2 "SUPEROPT_ISA: unknown vector path 'sse9'" env SUPEROPT_ISA=sse9 "$superopt" search --seconds 0.1
expect 2 "--isa: unknown vector path 'mmx'" "$superopt" throughput --isa mmx
if grep -qw avx512bw /proc/cpuinfo; then
    expect 0 '"isa": "avx512"' env SUPEROPT_ISA=avx512 "$superopt" throughput --task sort3 --seconds 0.1 --json
else
    expect 2 "SUPEROPT_ISA: this CPU does not support the avx512 path" env SUPEROPT_ISA=avx512 "$superopt" verify --task sort3 "$dir/sort5.s"
fi
expect 2 "must be positive" "$superopt" throughput --seconds 0
# The general emulator on a target: a small function of its own.
printf '\t.globl\tf\nf:\n\tmovl\t%%edi, %%eax\n\tsubl\t$1, %%eax\n\tandl\t%%edi, %%eax\n\tret\n' > "$dir/f.s"
expect 0 "f.s:f: 3-instruction warm start" "$superopt" throughput --target "$dir/f.s" --signature 'i32(i32)' --seconds 0.1
expect 0 "baseline full .*the interpreter" "$superopt" throughput --target "$dir/f.s" --signature 'i32(i32)' --seconds 0.1 --isa baseline
expect 2 "--task and --target exclude each other" "$superopt" throughput --task sort3 --target "$dir/f.s" --signature 'i32(i32)'
expect 2 "--target needs --signature" "$superopt" throughput --target "$dir/f.s"
expect 2 "--signature and --function need --target" "$superopt" throughput --signature 'i32(i32)'
expect 2 "invalid|unrecognised|unrecognized" "$superopt" throughput --bogus

expect 0 "self-check: human benchmark .* ratio" "$superopt" bench --task varsort3 --measurements 20 --inputs 100
"$superopt" network --n 3 --asm "$dir/sort3.s" >/dev/null
expect 0 "self-check: $dir/sort3.s against a second copy" "$superopt" bench --task sort3 "$dir/sort3.s" --measurements 20 --inputs 100 --json "$dir/bench.json"
check "bench JSON written" grep -q '"self_check"' "$dir/bench.json"
expect 1 "wrong after .* cases: input" "$superopt" bench --task sort6 "$dir/sort5.s" --measurements 20
expect 2 "must be positive" "$superopt" bench --task sort3 --measurements 0

# prove: exit 1 proved none, 0 found (verified), 3 stopped (with the result file), 2 bad input
expect 1 "no sort2 program of 7 or fewer instructions exists under profile alphadev with 3 registers" "$superopt" prove --task sort2 --length 7 --registers 3 --table-mb 16
expect 0 "a sort2 program of 8 instructions exists" "$superopt" prove --task sort2 --length 8 --registers 3 --table-mb 16 --json "$dir/prove.json"
check "prove JSON: outcome and rules" python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
assert d['outcome'] == 'found' and d['program_length'] == 8 and d['proven_none_up_to'] == 7, d
assert len(d['pruning_rules']) >= 5" "$dir/prove.json"
expect 1 "no sort3 program of 16 or fewer instructions exists under profile alphadev with 4 registers" "$superopt" prove --task sort3 --length 16 --registers 4 --threads 2 --table-mb 16 --json "$dir/prove2.json"
check "prove JSON records the threads" grep -q '"threads": 2' "$dir/prove2.json"
check "... and the intermediate-values slack" grep -q '"intermediate_slack": 1' "$dir/prove2.json"
check "... and the symmetry rules" grep -q '"symmetry": true' "$dir/prove2.json"
expect 1 "no sort3 program of 16 or fewer" "$superopt" prove --task sort3 --length 16 --registers 4 --no-symmetry --table-mb 16 --json "$dir/prove3.json"
check "--no-symmetry: recorded, and two rules fewer" python3 -c "
import json, sys
on, off = (json.load(open(f)) for f in sys.argv[1:])
assert off['symmetry'] is False and len(off['pruning_rules']) == len(on['pruning_rules']) - 2
assert off['nodes'] > on['nodes'], (off['nodes'], on['nodes'])" "$dir/prove2.json" "$dir/prove3.json"
expect 2 "the intermediate-values slack must be -1 \(off\) or more" "$superopt" prove --task sort3 --length 16 --intermediate-slack -2
expect 2 "threads must not be negative" "$superopt" prove --task sort3 --length 16 --threads -1
expect 3 "no sort4 program of" "$superopt" prove --task sort4 --length 30 --seconds 0.3 --table-mb 16 --json "$dir/stopped.json"
check "prove JSON written when stopped" grep -q '"outcome": "stopped"' "$dir/stopped.json"
expect 3 "no sort4 program of" "$superopt" prove --task sort4 --length 30 --seconds 0.3 --table-mb 16 --checkpoint "$dir/ck.json"
check "prove checkpoint and its table written" test -s "$dir/ck.json" -a -s "$dir/ck.json.table"
expect 3 "no sort4 program of" "$superopt" prove --task sort4 --length 30 --seconds 0.3 --table-mb 16 --resume "$dir/ck.json" --checkpoint "$dir/ck.json" --json "$dir/resumed.json"
check "prove resumed with the table" python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
assert d['resumed'] and d['table_loaded'], d" "$dir/resumed.json"
expect 3 "no sort4 program of" "$superopt" prove --task sort4 --length 30 --seconds 0.7 --table-mb 16 --checkpoint "$dir/pause.json" --checkpoint-every 0.2 --json "$dir/paused.json"
check "a run that paused for checkpoints writes the result's" python3 -c "
import json, sys
ck, r = (json.load(open(f)) for f in sys.argv[1:])
assert r['outcome'] == 'stopped' and ck['length_limit'] == r['proven_none_up_to'] + 1, (ck, r)" "$dir/pause.json" "$dir/paused.json"
expect 2 "the checkpoint interval must not be negative" "$superopt" prove --task sort4 --length 30 --checkpoint "$dir/ck.json" --checkpoint-every -1
expect 2 "--resume $dir/missing.json: cannot open file" "$superopt" prove --task sort4 --length 30 --resume "$dir/missing.json"
echo '{"task": 3}' >"$dir/bad_ck.json"
expect 2 "--resume $dir/bad_ck.json: not a prover checkpoint" "$superopt" prove --task sort4 --length 30 --resume "$dir/bad_ck.json"
expect 2 "the checkpoint is for sort4" "$superopt" prove --task sort3 --length 30 --resume "$dir/ck.json"
expect 2 "the prover handles sortN only" "$superopt" prove --task varsort3 --length 20
expect 2 "length must be in 1..120" "$superopt" prove --task sort3 --length 0

# bench-sort: every contender, its output checked, a figure per workload; libc++ built in
expect 0 "superopt::small_sort .*1.00x" "$superopt" bench-sort --workloads sort3,mixed --seconds 0 --measurements 3 --inputs 200
expect 0 "std::sort \(libc\+\+ 16\." "$superopt" bench-sort --workloads random-1K,duplicates-1M --seconds 0 --measurements 2 --json "$dir/bench_sort.json"
check "bench-sort JSON has both workloads and three contenders" python3 -c "
import json, sys
w = json.load(open(sys.argv[1]))['workloads']
assert [x['workload'] for x in w] == ['random-1K', 'duplicates-1M'], w
assert all(len(x['contenders']) == 3 for x in w)
assert w[0]['contenders'][0]['name'] == 'superopt::sort'" "$dir/bench_sort.json"
check "bench-sort plot" python3 "$(dirname "$0")/../plots/bench_sort.py" "$dir/bench_sort.json" --out "$dir/bench_sort.png"
expect 2 "--workloads: unknown workload 'random-2K'" "$superopt" bench-sort --workloads sort3,random-2K
expect 2 "--measurements: must be positive" "$superopt" bench-sort --measurements 0

expect 0 "best: 1[78] instructions, verified on all 13 cases" "$superopt" search --iterations 20000 --seconds 0 --threads 1 \
    --json "$dir/s.json" --trace "$dir/s.jsonl" --asm "$dir/s.s" --symbol found3
expect 0 "correct on all 13 cases" "$superopt" verify --task sort3 "$dir/s.s" --symbol found3
check "search JSON" grep -q '"verified": true' "$dir/s.json"
check "search trace" test -s "$dir/s.jsonl"
# A result file's config runs again as a --config file (empty strings included).
python3 -c 'import json, sys; json.dump(json.load(open(sys.argv[1]))["config"], open(sys.argv[2], "w"))' \
    "$dir/s.json" "$dir/again.json"
expect 0 "best: 1[78] instructions, verified on all 13 cases" "$superopt" search --config "$dir/again.json" --quiet
expect 0 "best: .* instructions, verified on all 17 cases" "$superopt" search --task varsort3 --iterations 20000 \
    --seconds 0 --threads 1 --moves branch=2,unbranch=0.5
# A proposal budget alone has no wall-clock limit: the result file says seconds 0.
expect 0 "best: " "$superopt" search --task sort3 --iterations 3000 --threads 1 --quiet \
    --json "$dir/iterations.json"
expect 0 '"seconds": 0\.0' grep -o '"seconds": [0-9.]*' "$dir/iterations.json"
echo '{"task": "sort4", "iterations": 5000, "seconds": 0, "threads": 1}' >"$dir/run.json"
expect 0 "^sort4: warm start \(28 instructions\)" "$superopt" search --config "$dir/run.json"
expect 0 "^sort2: warm start" "$superopt" search --config "$dir/run.json" --task sort2
echo '{"task": "sort4", "bogus": 1}' >"$dir/bad.json"
expect 2 "bad.json: unknown option 'bogus'" "$superopt" search --config "$dir/bad.json"
echo '{"task": ' >"$dir/broken.json"
expect 2 "broken.json: not valid JSON" "$superopt" search --config "$dir/broken.json"
expect 2 "unknown task 'sort0'" "$superopt" search --task sort0
expect 2 "unknown profile 'arm'" "$superopt" search --profile arm
expect 2 "unknown cost 'l3'" "$superopt" search --cost l3
expect 2 "beta must be positive" "$superopt" search --beta 0
expect 2 "unknown move 'jump'" "$superopt" search --moves jump=1
expect 2 "move weights must be finite" "$superopt" search --moves add=inf
expect 2 "$dir/none/s.json: cannot write" "$superopt" search --seconds 600 --json "$dir/none/s.json"
expect 2 "$dir/none/a.s: cannot write" "$superopt" agent --seconds 600 --asm "$dir/none/a.s"
expect 2 "--profile: unknown profile 'arm'" "$superopt" search --profile arm
expect 2 "--imitation: must be in 0..1 \(1.5\)" "$superopt" agent --imitation 1.5
expect 2 "--simulations: must be > 0" "$superopt" agent --simulations 0
expect 2 "give a budget: seconds or rounds" "$superopt" agent --seconds 0
# The agent's result file: its config runs again as a --config file and gives the same result.
expect 0 "sort2: 8 instructions, verified" "$superopt" agent --task sort2 --rounds 2 --seconds 0 --simulations 20 \
    --uniform-mix 0.5 --no-network --json "$dir/a.json" --quiet
python3 -c 'import json, sys; json.dump(json.load(open(sys.argv[1]))["config"], open(sys.argv[2], "w"))' \
    "$dir/a.json" "$dir/a_again.json"
check "agent config keys are the options" python3 -c 'import json, sys; c = json.load(open(sys.argv[1]))["config"]
assert c["uniform-mix"] == 0.5 and c["no-network"] is True and c["rounds"] == 2, c' "$dir/a.json"
expect 0 "sort2: 8 instructions, verified" "$superopt" agent --task sort2 --config "$dir/a_again.json" \
    --json "$dir/a2.json" --quiet
check "agent result repeats from its config" python3 -c 'import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for x in (a, b): x.pop("timings")
assert a == b, (a, b)' "$dir/a.json" "$dir/a2.json"
# varsort: the agent branches on the length; its kernel, labels and all, exports and verifies.
expect 0 "varsort2: 11 instructions, verified" "$superopt" agent --task varsort2 --rounds 3 --seconds 0 \
    --simulations 300 --games 2 --asm "$dir/v2agent.s" --quiet
expect 0 "varsort2, 11 instructions, correct on all 4 cases" "$superopt" verify --task varsort2 "$dir/v2agent.s"
# A user's function: the agent builds it from the empty program; the solver proves the result.
hacker=$(dirname "$0")/../data/hacker
expect 0 "hacker-O0.s:p01: 2 instructions, verified" "$superopt" agent --target "$hacker/hacker-O0.s" \
    --function p01 --signature 'i32(i32)' --rounds 8 --seconds 0 --simulations 100 --games 4 \
    --asm "$dir/p01agent.s" --json "$dir/p01agent.json" --quiet
expect 0 "equal for every input" "$superopt" verify --target "$hacker/hacker-O0.s" --function p01 \
    --signature 'i32(i32)' "$dir/p01agent.s" --symbol p01
check "the agent's result file names the target" python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
assert r["task"].endswith("hacker-O0.s:p01") and r["length"] == 2 and r["reference_length"] == 4, r' \
    "$dir/p01agent.json"
expect 2 "--shaping means nothing with --target" "$superopt" agent --target "$hacker/hacker-O0.s" \
    --function p01 --signature 'i32(i32)' --shaping 0
expect 2 "--target needs --signature" "$superopt" agent --target "$hacker/hacker-O0.s"
expect 2 "--signature goes with --target" "$superopt" agent --signature 'i32(i32)'
expect 2 "symbol 'nope' not found" "$superopt" agent --target "$hacker/hacker-O0.s" --function nope \
    --signature 'i32(i32)'
# The kernels the README quotes, as shipped.
found=$(dirname "$0")/../data/found
for k in varsort3:20:17 varsort4:37:92 varsort5:63:633; do
    IFS=: read -r task length cases <<<"$k"
    expect 0 "$length instructions, correct on all $cases cases" "$superopt" verify --task "$task" "$found/${task}_$length.s"
done
# Hand-written kernels: a caller-left %r9d that never matters, and one that does.
hand=$(dirname "$0")/../data/handwritten
expect 0 "correct on all 17 cases of the complete set \(\+ caller-left values: 91 cases\)" \
    "$superopt" verify --task varsort3 "$hand/varsort3_cmovge.s"
expect 1 "wrong after .* with %r9d = -?[0-9]+ left by the caller" \
    "$superopt" verify --task varsort3 "$hand/varsort3_cmovg_wrong.s"
expect 0 "varsort3_cmovge.s +23" "$superopt" bench --task varsort3 "$hand/varsort3_cmovge.s" --measurements 3
expect 1 "not correct|wrong" "$superopt" bench --task varsort3 "$hand/varsort3_cmovg_wrong.s" --measurements 3
# Kernels outside the comparison subset: the solver decides them.
expect 0 "sort3, 33 instructions, decided by the solver .*: correct for every input \(proved by the solver in" \
    "$superopt" verify --task sort3 "$hand/sort3_sbb.s"
expect 1 "sort3_unsigned_wrong.s:12:2: 'sbb' is outside the sorting kernels' instruction set .*\): wrong: input \[.*\], expected \[.*\], got \[" \
    "$superopt" verify --task sort3 "$hand/sort3_unsigned_wrong.s"
expect 1 "not decide it: illegal at instruction 3 \(cmp .2, %eax\).*\): wrong: input" \
    "$superopt" verify --task sort3 "$hand/varsort3_cmovge.s"
expect 1 "NOT verified: the solver gave up after .* \(timeout\)" \
    "$superopt" verify --task sort3 "$hand/sort3_sbb.s" --timeout 0.001
printf 'mov (%%rdi), %%eax\nmovb 4(%%rdi), %%al\n' >"$dir/byte.s"
expect 2 "byte.s:2:1: the buffer's words are 32-bit" "$superopt" verify --task sort3 "$dir/byte.s"
printf '.L1: mov (%%rdi), %%eax\njl .L1\n' >"$dir/loop.s"
expect 2 "loop.s:2:4: jump back to '.L1' \(line 1\): loops are outside the instruction set" \
    "$superopt" verify --task sort3 "$dir/loop.s"
expect 2 "cannot open file" "$superopt" search --start "$dir/none.s"
printf 'mov %%eax, (%%rdi)\n' >"$dir/illegal.s"
expect 2 "start program: instruction 1: reads %eax before it is written" "$superopt" search --start "$dir/illegal.s"
expect 1 "no correct program found" "$superopt" search --start cold --iterations 2000 --seconds 0 --threads 1

finish
