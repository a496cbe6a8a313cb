## tests/format.mk - the text format, exports, checks, the tool, fuzzing
check_PROGRAMS += tests/check_format tests/fuzz_replay tests/fuzz_replay_tool
TESTS += tests/check_format tests/fuzz_replay tests/fuzz_replay_tool \
	tests/tool.sh tests/importer.sh tests/page.sh

tests_check_format_SOURCES = tests/check_format.c
tests_check_format_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(PTHREAD_CFLAGS)
tests_check_format_LDADD = lib/libopflow.la $(CHECK_LIBS) $(PTHREAD_LIBS)
tests_check_format_LDFLAGS = $(AM_LDFLAGS) -no-install

# the numbers of the text format against the C library's strtod and printf
check_PROGRAMS += tests/check_numbers
TESTS += tests/check_numbers
tests_check_numbers_SOURCES = tests/check_numbers.c
tests_check_numbers_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_check_numbers_LDADD = lib/libopflow.la $(CHECK_LIBS) -lm
tests_check_numbers_LDFLAGS = $(AM_LDFLAGS) -no-install

# the fuzz targets replayed over their corpora: the reader's over
# tests/fuzz/corpus/load and the examples, the tool's (tools/opflow.c
# without its main()) over tests/fuzz/corpus/tool
tests_fuzz_replay_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_load.c
tests_fuzz_replay_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_CORPUS='"load"' \
	-DFUZZ_EXAMPLES
tests_fuzz_replay_LDADD = lib/libopflow.la
tests_fuzz_replay_LDFLAGS = $(AM_LDFLAGS) -no-install
tests_fuzz_replay_tool_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_tool.c \
	tools/opflow.c tools/html.c tools/html.h
tests_fuzz_replay_tool_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_CORPUS='"tool"' \
	-DOPFLOW_TOOL_NO_MAIN
tests_fuzz_replay_tool_LDADD = lib/libopflow.la
tests_fuzz_replay_tool_LDFLAGS = $(AM_LDFLAGS) -no-install

# the Python fuzz driver replays the reader's corpus through the bindings
if HAVE_PYTHON3
TESTS += tests/python/fuzz_load.py
endif

EXTRA_DIST += tests/tool.sh tests/importer.sh tests/page.sh tests/shell-util.sh tests/fuzz/run.sh tests/fuzz/opflow.dict \
	tests/fuzz/tool.dict tests/fuzz/corpus tests/python/fuzz_load.py

# `make fuzz`: every fuzz target for FUZZ_SECONDS (60) seconds each: the
# reader and the tool with libFuzzer (needs clang), the Python bindings
# with tests/python/fuzz_load.py over a library built with $(CC)'s ASan
FUZZ_SECONDS = 60
fuzz:
	abs_top_srcdir='$(abs_top_srcdir)' abs_top_builddir='$(abs_top_builddir)' \
	CC='$(CC)' PYTHON3='$(PYTHON3)' \
	$(SHELL) $(srcdir)/tests/fuzz/run.sh $(FUZZ_SECONDS)
.PHONY: fuzz
CLEANFILES += format-test.opflow
clean-local: clean-fuzz
clean-fuzz:
	rm -rf fuzz-run
.PHONY: clean-fuzz
