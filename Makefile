# Parallel Upper Faults: the one entry point.  `make help' lists the targets.
#
# Everything is made from chapters/*.nw.  Run make from this directory:
# the compiler and LaTeX are given paths relative to it, so that their
# messages name chapters/NN-slug.nw and its line.

SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -ec
.DEFAULT_GOAL := all
.DELETE_ON_ERROR:
.SECONDARY:
.SUFFIXES:
MAKEFLAGS += --no-builtin-rules

NW := $(sort $(wildcard chapters/[0-9][0-9]-*.nw))
CHAPTERS := $(basename $(notdir $(NW)))
ROOTS := $(shell sed -e 's/\#.*//' -e '/^[[:space:]]*$$/d' tangle/roots)
NOWEB := /usr/lib/noweb

# ---------------------------------------------------------------------
# What the roots are.  The path of a root says what it becomes:
#
#	sys/..., sim/...	the library (the kernel model and its room
#				of userspace stand-ins); headers are
#				included as "sys/x.h", "uvm/x.h", "sim/x.h"
#	variants/V/PATH		variant V's own version of PATH: the
#				variant's library uses it in place of PATH
#	tests/test_x.c		a cmocka test program
#	tests/support/x.c	linked into every test program
#	bench/x.c		a benchmark program (flavour bench only)
#	driver/x.c		the test driver, faultdrv: all of driver/
#				is one program
# ---------------------------------------------------------------------

LIB_SRCS := $(filter sys/%.c sim/%.c,$(ROOTS))
TESTS := $(patsubst tests/%.c,%,$(filter tests/test_%.c,$(ROOTS)))
TEST_SUPPORT := $(filter tests/support/%.c,$(ROOTS))
BENCHES := $(patsubst bench/%.c,%,$(filter bench/%.c,$(ROOTS)))
DRIVER_SRCS := $(filter driver/%.c,$(ROOTS))
# The tests that helgrind runs: it is slow, so only those written for it.
HELGRIND_TESTS := $(filter test_rwlock,$(TESTS))
VARIANT_ROOTS := $(filter variants/%,$(ROOTS))
VARIANTS := patched $(sort $(foreach r,$(VARIANT_ROOTS),$(word 2,$(subst /, ,$(r)))))
# variant_src V PATH: the file variant V compiles for the library's PATH
variant_src = $(if $(filter variants/$(1)/$(2),$(ROOTS)),variants/$(1)/$(2),$(2))
variant_srcs = $(foreach s,$(LIB_SRCS),$(call variant_src,$(1),$(s))) \
	$(filter-out $(addprefix variants/$(1)/,$(LIB_SRCS)),\
	$(filter variants/$(1)/%.c,$(ROOTS)))

# ---------------------------------------------------------------------
# Compilers.  A flavour is one way of compiling everything:
#
#	clang	the default, with the WITNESS-like lock checker
#	gcc	gcc must build it all cleanly too
#	asan	AddressSanitizer and UndefinedBehaviorSanitizer
#	tsan	ThreadSanitizer
#	sched	the yield points compiled in, for the deterministic
#		scheduler of the test driver (SIM_SCHED)
#	vg	for valgrind's helgrind: gcc with DWARF 4, which
#		valgrind 3.19 reads
#	bench	optimised, no lock checker: benchmarks only
#
# Every flavour builds every variant.  DIAGNOSTIC (KASSERT) is on in all
# of them, benchmarks included, as in the kernels OpenBSD ships.
# ---------------------------------------------------------------------

FLAVOURS := clang gcc asan tsan sched vg bench
TEST_FLAVOURS := clang gcc asan tsan sched vg
CC_clang := clang
CC_gcc := gcc
CC_asan := clang
CC_tsan := clang
CC_sched := clang
CC_vg := gcc
CC_bench := clang
WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wpointer-arith -Wno-unused-parameter
STD := -std=c11 -D_POSIX_C_SOURCE=200809L -pthread
CPPFLAGS := -iquote build/src/sys -iquote build/src -DDIAGNOSTIC \
	-DMULTIPROCESSOR
OPT_clang := -O1 -g -DWITNESS
OPT_gcc := -O1 -g -DWITNESS
OPT_asan := -O1 -g -DWITNESS -fsanitize=address,undefined \
	-fno-sanitize-recover=all -fno-omit-frame-pointer
OPT_tsan := -O1 -g -DWITNESS -fsanitize=thread
OPT_sched := -O1 -g -DWITNESS -DSIM_SCHED
OPT_vg := -O1 -gdwarf-4 -DWITNESS
OPT_bench := -O2 -g
LIBS := -lcmocka -pthread

all: deps-main tangle build demo book.pdf	## tangle, compile, demonstrate, weave book.pdf

# ---------------------------------------------------------------------
# Packages.
# ---------------------------------------------------------------------

deps-main:				## install the Debian packages make needs
	@tangle/deps.sh main
deps-check:				## ... and those make check needs
	@tangle/deps.sh check
.PHONY: all deps-main deps-check

# ---------------------------------------------------------------------
# Tangling: chapters -> code/ (readable) and build/src/ (#line).
# ---------------------------------------------------------------------

tangle: build/tangle.stamp		## tangle the chapters into code/
build/tangle.stamp: $(NW) tangle/roots tangle/tangle.sh
	@mkdir -p build
	tangle/tangle.sh tangle/roots $(NW)
	@touch $@
$(addprefix build/src/,$(ROOTS)) $(addprefix code/,$(ROOTS)): build/tangle.stamp ;
.PHONY: tangle

# ---------------------------------------------------------------------
# Compiling: build/FLAVOUR/VARIANT/{obj,lib.a,tests}.
# ---------------------------------------------------------------------

define flavour_variant
# $(1) = flavour, $(2) = variant
build/$(1)/$(2)/obj/%.o: build/src/%.c
	@mkdir -p $$(@D)
	$$(CC_$(1)) $$(STD) $$(OPT_$(1)) $$(WARN) $$(CPPFLAGS) $$(VARIANT_DEF) -MMD -MP -c $$< -o $$@
# A test program learns which variant it is linked against (never the
# library: variants are builds, not flags).
build/$(1)/$(2)/obj/tests/%.o: VARIANT_DEF := -DSIM_VARIANT_$(subst -,_,$(2))
build/$(1)/$(2)/obj/driver/%.o: VARIANT_DEF := -DSIM_VARIANT_$(subst -,_,$(2))
build/$(1)/$(2)/lib.a: $$(patsubst %.c,build/$(1)/$(2)/obj/%.o,$$(call variant_srcs,$(2)))
	@rm -f $$@
	ar rcs $$@ $$^
build/$(1)/$(2)/tests/%: build/$(1)/$(2)/obj/tests/%.o \
    $$(patsubst %.c,build/$(1)/$(2)/obj/%.o,$$(TEST_SUPPORT)) build/$(1)/$(2)/lib.a
	@mkdir -p $$(@D)
	$$(CC_$(1)) $$(OPT_$(1)) -o $$@ $$^ $$(LIBS)
build/$(1)/$(2)/bench/%: build/$(1)/$(2)/obj/bench/%.o build/$(1)/$(2)/lib.a
	@mkdir -p $$(@D)
	$$(CC_$(1)) $$(OPT_$(1)) -o $$@ $$^ -pthread -lm
build/$(1)/$(2)/faultdrv: $$(patsubst %.c,build/$(1)/$(2)/obj/%.o,\
    $$(DRIVER_SRCS) $$(TEST_SUPPORT)) build/$(1)/$(2)/lib.a
	$$(CC_$(1)) $$(OPT_$(1)) -o $$@ $$^ -pthread
build-$(1): $$(if $$(filter bench,$(1)),\
	$$(foreach b,$$(BENCHES),build/$(1)/$(2)/bench/$$(b)),\
	$$(foreach t,$$(TESTS),build/$(1)/$(2)/tests/$$(t)) \
	build/$(1)/$(2)/faultdrv)
endef
$(foreach f,$(FLAVOURS),$(foreach v,$(VARIANTS),\
	$(eval $(call flavour_variant,$(f),$(v)))))

build: build-clang			## compile the library and tests (clang)
.PHONY: build $(addprefix build-,$(FLAVOURS))

-include $(shell find build -name '*.d' 2>/dev/null)

# Benchmarks are programs, not tests: bench-NAME runs bench/NAME.c.
# faultbench wants a scenario and is run by code/bench/run.sh instead.
PLAINBENCHES := $(filter-out faultbench,$(BENCHES))
$(addprefix bench-,$(PLAINBENCHES)): bench-%: deps-main build/bench/patched/bench/%
	build/bench/patched/bench/$*
.PHONY: $(addprefix bench-,$(PLAINBENCHES))

# The performance lab (Chapter 20): the fault benchmark in the base
# handler and the patched one, knob off and on, alternately.  Benchmarks
# are not tests: make check runs only bench/smoke, which measures nothing.
FAULTBENCH := $(foreach v,base patched,build/bench/$(v)/bench/faultbench)
bench: deps-main $(FAULTBENCH)		## run the fault benchmarks; write figures/data/d*.csv
	sh code/bench/run.sh full figures/data
bench-quick: deps-main $(FAULTBENCH)	## the fault benchmarks in under a minute, a line each
	sh code/bench/run.sh quick build/bench-quick
bench-scaling: deps-main $(FAULTBENCH)	## threads 1..CPUs; figures/data/scaling-NNcpu.csv
	sh code/bench/run.sh scaling figures/data
.PHONY: bench bench-quick bench-scaling

# The demonstration that `make' runs: the fault handler's cases, each
# a fault of one kind, through the pre-patch handler and the patched
# one.  The test driver's chapter will replace it with the driver.
demo: build-clang
	@for v in base patched; do \
		echo "demo: the fault handler's cases, variant $$v:"; \
		build/clang/$$v/tests/test_fault 2>&1 | \
		    grep -E '^\[ +(OK|PASSED|FAILED) +\]' | sed 's/^/  /'; \
	done
.PHONY: demo

# ---------------------------------------------------------------------
# Weaving: chapters -> build/tex/*.tex -> book.pdf.
# ---------------------------------------------------------------------

# noweave's filters run in command-line order: KNF definitions first,
# then the underscore escape for chunk names, then the index.
KNFDEFS := gawk -f tangle/knfdefs.awk
USCORE := gawk -f tangle/uscore.awk
FIGS := $(basename $(notdir $(wildcard figures/*.tikz)))
FIG_PDF := $(patsubst %,build/fig/%.pdf,$(FIGS))
FIG_SVG := $(patsubst %,build/fig/%.svg,$(FIGS))
TEX_IN := $(patsubst %,build/tex/%.tex,$(CHAPTERS) book preamble macros) \
	build/tex/clang-example.tex build/tex/diff-appendix.tex \
	build/tex/diff-hunks.tex build/tex/atlas-table.tex \
	build/tex/spin-results.tex build/tex/spin-trails.tex
FIG_PDF += build/fig/atlas-amap.pdf
FIG_SVG += build/fig/atlas-amap.svg
# Chapter 20's figures and tables, drawn from the committed CSV files.
BENCH_FIGS := bench-rates bench-scaling
FIG_PDF += $(patsubst %,build/fig/%.pdf,$(BENCH_FIGS))
FIG_SVG += $(patsubst %,build/fig/%.svg,$(BENCH_FIGS))
TEX_IN += build/tex/bench-table.tex

build/tex/all.defs: $(NW) tangle/knfdefs.awk
	@mkdir -p $(@D)
	for f in $(NW); do \
		$(NOWEB)/markup $$f | $(KNFDEFS) | sed -n 's/^@index defn //p'; \
	done | LC_ALL=C sort -u >$@.tmp
	cmp -s $@.tmp $@ && rm $@.tmp || mv $@.tmp $@

build/tex/%.tex: chapters/%.nw build/tex/all.defs tangle/uscore.awk
	noweave -n -filter '$(KNFDEFS)' -filter '$(USCORE)' \
		-indexfrom build/tex/all.defs $< >$@.tmp 2>$@.err
	@if [ -s $@.err ]; then cat $@.err >&2; rm -f $@.tmp; exit 1; fi
	@rm -f $@.err
	@# Same text: keep the file (LaTeX's view of it) but mark it done.
	cmp -s $@.tmp $@ && { rm $@.tmp; touch $@; } || mv $@.tmp $@

build/tex/%.tex: chapters/%.tex
	@mkdir -p $(@D)
	cp $< $@

# The compiler message that the preface shows is made, not copied.
build/tex/clang-example.tex: build/tangle.stamp tangle/example-error.sh
	@mkdir -p $(@D)
	tangle/example-error.sh $@

# The appendix "The diff, regenerated": each pre-patch file against the
# patched one, every hunk labelled from the chunks it comes from.
build/tex/diff-hunks.tex: build/tangle.stamp tangle/diffhunks
	@mkdir -p $(@D)
	tangle/diffhunks tex tangle/roots $(NW) >$@.tmp
	cmp -s $@.tmp $@ && { rm $@.tmp; touch $@; } || mv $@.tmp $@

# Chapter 19's table of spin's verdicts and its trails, from the runs.
build/tex/spin-results.tex: build/tangle.stamp tangle/spin.sh
	tangle/spin.sh tex build/spin/book build/tex
build/tex/spin-trails.tex: build/tex/spin-results.tex ;

build/fig/%.pdf: figures/%.tikz tangle/figure.tex chapters/macros.tex
	@mkdir -p $(@D)
	cd build/fig && pdflatex -interaction=nonstopmode -halt-on-error \
		-jobname=$* '\def\figfile{../../figures/$*.tikz}\input{../../tangle/figure.tex}' \
		>$*.out || { grep -A3 '^!' $*.log >&2; exit 1; }

# The atlas of lock transitions (Chapter 15): its table and its state
# diagram are made from the rows of the tangled tests/support/atlas.h,
# the header that test_atlas checks the fault handler against.
build/tex/atlas-table.tex: build/tangle.stamp tangle/atlas.awk
	@mkdir -p $(@D)
	gawk -v what=table -f tangle/atlas.awk code/tests/support/atlas.h >$@
build/fig/atlas-amap.tikz: build/tangle.stamp tangle/atlas.awk
	@mkdir -p $(@D)
	gawk -v what=tikz -f tangle/atlas.awk code/tests/support/atlas.h >$@
build/fig/atlas-amap.pdf: build/fig/atlas-amap.tikz tangle/figure.tex
	cd build/fig && pdflatex -interaction=nonstopmode -halt-on-error \
		-jobname=atlas-amap '\def\figfile{atlas-amap.tikz}\input{../../tangle/figure.tex}' \
		>atlas-amap.out || { grep -A3 '^!' atlas-amap.log >&2; exit 1; }

# The performance lab (Chapter 20): its figures and tables are made by
# bench/plot.sh from figures/data/*.csv, which make bench writes.
BENCH_CSV := $(wildcard figures/data/d[1-8].csv)
SCALING_CSV := $(wildcard figures/data/scaling-*.csv)
build/fig/bench-rates.tikz build/tex/bench-table.tex: $(BENCH_CSV) \
    build/tangle.stamp
build/fig/bench-scaling.tikz: $(SCALING_CSV) build/tangle.stamp
build/fig/bench-%.tikz:
	@mkdir -p $(@D)
	sh code/bench/plot.sh $* figures/data >$@
build/tex/bench-table.tex:
	@mkdir -p $(@D)
	sh code/bench/plot.sh table figures/data >$@
build/fig/bench-%.pdf: build/fig/bench-%.tikz tangle/figure.tex
	cd build/fig && pdflatex -interaction=nonstopmode -halt-on-error \
		-jobname=bench-$* '\def\figfile{bench-$*.tikz}\input{../../tangle/figure.tex}' \
		>bench-$*.out || { grep -A3 '^!' bench-$*.log >&2; exit 1; }

build/fig/%.svg: build/fig/%.pdf
	pdftocairo -svg $< $@

book.pdf: $(TEX_IN) $(FIG_PDF) tangle/latex.sh tangle/latexmkrc	## weave the book
	tangle/latex.sh
	cp build/tex/book.pdf $@

pdf: book.pdf
.PHONY: pdf

# ---------------------------------------------------------------------
# The HTML edition: noweb's pipeline -> a LaTeX that pandoc reads.
# ---------------------------------------------------------------------

html: deps-main book.html		## the HTML edition, book.html
book.html: $(NW) chapters/macros.tex tangle/nw2pandoc.awk tangle/book.css \
    $(FIG_SVG) build/tex/clang-example.tex build/tex/atlas-table.tex \
    build/tex/spin-results.tex build/tex/spin-trails.tex \
    chapters/diff-appendix.tex build/tex/diff-hunks.tex \
    build/tex/bench-table.tex
	@mkdir -p build/html
	cp build/tex/clang-example.tex build/tex/atlas-table.tex \
		build/tex/spin-results.tex build/tex/spin-trails.tex \
		chapters/diff-appendix.tex build/tex/bench-table.tex \
		build/html/
	@# pandoc numbers no sections, and reads \noindent{...} as taking
	@# the group for an argument, which it then drops.
	sed -e 's/ (\\S\\ref\*{hunk:H[0-9]*})//g' \
		-e 's/\\noindent{\\small/{\\small/' \
		build/tex/diff-hunks.tex >build/html/diff-hunks.tex
	$(NOWEB)/markup $(NW) | $(KNFDEFS) | $(NOWEB)/finduses | \
		$(NOWEB)/noidx | gawk -f tangle/nw2pandoc.awk \
		-v macros=chapters/macros.tex -v appendix=diff-appendix \
		>build/html/book.tex
	cd build/html && pandoc -f latex -t html5 -s --toc --toc-depth=2 \
		--number-sections --highlight-style=tango \
		--default-image-extension=svg --resource-path=../fig \
		--self-contained --css=../../tangle/book.css \
		-M title='Parallel Upper Faults' -M lang=en \
		book.tex -o ../../book.html 2>pandoc.err || \
		{ cat pandoc.err >&2; exit 1; }
.PHONY: html

# ---------------------------------------------------------------------
# make check: tests and lints, each recorded by tangle/runtest, counted
# by tangle/summary.
# ---------------------------------------------------------------------

UNIT := $(addprefix unit/,$(TESTS))
# The fault handler's tests (test_fault*) run against every variant
# that has its own uvm_fault.c, as unit-VARIANT/test_fault*.
FAULT_TESTS := $(filter test_fault%,$(TESTS))
FAULT_VARIANTS := $(sort $(foreach r,$(filter %/sys/uvm/uvm_fault.c,\
	$(VARIANT_ROOTS)),$(word 2,$(subst /, ,$(r)))))
FAULT_UNIT := $(foreach v,$(FAULT_VARIANTS),$(addprefix unit-$(v)/,$(FAULT_TESTS)))
SAN := $(foreach f,gcc asan tsan sched,$(addprefix $(f)/,$(TESTS)))
# The test driver's scenarios, every one on every handler of each build.
DRIVE := $(addprefix drive/,$(VARIANTS))
HELGRIND := $(addprefix helgrind/,$(HELGRIND_TESTS))
# Chapter 19's spin runs: the model verified, and its two seeded bugs
# refuted (tangle/spin.sh).
SPIN := $(addprefix spin/,upgrade upgrade-progress upgrade-sleeping \
	upgrade-asposted)
LINTS := lint/roots lint/merge lint/width lint/todo lint/hunks lint/diffhunks \
	lint/prose lint/latex lint/fonts lint/repro lint/html
CHECK_ITEMS := lint/tangle $(UNIT) $(FAULT_UNIT) $(DRIVE) $(SAN) $(HELGRIND) \
	$(SPIN) bench/smoke $(LINTS)

# Chapter 18 (the scenario catalogue): fault injection over every
# scenario of the catalogue, each scenario x handler x site one counted
# case; make check sweeps the patched and the base builds, `make
# inject' every build.
INJECT := $(addprefix inject/,patched base)
CHECK_ITEMS += $(INJECT)
$(INJECT): inject/%: build/clang/%/faultdrv
	@tangle/runtest -cases $@ $< --run all --inject all
inject: $(foreach v,$(VARIANTS),build/clang/$(v)/faultdrv)	## fault injection over the catalogue, every build
	@for v in $(VARIANTS); do \
		echo "inject: variant $$v"; \
		build/clang/$$v/faultdrv --run all --inject all | \
		    grep -v '^ok '; \
	done
.PHONY: inject $(INJECT)
# The book's table of the sweeps, made by running them; a case that
# fails shows in its column and does not stop the book.
build/tex/inject-results.tex: build/clang/patched/faultdrv \
    build/clang/base/faultdrv
	@mkdir -p $(@D)
	{ echo '\begin{tabular}{llrrrr}'; echo '\toprule'; \
	  echo 'build & site & cases & runs & injected & failed \\'; \
	  echo '\midrule'; \
	  for v in patched base; do \
		{ build/clang/$$v/faultdrv --run all --inject all || true; } | \
		    gawk -v v=$$v '/^# [a-z_]+ +[0-9]+ cases,/ { print v \
		    " & \\texttt{" $$2 "} & " $$3 " & " $$5 " & " $$7 \
		    " & " $$9 " \\\\" }'; \
	  done; echo '\bottomrule'; echo '\end{tabular}'; } >$@.tmp
	mv $@.tmp $@
book.pdf build/repro/book.pdf: build/tex/inject-results.tex
book.html: build/html/inject-results.tex
build/html/inject-results.tex: build/tex/inject-results.tex
	@mkdir -p $(@D)
	cp $< $@

# The items of make check run CHECK_JOBS at a time, one per processor
# unless told: each writes only its own log and verdict, and the
# summary reads them in the order of CHECK_ITEMS.
CHECK_JOBS ?= $(shell nproc 2>/dev/null || echo 1)
check: deps-check			## run every test and lint; last line: N passed, N failed
	@rm -rf build/results && mkdir -p build/results
	@date +%s >build/results/start
	@tangle/runtest lint/tangle $(MAKE) --no-print-directory tangle
	@$(MAKE) -k -s --no-print-directory -j$(CHECK_JOBS) check-items || true
	@tangle/summary $(CHECK_ITEMS)

check-items: $(CHECK_ITEMS)
$(UNIT): unit/%: build/clang/patched/tests/%
	@tangle/runtest -cases $@ $<
define fault_variant_unit
$$(filter unit-$(1)/%,$$(FAULT_UNIT)): unit-$(1)/%: build/clang/$(1)/tests/%
	@tangle/runtest -cases $$@ $$<
endef
$(foreach v,$(FAULT_VARIANTS),$(eval $(call fault_variant_unit,$(v))))
$(DRIVE): drive/%: build/clang/%/faultdrv
	@tangle/runtest -cases $@ $< --run all
$(filter gcc/%,$(SAN)): gcc/%: build/gcc/patched/tests/%
	@tangle/runtest $@ $<
$(filter asan/%,$(SAN)): asan/%: build/asan/patched/tests/%
	@tangle/runtest $@ $<
$(filter tsan/%,$(SAN)): tsan/%: build/tsan/patched/tests/%
	@tangle/runtest $@ env TSAN_OPTIONS=halt_on_error=1 $<
$(filter sched/%,$(SAN)): sched/%: build/sched/patched/tests/%
	@tangle/runtest $@ $<
$(HELGRIND): helgrind/%: build/vg/patched/tests/%
	@tangle/runtest $@ tangle/helgrind.sh $<
$(SPIN): spin/%: build/tangle.stamp
	@tangle/runtest $@ tangle/spin.sh run $*
bench/smoke: $(FAULTBENCH)
	@tangle/runtest $@ sh code/bench/run.sh smoke build/bench-smoke
lint/roots:
	@tangle/runtest $@ tangle/lint roots tangle/roots $(NW)
lint/width: build/tangle.stamp
	@tangle/runtest $@ tangle/lint width code
lint/todo: $(TEX_IN)
	@tangle/runtest $@ tangle/lint todo build/tex
lint/hunks:
	@tangle/runtest $@ tangle/lint hunks $(NW)
lint/diffhunks: build/tangle.stamp
	@tangle/runtest $@ tangle/lint diffhunks tangle/roots $(NW)
lint/merge:
	@tangle/runtest $@ tangle/lint merge $(NW) chapters/*.tex tangle/roots \
		Makefile README.md
lint/prose:
	@tangle/runtest $@ tangle/lint prose $(NW)
lint/latex: book.pdf
	@tangle/runtest $@ tangle/lint latex build/tex/book.log
lint/fonts: book.pdf
	@tangle/runtest $@ tangle/lint fonts book.pdf
# lint/repro's second book is typeset from the same woven sources in a
# directory of its own, so that under make check's jobs it runs beside
# the first; the item compares the two.
build/repro/book.pdf: $(TEX_IN) $(FIG_PDF) tangle/latex.sh tangle/latexmkrc
	@rm -rf build/repro && mkdir -p build/repro
	cp build/tex/*.tex build/repro/
	rm -f build/repro/*.tmp
	tangle/latex.sh build/repro
lint/repro: book.pdf build/repro/book.pdf
	@tangle/runtest $@ tangle/lint repro
lint/html: book.html
	@tangle/runtest $@ tangle/check-html.sh book.html
.PHONY: check check-items $(CHECK_ITEMS)

# ---------------------------------------------------------------------
# Chapter 16 (the test driver): faultdrv's manual page, made with pandoc
# from the Markdown that the chapter tangles, and its check (it renders
# without a warning, and names the options of the usage message, no
# more and no fewer); faultdrv --stats checked on the mail's own case,
# where the patched handler with the knob on must take the amap lock as
# a reader every time and never as a writer.
# ---------------------------------------------------------------------

MAN := build/man/faultdrv.1
man: $(MAN)				## faultdrv's manual page: man -l build/man/faultdrv.1
$(MAN): code/driver/faultdrv.1.md
	@mkdir -p $(@D)
	pandoc -s -f markdown-smart -t man $< -o $@
build: $(MAN)
.PHONY: man

DRIVER_CHECKS := drive-stats lint/man
CHECK_ITEMS += $(DRIVER_CHECKS)
check-items: $(DRIVER_CHECKS)
DRIVE_STATS_AWK := \$$2 == \"amaplk\" { n++; ok = \$$3 > 0 && \$$4 == 0 } \
	END { exit !(n == 1 && ok) }
drive-stats: build/clang/patched/faultdrv
	@tangle/runtest $@ bash -o pipefail -c '"$$0" --run upper-read-resident \
		--handler patched-on --stats | tee /dev/stderr | \
		gawk "$(DRIVE_STATS_AWK)"' $<
lint/man: $(MAN) build/clang/patched/faultdrv
	@tangle/runtest $@ sh code/driver/mancheck.sh $(MAN) \
		build/clang/patched/faultdrv
.PHONY: $(DRIVER_CHECKS)

# ---------------------------------------------------------------------
# Chapter 17 (deterministic interleavings): the race scenarios under the
# scheduler, every schedule with at most two preemptions, on each build
# that has them, and every scenario under PCT with twenty seeds; the
# table of the schedules explored, and the swimlane figures drawn from
# recorded schedules.  The enumeration's TAP is written once per driver
# and read by both the check item and the table.
# ---------------------------------------------------------------------

SCHED_VARIANTS := patched base asposted-anonget
SCHED_DRIVE := $(addprefix sched-drive/,$(SCHED_VARIANTS)) sched-pct/patched
CHECK_ITEMS += $(SCHED_DRIVE)
check-items: $(SCHED_DRIVE)
build/sched-drive/%.tap: build/sched/%/faultdrv
	@mkdir -p $(@D)
	$< --run 'race-*' --sched enum >$@.tmp 2>&1 || true
	mv $@.tmp $@
$(filter sched-drive/%,$(SCHED_DRIVE)): sched-drive/%: build/sched-drive/%.tap
	@tangle/runtest -cases $@ cat $<
sched-pct/patched: build/sched/patched/faultdrv
	@tangle/runtest -cases $@ $< --run all --sched pct --runs 20 --seed 1
.PHONY: $(SCHED_DRIVE)

build/tex/sched-results.tex: $(SCHED_VARIANTS:%=build/sched-drive/%.tap) \
    tangle/swimlane.awk
	@mkdir -p $(@D)
	gawk -v what=table -f tangle/swimlane.awk \
		$(SCHED_VARIANTS:%=build/sched-drive/%.tap) >$@

# lanes-NAME: the first schedule of an enumeration that reaches the race
# of scenario S on handler H of build V; the errata's runs panic, and
# are drawn up to the panic.
LANES := refused:race-upgrade-refused:patched:patched-on \
	map:race-map-upgrade:patched:patched-on \
	busy:race-busy-pagein:patched:patched-on \
	erratum-a:race-busy-owner:asposted-anonget:asposted-anonget \
	erratum-b:erratum-wired:asposted-wired:asposted-wired
lane_field = $(word $(2),$(subst :, ,$(filter $(1):%,$(LANES))))
LANES_NAMES := $(foreach l,$(LANES),$(word 1,$(subst :, ,$(l))))
.SECONDEXPANSION:
build/fig/lanes-%.rec: build/sched/$$(call lane_field,$$*,3)/faultdrv
	@mkdir -p $(@D)
	$< --run $(call lane_field,$*,2) --handler $(call lane_field,$*,4) \
		--sched enum --record $@ >/dev/null || true
LANES_PANIC_erratum-a := rw_status(amap->am_lock) == flt->upper_lock_type
LANES_PANIC_erratum-b := uvm_page_owner_locked_p(pg, TRUE)
build/fig/lanes-%.tikz: build/fig/lanes-%.rec tangle/swimlane.awk
	gawk -v what=tikz -v panic='$(LANES_PANIC_$*)' \
		-f tangle/swimlane.awk $< >$@
build/fig/lanes-%.pdf: build/fig/lanes-%.tikz tangle/figure.tex
	cd build/fig && pdflatex -interaction=nonstopmode -halt-on-error \
		-jobname=lanes-$* '\def\figfile{lanes-$*.tikz}\input{../../tangle/figure.tex}' \
		>lanes-$*.out || { grep -A3 '^!' lanes-$*.log >&2; exit 1; }
book.pdf build/repro/book.pdf: build/tex/sched-results.tex $(LANES_NAMES:%=build/fig/lanes-%.pdf)
book.html: build/html/sched-results.tex $(LANES_NAMES:%=build/fig/lanes-%.svg)
build/html/sched-results.tex: build/tex/sched-results.tex
	@mkdir -p $(@D)
	cp $< $@

# ---------------------------------------------------------------------
# Chapter 21 (stress, checkers, coverage): the stress runs, the driver
# under ThreadSanitizer, ASan+UBSan and helgrind, the planted bugs that
# prove each of them live, and the fault handler's coverage.
# ---------------------------------------------------------------------

STRESS_COUNT := 1000000
STRESS_LONG := 10000000
STRESS := stress/patched-on stress/patched-off stress/base
CHECKERS := tsan-drive tsan-stress asan-drive asan-stress helgrind-drive
PLANTED := planted/tsan planted/asan planted/ubsan planted/helgrind
CHECK_ITEMS += $(STRESS) $(CHECKERS) $(PLANTED)
TSAN_ENV := env TSAN_OPTIONS=halt_on_error=1
TSAN_SUPP := env TSAN_OPTIONS='halt_on_error=1 suppressions=code/driver/tsan.supp'
# Helgrind cannot tell a try-lock from a blocking one in an annotated
# lock, and so reports the page daemon's try-locks as order reversals;
# lock order is WITNESS's, which knows them, in every test build.
HELGRIND_RUN := valgrind --tool=helgrind --error-exitcode=3 \
	--suppressions=tangle/helgrind.supp --track-lockorders=no
# expect PATTERN COMMAND...: passes when COMMAND fails and PATTERN is
# in what it printed (a planted bug that its detector must report).
EXPECT := bash -c 'pat=$$1; shift; out=$$("$$@" 2>&1); rc=$$?; \
	printf "%s\n" "$$out"; [ $$rc -ne 0 ] && \
	grep -qF -- "$$pat" <<<"$$out"' expect

check-items: $(STRESS) $(CHECKERS) $(PLANTED)
stress/patched-on stress/patched-off: stress/%: build/clang/patched/faultdrv
	@tangle/runtest -cases $@ $< --run stress --handler $* --verbose \
		--count $(STRESS_COUNT)
stress/base: build/clang/base/faultdrv
	@tangle/runtest -cases $@ $< --run stress --verbose \
		--count $(STRESS_COUNT)
tsan-drive: build/tsan/patched/faultdrv
	@tangle/runtest -cases $@ $(TSAN_SUPP) $< --run all
tsan-stress: build/tsan/patched/faultdrv
	@tangle/runtest -cases $@ $(TSAN_SUPP) $< --run stress \
		--handler patched-on --count 50000 --verbose
asan-drive: build/asan/patched/faultdrv
	@tangle/runtest -cases $@ $< --run all
asan-stress: build/asan/patched/faultdrv
	@tangle/runtest -cases $@ $< --run stress --handler patched-on \
		--count 200000 --verbose
helgrind-drive: build/vg/patched/faultdrv
	@tangle/runtest -cases $@ $(HELGRIND_RUN) $< --run all \
		--skip stress
planted/tsan: build/tsan/patched/faultdrv
	@tangle/runtest $@ $(EXPECT) "ThreadSanitizer: data race" \
		$(TSAN_ENV) $< --run planted-race --handler patched-on
planted/asan: build/asan/patched/faultdrv
	@tangle/runtest $@ $(EXPECT) "AddressSanitizer: heap-buffer-overflow" \
		$< --run planted-overflow --handler patched-on
planted/ubsan: build/asan/patched/faultdrv
	@tangle/runtest $@ $(EXPECT) "signed integer overflow" \
		$< --run planted-ub --handler patched-on
planted/helgrind: build/vg/patched/faultdrv
	@tangle/runtest $@ $(EXPECT) "Possible data race" \
		$(HELGRIND_RUN) $< --run planted-race --handler patched-on
.PHONY: $(STRESS) $(CHECKERS) $(PLANTED)

stress: build/clang/patched/faultdrv build/clang/base/faultdrv	## the long stress: 10^7 faults a handler
	@mkdir -p build/stress
	{ for h in patched-on patched-off; do \
		build/clang/patched/faultdrv --run stress --handler $$h \
		    --count $(STRESS_LONG) --progress --verbose || exit 1; \
	done; \
	build/clang/base/faultdrv --run stress --count $(STRESS_LONG) \
		--progress --verbose; } | tee build/stress/stress.log
	@{ echo handler,faults,loads,stores,drops,remaps,forks,pageouts,wires,injects,up,noup,msec; \
	sed -n 's/^# stress-result //p' build/stress/stress.log | \
		gawk '{ s = $$1; for (i = 3; i <= NF; i += 2) s = s "," $$i; \
		print s }'; } >figures/data/stress.csv
	@echo "stress: figures/data/stress.csv written; commit it for the book"
.PHONY: stress

# Coverage: the flavour cov builds the patched variant with gcc
# --coverage; its uvm_fault.c is compiled from code/ (no #line), so
# that gcov counts the lines of the tangled file, which gcovr reports.
CC_cov := gcc
OPT_cov := -O0 -g --coverage -DWITNESS
$(eval $(call flavour_variant,cov,patched))
build/cov/patched/obj/sys/uvm/uvm_fault.o: code/sys/uvm/uvm_fault.c \
    build/tangle.stamp
	@mkdir -p $(@D)
	$(CC_cov) $(STD) $(OPT_cov) $(WARN) $(CPPFLAGS) -MMD -MP -c $< -o $@
COV_TESTS := test_fault test_atlas test_user
# The branches left out (chapter 21): an assertion's, the curproc
# macro's, a test of a constant, and two ifs whose body is a panic.
COV_NB_ASSERT := \b(KASSERT|panic)\(
COV_NB_MACRO := \bcurproc(->p_ru\.|;)
COV_NB_CONST := \bif \(npages > 0\)
COV_NB_PANIC := uvm_map_lookup_entry\(map, start, &entry\) == FALSE|
COV_NB_PANIC := $(COV_NB_PANIC)VM_MAP_PAGEABLE\) == 0
COV_NOBRANCH := .*($(COV_NB_ASSERT)|$(COV_NB_MACRO)|$(COV_NB_CONST)|$(COV_NB_PANIC)).*
COV_GCOVR := gcovr --root . --filter 'code/sys/uvm/uvm_fault\.c' \
	--exclude-unreachable-branches \
	--exclude-lines-by-pattern '.*\bpanic\(.*' \
	--exclude-branches-by-pattern '$(COV_NOBRANCH)' \
	build/cov/patched/obj/sys/uvm

COV_BINS := $(addprefix build/cov/patched/tests/,$(COV_TESTS)) \
	build/cov/patched/faultdrv
coverage: deps-check $(COV_BINS)	## the fault handler's coverage (gcovr)
	@find build/cov -name '*.gcda' -delete
	@for t in $(COV_TESTS); do \
		build/cov/patched/tests/$$t >/dev/null 2>&1 || \
		    { echo "coverage: $$t failed" >&2; exit 1; }; \
	done
	@build/cov/patched/faultdrv --run all >/dev/null
	@build/cov/patched/faultdrv --run stress --handler patched-on \
		--count 200000 >/dev/null
	@mkdir -p build/coverage
	$(COV_GCOVR) --csv build/coverage/uvm_fault.csv
	$(COV_GCOVR) --txt build/coverage/uvm_fault.txt
	$(COV_GCOVR) -b --txt build/coverage/uvm_fault-branches.txt
	@tail -n 4 build/coverage/uvm_fault.txt
	@tail -n 4 build/coverage/uvm_fault-branches.txt
	@cp build/coverage/uvm_fault.csv figures/data/coverage.csv
	@echo "coverage: figures/data/coverage.csv written; commit it for the book"
.PHONY: coverage

# The results of Chapter 21, for the book: what make check runs of the
# driver, counted from each build's faultdrv --list (the planted bugs,
# named planted-*, left out), and the committed records of make stress
# and make coverage.  Each file is also put where the HTML edition
# reads it.
RESULTS_TEX := $(addprefix build/tex/,results-check.tex \
	results-stress.tex results-coverage.tex)
book.pdf build/repro/book.pdf: $(RESULTS_TEX)
book.html: $(RESULTS_TEX)
# thousands N: N with thin spaces between groups of three digits
RESULTS_AWK := function th(n, s) { s = ""; \
	while (length(n) > 3) { s = "\\," substr(n, length(n) - 2) s; \
	n = substr(n, 1, length(n) - 3) } return n s }
build/tex/results-check.tex: $(foreach v,$(VARIANTS),build/clang/$(v)/faultdrv)
	@mkdir -p $(@D) build/html
	for v in $(VARIANTS); do \
		build/clang/$$v/faultdrv --list | gawk -v v=$$v \
		    '/^[^ ]/ && $$1 !~ /^planted-/ { n++; r += NF - 1; \
		      if ($$1 != "stress") { hn++; hr += NF - 1 } } \
		    END { print v, n, r, hn, hr }'; \
	done | gawk -v ns=$(words $(STRESS)) -v np=$(words $(PLANTED)) \
	    '$(RESULTS_AWK) \
	    { printf "\\texttt{drive/%s} & %d & %d\\\\\n", $$1, $$2, $$3; \
	      t += $$3; if ($$1 == "patched") { pn = $$2; pr = $$3; \
	      hn = $$4; hr = $$5 } } \
	    END { printf "\\texttt{tsan-drive}, \\texttt{asan-drive} " \
	      "& %d & %d each\\\\\n", pn, pr; \
	      printf "\\texttt{helgrind-drive} (not \\texttt{stress}) " \
	      "& %d & %d\\\\\n", hn, hr; \
	      print "\\texttt{stress/patched-on}, \\texttt{-off}, " \
	      "\\texttt{/base} & 1 & 1 each\\\\"; \
	      print "\\texttt{tsan-stress}, \\texttt{asan-stress} " \
	      "& 1 & 1 each\\\\"; \
	      print "\\texttt{planted/tsan}, \\texttt{asan}, " \
	      "\\texttt{ubsan}, \\texttt{helgrind} & 1 & 1 each\\\\"; \
	      printf "\\midrule\ntotal & & %d\\\\\n", \
	      t + 2 * pr + hr + ns + 2 + np }' \
	    >$@.body
	{ echo '\begin{center}\small'; \
	  echo '\begin{tabular}{@{}lrr@{}}\toprule'; \
	  echo 'item of \texttt{make check} & scenarios & cases\\\midrule'; \
	  cat $@.body; echo '\bottomrule\end{tabular}\end{center}'; } >$@
	@rm -f $@.body
	cp $@ build/html/
build/tex/results-stress.tex: figures/data/stress.csv
	@mkdir -p $(@D) build/html
	gawk -F, '$(RESULTS_AWK) \
	    NR == 1 { print "\\begin{center}\\small"; \
	      print "\\begin{tabular}{@{}lrrrrrrrr@{}}\\toprule"; \
	      print "handler & faults & operations & forks & remaps & " \
	      "page-outs & up & refused & s\\\\\\midrule"; next } \
	    { printf "%s & %s & %s & %s & %s & %s & %s & %s & %.1f\\\\\n", \
	      $$1, th($$2), th($$3 + $$4 + $$5 + $$6 + $$7 + $$8 + $$9 + $$10), \
	      th($$7), th($$6), th($$8), th($$11), th($$12), $$13 / 1000 } \
	    END { print "\\bottomrule\\end{tabular}\\end{center}" }' \
	    $< >$@
	cp $@ build/html/
build/tex/results-coverage.tex: figures/data/coverage.csv
	@mkdir -p $(@D) build/html
	gawk -F, 'NR == 2 { printf "\\begin{center}\\small\n" \
	      "\\begin{tabular}{@{}lrrr@{}}\\toprule\n" \
	      "\\texttt{uvm\\_fault.c}, patched & covered & of & " \
	      "\\%%\\\\\\midrule\n" \
	      "lines & %d & %d & %.1f\\\\\n" \
	      "branches & %d & %d & %.1f\\\\\n" \
	      "\\bottomrule\\end{tabular}\\end{center}\n", \
	      $$3, $$2, 100 * $$4, $$6, $$5, 100 * $$7 }' $< >$@
	cp $@ build/html/

# ---------------------------------------------------------------------

clean:					## remove everything generated
	rm -rf code build book.pdf book.html
.PHONY: clean

help:					## list the targets (and bench-NAME for bench/NAME.c)
	@echo "Parallel Upper Faults: make TARGET"
	@grep -h -E '^[a-z.-]+:.*## ' Makefile | \
		sed -E 's/^([a-z.-]+):.*## (.*)/  \1\t\2/' | expand -t 16
.PHONY: help
