## tests/limits.mk - included by the top-level Makefile.am
