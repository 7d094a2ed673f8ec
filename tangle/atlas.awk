# atlas.awk: the atlas of lock transitions (Chapter 15) as the book
# shows it, made from the one source that the test reads too.
#
#	gawk -v what=table -f tangle/atlas.awk code/tests/support/atlas.h
#	gawk -v what=tikz -f tangle/atlas.awk code/tests/support/atlas.h
#
# Each ATLAS_ROW(...) of the header is one row: fourteen arguments,
# strings or C names, a string split over lines by C's concatenation.
# "table" writes one LaTeX tabular per lock; "tikz" writes the state
# diagram of the amap lock from the rows' edge lists ("from>to;...").
BEGIN {
	FPAT = "(\"[^\"]*\")|([^, ]+)"
	lockname["AL_MAP"] = "map"; lockname["AL_AMAP"] = "amap"
	lockname["AL_OBJ"] = "object"
	opname["RWR_ENTER"] = "enter"; opname["RWR_UPGRADE"] = "upgrade"
	opname["RWR_DOWNGRADE"] = "downgrade"; opname["RWR_EXIT"] = "exit"
	stname["AS_OBSERVED"] = "observed"; stname["AS_PENDING"] = "pending"
	stname["AS_UNTESTED"] = "untested"
	stname["AS_UNREACHABLE"] = "unreachable"
	n = 0
}
/^[ \t]*ATLAS_ROW\(/ { row = ""; inrow = 1 }
inrow {
	row = row " " $0
	if ($0 ~ /\)[ \t]*$/) {
		inrow = 0
		sub(/^[ \t]*ATLAS_ROW\(/, "", row)
		sub(/\)[ \t]*$/, "", row)
		gsub(/"[ \t]+"/, "", row)
		nf = patsplit(row, f)
		if (nf != 14) {
			print "atlas.awk: a row with " nf " fields: " row \
			    >"/dev/stderr"
			bad = 1
			exit 1
		}
		n++
		for (i = 1; i <= 14; i++) {
			gsub(/^"|"$/, "", f[i])
			R[n, i] = f[i]
		}
	}
}
# [[x]] in a chunk name or a reason becomes code; TeX's specials are
# escaped.
function tex(s,    out, parts, i, k) {
	k = split(s, parts, /\[\[|\]\]/)
	out = ""
	for (i = 1; i <= k; i++) {
		gsub(/\\/, "\\textbackslash{}", parts[i])
		gsub(/[_&%#$]/, "\\\\&", parts[i])
		gsub(/->/, "\\textrightarrow{}", parts[i])
		if (i % 2 == 0)
			out = out "\\texttt{" parts[i] "}"
		else
			out = out parts[i]
	}
	return out
}
function mode(m, fl, res,    s) {
	s = (m == "RW_READ") ? "read" : "write"
	if (fl != "0")
		s = s ", nosleep"
	if (res != "0")
		s = s " $\\to$ " res
	return s
}
function states(a, b) {
	return "\\texttt{" a "}$\\to$\\texttt{" b "}"
}
function table(lock, caption,    i) {
	print "\\begin{center}\\footnotesize\\setlength{\\tabcolsep}{2.5pt}"
	print "\\begin{tabular}{@{}>{\\raggedright}p{10mm}" \
	    ">{\\raggedright}p{37mm}>{\\raggedright}p{19mm}" \
	    ">{\\raggedright}p{14mm}>{\\raggedright}p{12mm}" \
	    ">{\\raggedright\\arraybackslash}p{40mm}@{}}"
	print "\\toprule"
	print "\\multicolumn{6}{@{}l}{\\textbf{" caption "}}\\\\"
	print "id & function: chunk & operation & m\\,a\\,o & hunk & " \
	    "status: why\\\\"
	print "\\midrule"
	for (i = 1; i <= n; i++) {
		if (R[i, 3] != lock)
			continue
		printf "\\textbf{%s}\\label{atlas:%s} & \\texttt{%s}: " \
		    "$\\langle$%s$\\rangle$ & %s %s & %s & %s & " \
		    "\\textit{%s}: %s\\\\\n", R[i, 1], R[i, 1], tex(R[i, 2]),
		    tex(R[i, 12]), opname[R[i, 4]], mode(R[i, 5], R[i, 6],
		    R[i, 7]), states(R[i, 8], R[i, 9]),
		    R[i, 11] == "unchanged" ? "--" : R[i, 11],
		    stname[R[i, 13]], tex(R[i, 14])
	}
	print "\\bottomrule"
	print "\\end{tabular}"
	print "\\end{center}"
}
function tikz(    i, k, e, j, key, from, to, lab, nk, keys) {
	print "% Made by tangle/atlas.awk from the atlas; do not edit."
	print "\\begin{tikzpicture}[font=\\footnotesize, " \
	    ">={Stealth[length=1.8mm]},"
	print "  st/.style={draw, rounded corners=2pt, align=center, " \
	    "minimum width=24mm, minimum height=8mm, fill=blue!5},"
	print "  ed/.style={->, thick, bend left=12},"
	print "  lab/.style={fill=white, inner sep=1pt, font=\\scriptsize}]"
	print "\\node[st] (start) at (0,0) {none\\\\[-2pt]pass begins};"
	print "\\node[st] (read) at (-4,-2.4) {read};"
	print "\\node[st] (write) at (4,-2.4) {write};"
	print "\\node[st, fill=gray!10] (sleep) at (0,-4.6) " \
	    "{none, page busy\\\\[-2pt]sleep or I/O};"
	print "\\node[st, fill=red!8] (refused) at (-4,-6.8) " \
	    "{read\\\\[-2pt]upgrade refused};"
	print "\\node[st, fill=red!8] (restart) at (-4,-9) " \
	    "{none\\\\[-2pt]restart};"
	print "\\node[st, fill=green!8] (done) at (4,-9) " \
	    "{none\\\\[-2pt]fault done};"
	nk = 0
	for (i = 1; i <= n; i++) {
		if (R[i, 10] == "")
			continue
		k = split(R[i, 10], e, /;/)
		for (j = 1; j <= k; j++) {
			if (!(e[j] in lab)) {
				keys[++nk] = e[j]
				lab[e[j]] = R[i, 1]
			} else
				lab[e[j]] = lab[e[j]] ", " R[i, 1]
		}
	}
	for (j = 1; j <= nk; j++) {
		split(keys[j], e, />/)
		# The edge from read to done would cross the sleep node if
		# it bent left like the others.
		printf "\\draw[ed%s] (%s) to node[lab] {%s} (%s);\n",
		    keys[j] == "read>done" ? ", bend right=14" : "", e[1],
		    lab[keys[j]], e[2]
	}
	print "\\draw[->, thick, dashed] (restart.west) -- ++(-1.2,0) " \
	    "|- node[lab, pos=0.25, align=center] {next pass,\\\\" \
	    "as a writer} (start.west);"
	print "\\end{tikzpicture}"
}
END {
	if (bad)
		exit 1
	if (n == 0) {
		print "atlas.awk: no rows" >"/dev/stderr"
		exit 1
	}
	if (what == "table") {
		table("AL_MAP", "The map lock")
		table("AL_AMAP", "The amap lock")
		table("AL_OBJ", "The object lock")
	} else if (what == "tikz")
		tikz()
	else {
		print "atlas.awk: what=table or what=tikz" >"/dev/stderr"
		exit 1
	}
}
