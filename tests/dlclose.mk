## tests/dlclose.mk - included by the top-level Makefile.am
