#!/bin/sh
# tools/opflow-actuals.py on a small event log made by hand: the routing
# in the order of first starts, the medians over all cases, the fold of a
# repeated activity, the status date (an event starting at it counts, one
# running across it gives an actual start only, one ending at it a
# finish), --start, --plan, its errors; its output read by the opflow
# tool; and examples/production_replay.sh run from start to end.
set -u
py=${PYTHON3:-python3}
if [ "$py" = no ] || ! command -v "$py" > /dev/null 2>&1; then
	echo "importer: no Python 3" >&2
	exit 77
fi
importer="$top_srcdir/tools/opflow-actuals.py"
opflow="$abs_top_builddir/tools/opflow"
tmp=importer-test.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/shell-util.sh
. "$top_srcdir/tests/shell-util.sh"

same() {  # same FILE: $tmp/FILE is $tmp/want
	cmp -s "$tmp/want" "$tmp/$1" || fail "$1 is not as worked out: $(diff "$tmp/want" "$tmp/$1")"
}

# Three orders, rows out of order on purpose.  Durations in each case
# (a repeated activity from its earliest start to its latest end):
#   Cut: A 8:00-10:00 = 2, B 8:00-12:00 = 4, C 8:00-15:00 = 7: median 4
#     (the mean would be 13/3)
#   Weld: A 10:30-13:30 = 3 (two events), B 6, C 2: median 3 (mean 11/3)
#   Final Inspection Q.C.: A 2, B 0.25: median (2 + 0.25) / 2 = 1.125
#   Packing: A 0.5, C 1: median 0.75
# (case, activity) pairs: A 4, B 3, C 3 = 10, one of them repeated.
cat > "$tmp/tiny.csv" <<'EOF'
case_id,start_time,end_time,Activity,Resource
A,2024-03-01T14:00:00,2024-03-01T16:00:00,Final Inspection Q.C.,R3
A,2024-03-01T08:00:00,2024-03-01T10:00:00,Cut,R1
B,2024-03-02T08:00:00,2024-03-02T12:00:00,Cut,R1
A,2024-03-01T12:00:00,2024-03-01T13:30:00,Weld,R2
A,2024-03-01T10:30:00,2024-03-01T11:00:00,Weld,R2
B,2024-03-02T13:00:00,2024-03-02T19:00:00,Weld,R2
A,2024-03-01T16:00:00,2024-03-01T16:30:00,Packing,R4
B,2024-03-02T20:00:00,2024-03-02T20:15:00,Final Inspection Q.C.,R3
C,2024-03-03T08:00:00,2024-03-03T15:00:00,Cut,R1
C,2024-03-03T15:00:00,2024-03-03T17:00:00,Weld,R2
C,2024-03-03T17:00:00,2024-03-03T18:00:00,Packing,R4
EOF
acts='activity cut label="Cut" category=manufacturing duration=4'
actw='activity weld label="Weld" category=manufacturing duration=3'
acti='activity final-inspection-q-c label="Final Inspection Q.C." category=quality-control duration=1.125'
actp='activity packing label="Packing" category=packaging duration=0.75'
head1='opflow 1
# A of tiny.csv, its activities in the order of their first start
# durations: the median over all cases of the log, in hours'
flows='flow cut weld
flow weld final-inspection-q-c
flow final-inspection-q-c packing'
folded1='opflow-actuals: case A: 5 events of 4 activities; folded 1 repeated (case, activity) pairs (2 events)
opflow-actuals: durations: medians over 3 cases; folded 1 repeated (case, activity) pairs of the 10 in the log'

# At 12:00, 4 hours from A's first start (8:00): Cut 0 - 2 done; Weld's
# events 10:30-11:00 and 12:00-13:30 (starting at the status date) fold
# to a start at 2.5, not finished; the inspection and packing start
# later: 2 events left out.
expect 0 "$py" "$importer" "$tmp/tiny.csv" --case A --status-date 2024-03-01T12:00:00
cp "$tmp/out" "$tmp/now.opflow"
cat > "$tmp/want" <<EOF
$head1
# time unit: hours from 2024-03-01T08:00:00
# status date: 4 (2024-03-01T12:00:00)
$acts actual-start=0 actual-finish=2
$actw actual-start=2.5
$acti
$actp
$flows
EOF
same out
cat > "$tmp/want" <<EOF
$folded1
opflow-actuals: at the status date: 1 completed, 1 in progress, 2 not started; 2 events after it left out
EOF
same err

# the plan, for a baseline: no actual
expect 0 "$py" "$importer" "$tmp/tiny.csv" --case A --plan -o "$tmp/plan.opflow"
cat > "$tmp/want" <<EOF
$head1
# time unit: hours from 2024-03-01T08:00:00
# the plan: no actual
$acts
$actw
$acti
$actp
$flows
EOF
same plan.opflow
[ -s "$tmp/out" ] && fail "--plan -o writes to the standard output too"

# every event: Cut 0 - 2, Weld 2.5 - 5.5, inspection 6 - 8, packing
# 8 - 8.5, all done
expect 0 "$py" "$importer" "$tmp/tiny.csv" --case A
cat > "$tmp/want" <<EOF
$head1
# time unit: hours from 2024-03-01T08:00:00
# every event of the log counted
$acts actual-start=0 actual-finish=2
$actw actual-start=2.5 actual-finish=5.5
$acti actual-start=6 actual-finish=8
$actp actual-start=8 actual-finish=8.5
$flows
EOF
same out
printf '%s\n' "$folded1" > "$tmp/want"
same err

# from 7:00, at 10:00 = 3 hours: Cut 1 - 3 ends at the status date, so it
# is done; the four later events are left out
expect 0 "$py" "$importer" "$tmp/tiny.csv" --case A --start 2024-03-01T07:00:00 --status-date 2024-03-01T10:00:00
has out "# time unit: hours from 2024-03-01T07:00:00"
has out "# status date: 3 (2024-03-01T10:00:00)"
has out "$acts actual-start=1 actual-finish=3"
has out "$actw"
has err "opflow-actuals: at the status date: 1 completed, 0 in progress, 3 not started; 4 events after it left out"
# at 12:20, 4 h 20 min = 4.3333 hours rounded to 1e-4
expect 0 "$py" "$importer" "$tmp/tiny.csv" --case A --status-date 2024-03-01T12:20:00
has out "# status date: 4.3333 (2024-03-01T12:20:00)"
# case B, one event each: from 8:00, Cut 0 - 4, Weld 5 - 11, inspection
# 12 - 12.25; no repeat
expect 0 "$py" "$importer" "$tmp/tiny.csv" --case B
has out "$acts actual-start=0 actual-finish=4"
has out "$actw actual-start=5 actual-finish=11"
has out "$acti actual-start=12 actual-finish=12.25"
has out "flow weld final-inspection-q-c"
has err "opflow-actuals: case B: 3 events of 3 activities; folded 0 repeated (case, activity) pairs (0 events)"

# the opflow tool reads what it writes.  At 4: Weld 3 - (4 - 2.5) = 1.5
# left, 4 to 5.5; inspection 5.5 - 6.625; packing 6.625 - 7.375; the
# plan 4 + 3 + 1.125 + 0.75 = 8.875
if [ -x "$opflow" ]; then
	expect 0 "$opflow" report "$tmp/now.opflow" --status-date 4 --baseline "$tmp/plan.opflow"
	has out "  forecast finish 7.375; 1.5 early against the baseline"
	has out "    weld                       in progress since 2.5; 1.5 left, 4 to 5.5"
	expect 0 "$opflow" check "$tmp/now.opflow"
	has out "$tmp/now.opflow: 4 activities, 3 flows: 0 errors, 0 warnings"
fi

# errors: exit 1 for the log or the case, 2 for the usage
expect 1 "$py" "$importer" "$tmp/tiny.csv" --case Z
has err "opflow-actuals: no case 'Z' in $tmp/tiny.csv (3 cases)"
expect 1 "$py" "$importer" "$tmp/missing.csv" --case A
grep -q "^opflow-actuals: cannot open $tmp/missing.csv: " "$tmp/err" || fail "no message for a missing log: $(cat "$tmp/err")"
printf 'case_id,start_time,end_time,Resource\nA,2024-03-01T08:00:00,2024-03-01T09:00:00,R\n' > "$tmp/nocol.csv"
expect 1 "$py" "$importer" "$tmp/nocol.csv" --case A
has err "opflow-actuals: $tmp/nocol.csv: no column Activity in the header (columns case_id,start_time,end_time,Activity are needed)"
printf 'case_id,start_time,end_time,Activity\nA,2024-03-01T08:00:00,2024-03-01T09:00:00,Cut\nA,2024-03-01T10:00:00,2024-03-01T09:00:00,Weld\n' > "$tmp/back.csv"
expect 1 "$py" "$importer" "$tmp/back.csv" --case A
has err "opflow-actuals: $tmp/back.csv:3: the event ends (2024-03-01T09:00:00) before it starts (2024-03-01T10:00:00)"
printf 'case_id,start_time,end_time,Activity\nA,yesterday,2024-03-01T09:00:00,Cut\n' > "$tmp/when.csv"
expect 1 "$py" "$importer" "$tmp/when.csv" --case A
has err "opflow-actuals: $tmp/when.csv:2: not an ISO 8601 instant: 'yesterday'"
expect 1 "$py" "$importer" "$tmp/tiny.csv" --case A --status-date 2024-03-01T12:00:00Z
has err "opflow-actuals: --status-date and the log's instants do not agree on having a time zone"
expect 2 "$py" "$importer" "$tmp/tiny.csv" --case A --plan --status-date 2024-03-01T12:00:00
expect 2 "$py" "$importer" "$tmp/tiny.csv"
expect 0 "$py" "$importer" --help
grep -q "median" "$tmp/out" || fail "--help does not say the durations are medians"

# the example, on the real log
if [ -x "$opflow" ]; then
	expect 0 env OPFLOW="$opflow" PYTHON3="$py" sh "$top_srcdir/examples/production_replay.sh"
	grep -q '^  forecast finish .* against the baseline$' "$tmp/out" ||
		fail "examples/production_replay.sh gives no forecast: $(tail -3 "$tmp/out")"
	grep -q 'before its FS predecessor' "$tmp/out" ||
		fail "examples/production_replay.sh shows no work out of sequence"
fi

[ "$failures" -eq 0 ] || { echo "$failures failures"; exit 1; }
