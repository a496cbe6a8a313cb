# common.sh - sourced by the checks of tests/man: a scratch directory
# removed on exit, fail() recording a failure in $status, and the flags
# that build a program against the in-tree library ($libdir, $sanitize).
# Usage: . "$top_srcdir/tests/man/common.sh"; man_work NAME; man_library
# shellcheck disable=SC2034   # status, libdir, sanitize: for the caller

# the function unescape() of mdoc text, to prepend to awk programs
unescape_awk=$(cat "$top_srcdir/tests/man/unescape.awk") || exit 99

CC=${CC:-cc}
NM=${NM:-nm}
status=0

fail() {
	echo "FAIL: $*"
	status=1
}

# man_work NAME: $work, a fresh scratch directory of this check
man_work() {
	work=tests/man/$1-work.$$
	rm -rf "$work"
	mkdir -p "$work" || exit 99
	trap 'rm -rf "$work"' EXIT
	trap 'exit 1' HUP INT TERM
}

# man_library: $libdir, where the in-tree library is, and $sanitize, the
# sanitizers a program linked with it needs (when it was built with them)
man_library() {
	if test ! -f "$OPFLOW_LIBRARY"; then
		echo "$OPFLOW_LIBRARY is missing; build the library first" >&2
		exit 99
	fi
	libdir=$(cd "$(dirname "$OPFLOW_LIBRARY")" && pwd) || exit 99
	sanitize=
	if $NM -D "$OPFLOW_LIBRARY" 2>/dev/null | grep -q '__asan_'; then
		sanitize="$sanitize -fsanitize=address"
	fi
	if $NM -D "$OPFLOW_LIBRARY" 2>/dev/null | grep -q '__ubsan_'; then
		sanitize="$sanitize -fsanitize=undefined"
	fi
}
