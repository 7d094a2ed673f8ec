#!/bin/sh
# deps.sh: install the Debian packages that a make target needs.
#
#	tangle/deps.sh main	what `make' needs: noweb, clang, LaTeX, ...
#	tangle/deps.sh check	that, and what `make check' needs as well
#
# Only missing packages are installed, with `apt-get update' first and
# without recommended packages.  Run as anyone but root, it installs
# nothing: it prints the one apt-get line to run and fails.
set -eu

MAIN="make gawk git noweb python3 clang libclang-rt-14-dev valgrind
	latexmk texlive-latex-base texlive-latex-recommended
	texlive-pictures lmodern graphviz poppler-utils pandoc spin"
CHECK="gcc libcmocka-dev gcovr valgrind chromium groff-base"

case "${1:-}" in
main)	want="$MAIN" ;;
check)	want="$MAIN $CHECK" ;;
*)	echo "usage: tangle/deps.sh main|check" >&2
	exit 2 ;;
esac

missing=
for p in $want; do
	s=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$s" in
	*" installed") ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0

line="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" != 0 ]; then
	echo "deps: these Debian packages are missing:$missing" >&2
	echo "deps: as root, run:  apt-get update && $line" >&2
	exit 1
fi
echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
$line >/dev/null
