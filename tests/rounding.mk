## tests/rounding.mk - included by the top-level Makefile.am
