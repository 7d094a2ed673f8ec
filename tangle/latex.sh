#!/bin/bash
# latex.sh: typeset the woven book in build/tex and report errors
# against the chapters.
#
#	tangle/latex.sh [DIR]	(from the repository root; DIR is build/tex)
#
# The woven build/tex/NN-x.tex keeps the line numbers of chapters/NN-x.nw
# (noweave -n adds no lines), and book.tex and preamble.tex are copies of
# the files in chapters/, so every "file:line:" in the LaTeX log is
# rewritten to name the chapter source.  The PDF is reproducible: the
# date comes from the last commit (SOURCE_DATE_EPOCH), and the preamble
# turns off the rest of what pdfTeX would stamp.
set -uo pipefail

if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
	SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null || echo 0)
fi
export SOURCE_DATE_EPOCH FORCE_SOURCE_DATE=1

dir=${1:-build/tex}
cd "$dir" || exit 1
latexmk -r ../../tangle/latexmkrc -pdf -interaction=nonstopmode \
    -halt-on-error -file-line-error -quiet book.tex >latexmk.out 2>&1
rc=$?
if [ $rc != 0 ]; then
	echo "latex: the book did not build:" >&2
	grep -m1 -A3 -E '^\./[^:]+\.tex:[0-9]+: ' book.log |
	    sed -E -e 's#^\./(book|preamble|macros)\.tex:#chapters/\1.tex:#' \
		-e 's#^\./([0-9][0-9]-[^:]*)\.tex:#chapters/\1.nw:#' >&2 ||
	    tail -20 latexmk.out >&2
	# A failed pass can leave .aux files that break the next one.
	rm -f ./*.aux
	exit 1
fi
exit 0
