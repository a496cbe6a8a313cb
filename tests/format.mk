## tests/format.mk - the text format, exports, checks, the tool, fuzzing
check_PROGRAMS += tests/check_format tests/fuzz_replay
TESTS += tests/check_format tests/fuzz_replay tests/tool.sh

tests_check_format_SOURCES = tests/check_format.c
tests_check_format_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(PTHREAD_CFLAGS)
tests_check_format_LDADD = lib/libopflow.la $(CHECK_LIBS) $(PTHREAD_LIBS)
tests_check_format_LDFLAGS = $(AM_LDFLAGS) -no-install

# the fuzz target replayed over its corpus and the examples
tests_fuzz_replay_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_load.c
tests_fuzz_replay_LDADD = lib/libopflow.la
tests_fuzz_replay_LDFLAGS = $(AM_LDFLAGS) -no-install

EXTRA_DIST += tests/tool.sh tests/fuzz/run.sh tests/fuzz/opflow.dict \
	tests/fuzz/corpus

# `make fuzz`: libFuzzer for FUZZ_SECONDS (60) seconds; needs clang
FUZZ_SECONDS = 60
fuzz:
	abs_top_srcdir='$(abs_top_srcdir)' abs_top_builddir='$(abs_top_builddir)' \
	$(SHELL) $(srcdir)/tests/fuzz/run.sh $(FUZZ_SECONDS)
.PHONY: fuzz
CLEANFILES += format-test.opflow
clean-local: clean-fuzz
clean-fuzz:
	rm -rf fuzz-run
.PHONY: clean-fuzz
