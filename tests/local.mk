## tests/local.mk - included by the top-level Makefile.am
##
## The Check suites of the foundation (graph model, names and errors, the
## allocator hook), the header compiled as C99 and as C++11, and the list
## of exported symbols.  Check programs are linked -no-install so that
## valgrind (`make check-valgrind`, tests/run-valgrind.sh) sees the real
## binaries rather than libtool's wrapper scripts.

CHECK_PROGRAM_FLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
CHECK_PROGRAM_LIBS = lib/libopflow.la $(CHECK_LIBS)
CHECK_PROGRAM_LINK = $(AM_LDFLAGS) -no-install

check_PROGRAMS += tests/check_graph tests/check_names tests/check_alloc
TESTS += tests/check_graph tests/check_names tests/check_alloc

tests_check_graph_SOURCES = tests/check_graph.c tests/testutil.c \
	tests/testutil.h
tests_check_graph_CFLAGS = $(CHECK_PROGRAM_FLAGS)
tests_check_graph_LDADD = $(CHECK_PROGRAM_LIBS)
tests_check_graph_LDFLAGS = $(CHECK_PROGRAM_LINK)

# The per-thread error details are tested from several threads.
tests_check_names_SOURCES = tests/check_names.c tests/testutil.c \
	tests/testutil.h
tests_check_names_CFLAGS = $(CHECK_PROGRAM_FLAGS) $(PTHREAD_CFLAGS)
tests_check_names_LDADD = $(CHECK_PROGRAM_LIBS) $(PTHREAD_LIBS)
tests_check_names_LDFLAGS = $(CHECK_PROGRAM_LINK)

tests_check_alloc_SOURCES = tests/check_alloc.c tests/testutil.c \
	tests/testutil.h
tests_check_alloc_CFLAGS = $(CHECK_PROGRAM_FLAGS)
tests_check_alloc_LDADD = $(CHECK_PROGRAM_LIBS)
tests_check_alloc_LDFLAGS = $(CHECK_PROGRAM_LINK)

# Bulk removal and the graph read out as columns; borrowed keys.
check_PROGRAMS += tests/check_bulk
TESTS += tests/check_bulk
tests_check_bulk_SOURCES = tests/check_bulk.c tests/testutil.c \
	tests/testutil.h
tests_check_bulk_CFLAGS = $(CHECK_PROGRAM_FLAGS)
tests_check_bulk_LDADD = $(CHECK_PROGRAM_LIBS)
tests_check_bulk_LDFLAGS = $(CHECK_PROGRAM_LINK)

# The public header alone, as strict C99 and as C++11: the include path
# holds include/ only, so nothing internal can sneak in.
check_PROGRAMS += tests/header_c99 tests/header_cxx
TESTS += tests/header_c99 tests/header_cxx

tests_header_c99_SOURCES = tests/header_c99.c
tests_header_c99_CPPFLAGS = -I$(top_srcdir)/include
tests_header_c99_CFLAGS = $(AM_CFLAGS) -std=c99 -pedantic -Wall -Wextra \
	-Werror
tests_header_c99_LDADD = lib/libopflow.la
tests_header_c99_LDFLAGS = $(CHECK_PROGRAM_LINK)

tests_header_cxx_SOURCES = tests/header_cxx.cpp
tests_header_cxx_CPPFLAGS = -I$(top_srcdir)/include
tests_header_cxx_CXXFLAGS = $(SANITIZER_CFLAGS) $(COVERAGE_CFLAGS) \
	-std=c++11 -pedantic -Wall -Wextra -Werror
tests_header_cxx_LDADD = lib/libopflow.la
tests_header_cxx_LDFLAGS = $(CHECK_PROGRAM_LINK)

# The exported dynamic symbols are exactly the committed list, every one
# declared in include/opflow.h and versioned as lib/opflow.map says
# (OPFLOW_1.0, or OPFLOW_1.1 for the functions 1.1 added).
TESTS += tests/check-exports.sh
EXTRA_DIST += tests/check-exports.sh tests/exports.txt

# Runs Check programs under valgrind by hand: tests/run-valgrind.sh
# [program...]; without arguments, every tests/check_* program built.
EXTRA_DIST += tests/run-valgrind.sh

# The Monte Carlo simulation.
include $(srcdir)/tests/simulate.mk
