## tests/rounding.mk - included by the top-level Makefile.am
##
## The rounding of floats: no negative float and no free float above its
## total float at the lead time, deadlines that shift floats without
## touching the critical set (machining example, a far deadline over
## tenths, random graphs with deadlines from 1e-3 to 1e12 of the lead
## time).

check_PROGRAMS += tests/check_rounding
TESTS += tests/check_rounding

tests_check_rounding_SOURCES = tests/check_rounding.c $(ANALYSIS_UTIL)
tests_check_rounding_CFLAGS = $(ANALYSIS_TEST_CC_FLAGS)
tests_check_rounding_LDADD = $(ANALYSIS_TEST_LIBS)
tests_check_rounding_LDFLAGS = $(ANALYSIS_TEST_LINK_FLAGS)
