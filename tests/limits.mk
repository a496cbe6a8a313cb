## tests/limits.mk - included by the top-level Makefile.am
##
## Every limit of libopflow(7), LIMITS, at the limit and one past it,
## through the C interface and the text format (the Python side is
## tests/python/test_limits.py).

check_PROGRAMS += tests/check_limits
TESTS += tests/check_limits

tests_check_limits_SOURCES = tests/check_limits.c tests/testutil.c \
	tests/testutil.h
tests_check_limits_CFLAGS = $(CHECK_PROGRAM_FLAGS)
tests_check_limits_LDADD = $(CHECK_PROGRAM_LIBS)
tests_check_limits_LDFLAGS = $(CHECK_PROGRAM_LINK)
