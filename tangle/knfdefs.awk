# knfdefs.awk: a noweb filter that marks C definitions for the index.
#
# noweb's own -autodefs c misses definitions written in OpenBSD's KNF,
# where a function's return type stands on the line above its name, and
# it misses struct tags.  This filter reads noweb's pipeline and, for
# every code line that starts in column 0 with one of the shapes below,
# adds "@index defn NAME" after it:
#
#	name(...)		a function definition (no ';' at the end;
#				a name all in capitals is a macro's use,
#				such as a table of the test driver's)
#	struct name {		a structure, union or enum tag
#	#define NAME		a macro
#	type name;		a global variable: only a type before the name,
#				so that a statement "x = y;" defines nothing
#	} name;			the name of a typedef'd structure
#	typedef ... name;	a type
#
# Prototypes end with ';' and are left alone, so a header's declaration
# never competes with the definition in the .c file.

# A code chunk is read whole before it is written out, so that a name
# the author already gave with "@ %def" is not defined a second time.

function defn(name) {
	# header guards, and the main of each test program, are not worth
	# an index entry
	if (name ~ /^_[A-Z0-9_]*_H_$/ || name == "main")
		return
	if (name != "" && !(name in seen) && !(name in explicit)) {
		print "@index defn " name
		seen[name] = 1
	}
}

function look(s,	m) {
	if (match(s, /^([A-Za-z_][A-Za-z0-9_]*)\(/, m) && s !~ /;[ \t]*$/) {
		if (m[1] !~ /^[A-Z][A-Z0-9_]*$/)
			defn(m[1])
	}
	else if (match(s, /^(struct|union|enum)[ \t]+([A-Za-z_][A-Za-z0-9_]*)[ \t]*\{/, m))
		defn(m[2])
	else if (match(s, /^#define[ \t]+([A-Za-z_][A-Za-z0-9_]*)/, m))
		defn(m[1])
	else if (match(s, /^typedef[^(]*[ \t*]([A-Za-z_][A-Za-z0-9_]*);/, m))
		defn(m[1])
	else if (match(s, /^\}[ \t]*([A-Za-z_][A-Za-z0-9_]*);/, m))
		defn(m[1])
	else if (s ~ /^[a-z]/ && s !~ /[(]/ &&
	    s !~ /^(extern|typedef|return|goto|case|else|do|static inline)[ \t;]/ &&
	    s !~ /^(struct|union|enum)[ \t]+[A-Za-z_0-9]*;/ &&
	    match(s, /^[A-Za-z_][A-Za-z0-9_ \t*]*[ \t*]([A-Za-z_][A-Za-z0-9_]*)(\[[^]]*\])?[ \t]*(=[^;]*)?;[ \t]*$/, m))
		defn(m[1])
}

function flush(	i, bol) {
	bol = 0
	for (i = 1; i <= n; i++) {
		print chunk[i]
		if (chunk[i] ~ /^@nl/ || chunk[i] ~ /^@defn /)
			bol = 1
		else if (chunk[i] ~ /^@text /) {
			if (bol)
				look(substr(chunk[i], 7))
			bol = 0
		} else if (chunk[i] !~ /^@index/)
			bol = 0
	}
	n = 0
	delete chunk
	delete seen
	delete explicit
}

BEGIN { incode = 0; n = 0 }

/^@begin code/	{ incode = 1; print; next }
/^@end code/	{ flush(); incode = 0; print; next }
incode		{
	chunk[++n] = $0
	if ($0 ~ /^@index defn /)
		explicit[substr($0, 13)] = 1
	next
}
		{ print }
