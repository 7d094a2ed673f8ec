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
# Always from a clean start: the passes then go the same way every time
# (see below for why that matters).
rm -f ./*.aux ./*.toc ./*.lot ./*.lof ./*.out ./*.idx ./*.ind ./*.ilg \
    ./*.nwi ./*.fdb_latexmk ./*.fls ./book.log ./book.pdf
latexmk -r ../../tangle/latexmkrc -pdf -interaction=nonstopmode \
    -halt-on-error -file-line-error -quiet book.tex >latexmk.out 2>&1
rc=$?
# Should the passes ever not settle (an index entry whose page range
# moves a page break, which moves it back), latexmk gives up after
# $max_repeat passes with every page typeset.  The run is deterministic
# from a clean start, and this script always starts clean, so the book
# is still reproducible; at worst one page reference is a page off.
# Say so and keep the book, unless the log has an error.
if [ $rc != 0 ] && grep -q "needed too many passes" latexmk.out &&
    ! grep -q -E '^\./[^:]+\.tex:[0-9]+: ' book.log && [ -s book.pdf ]; then
	echo "latex: page references did not settle in" \
	    "$(grep -c '^Latexmk: Run number.*pdflatex' latexmk.out) passes;" \
	    "keeping the last" >&2
	rc=0
fi
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
