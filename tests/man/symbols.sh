#!/bin/sh
# Every function the library exports has its page: man/man3/<name>.3
# exists (the page itself or a link to the page it shares), names the
# function in its NAME section and declares it in its SYNOPSIS.  Every
# page and link in man/man3 names an exported function (or is the index,
# libopflow.3), and every cross reference to a page of libopflow leads to
# a page of the tree.

: "${top_srcdir:?}" "${OPFLOW_LIBRARY:?}"
NM=${NM:-nm}
man=$top_srcdir/man

if test ! -f "$OPFLOW_LIBRARY"; then
	echo "symbols: $OPFLOW_LIBRARY is missing; build the library first" >&2
	exit 99
fi

symbols=$($NM -D --defined-only "$OPFLOW_LIBRARY" | awk '{ print $NF }' |
	sed 's/@.*//' | grep '^opflow_' | sort -u)
if test -z "$symbols"; then
	echo "FAIL: no opflow_ symbol read from $OPFLOW_LIBRARY with $NM"
	exit 1
fi

status=0
count=0
for sym in $symbols; do
	count=$((count + 1))
	page=$man/man3/$sym.3
	if test ! -f "$page"; then
		echo "FAIL: $sym has no page man/man3/$sym.3"
		status=1
		continue
	fi
	if ! grep -Eq "^\\.Nm $sym( ,)?\$" "$page"; then
		echo "FAIL: man/man3/$sym.3 does not name $sym in its NAME section"
		status=1
	fi
	if ! grep -Eq "^\\.(Fn|Fo) $sym( |\$)" "$page"; then
		echo "FAIL: man/man3/$sym.3 does not declare $sym with .Fn or .Fo"
		status=1
	fi
done

# No page or link for a function that does not exist.
for page in "$man"/man3/*.3; do
	name=$(basename "$page" .3)
	test "$name" = libopflow && continue
	if ! printf '%s\n' "$symbols" | grep -qx "$name"; then
		echo "FAIL: man/man3/$name.3 documents no exported function"
		status=1
	fi
	for nm in $(sed -n 's/^\.Nm \(opflow_[A-Za-z0-9_]*\).*/\1/p' "$page"); do
		if ! printf '%s\n' "$symbols" | grep -qx "$nm"; then
			echo "FAIL: man/man3/$name.3 names $nm, which is not exported"
			status=1
		fi
	done
done

# Cross references to the pages of libopflow resolve in the tree.
xrefs=$(for page in "$man"/man[0-9]/*.[0-9]; do
	grep -o 'Xr [A-Za-z0-9_.-]* [0-9]' "$page" |
		sed "s|^Xr|$(basename "$page")|"
done)
while read -r from name section; do
	case $name in
	opflow*|libopflow*) ;;
	*) continue ;;
	esac
	if test ! -f "$man/man$section/$name.$section"; then
		echo "FAIL: $from refers to $name($section), which has no page"
		status=1
	fi
done <<EOF
$xrefs
EOF

echo "$count exported functions checked"
exit $status
