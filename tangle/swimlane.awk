# swimlane.awk: Chapter 17's pictures and table, made from the driver.
#
#	gawk -v what=tikz -f tangle/swimlane.awk RECORD >FIG.tikz
#	gawk -v what=table -f tangle/swimlane.awk TAP ... >TABLE.tex
#
# "tikz" reads a record of faultdrv --record: one line per event,
#	THREAD lock LOCK OP MODE [try] FUNCTION RESULT
#	THREAD wait WHAT
#	THREAD point WHAT
# and draws one lane per thread, time downwards, a box per event.  With
# -v panic=TEXT the run ended in a panic of the last event's thread,
# which is drawn after it.
# "table" reads the TAP of faultdrv --sched enum and writes a tabular
# of the schedules explored, per scenario and handler.

function tex(s) {
	gsub(/_/, "\\_", s)
	return s
}

function box(lane, row, style, top, bottom) {
	printf "\\node[%s] at (%.2f,%.2f) {%s\\\\[-1pt]\\texttt{%s}};\n", \
	    style, lane * 5.2, -row * 0.78, top, bottom
}

what == "tikz" {
	t = $1 + 0
	if (t > maxt)
		maxt = t
	n++
	if ($2 == "lock") {
		fn = $(NF - 1)
		op = $4 " " $5 ($6 == "try" ? " (try)" : "")
		style = $NF == "ok" ? "ev" : "refused"
		top = "\\textbf{" $3 "} " op ($NF == "ok" ? "" : ": refused")
	} else if ($2 == "wait") {
		style = "wait"
		top = "waits"
		fn = $3
	} else {
		style = $3 ~ /_io$/ ? "io" : "ev"
		top = $3 ~ /_io$/ ? "pager I/O, a yield point" : \
		    $3 == "wakeup" ? "wakes the sleepers" : $3
		fn = $3
	}
	ev[n] = t SUBSEP style SUBSEP top SUBSEP tex(fn)
}

what == "table" && /^(not )?ok [0-9]+ - / {
	# "not ok N - name [h]" has one field more than "ok N - name [h]"
	o = $1 == "not"
	name = $(4 + o)
	h = $(5 + o)
	gsub(/[\[\]]/, "", h)
	verdict = o ? " (failed)" : ""
}

what == "table" && /^# enum: / {
	sched = $3
	race = ($0 ~ /the race in/) ? $NF : "--"
	rows[++nrows] = "\\texttt{" name "} & " h verdict " & " sched \
	    " & " race " \\\\"
}

END {
	if (what == "tikz") {
		print "% Made by tangle/swimlane.awk from a record of faultdrv."
		print "\\begin{tikzpicture}[font=\\scriptsize,"
		print "  ev/.style={draw, rounded corners=1pt, text width=4.6cm,"
		print "    align=center, inner sep=1.5pt, fill=white},"
		print "  refused/.style={ev, draw=red!70!black, fill=red!10},"
		print "  wait/.style={ev, dashed, fill=gray!12},"
		print "  io/.style={ev, fill=blue!8}]"
		for (t = 0; t <= maxt; t++) {
			printf "\\node[font=\\small\\bfseries] at (%.2f,0.75) " \
			    "{thread %d};\n", t * 5.2, t
			printf "\\draw[gray!60] (%.2f,0.45) -- (%.2f,%.2f);\n", \
			    t * 5.2, t * 5.2, -(n + (panic != "") + 0.5) * 0.78
		}
		for (i = 1; i <= n; i++) {
			split(ev[i], f, SUBSEP)
			box(f[1], i, f[2], f[3], f[4])
		}
		if (panic != "")
			box(f[1], n + 1, "refused", "\\textbf{panic}", \
			    tex(panic))
		print "\\end{tikzpicture}"
	} else if (what == "table") {
		print "% Made by tangle/swimlane.awk from faultdrv's enumeration."
		print "\\begin{center}\\small"
		print "\\begin{tabular}{@{}llrr@{}}"
		print "\\toprule"
		print "Scenario & Handler & Schedules & With the race \\\\"
		print "\\midrule"
		for (i = 1; i <= nrows; i++)
			print rows[i]
		print "\\bottomrule"
		print "\\end{tabular}"
		print "\\end{center}"
	} else {
		print "swimlane.awk: what=tikz or what=table" >"/dev/stderr"
		exit 1
	}
}
