## bench/local.mk - included by the top-level Makefile.am
##
## `make bench`: libopflow timed and weighed next to baselines run in the
## same run on the same data (bench/bench_analysis.c says what and how),
## then `make bench-python` when a python3 was found.  `make bench-c` and
## `make bench-python` run one side alone.  Nothing here is built by
## `make all` or `make check`: the programs are EXTRA_PROGRAMS or built by
## the rules below, on demand.
##
##   BENCH_MAX          largest size: 10^4, 10^5, ... up to it (10^6;
##                      BENCH_MAX=10000000 adds 10^7)
##   BENCH_REPS         repetitions of every timed figure (3)
##   BENCH_CLOCK        cpu: the CPU time of the process (the default,
##                      steady on a machine shared with other work); wall:
##                      the wall clock
##   BENCH_PY           the interpreter of bench-python ($(PYTHON3)); the
##                      networkx figures need one that imports networkx
##   BENCH_PY_SIZE      activities in bench-python (10^5)
##   BENCH_TEXT_SIZE    activities in bench-text (10^6)
##
## The baselines are built with their own flags (BENCH_OPT_FLAGS), the
## library as configured.  BGL's baseline is built when $(CXX) finds the
## Boost.Graph headers, igraph's when pkg-config knows igraph; otherwise
## the table says why they are missing.
##
## `make bench-text` (run by `make bench` too): the text format's
## speed, saving and loading in MB/s and `opflow check` in seconds
## (bench/bench_text.c says what and how).
##
## `make bench-simulate` (run by `make bench` too): Monte Carlo
## iterations a second against the repeated analysis of the same graph,
## one thread and two, at 10^3 activities up to BENCH_SIM_MAX (10^5)
## (bench/bench_simulate.c says what and how).

BENCH_MAX = 1000000
BENCH_REPS = 3
BENCH_CLOCK = cpu
BENCH_PY = $(PYTHON3)
BENCH_PY_SIZE = 100000
BENCH_TEXT_SIZE = 1000000
BENCH_SIM_MAX = 100000
BENCH_OPT_FLAGS = -O3 -march=native
BENCH_BOOST_HEADER = boost/graph/compressed_sparse_row_graph.hpp

EXTRA_PROGRAMS = bench/bench_analysis bench/bench_text bench/bench_simulate
bench_bench_analysis_SOURCES = bench/bench_analysis.c bench/bench_data.h \
	bench/bench_util.h \
	bench/bench_limit.h
bench_bench_analysis_LDADD = bench/bench_limit.$(OBJEXT) lib/libopflow.la
bench_bench_analysis_DEPENDENCIES = bench/bench_limit.$(OBJEXT) \
	lib/libopflow.la
bench_bench_analysis_LDFLAGS = $(AM_LDFLAGS) -no-install

bench_bench_text_SOURCES = bench/bench_text.c bench/bench_data.h \
	bench/bench_util.h
bench_bench_text_LDADD = lib/libopflow.la
bench_bench_text_LDFLAGS = $(AM_LDFLAGS) -no-install

bench_bench_simulate_SOURCES = bench/bench_simulate.c bench/bench_data.h \
	bench/bench_util.h
bench_bench_simulate_LDADD = lib/libopflow.la
bench_bench_simulate_LDFLAGS = $(AM_LDFLAGS) -no-install

bench/bench_limit.$(OBJEXT): $(srcdir)/bench/bench_limit.c \
		$(srcdir)/bench/bench_limit.h
	@$(MKDIR_P) bench
	$(AM_V_CC)$(CC) $(BENCH_OPT_FLAGS) $(WARN_CFLAGS) \
		-c -o $@ $(srcdir)/bench/bench_limit.c

bench/bench_bgl$(EXEEXT): $(srcdir)/bench/bench_bgl.cpp \
		$(srcdir)/bench/bench_data.h
	@$(MKDIR_P) bench
	$(AM_V_CXXLD)case ' $(WARN_CFLAGS) ' in *' -Werror '*) e=-Werror;; \
		*) e=;; esac; \
	$(CXX) $(BENCH_OPT_FLAGS) -Wall -Wextra $$e -I$(srcdir)/bench \
		-o $@ $(srcdir)/bench/bench_bgl.cpp

# igraph's headers trip -Wundef: not ours to fix
bench/bench_igraph$(EXEEXT): $(srcdir)/bench/bench_igraph.c \
		$(srcdir)/bench/bench_data.h
	@$(MKDIR_P) bench
	$(AM_V_CCLD)pc='$(PKG_CONFIG)'; test -n "$$pc" || pc=pkg-config; \
	$(CC) $(BENCH_OPT_FLAGS) $(WARN_CFLAGS) -Wno-undef \
		-I$(srcdir)/bench `$$pc --cflags igraph` \
		-o $@ $(srcdir)/bench/bench_igraph.c `$$pc --libs igraph`

bench: bench-c
	@$(MAKE) $(AM_MAKEFLAGS) bench-text
	@$(MAKE) $(AM_MAKEFLAGS) bench-simulate
	@if test -n '$(BENCH_PY)' && test '$(BENCH_PY)' != no; then \
		$(MAKE) $(AM_MAKEFLAGS) bench-python; \
	else \
		echo "bench-python: skipped, configure found no python3"; \
	fi

bench-c: bench/bench_analysis$(EXEEXT) tools/opflow$(EXEEXT)
	@set -- --max '$(BENCH_MAX)' --reps '$(BENCH_REPS)' --scratch bench \
		--tool ./tools/opflow$(EXEEXT); \
	if echo '#include <$(BENCH_BOOST_HEADER)>' | \
	   $(CXX) -x c++ -E - >/dev/null 2>&1; then \
		$(MAKE) $(AM_MAKEFLAGS) bench/bench_bgl$(EXEEXT) || exit 1; \
		set -- "$$@" --bgl ./bench/bench_bgl$(EXEEXT); \
	else \
		set -- "$$@" --no-bgl \
			"$(CXX) does not find <$(BENCH_BOOST_HEADER)> (libboost-graph-dev)"; \
	fi; \
	pc='$(PKG_CONFIG)'; test -n "$$pc" || pc=pkg-config; \
	if $$pc --exists igraph 2>/dev/null; then \
		$(MAKE) $(AM_MAKEFLAGS) bench/bench_igraph$(EXEEXT) || exit 1; \
		set -- "$$@" --igraph ./bench/bench_igraph$(EXEEXT); \
	else \
		set -- "$$@" --no-igraph "$$pc does not know igraph (libigraph-dev)"; \
	fi; \
	echo "BENCH_CLOCK=$(BENCH_CLOCK) ./bench/bench_analysis$(EXEEXT) $$*"; \
	BENCH_CLOCK='$(BENCH_CLOCK)' ./bench/bench_analysis$(EXEEXT) "$$@"

bench-text: bench/bench_text$(EXEEXT) tools/opflow$(EXEEXT)
	BENCH_CLOCK='$(BENCH_CLOCK)' ./bench/bench_text$(EXEEXT) \
		--n '$(BENCH_TEXT_SIZE)' \
		--reps '$(BENCH_REPS)' --scratch bench \
		--tool ./tools/opflow$(EXEEXT)

bench-simulate: bench/bench_simulate$(EXEEXT)
	BENCH_CLOCK='$(BENCH_CLOCK)' ./bench/bench_simulate$(EXEEXT) \
		--max '$(BENCH_SIM_MAX)' --reps '$(BENCH_REPS)'

bench-python: bench/bench_analysis$(EXEEXT) lib/libopflow.la
	OPFLOW_LIBRARY='$(abs_top_builddir)/lib/.libs/libopflow.so.1' \
	PYTHONPATH="$(abs_top_srcdir)/bindings/python$${PYTHONPATH:+:$$PYTHONPATH}" \
	PYTHONDONTWRITEBYTECODE=1 BENCH_CLOCK='$(BENCH_CLOCK)' \
	$(BENCH_PY) $(srcdir)/bench/bench_python.py \
		--size '$(BENCH_PY_SIZE)' --reps '$(BENCH_REPS)' \
		--helper ./bench/bench_analysis$(EXEEXT) --scratch bench

.PHONY: bench bench-c bench-text bench-simulate bench-python

EXTRA_DIST += bench/bench_limit.c bench/bench_bgl.cpp bench/bench_igraph.c \
	bench/bench_python.py
CLEANFILES += $(EXTRA_PROGRAMS) bench/bench_limit.$(OBJEXT) \
	bench/bench_bgl$(EXEEXT) bench/bench_igraph$(EXEEXT) \
	bench/bench-*.data bench/bench-*.opflow
