## tests/simulate.mk - included by tests/local.mk
##
## The Monte Carlo simulation: closed forms within five standard errors,
## the exact bits of an independent model in Python
## (tests/simulate_reference.py, which also checks, as a test of its own,
## that the bits pinned in tests/check_simulate.c are still its own), the
## same bits for every thread count, the estimators, every error,
## cancelling and failing allocations.  The suite is a check program like
## the others, so `make check-valgrind` and tests/run-valgrind.sh run it
## too (with fewer iterations and without its largest cases, see the
## head of the file).

check_PROGRAMS += tests/check_simulate
TESTS += tests/check_simulate

# The progress callback's thread is compared with the caller's.
tests_check_simulate_SOURCES = tests/check_simulate.c tests/testutil.c \
	tests/testutil.h
tests_check_simulate_CFLAGS = $(CHECK_PROGRAM_FLAGS) $(PTHREAD_CFLAGS)
tests_check_simulate_LDADD = $(CHECK_PROGRAM_LIBS) $(PTHREAD_LIBS) -lm
tests_check_simulate_LDFLAGS = $(CHECK_PROGRAM_LINK)

if HAVE_PYTHON3
TESTS += tests/simulate_reference.py
endif
EXTRA_DIST += tests/simulate_reference.py
