#!/bin/sh
# The worked example of libopflow(7) is what the library computes: the
# value chain of its EXAMPLES, as the .opflow file the page shows (the
# display that starts with "opflow 1"), is analysed by the opflow tool;
# every row of the schedule table (.It KEY Ta ES Ta EF Ta LS Ta LF Ta TF
# Ta FF Ta yes|no Ta STAGE) matches the CSV schedule, and every figure
# of the tables of figures (.It NAME Ta VALUE, the value after "=" when
# there is one) matches the JSON report to the four decimals shown.

: "${top_srcdir:?}" "${abs_top_builddir:?}"
. "$top_srcdir/tests/man/common.sh"
opflow=$abs_top_builddir/tools/opflow
page=$top_srcdir/man/man7/libopflow.7

if test ! -x "$opflow"; then
	echo "libopflow7: $opflow is missing; build the tool first" >&2
	exit 99
fi

man_work libopflow7


# the file, the schedule table and the figures, from EXAMPLES
awk -v dir="$work" '
/^\.Sh / { section = substr($0, 5); next }
section != "EXAMPLES" { next }
/^\.Ss / { sub_ = substr($0, 5); next }
/^\.Bd -literal/ { inside = 1; lines = 0; next }
/^\.Ed/ {
	if (inside && text[1] == "opflow 1")
		for (i = 1; i <= lines; i++)
			print text[i] > (dir "/chain.opflow")
	inside = 0
	next
}
inside { line = $0; gsub(/\\e/, "\\", line); text[++lines] = line; next }
/^\.It [a-z-]+ Ta / && sub_ == "The schedule" {
	n = split($0, f, / Ta /)
	sub(/^\.It /, "", f[1])
	row = f[1]
	for (i = 2; i <= n; i++)
		row = row "," f[i]
	print row > (dir "/table")
	next
}
/^\.It [a-z_]+ Ta / && (sub_ == "Timeframe" || sub_ ~ /^Scope/) {
	name = $2
	value = $0
	sub(/^\.It [a-z_]+ Ta /, "", value)
	if (value ~ / = /)
		sub(/^.* = /, "", value)
	split(value, v, " ")
	print name, v[1] > (dir "/figures")
}' "$page"

if test ! -s "$work/chain.opflow"; then
	fail "libopflow.7 shows no .opflow file in its EXAMPLES"
	exit 1
fi
test -s "$work/table" || fail "no schedule table read from libopflow.7"
test -s "$work/figures" || fail "no figure read from libopflow.7"
if ! "$opflow" schedule "$work/chain.opflow" > "$work/csv" ||
    ! "$opflow" report --json "$work/chain.opflow" > "$work/json"; then
	fail "the .opflow file of libopflow.7 cannot be analysed"
	exit 1
fi

# key,label,kind,category,department,stage,duration,es,ef,ls,lf,tf,ff,crit
rows=0
while IFS=, read -r key es ef ls lf tf ff critical stage; do
	rows=$((rows + 1))
	case $critical in yes) critical=true ;; no) critical=false ;; esac
	want="$es,$ef,$ls,$lf,$tf,$ff,$critical,$stage"
	got=$(tr -d '\r' < "$work/csv" | awk -F, -v k="$key" \
		'$1 == k { print $8 "," $9 "," $10 "," $11 "," $12 "," $13 "," \
		           $14 "," $6 }')
	test "$got" = "$want" ||
		fail "libopflow.7 schedules $key as $want; the library: $got"
done < "$work/table"

figures=0
while read -r name value; do
	got=$(grep -o "\"$name\": [-0-9.e+]*" "$work/json" | sed 's/.*: //')
	if test -z "$got"; then
		fail "libopflow.7 shows the figure $name, which the report lacks"
		continue
	fi
	figures=$((figures + 1))
	# as many decimals as the page shows
	decimals=0
	case $value in *.*) decimals=${#value}; frac=${value#*.}
		decimals=${#frac} ;; esac
	rounded=$(awk -v x="$got" -v d="$decimals" \
		'BEGIN { printf("%." d "f\n", x) }')
	test "$rounded" = "$value" ||
		fail "libopflow.7 shows $name = $value; the library: $got"
done < "$work/figures"

test "$rows" -gt 0 && test "$figures" -gt 0 ||
	fail "nothing was compared"
echo "$rows schedule rows and $figures figures of libopflow.7 checked"
exit $status
