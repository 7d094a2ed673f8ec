# uscore.awk: a noweb filter (after the noweb FAQ) that escapes the
# underscores of chunk names, which LaTeX would otherwise read as
# subscripts.  Only the plain text of a name is escaped: inside
# [[...]] noweb typesets the name as code, which prints an underscore
# as it is.  The filter must run before the index filter.
function escape(s,	out, a, b) {
	out = ""
	while ((a = index(s, "[[")) > 0 &&
	    (b = index(substr(s, a + 2), "]]")) > 0) {
		out = out uscore(substr(s, 1, a - 1)) substr(s, a, b + 3)
		s = substr(s, a + b + 3)
	}
	return out uscore(s)
}
function uscore(s) {
	gsub(/_/, "\\_", s)
	return s
}
/^@use / || /^@defn / {
	split($0, w, " ")
	print w[1] " " escape(substr($0, length(w[1]) + 2))
	next
}
{ print }
