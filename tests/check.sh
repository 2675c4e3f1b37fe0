# Sourced by the shell tests: the binary under test, a scratch directory removed on
# exit, pass/fail counts, `check DESCRIPTION COMMAND...` and `finish` (the counts and
# the exit status).
set -u
superopt=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
pass=0
check() { # check DESCRIPTION COMMAND...: passes when the command succeeds
    local what=$1
    shift
    if "$@"; then pass=$((pass + 1)); else echo "FAIL: $what"; failures=$((failures + 1)); fi
}
finish() {
    echo "$pass passed, $failures failed"
    [[ $failures -eq 0 ]]
}
# same A B: JSON files (or directories of them) equal once timings are dropped.
same() { python3 "$(dirname "$0")/same_results.py" "$@"; }
