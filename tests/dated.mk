## tests/dated.mk - included by the top-level Makefile.am
##
## The analysis of a dated graph on working calendars, every instant
## worked out by hand.

check_PROGRAMS += tests/check_dated
TESTS += tests/check_dated

tests_check_dated_SOURCES = tests/check_dated.c tests/testutil.c \
	tests/testutil.h
tests_check_dated_CFLAGS = $(ANALYSIS_TEST_CC_FLAGS)
tests_check_dated_LDADD = $(ANALYSIS_TEST_LIBS)
tests_check_dated_LDFLAGS = $(ANALYSIS_TEST_LINK_FLAGS)

# The SVG Gantt chart of an analysis.
check_PROGRAMS += tests/check_gantt
TESTS += tests/check_gantt
tests_check_gantt_SOURCES = tests/check_gantt.c tests/testutil.c \
	tests/testutil.h
tests_check_gantt_CFLAGS = $(ANALYSIS_TEST_CC_FLAGS)
tests_check_gantt_LDADD = $(ANALYSIS_TEST_LIBS)
tests_check_gantt_LDFLAGS = $(ANALYSIS_TEST_LINK_FLAGS)
