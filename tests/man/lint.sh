#!/bin/sh
# Every manual page passes "mandoc -Tlint" with nothing to report at the
# warning level (the style level also flags cross references to pages
# that are not installed yet, so it is not used).

: "${top_srcdir:?}"

if test -z "$MANDOC" || test "$MANDOC" = no; then
	echo "mandoc was not found by configure: skipped"
	exit 77
fi

set -- "$top_srcdir"/man/man[0-9]/*.[0-9]
if test ! -f "$1"; then
	echo "FAIL: no manual page found under $top_srcdir/man"
	exit 1
fi

out=$("$MANDOC" -Tlint -W warning "$@" 2>&1)
rc=$?
if test -n "$out" || test "$rc" -ne 0; then
	printf '%s\n' "$out"
	echo "FAIL: mandoc -Tlint reported the above (exit status $rc)"
	exit 1
fi
echo "ok: $# pages pass mandoc -Tlint -W warning"
