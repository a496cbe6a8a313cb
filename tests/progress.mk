## tests/progress.mk - included by the top-level Makefile.am
##
## Progress and date constraints: tracking fields and their refusals, the
## analysis at a status date under both logics, the four date constraints,
## PERT with progress and the comparison with a baseline, worked by hand.

check_PROGRAMS += tests/check_progress
TESTS += tests/check_progress

tests_check_progress_SOURCES = tests/check_progress.c tests/testutil.c \
	tests/testutil.h $(ANALYSIS_UTIL)
tests_check_progress_CFLAGS = $(ANALYSIS_TEST_CC_FLAGS)
tests_check_progress_LDADD = $(ANALYSIS_TEST_LIBS)
tests_check_progress_LDFLAGS = $(ANALYSIS_TEST_LINK_FLAGS)
