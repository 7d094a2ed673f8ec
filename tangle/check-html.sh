#!/bin/bash
# check-html.sh: open the HTML edition in headless Chromium, take a
# screenshot of its first screen, and check that every in-page link
# (href="#x") of the page as Chromium built it has its target (id="x").
#
#	tangle/check-html.sh book.html
#
# The screenshot is left in build/html/book.png for a person to look at.
set -uo pipefail

html=$(realpath "$1")
out=build/html
mkdir -p "$out"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

chrome() {
	timeout 120 chromium --headless --no-sandbox --disable-gpu \
	    --disable-quic --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync \
	    --user-data-dir="$profile" "$@" 2>>"$out/chromium.err"
}

: >"$out/chromium.err"
chrome --dump-dom "file://$html" >"$out/dom.html" || {
	echo "check-html: chromium could not load $1" >&2
	tail -5 "$out/chromium.err" >&2
	exit 1
}
chrome --window-size=1000,1400 --screenshot="$(realpath "$out")/book.png" \
    "file://$html" >/dev/null || {
	echo "check-html: chromium could not take a screenshot" >&2
	exit 1
}

# The DOM must be the book, not an error page.
if ! grep -q 'Parallel Upper Faults' "$out/dom.html"; then
	echo "check-html: the page chromium loaded is not the book" >&2
	exit 1
fi
size=$(stat -c %s "$out/book.png" 2>/dev/null || echo 0)
if [ "$size" -lt 10000 ]; then
	echo "check-html: the screenshot is empty ($size bytes)" >&2
	exit 1
fi

grep -o 'href="#[^"]*"' "$out/dom.html" | sed 's/^href="#//;s/"$//' |
    sort -u >"$out/links"
grep -o ' id="[^"]*"' "$out/dom.html" | sed 's/^ id="//;s/"$//' |
    sort -u >"$out/ids"
missing=$(comm -23 "$out/links" "$out/ids")
nlinks=$(wc -l <"$out/links")
if [ -n "$missing" ]; then
	echo "check-html: links without a target:" >&2
	echo "$missing" | head -20 | sed 's/^/  #/' >&2
	exit 1
fi
if [ "$nlinks" -lt 10 ]; then
	echo "check-html: only $nlinks in-page links; the back end lost them" >&2
	exit 1
fi
echo "check-html: $nlinks distinct in-page links, all with a target"
