## tests/soak.mk - included by the top-level Makefile.am
##
## The model-based soak test: a seeded random run of the graph interface
## against a model of the graph kept in the test, compared after every
## step, with invalid calls and failing allocations mixed in.  `make
## check` runs a short one (tests/check_soak picks its own length and
## seed); `make soak` a long one: SOAK_OPERATIONS operations (1000000 by
## default) from SOAK_SEED (from the clock when empty), both printed so
## that a failure can be replayed.

check_PROGRAMS += tests/check_soak
TESTS += tests/check_soak

tests_check_soak_SOURCES = tests/check_soak.c tests/testutil.c \
	tests/testutil.h
tests_check_soak_CFLAGS = $(CHECK_PROGRAM_FLAGS)
tests_check_soak_LDADD = $(CHECK_PROGRAM_LIBS)
tests_check_soak_LDFLAGS = $(CHECK_PROGRAM_LINK)

SOAK_OPERATIONS = 1000000
SOAK_SEED =
soak: tests/check_soak$(EXEEXT)
	SOAK_OPERATIONS='$(SOAK_OPERATIONS)' SOAK_SEED='$(SOAK_SEED)' \
		CK_VERBOSITY=normal ./tests/check_soak$(EXEEXT)
.PHONY: soak
