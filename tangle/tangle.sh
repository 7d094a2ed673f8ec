#!/bin/bash
# tangle.sh: turn the chapters into code.
#
#	tangle/tangle.sh ROOTS CHAPTER.nw ...
#
# Every root chunk listed in ROOTS (one output path per line, # starts a
# comment) is written twice:
#
#	code/PATH	the readable tangle: tabs kept, no #line
#	build/src/PATH	what the compiler sees: #line "chapters/NN-x.nw"
#
# Both go through cpif, so a file whose text did not change keeps its
# time stamp and make does not rebuild what depends on it.  Any warning
# from the tangler (an undefined chunk, say) is an error, and files of
# roots no longer listed are removed.
set -euo pipefail

LIB=/usr/lib/noweb
roots=$1
shift

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Read the chapters once; nt then extracts each root from that stream.
# markup -t keeps tabs, as KNF wants.
$LIB/markup -t "$@" >"$tmp/markup"

mkdir -p code build/src
status=0
list=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$roots")
for r in $list; do
	for out in code build/src; do
		if [ $out = code ]; then
			opt=(-t8)
		else
			opt=(-t '-L#line %L "%F"%N')
		fi
		if ! $LIB/nt "${opt[@]}" -R"$r" <"$tmp/markup" \
		    >"$tmp/out" 2>"$tmp/err" || [ -s "$tmp/err" ]; then
			sed "s|^|tangle: $r: |" "$tmp/err" >&2
			[ -s "$tmp/err" ] ||
			    echo "tangle: $r: no such root chunk" >&2
			status=1
			continue
		fi
		mkdir -p "$(dirname "$out/$r")"
		if ! cmp -s "$tmp/out" "$out/$r"; then
			cp "$tmp/out" "$out/$r"
		fi
	done
done

# Remove what an earlier tangle wrote for a root that is gone.
for out in code build/src; do
	find "$out" -type f | sed "s|^$out/||" | sort >"$tmp/have"
	printf '%s\n' $list | sort >"$tmp/want"
	comm -23 "$tmp/have" "$tmp/want" | while read -r f; do
		rm -f "$out/$f"
	done
done
exit $status
