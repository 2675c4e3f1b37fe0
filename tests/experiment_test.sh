#!/usr/bin/env bash
# superopt experiment as a user meets it: resume after an interrupt (only missing or
# broken runs are redone, finished ones stay untouched), same-seed reproduction
# (identical run files apart from timings), Ctrl-C, and one-line errors for bad input.
source "$(dirname "$0")/check.sh"

cp "$(dirname "$0")/tiny_experiment.json" "$dir/tiny.json" # a small experiment, both methods
run() { "$superopt" experiment "$dir/tiny.json" --jobs 2 --out "$@"; }

run "$dir/a" >"$dir/a.md" 2>"$dir/a.log"
check "first run exits 0" test $? -eq 0
check "12 run files" test "$(ls "$dir"/a/runs/*.s?.json | wc -l)" -eq 12
check "summary written" test -s "$dir/a/summary.json" -a -s "$dir/a/summary.md"
check "summary counts every run" grep -q "12 of 12 runs done" "$dir/a/summary.md"

# Interrupted state: one run missing, one half-written, a temporary file left over.
runs=$dir/a/runs
rm "$runs/sort3.warm.a.s2.json"
head -c 100 "$runs/sort3.agent.b.s3.json" >"$runs/x" && mv "$runs/x" "$runs/sort3.agent.b.s3.json"
echo partial >"$runs/sort3.warm.b.s1.json.tmp.12345"
touch -d '2001-01-01' "$runs"/*.json
run "$dir/a" >/dev/null 2>"$dir/resume.log"
check "resume exits 0" test $? -eq 0
check "resume runs only the two broken runs" grep -q "12 runs: 10 done before, 2 to run" "$dir/resume.log"
check "the missing run is back" test -s "$runs/sort3.warm.a.s2.json"
check "temporary file removed" test ! -e "$runs/sort3.warm.b.s1.json.tmp.12345"
check "finished runs untouched" test "$(find "$runs" -name '*.s?.json' -newermt '2002-01-01' | wc -l)" -eq 2

# Same seeds, same results: every run file and trace equal once timings are dropped.
run "$dir/b" >/dev/null 2>&1
check "same seeds reproduce every run file and trace" same "$dir/a/runs" "$dir/b/runs"

# Ctrl-C: stops cleanly, keeps what finished, writes the summary; a re-run completes.
sed 's/"iterations": 30000/"iterations": 3000000/' "$dir/tiny.json" >"$dir/long.json"
"$superopt" experiment "$dir/long.json" --out "$dir/c" >/dev/null 2>"$dir/c.log" &
pid=$!
sleep 1.5
kill -INT $pid
wait $pid
check "Ctrl-C exits 1" test $? -eq 1
check "Ctrl-C writes the summary" test -s "$dir/c/summary.md"
check "Ctrl-C leaves no temporary file" test -z "$(find "$dir/c" -name '*.tmp.*')"
check "Ctrl-C says how to resume" grep -q "run again to resume" "$dir/c.log"

# Bad input: one line naming the file and the field, exit 2.
expect2() { # expect2 PATTERN ARGS...
    local pattern=$1 out rc
    shift
    out=$("$superopt" experiment "$@" --out "$dir/bad" 2>&1)
    rc=$?
    check "exit 2 and /$pattern/ for $*: got $rc, $out" test $rc -eq 2 -a "$(wc -l <<<"$out")" -eq 1
    check "message /$pattern/: $out" grep -qE -- "$pattern" <<<"$out"
}
expect2 "$dir/missing.json: cannot open file" "$dir/missing.json"
sed 's/"sort3"/"sort99"/' "$dir/tiny.json" >"$dir/t1.json"
expect2 "t1.json: tasks\[0\]: unknown task 'sort99'" "$dir/t1.json"
sed 's/"kind": "agent"/"kind": "ga"/' "$dir/tiny.json" >"$dir/t2.json"
expect2 "t2.json: methods.agent.kind: unknown method kind 'ga'" "$dir/t2.json"
sed 's/"max-length": 21/"max-lenght": 21/' "$dir/tiny.json" >"$dir/t3.json"
expect2 "t3.json: settings.b.max-lenght: unknown option" "$dir/t3.json"

finish
