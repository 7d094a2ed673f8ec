#!/bin/bash
# helgrind.sh: run one test program under valgrind's helgrind.
#
#	tangle/helgrind.sh PROGRAM
#
# Fails when helgrind reports an error, and also when valgrind gives up
# reading the debugging information: valgrind 3.19 does so on clang's
# DWARF 5 and then exits 0, which would pass a test that never ran
# (the vg flavour compiles with gcc -gdwarf-4 for that reason).
set -uo pipefail
log=$(mktemp)
trap 'rm -f "$log"' EXIT
valgrind --tool=helgrind --error-exitcode=3 --child-silent-after-fork=yes \
    --suppressions=tangle/helgrind.supp \
    "$1" >"$log" 2>&1
rc=$?
cat "$log"
if grep -q -E 'Giving up|Possibly corrupted debuginfo' "$log"; then
	echo "helgrind.sh: valgrind could not read $1's debug info" >&2
	exit 1
fi
exit $rc
