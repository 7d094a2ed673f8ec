# nw2pandoc.awk: a noweb back end that writes LaTeX for pandoc.
#
#	markup CH.nw ... | knfdefs | finduses | noidx |
#	    gawk -f tangle/nw2pandoc.awk -v macros=chapters/macros.tex \
#	    [-v appendix=NAME]
#
# pandoc cannot read what noweave writes (its code environments are
# macros pandoc does not know), so this back end turns noweb's pipeline
# into the plain LaTeX pandoc reads well:
#
#   - documentation text is copied as it is, [[code]] becomes \texttt;
#   - a code chunk becomes an anchor, a bold header "[n] <name>=", a
#     lstlisting in language c (pandoc highlights it), and a footer
#     with what the chunk defines, which chunks it uses, where it is
#     used and where it continues, all as links to chunk anchors;
#   - at the end come the list of chunks and the index of identifiers;
#   - with appendix=NAME, \input{NAME} goes before the first chapter
#     numbered 90 or above, as book.tex puts the LaTeX-only appendix
#     there (pandoc reads the file itself).
#
# Links inside code are not possible: pandoc's code blocks are text.
# The input is read whole first, because a chunk's number must be known
# before the first reference to it is written.

function esc(s,	out, i, c) {
	out = ""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == "\\")
			out = out "\\textbackslash{}"
		else if (c == "~")
			out = out "\\textasciitilde{}"
		else if (c == "^")
			out = out "\\textasciicircum{}"
		else if (index("{}_#$%&", c))
			out = out "\\" c
		else
			out = out c
	}
	return out
}

# A chunk name, with its [[code]] parts in typewriter.
function chunkname(s,	out, a, b) {
	out = ""
	while ((a = index(s, "[[")) > 0 && (b = index(substr(s, a + 2), "]]")) > 0) {
		out = out esc(substr(s, 1, a - 1)) "\\texttt{" \
		    esc(substr(s, a + 2, b - 1)) "}"
		s = substr(s, a + b + 3)
	}
	return out esc(s)
}

function ref(label) {
	if (label in num)
		return "\\hyperlink{" label "}{[" num[label] "]}"
	return "[?]"
}

# \hunkwhere{Hnn}: resolved here as preamble.tex resolves it in the PDF.
function hunkwhere(s,	id, m) {
	while (match(s, /\\hunkwhere\{(H[0-9][0-9])\}/, m)) {
		id = m[1]
		s = substr(s, 1, RSTART - 1) \
		    (("hunk:" id) in labels ? \
		    "(Explained in Section~\\ref{hunk:" id "}.)" : \
		    "(Not yet explained in this edition.)") \
		    substr(s, RSTART + RLENGTH)
	}
	return s
}

{ line[NR] = $0 }

END {
	# Pass 1: number the chunks; find the hunk labels.
	n = 0
	for (i = 1; i <= NR; i++) {
		if (line[i] ~ /^@begin code /)
			pending = 1
		else if (pending && line[i] ~ /^@xref label /) {
			num[substr(line[i], 13)] = ++n
			pending = 0
		}
		if (line[i] ~ /^@text / &&
		    match(line[i], /\\hunklabel\{(H[0-9][0-9])\}/, m))
			labels["hunk:" m[1]] = 1
	}
	while ((getline l < macros) > 0)
		print l
	print "\\begin{document}"
	for (i = 1; i <= NR; i++)
		emit(line[i])
	print "\\end{document}"
}

function emit(l,	kw, arg) {
	kw = l; sub(/ .*/, "", kw)
	arg = substr(l, length(kw) + 2)
	if (kw == "@file") {
		file = arg
		firstdoc = (arg ~ /\/00-[^\/]*$/)
		if (appendix != "" && arg ~ /\/9[0-9]-[^\/]*$/) {
			printf "\n\\input{%s}\n\n", appendix
			appendix = ""
		}
	} else if (kw == "@begin") {
		if (arg ~ /^code/) {
			incode = 1; label = ""; name = ""; defs = ""; uses = ""
			usedin = ""; prev = ""; next_ = ""; root = 0
			code = ""; bol = 1
		} else
			indocs = 1
	} else if (kw == "@end") {
		if (incode)
			endchunk()
		else
			printf "\n"
		incode = indocs = 0
	} else if (incode)
		codeline(kw, arg)
	else
		docline(kw, arg)
}

function docline(kw, arg) {
	if (kw == "@text") {
		if (inquote)
			quote = quote esc(arg)
		else {
			if (firstdoc)
				sub(/\\chapter\{/, "\\chapter*{", arg)
			printf "%s", hunkwhere(arg)
		}
	} else if (kw == "@nl") {
		if (!inquote)
			printf "\n"
	} else if (kw == "@quote") {
		inquote = 1; quote = ""
	} else if (kw == "@endquote") {
		printf "\\texttt{%s}", quote
		inquote = 0
	} else if (kw == "@xref" || kw == "@index") {
		backmatter(kw, arg)
	} else if (kw == "@use") {
		# [[<<name>>]] in prose
		q = "$\\langle$" chunkname(arg) "$\\rangle$"
		if (inquote) quote = quote q; else printf "%s", q
	}
}

function codeline(kw, arg,	what) {
	if (kw == "@xref") {
		what = arg; sub(/ .*/, "", what)
		arg = substr(arg, length(what) + 2)
		if (what == "label" && label == "")
			label = arg
		else if (what == "prevdef")
			prev = arg
		else if (what == "nextdef")
			next_ = arg
		else if (what == "useitem")
			usedin = usedin (usedin == "" ? "" : ", ") ref(arg)
		else if (what == "notused")
			root = 1
		else if (what == "ref")
			lastref = arg
	} else if (kw == "@defn") {
		name = arg
	} else if (kw == "@text") {
		code = code arg
	} else if (kw == "@nl") {
		code = code "\n"
	} else if (kw == "@use") {
		code = code "<" arg "> " (lastref in num ? "[" num[lastref] "]" : "")
	} else if (kw == "@index") {
		what = arg; sub(/ .*/, "", what)
		arg = substr(arg, length(what) + 2)
		if (what == "defn")
			defs = defs (defs == "" ? "" : ", ") "\\texttt{" esc(arg) "}"
		else if (what == "isdefined" && !(arg in seenuse)) {
			uses = uses (uses == "" ? "" : ", ") ref(arg)
			seenuse[arg] = 1
		}
	}
}

function endchunk() {
	delete seenuse
	sub(/\n+$/, "", code)
	printf "\\hypertarget{%s}{}\\textbf{[%d]} $\\langle$%s$\\rangle$%s\n\n", \
	    label, num[label], chunkname(name), prev == "" ? "$\\equiv$" : "$+\\!\\equiv$"
	print "\\begin{lstlisting}[language=c]"
	print code
	print "\\end{lstlisting}"
	printf "\\begin{small}"
	if (root)
		printf "Root chunk: tangled into \\texttt{code/%s}. ", esc(name)
	if (defs != "")
		printf "Defines %s. ", defs
	if (uses != "")
		printf "Uses identifiers from %s. ", uses
	if (usedin != "")
		printf "Used in %s. ", usedin
	if (prev != "")
		printf "Continues %s. ", ref(prev)
	if (next_ != "")
		printf "Continued in %s. ", ref(next_)
	printf "\\end{small}\n\n"
}

# The list of chunks and the index of identifiers, after the chapters.
function backmatter(kw, arg,	what) {
	what = arg; sub(/ .*/, "", what)
	arg = substr(arg, length(what) + 2)
	if (what == "beginchunks")
		print "\\chapter*{List of chunks}\n\\begin{itemize}"
	else if (what == "beginindex")
		print "\\chapter*{Index of identifiers}\n\\begin{itemize}"
	else if (what == "endchunks" || what == "endindex")
		print "\\end{itemize}"
	else if (what == "chunkbegin" || what == "entrybegin") {
		eid = substr(arg, index(arg, " ") + 1)
		edefs = ""; euses = ""
	} else if (what == "chunkdefn" || what == "entrydefn")
		edefs = edefs (edefs == "" ? "" : ", ") ref(arg)
	else if (what == "chunkuse" || what == "entryuse")
		euses = euses (euses == "" ? "" : ", ") ref(arg)
	else if (what == "chunkend")
		printf "\\item $\\langle$%s$\\rangle$: %s%s.\n", chunkname(eid),
		    edefs == "" ? "not defined" : "defined in " edefs,
		    euses == "" ? "" : "; used in " euses
	else if (what == "entryend")
		printf "\\item \\texttt{%s}: %s%s.\n", esc(eid),
		    edefs == "" ? "not defined" : "defined in " edefs,
		    euses == "" ? "" : "; used in " euses
}
