#!/bin/sh
# run-valgrind.sh - runs Check programs under valgrind, one process each
# (CK_FORK=no), and fails when valgrind reports an error or a definite or
# indirect leak, or when a test fails.
#
#   tests/run-valgrind.sh [program...]
#
# Without arguments it runs every tests/check_* and tests/header_*
# program of the build tree it is started in (or of $top_builddir).  The
# programs are linked -no-install, so valgrind checks them and not a
# libtool wrapper script.  `make check-valgrind` does the same through
# the test driver.
set -u

VALGRIND=${VALGRIND:-valgrind}
command -v "$VALGRIND" >/dev/null 2>&1 ||
	{ echo "run-valgrind.sh: $VALGRIND not found" >&2; exit 77; }

if [ $# -eq 0 ]; then
	dir=${top_builddir:-.}/tests
	for p in "$dir"/check_* "$dir"/header_*; do
		case ${p##*/} in *.*) continue ;; esac
		[ -f "$p" ] && [ -x "$p" ] && set -- "$@" "$p"
	done
	[ $# -gt 0 ] || { echo "run-valgrind.sh: no programs in $dir" >&2; exit 1; }
fi

CK_FORK=no
OPFLOW_TEST_SCALE=valgrind
export CK_FORK OPFLOW_TEST_SCALE
status=0
for p in "$@"; do
	if head -c 2 "$p" 2>/dev/null | grep -q '^#!'; then
		echo "FAIL: $p is a script (a libtool wrapper?), not a program"
		status=1
		continue
	fi
	echo "== $p"
	if "$VALGRIND" --error-exitcode=1 --leak-check=full \
	    --errors-for-leak-kinds=definite,indirect \
	    --show-leak-kinds=definite,indirect -q "$p"; then
		echo "PASS: $p"
	else
		echo "FAIL: $p"
		status=1
	fi
done
exit $status
