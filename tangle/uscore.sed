# uscore.sed: a noweb filter (noweb FAQ) that escapes underscores in
# chunk names, which LaTeX would otherwise read as subscripts.  It must
# run before the index filter.
/^@use /s/_/\\_/g
/^@defn /s/_/\\_/g
