## tests/dlclose.mk - included by the top-level Makefile.am
##
## The library opened with dlopen(), used from several threads and closed
## with dlclose() while some of them are still alive, a thousand times.
## The program is not linked with the library (that would keep it
## loaded); it opens the one OPFLOW_LIBRARY names (AM_TESTS_ENVIRONMENT),
## so it depends on it being built.  Linked -no-install like the other C
## tests, so that valgrind sees the program itself.

check_PROGRAMS += tests/check_dlclose
TESTS += tests/check_dlclose

tests_check_dlclose_SOURCES = tests/check_dlclose.c
tests_check_dlclose_CFLAGS = $(AM_CFLAGS) $(PTHREAD_CFLAGS)
tests_check_dlclose_LDADD = $(DLOPEN_LIBS) $(PTHREAD_LIBS)
tests_check_dlclose_LDFLAGS = $(AM_LDFLAGS) -no-install
tests_check_dlclose_DEPENDENCIES = lib/libopflow.la
