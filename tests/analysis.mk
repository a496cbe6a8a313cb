## tests/analysis.mk - included by the top-level Makefile.am
## The Check suites of the analysis engine: hand-worked examples, a
## randomized comparison with an independent scheduler, the PSPLIB
## instances, concurrent analyses, and the same under ThreadSanitizer.

ANALYSIS_CHECKS = \
	tests/check_analysis \
	tests/check_reference \
	tests/check_psplib \
	tests/check_threads

check_PROGRAMS += $(ANALYSIS_CHECKS)
TESTS += $(ANALYSIS_CHECKS) tests/tsan.sh

ANALYSIS_UTIL = tests/analysis_util.c tests/analysis_util.h
ANALYSIS_TEST_CC_FLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
ANALYSIS_TEST_LIBS = lib/libopflow.la $(CHECK_LIBS) -lm
ANALYSIS_TEST_LINK_FLAGS = $(AM_LDFLAGS) -no-install

tests_check_analysis_SOURCES = tests/check_analysis.c $(ANALYSIS_UTIL)
tests_check_analysis_CFLAGS = $(ANALYSIS_TEST_CC_FLAGS)
tests_check_analysis_LDADD = $(ANALYSIS_TEST_LIBS)
tests_check_analysis_LDFLAGS = $(ANALYSIS_TEST_LINK_FLAGS)

tests_check_reference_SOURCES = tests/check_reference.c $(ANALYSIS_UTIL)
tests_check_reference_CFLAGS = $(ANALYSIS_TEST_CC_FLAGS)
tests_check_reference_LDADD = $(ANALYSIS_TEST_LIBS)
tests_check_reference_LDFLAGS = $(ANALYSIS_TEST_LINK_FLAGS)

tests_check_psplib_SOURCES = tests/check_psplib.c $(ANALYSIS_UTIL)
tests_check_psplib_CFLAGS = $(ANALYSIS_TEST_CC_FLAGS)
tests_check_psplib_LDADD = $(ANALYSIS_TEST_LIBS)
tests_check_psplib_LDFLAGS = $(ANALYSIS_TEST_LINK_FLAGS)

tests_check_threads_SOURCES = tests/check_threads.c $(ANALYSIS_UTIL)
tests_check_threads_CFLAGS = $(ANALYSIS_TEST_CC_FLAGS) $(PTHREAD_CFLAGS)
tests_check_threads_LDADD = $(ANALYSIS_TEST_LIBS) $(PTHREAD_LIBS)
tests_check_threads_LDFLAGS = $(ANALYSIS_TEST_LINK_FLAGS) $(PTHREAD_CFLAGS)

# PSPLIB instances (Kolisch & Sprecher 1997), see tests/data/psplib/README.
PSPLIB_FILES = \
	tests/data/psplib/README \
	tests/data/psplib/j1201_1.sm \
	tests/data/psplib/j12013_1.sm \
	tests/data/psplib/j12025_1.sm \
	tests/data/psplib/j12037_1.sm \
	tests/data/psplib/j12049_1.sm \
	tests/data/psplib/j301_1.sm \
	tests/data/psplib/j301_2.sm \
	tests/data/psplib/j3010_1.sm \
	tests/data/psplib/j3013_1.sm \
	tests/data/psplib/j3021_1.sm \
	tests/data/psplib/j3025_1.sm \
	tests/data/psplib/j3029_1.sm \
	tests/data/psplib/j3037_1.sm \
	tests/data/psplib/j3045_1.sm \
	tests/data/psplib/j305_1.sm

EXTRA_DIST += tests/tsan.sh $(PSPLIB_FILES)

# tests/tsan.sh builds its own program and keeps its report here.
CLEANFILES += tests/tsan_check_threads tests/tsan_probe tests/tsan_probe.c \
	tests/tsan_report.txt
