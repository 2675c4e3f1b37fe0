#!/usr/bin/env bash
# superopt on MPI ranks of this machine: the island search repeats for a seed and a
# rank count and records the count; an experiment over 2 ranks gives the single
# process's run files and summary (timings aside) and resumes; SIGUSR1 stops a search
# cleanly; a wrong rank count and a dead rank give a clear error and no result file; the
# prover on ranks gives the single process's program, also through a resumed chain.
source "$(dirname "$0")/check.sh"
mpirun=${2:-mpirun}
# As root Open MPI refuses to start without these.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
ranks() { # ranks K ARGS...: superopt ARGS on K ranks of this machine
    local k=$1
    shift
    "$mpirun" --oversubscribe -np "$k" "$superopt" "$@"
}

# The island search: same seed, same rank count, same result file; K recorded.
search=(search --task sort4 --iterations 60000 --seconds 0 --threads 1 --exchange-every 16384)
ranks 2 "${search[@]}" --json "$dir/s1.json" --asm "$dir/s1.s" >"$dir/s1.out" 2>&1
check "search on 2 ranks exits 0" test $? -eq 0
check "search on 2 ranks says so" grep -q "1 chains on each of 2 ranks" "$dir/s1.out"
"$superopt" verify --task sort4 "$dir/s1.s" >/dev/null
check "the kernel passes the complete check" test $? -eq 0
ranks 2 "${search[@]}" --json "$dir/s2.json" >/dev/null 2>&1
check "2 ranks repeat the result file" same "$dir/s1.json" "$dir/s2.json"
check "the result file records 2 ranks" grep -q '"ranks": 2' "$dir/s1.json"
check "the result file counts both ranks' proposals" grep -q '"proposals": 120000' "$dir/s1.json"
ranks 4 "${search[@]}" --json "$dir/s4.json" >"$dir/s4.out" 2>&1
check "search on 4 ranks exits 0" test $? -eq 0
check "the 4-rank result is verified" grep -q '"verified": true' "$dir/s4.json"
config() { # the result file's config
    python3 -c 'import json, sys; print(json.dumps(json.load(open(sys.argv[1]))["config"]))' "$1"
}
config "$dir/s1.json" >"$dir/c2.json"
config "$dir/s4.json" >"$dir/c4.json"
check "a 2-rank result's config runs on 2 ranks again" \
    ranks 2 search --config "$dir/c2.json" --json "$dir/s3.json" --quiet >/dev/null 2>&1
check "... with the same result" same "$dir/s1.json" "$dir/s3.json"

# A wrong rank count: one line from superopt, exit 2, no result file.
out=$(ranks 2 search --config "$dir/c4.json" --json "$dir/bad.json" 2>&1)
check "wrong rank count exits non-zero" test $? -ne 0
check "wrong rank count: one clear line, got: $out" \
    test "$(grep -c -- "--ranks 4, but this job has 2 ranks" <<<"$out")" -eq 1
check "wrong rank count writes nothing" test ! -e "$dir/bad.json"

# SIGUSR1 to mpirun (which passes it on to the ranks) stops a search cleanly: the ranks
# halt at the next exchange and rank 0 writes the verified best.
"$mpirun" --oversubscribe -np 2 "$superopt" search --task sort5 --seconds 120 --threads 1 \
    --json "$dir/usr1.json" --asm "$dir/usr1.s" >"$dir/usr1.out" 2>&1 & # mpirun itself gets the signal
job=$!
sleep 3
kill -USR1 "$job"
wait "$job"
check "SIGUSR1: exit 0" test $? -eq 0
check "SIGUSR1: the result says interrupted" grep -q '"interrupted": true' "$dir/usr1.json"
"$superopt" verify --task sort5 "$dir/usr1.s" >/dev/null
check "SIGUSR1: the kernel passes the complete check" test $? -eq 0

# A rank that dies: the job ends with an error, and no result file appears.
"$mpirun" --oversubscribe -np 2 "$superopt" search --task sort5 --iterations 100000000 \
    --seconds 0 --threads 1 --json "$dir/dead.json" >"$dir/dead.out" 2>&1 &
job=$!
sleep 2
for pid in $(pgrep -P $job); do
    grep -qz '^OMPI_COMM_WORLD_RANK=1$' "/proc/$pid/environ" && kill -9 "$pid"
done
wait $job
check "a dead rank ends the job with an error" test $? -ne 0
check "mpirun names the dead rank" grep -q "rank 1 .* exited on signal 9" "$dir/dead.out"
check "a dead rank leaves no result file" test ! -e "$dir/dead.json"

# An experiment over 2 ranks: the single process's runs and summary; resume.
cp "$(dirname "$0")/tiny_experiment.json" "$dir/tiny.json" # a small experiment, both methods
"$superopt" experiment "$dir/tiny.json" --out "$dir/one" --jobs 2 >/dev/null 2>&1
ranks 2 experiment "$dir/tiny.json" --out "$dir/two" >/dev/null 2>"$dir/two.log"
check "experiment on 2 ranks exits 0" test $? -eq 0
check "2 ranks give the single process's run files" same "$dir/one/runs" "$dir/two/runs"
check "... and its summary" same "$dir/one/summary.json" "$dir/two/summary.json"
rm "$dir/two/runs/sort3.warm.b.s2.json"
ranks 2 experiment "$dir/tiny.json" --out "$dir/two" >/dev/null 2>"$dir/resume.log"
check "resume on 2 ranks runs only the missing run" grep -q "12 runs: 11 done before, 1 to run" "$dir/resume.log"
check "... and the summary is the same again" same "$dir/one/summary.json" "$dir/two/summary.json"

# The prover on ranks: the ranks split each length's tree and give the single process's
# program and proof; a chain of stopped and resumed runs on ranks ends there too.
proof=(prove --task sort3 --registers 6 --intermediate-slack -1 --threads 1 --table-mb 16)
"$superopt" "${proof[@]}" --length 17 | tail -n +2 >"$dir/proof1.s"
ranks 2 "${proof[@]}" --length 17 --json "$dir/proof2.json" >"$dir/proof2.out" 2>&1
check "prove on 2 ranks exits 0" test $? -eq 0
tail -n +2 "$dir/proof2.out" >"$dir/proof2.s"
check "prove on 2 ranks finds the single process's program" cmp -s "$dir/proof1.s" "$dir/proof2.s"
check "the proof's result file records 2 ranks" grep -q '"ranks": 2' "$dir/proof2.json"
out=$(ranks 2 "${proof[@]}" --length 16 2>&1)
check "prove on 2 ranks: none of 16, exit 1" test $? -eq 1
check "... said once, got: $out" test "$(grep -c "no sort3 program of 16 or fewer" <<<"$out")" -eq 1
ranks 2 "${proof[@]}" --length 17 --seconds 0.1 --checkpoint "$dir/pck.json" >/dev/null 2>&1
check "a stopped proof on 2 ranks exits 3" test $? -eq 3
check "... with a table per rank" test -s "$dir/pck.json.table" -a -s "$dir/pck.json.table.1"
ranks 2 "${proof[@]}" --length 17 --resume "$dir/pck.json" --json "$dir/proof3.json" \
    >"$dir/proof3.out" 2>&1
check "the resumed proof on 2 ranks exits 0" test $? -eq 0
tail -n +2 "$dir/proof3.out" >"$dir/proof3.s"
check "... with the single process's program" cmp -s "$dir/proof1.s" "$dir/proof3.s"
check "... resumed with its rank's table" grep -q '"table_loaded": true' "$dir/proof3.json"
ranks 2 "${proof[@]}" --length 17 --checkpoint "$dir/pause.json" --checkpoint-every 0.2 \
    >"$dir/proof4.out" 2>&1
check "a proof on 2 ranks that pauses for checkpoints exits 0" test $? -eq 0
tail -n +2 "$dir/proof4.out" >"$dir/proof4.s"
check "... with the single process's program" cmp -s "$dir/proof1.s" "$dir/proof4.s"
check "... having written a checkpoint and a table per rank" \
    test -s "$dir/pause.json" -a -s "$dir/pause.json.table" -a -s "$dir/pause.json.table.1"
out=$(ranks 2 prove --task sort3 --length 0 2>&1)
check "bad prove input on ranks: exit 2" test $? -eq 2
check "... one line, got: $out" test "$(grep -c "length must be in 1..120" <<<"$out")" -eq 1

finish
