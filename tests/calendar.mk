## tests/calendar.mk - included by the top-level Makefile.am
##
## Instants and working calendars: ISO 8601 text both ways, calendar specs
## read, refused and written back in canonical form, the working axis of
## shift, holiday and night-shift calendars and of 24/7, the graph's
## calendar assignments with inheritance, and the start and unit of a
## dated graph, worked by hand.

check_PROGRAMS += tests/check_calendar
TESTS += tests/check_calendar

tests_check_calendar_SOURCES = tests/check_calendar.c tests/testutil.c \
	tests/testutil.h
tests_check_calendar_CFLAGS = $(ANALYSIS_TEST_CC_FLAGS)
tests_check_calendar_LDADD = $(ANALYSIS_TEST_LIBS)
tests_check_calendar_LDFLAGS = $(ANALYSIS_TEST_LINK_FLAGS)
