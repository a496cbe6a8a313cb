#!/bin/sh
# The EXAMPLES of every page in man/man3 compile as complete C99 programs
# against the in-tree header and library, and run successfully: each
# literal display (.Bd -literal ... .Ed) of that section that includes a
# header is one program; other displays (what a program prints) are not.
# A page is taken once, under its own name (the first .Nm), so the links
# that name its other functions are not compiled again.

: "${top_srcdir:?}" "${OPFLOW_LIBRARY:?}"
. "$top_srcdir/tests/man/common.sh"

man_library

man_work examples

# Writes the programs of the EXAMPLES of page $1 as $2.1.c, $2.2.c, ...
# with the mdoc escapes undone; prints how many.
extract() {
	awk -v prefix="$2" "$unescape_awk"'
	/^\.Sh / { section = $0; sub(/^\.Sh /, "", section); next }
	section != "EXAMPLES" { next }
	/^\.Bd -literal/ { inside = 1; lines = 0; program = 0; next }
	/^\.Ed/ {
		if (inside && program) {
			file = prefix "." ++count ".c"
			for (i = 1; i <= lines; i++)
				print text[i] > file
			close(file)
		}
		inside = 0
		next
	}
	inside {
		text[++lines] = unescape($0)
		if (text[lines] ~ /^#include/)
			program = 1
	}
	END {
		if (bad != "") {
			print FILENAME ": unknown escapes:" bad > "/dev/stderr"
			exit 1
		}
		print count + 0
	}' "$1"
}

pages=0
programs=0
for page in "$top_srcdir"/man/man3/*.3; do
	name=$(basename "$page" .3)
	first=$(sed -n 's/^\.Nm \([^ ]*\).*/\1/p' "$page" | sed -n 1p)
	test "$first" = "$name" || continue
	pages=$((pages + 1))
	n=$(extract "$page" "$work/$name") || { status=1; continue; }
	if test "$name" != libopflow && test "$n" -eq 0; then
		echo "FAIL: $name.3 has no EXAMPLES program"
		status=1
		continue
	fi
	i=1
	while test "$i" -le "$n"; do
		src=$work/$name.$i.c
		exe=$work/$name.$i
		if ! $CC -std=c99 -Wall -Wextra -Werror $sanitize \
		    -I"$top_srcdir/include" -o "$exe" "$src" \
		    "$OPFLOW_LIBRARY" -Wl,-rpath,"$libdir" -lm; then
			echo "FAIL: $name.3: example $i does not compile"
			status=1
		elif ! "$exe" >"$exe.out" 2>&1; then
			echo "FAIL: $name.3: example $i exits with failure:"
			sed 's/^/  /' "$exe.out"
			status=1
		else
			echo "ok: $name.3 example $i"
			programs=$((programs + 1))
		fi
		i=$((i + 1))
	done
done
if test "$pages" -eq 0; then
	echo "FAIL: no page found in $top_srcdir/man/man3"
	exit 1
fi
echo "$programs examples from $pages pages"
exit $status
