#!/bin/bash
# spin.sh: verify the Promela models of Chapter 19 with spin.
#
#	tangle/spin.sh run RUN [DIR]	one run, checked against its verdict
#	tangle/spin.sh tex DIR OUT	every run, in DIR; write the book's
#					OUT/spin-results.tex, OUT/spin-trails.tex
#
# A run is a model, a kind of search and the verdict it must reach:
#
#	upgrade			safety: no invalid end state, no assertion
#	upgrade-progress	liveness: <> all faults done, weak fairness
#	upgrade-sleeping	safety: must fail with an invalid end state
#	upgrade-asposted	safety: must fail with an assertion
#
# The models are the tangled build/src/spin/*.pml, whose #line
# directives make spin name the chapter's lines.  Each run works in
# DIR/RUN (DIR is build/spin): spin -a writes pan.c there, cc -O2 -w
# compiles it, pan's output goes to pan.out, and a refuted model's
# trail is replayed with spin -t -p into DIR/RUN.trail.txt.  A run
# whose verdict is not the expected one exits 1.
set -uo pipefail

DEPTH=2000

# run_spec RUN: set model, kind (safety|liveness) and want
# (clean|deadlock|assertion) for RUN.
run_spec() {
	case "$1" in
	upgrade)		model=upgrade kind=safety want=clean ;;
	upgrade-progress)	model=upgrade kind=liveness want=clean ;;
	upgrade-sleeping)	model=upgrade-sleeping kind=safety want=deadlock ;;
	upgrade-asposted)	model=upgrade-asposted kind=safety want=assertion ;;
	*)	echo "spin.sh: no run named $1" >&2
		return 2 ;;
	esac
}
RUNS="upgrade upgrade-progress upgrade-sleeping upgrade-asposted"

# verify RUN DIR: run it; leave DIR/RUN/pan.out and DIR/RUN/verdict
# (one line: "ok ..." or "wrong ..."); exit 1 on a wrong verdict.
verify() {
	local run=$1 dir=$2 src w
	run_spec "$run" || return 2
	src=build/src/spin/$model.pml
	[ -f "$src" ] || { echo "spin.sh: $src: not tangled" >&2; return 1; }
	w=$dir/$run
	rm -rf "$w"
	mkdir -p "$w"
	cp "$src" "$w/$model.pml"
	(
		cd "$w" || exit 1
		spin -a "$model.pml" >spin.out 2>&1 || {
			cat spin.out >&2
			exit 1
		}
		if [ $kind = safety ]; then
			cc -O2 -w -DNOCLAIM -o pan pan.c || exit 1
			./pan -m$DEPTH -w20 >pan.out 2>&1
		else
			cc -O2 -w -o pan pan.c || exit 1
			./pan -a -f -m$DEPTH -w20 >pan.out 2>&1
		fi
		exit 0
	) || return 1
	judge "$w" "$model" >"$w/verdict"
	cat "$w/verdict"
	if [ -f "$w/$model.pml.trail" ]; then
		(cd "$w" && spin -t -p "$model.pml") >"$dir/$run.trail.txt" 2>&1
	else
		rm -f "$dir/$run.trail.txt"
	fi
	case "$(cat "$w/verdict")" in
	ok*)	return 0 ;;
	*)	sed -n '1,40p' "$w/pan.out" >&2
		return 1 ;;
	esac
}

# judge W MODEL: compare pan's output in W with what is wanted.
judge() {
	local out=$1/pan.out errors trail=no
	errors=$(sed -n 's/.*errors: \([0-9]*\).*/\1/p' "$out")
	[ -f "$1/$2.pml.trail" ] && trail=yes
	if [ -z "$errors" ]; then
		echo "wrong: pan did not finish"
	elif grep -q 'max search depth too small' "$out"; then
		echo "wrong: the depth limit $DEPTH was reached"
	elif [ $want = clean ]; then
		if [ "$errors" = 0 ] && [ $trail = no ]; then
			echo "ok: verified"
		else
			echo "wrong: $errors errors where none were expected"
		fi
	elif [ "$errors" != 1 ] || [ $trail = no ]; then
		echo "wrong: $errors errors, trail $trail; wanted a $want"
	elif [ $want = deadlock ] && grep -q '^pan:1: invalid end state' "$out"; then
		echo "ok: refuted: invalid end state"
	elif [ $want = assertion ] && grep -q '^pan:1: assertion violated' "$out"; then
		echo "ok: refuted: assertion violated"
	else
		echo "wrong: the error found is not a $want"
	fi
}

# number FIELD FILE: the number in front of FIELD in pan's report.
number() {
	sed -n "s/^ *\([0-9][0-9]*\) $1.*/\1/p" "$2" | head -1
}

# tex DIR OUT: every run, and the two LaTeX files of its results.
tex() {
	local dir=$1 out=$2 run res=$2/spin-results.tex.tmp
	local trails=$2/spin-trails.tex.tmp
	local rc=0 states trans depth errors verdict what
	mkdir -p "$dir" "$out"
	{
		echo '% Made by tangle/spin.sh from the verifiers'"'"' output.'
		echo '\begin{center}\small'
		echo '\begin{tabular}{@{}llrrrl@{}}'
		echo '\toprule'
		echo 'Model & Search & States & Transitions & Depth & Verdict \\'
		echo '\midrule'
	} >"$res"
	: >"$trails"
	for run in $RUNS; do
		verify "$run" "$dir" >/dev/null || rc=1
		run_spec "$run"
		local pan=$dir/$run/pan.out
		states=$(number 'states, stored' "$pan")
		trans=$(number 'transitions' "$pan")
		depth=$(sed -n 's/.*depth reached \([0-9]*\),.*/\1/p' "$pan")
		verdict=$(sed 's/^[a-z]*: //' "$dir/$run/verdict")
		case $kind in
		safety)		what='safety' ;;
		liveness)	what='liveness, \texttt{-a -f}' ;;
		esac
		printf '\\texttt{%s} & %s & %s & %s & %s & %s \\\\\n' \
		    "$model" "$what" "$states" "$trans" "$depth" "$verdict" \
		    >>"$res"
		[ -f "$dir/$run.trail.txt" ] && trail_tex "$run" "$dir/$run.trail.txt" >>"$trails"
	done
	{
		echo '\bottomrule'
		echo '\end{tabular}'
		echo '\end{center}'
	} >>"$res"
	for f in spin-results spin-trails; do
		if cmp -s "$out/$f.tex.tmp" "$out/$f.tex"; then
			rm "$out/$f.tex.tmp"
			touch "$out/$f.tex"
		else
			mv "$out/$f.tex.tmp" "$out/$f.tex"
		fi
	done
	return $rc
}

# trail_tex RUN TRAIL: RUN's replayed TRAIL told as events, one line
# each: the step, the fault, what it did to the lock, the page or the
# slot, and the chapter's line; then how the trail ends.
trail_tex() {
	local run=$1 trail=$2
	echo "\\paragraph{\\texttt{$run}.}"
	echo '\begin{verbatim}'
	gawk '
	function ev(what) {
		printf "%4d  fault %d  %-44s line %d\n", step, pid, what, line
	}
	# "  12:\tproc  2 (fault:1) chapters/19-x.nw:245 (state 9)\t[stmt]"
	/^ *[0-9]+:\tproc +[0-9]+ .*\t\[/ {
		n = split($0, f, "\t")
		stmt = f[n]
		step = f[1] + 0
		match(f[2], /proc +([0-9]+)/, m); pid = m[1] + 0
		match(f[2], /nw:([0-9]+)/, m); line = m[1] + 0
		if (pid == 0) {
			if (stmt ~ /run fault\(0\)/)
				kind[++nrun] = "a read"
			else if (stmt ~ /run fault\(1\)/)
				kind[++nrun] = "a write"
			next
		}
		if (!(pid in seen)) {
			seen[pid] = 1
			ev("starts, " kind[pid])
		}
		if (stmt == "[rwl_readers = (rwl_readers+1)]")
			ev("read-locks the amap")
		else if (stmt == "[rwl_readers = (rwl_readers-1)]")
			ev("drops its read hold")
		else if (stmt == "[rwl_readers = 0]")
			upgrading[pid] = 1
		else if (stmt == "[rwl_owner = _pid]") {
			ev(upgrading[pid] ? "upgrades to a writer" : \
			    "write-locks the amap")
			upgrading[pid] = 0
		} else if (stmt == "[rwl_owner = 0]")
			ev("drops its write hold")
		else if (stmt == "[rwl_waiters = (rwl_waiters+1)]")
			ev("sleeps: a writer waits")
		else if (stmt == "[upper_lock_type = 1]")
			ev("records RW_WRITE, tries the upgrade")
		else if (stmt == "[error = 1]")
			ev("is refused (EBUSY), restarts")
		else if (stmt ~ /^\[\(\(\(an_page\[anon\]==0\)&&\(lock_type==2/)
			ev("no page, a reader: ENOLCK")
		else if (stmt == "[((an_page[anon]==1))]")
			ev("finds the page busy")
		else if (stmt == "[((an_page[anon]!=1))]")
			ev("wakes: the page is not busy")
		else if (stmt == "[an_page[anon] = 1]")
			ev("allocates the page busy, reads it")
		else if (stmt == "[an_page[anon] = 2]")
			ev("unbusies the page")
		else if (stmt == "[amap_slot = 1]")
			ev("promotes: a new anon in the slot")
		else if (stmt == "[ndone = (ndone+1)]")
			ev("completes")
	}
	/^spin: .*Error: assertion violated/ {
		match($0, /nw:([0-9]+)/, m); aline = m[1]
	}
	/^spin: text of failed assertion: / {
		sub(/^spin: text of failed assertion: /, "")
		printf "      fault %d  fails %-38s line %d\n", pid, $0, aline
		failed = 1
	}
	/^#processes:/ { final = 1 }
	final && !failed && /^ *[0-9]+:\tproc +[1-9][0-9]* .*nw:[0-9]+/ {
		match($0, /proc +([0-9]+)/, m)
		match($0, /nw:([0-9]+)/, l)
		printf "      fault %d  %-44s line %d\n", m[1],
		    "cannot move", l[1]
	}' "$trail"
	echo '\end{verbatim}'
}

case "${1:-}" in
run)	[ $# -ge 2 ] || { echo "usage: tangle/spin.sh run RUN [DIR]" >&2; exit 2; }
	verify "$2" "${3:-build/spin}" ;;
tex)	[ $# = 3 ] || { echo "usage: tangle/spin.sh tex DIR OUT" >&2; exit 2; }
	tex "$2" "$3" ;;
*)	echo "usage: tangle/spin.sh run RUN [DIR] | tex DIR OUT" >&2
	exit 2 ;;
esac
