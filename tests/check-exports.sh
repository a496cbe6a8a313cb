#!/bin/sh
# check-exports.sh - the dynamic symbols libopflow exports are exactly the
# committed list tests/exports.txt; that list is exactly the functions
# declared in include/opflow.h; every symbol starts with opflow_ and
# carries the version node lib/opflow.map gives it, one of VERSION_NODES
# (OPFLOW_1.0, then OPFLOW_1.1 and OPFLOW_1.2, each inheriting the one before).  Also checks that the
# header tests expand every *_OPTIONS_INIT macro the header defines.
#
# A symbol added to the header must be added to tests/exports.txt and to
# lib/opflow.map, in the node of the release that adds it (never 1.0).
set -u

: "${top_srcdir:?}" "${OPFLOW_LIBRARY:?}"
NM=${NM:-nm}
case $NM in *" "*) ;; *) command -v "$NM" >/dev/null 2>&1 || NM=nm ;; esac
VERSION_NODES="OPFLOW_1.0 OPFLOW_1.1 OPFLOW_1.2 OPFLOW_1.3 OPFLOW_1.4 OPFLOW_1.5"
map=$top_srcdir/lib/opflow.map

header=$top_srcdir/include/opflow.h
list=$top_srcdir/tests/exports.txt
tmp=check-exports.tmp.$$
status=0
fail() { echo "FAIL: $*"; status=1; }
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp" || exit 99

case $(uname -s) in
Linux|*BSD|GNU*) ;;
*) echo "SKIP: ELF symbol versions are checked on Linux and the BSDs"
   exit 77 ;;
esac
if [ ! -f "$OPFLOW_LIBRARY" ]; then
	echo "SKIP: no shared library at $OPFLOW_LIBRARY"
	exit 77
fi

# The functions the header declares: every OPFLOW_EXTERN declaration, up
# to its semicolon, names one (preprocessor lines left out).
grep -v '^[[:space:]]*#' "$header" | tr '\n' ' ' | tr ';' '\n' |
	sed -n 's/^.*OPFLOW_EXTERN[^(]*[^A-Za-z0-9_]\([A-Za-z_][A-Za-z0-9_]*\) *(.*$/\1/p' |
	LC_ALL=C sort > "$tmp/header"
test -s "$tmp/header" || { echo "ERROR: no declarations in $header"; exit 99; }

# The exported symbols: defined dynamic symbols, names without their
# @VERSION suffix, leaving out the absolute symbols that name version
# nodes themselves.
# shellcheck disable=SC2086
$NM -D --defined-only "$OPFLOW_LIBRARY" > "$tmp/nm" ||
	{ echo "ERROR: $NM -D failed"; exit 99; }
awk '{ name = $NF; sub(/@.*/, "", name)
       if ($(NF - 1) == "A" && name ~ /^[A-Z][A-Z0-9_]*_[0-9][0-9.]*$/) next
       print name }' "$tmp/nm" | LC_ALL=C sort > "$tmp/exported"

LC_ALL=C sort "$list" > "$tmp/list"
if ! cmp -s "$tmp/list" "$list"; then
	fail "tests/exports.txt is not sorted (LC_ALL=C sort)"
fi

if ! diff -u "$tmp/list" "$tmp/exported" > "$tmp/diff"; then
	fail "the exported symbols differ from tests/exports.txt" \
	     "(- listed but not exported, + exported but not listed):"
	sed -n '3,$p' "$tmp/diff" | grep '^[-+]'
fi
if ! diff -u "$tmp/header" "$tmp/list" > "$tmp/diff"; then
	fail "tests/exports.txt differs from the functions of" \
	     "include/opflow.h (- declared but not listed, + listed but" \
	     "not declared):"
	sed -n '3,$p' "$tmp/diff" | grep '^[-+]'
fi
if ! diff -u "$tmp/header" "$tmp/exported" > "$tmp/diff"; then
	fail "the functions of include/opflow.h are not what the library" \
	     "exports (- declared but not exported, + exported but not" \
	     "declared):"
	sed -n '3,$p' "$tmp/diff" | grep '^[-+]'
fi

bad=$(grep -v '^opflow_' "$tmp/exported")
[ -z "$bad" ] || fail "exported symbols without the opflow_ prefix:" $bad

# The version of each exported symbol, from the dynamic symbol table: the
# default version is printed bare, a hidden one in parentheses.
if command -v objdump >/dev/null 2>&1; then
	objdump -T "$OPFLOW_LIBRARY" > "$tmp/objdump" ||
		{ echo "ERROR: objdump -T failed"; exit 99; }
	awk '$0 !~ /\*UND\*/ && NF >= 3 { print $NF, $(NF - 1) }' \
		"$tmp/objdump" | LC_ALL=C sort > "$tmp/versions"
	# the node of each symbol in the map: "OPFLOW_x.y {" opens one
	awk '/^OPFLOW_[0-9.]* *\{/ { node = $1; next }
	     /^}/ { node = ""; next }
	     node != "" && /^[[:space:]]*opflow_[A-Za-z0-9_]*;/ {
		sym = $1; sub(/;.*/, "", sym); print sym, node }' "$map" |
		LC_ALL=C sort > "$tmp/nodes"
	nodes=$(awk '/^OPFLOW_[0-9.]* *\{/ { print $1 }' "$map" | tr '\n' ' ')
	[ "$nodes" = "$VERSION_NODES " ] ||
		fail "lib/opflow.map has the nodes '$nodes', expected" \
		     "'$VERSION_NODES' in that order"
	grep -q '^} OPFLOW_1.0;' "$map" ||
		fail "OPFLOW_1.1 does not inherit OPFLOW_1.0 in lib/opflow.map"
	grep -q '^} OPFLOW_1.1;' "$map" ||
		fail "OPFLOW_1.2 does not inherit OPFLOW_1.1 in lib/opflow.map"
	while read -r sym; do
		v=$(awk -v s="$sym" '$1 == s { print $2 }' "$tmp/versions")
		want=$(awk -v s="$sym" '$1 == s { print $2 }' "$tmp/nodes")
		case " $VERSION_NODES " in
		*" $v "*) ;;
		*) fail "$sym has version '${v:-none}', not one of $VERSION_NODES"
		   continue ;;
		esac
		[ "$v" = "$want" ] ||
			fail "$sym has version '$v', but lib/opflow.map puts it in" \
			     "'${want:-no node}'"
	done < "$tmp/exported"
else
	echo "SKIP (part): no objdump, symbol versions not checked"
fi

# Both header tests expand every options initialiser.
for macro in $(grep -o 'OPFLOW_[A-Z_]*_OPTIONS_INIT' "$header" | sort -u); do
	for t in header_c99.c header_cxx.cpp; do
		grep -q "$macro" "$top_srcdir/tests/$t" ||
			fail "tests/$t does not expand $macro"
	done
done

n=$(wc -l < "$tmp/exported")
[ "$status" -eq 0 ] && echo "PASS: $n symbols, all listed, declared and versioned as lib/opflow.map says ($VERSION_NODES)"
exit "$status"
