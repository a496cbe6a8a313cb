#!/bin/sh
# Every error code of include/opflow.h (OPFLOW_OK and each OPFLOW_E*) is
# documented with its number in libopflow(7) and opflow_strerror(3), and
# the pages mention no error code that does not exist.

: "${top_srcdir:?}"
header=$top_srcdir/include/opflow.h
man=$top_srcdir/man

codes=$(awk '/typedef enum opflow_status/ { inside = 1; next }
	inside && /}/ { exit }
	inside' "$header" |
	sed -n 's/^[[:space:]]*\(OPFLOW_[A-Z0-9_]*\)[[:space:]]*=[[:space:]]*\(-\{0,1\}[0-9][0-9]*\).*/\1=\2/p')
if test -z "$codes"; then
	echo "FAIL: no error code read from $header"
	exit 1
fi

status=0
count=0
for entry in $codes; do
	code=${entry%%=*}
	number=${entry#*=}
	count=$((count + 1))
	# mdoc writes a minus sign as \-
	escaped=$(printf '%s\n' "$number" | sed 's/^-/\\-/')
	for page in man7/libopflow.7 man3/opflow_strerror.3; do
		if ! grep -Fqx ".It Dv $code Pq $escaped" "$man/$page"; then
			echo "FAIL: $page does not document $code ($number)"
			status=1
		fi
	done
done

# The pages name only codes that exist ("OPFLOW_E*" stands for them all).
known=$(printf '%s\n' $codes | sed 's/=.*//')
for code in $(cat "$man"/man[0-9]/*.[0-9] | grep -o 'OPFLOW_E[A-Z0-9_]*' | sort -u); do
	test "$code" = OPFLOW_E && continue
	if ! printf '%s\n' "$known" | grep -qx "$code"; then
		echo "FAIL: the pages mention $code, which is not an error code"
		status=1
	fi
done

echo "$count error codes checked"
exit $status
