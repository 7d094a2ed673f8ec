#!/bin/bash
# example-error.sh: make the compiler message that the preface shows.
#
#	tangle/example-error.sh OUT.tex
#
# It copies the chapters, misspells one identifier in a copy of the
# per-CPU memory allocator, tangles that file with #line directives and
# compiles it, from a directory laid out as the repository is, so that
# the message is exactly what a reader who made the same mistake would
# see.  The message goes into OUT.tex as a verbatim block.
set -euo pipefail

out=$(realpath -m "$1")
dir=build/example
rm -rf "$dir"
mkdir -p "$dir/chapters"
cp chapters/*.nw "$dir/chapters/"
cd "$dir"
ch=chapters/03-kernel-diagnostics.nw
grep -q '~(size_t)(CACHELINESIZE - 1)' $ch || {
	echo "example-error: the line to misspell is gone from $ch" >&2
	exit 1
}
sed -i 's/~(size_t)(CACHELINESIZE - 1)/~(size_t)(CACHELNESIZE - 1)/' $ch
mkdir -p src/sys/kern
notangle -L'#line %L "%F"%N' -Rsys/kern/subr_percpu.c chapters/*.nw \
    >src/sys/kern/subr_percpu.c
cp -r ../src/sys/sys ../src/sys/lib src/sys/
mkdir -p src/sim && cp ../src/sim/cpu.h src/sim/
if clang -std=c11 -D_POSIX_C_SOURCE=200809L -fno-color-diagnostics \
    -iquote src/sys -iquote src -c src/sys/kern/subr_percpu.c \
    -o /dev/null 2>err.txt; then
	echo "example-error: the misspelling compiled" >&2
	exit 1
fi
{
	echo '\begin{scriptsize}'
	echo '\begin{verbatim}'
	grep -m1 -A2 'error:' err.txt
	echo '\end{verbatim}'
	echo '\end{scriptsize}'
} >"$out"
