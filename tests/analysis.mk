## tests/analysis.mk - included by the top-level Makefile.am
