## tests/soak.mk - included by the top-level Makefile.am
