#!/bin/sh
# The opflow tool: its commands, exit codes (0 success, 1 input error,
# 2 usage error), error formats, standard input, option placement.
set -u
opflow="$abs_top_builddir/tools/opflow"
ex="$top_srcdir/examples"
tmp=tool-test.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
failures=0

fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

# expect STATUS CMD... : runs CMD, keeps stdout/stderr in $tmp/out, err
expect() {
	want=$1
	shift
	"$@" > "$tmp/out" 2> "$tmp/err"
	got=$?
	[ "$got" -eq "$want" ] || fail "exit $got, not $want: $*: $(head -3 "$tmp/err")"
}

has() {   # has FILE TEXT: the file holds the line TEXT
	grep -qxF -- "$2" "$tmp/$1" || fail "$1 lacks '$2': $(head -5 "$tmp/$1")"
}

contains() {   # contains FILE TEXT
	grep -qF -- "$2" "$tmp/$1" || fail "$1 lacks '$2': $(head -5 "$tmp/$1")"
}

# --- success
expect 0 "$opflow" report "$ex/bicycle.opflow"
contains out "Critical path"
contains out "lead time                    125"
expect 0 "$opflow" --deadline 120 report "$ex/bicycle.opflow"
contains out "P(lead time <= 120"
expect 0 "$opflow" report "$ex/electronics.opflow" --json
"${PYTHON3:-python3}" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["format_version"] == 1 and d["timeframe"]["lead_time"] == 59, d["timeframe"]' "$tmp/out" 2>/dev/null ||
	{ [ -z "${PYTHON3:-}" ] || [ "$PYTHON3" = no ] || fail "report --json is not the expected JSON"; }
expect 0 "$opflow" schedule "$ex/machining.opflow"
has out "key,label,kind,category,department,stage,duration,es,ef,ls,lf,total_float,free_float,critical$(printf '\r')"
expect 0 "$opflow" dot "$ex/electronics.opflow"
contains out "digraph value_chain {"
if command -v dot >/dev/null 2>&1; then
	dot -Tsvg "$tmp/out" > "$tmp/chain.svg" || fail "dot cannot draw the DOT output"
	grep -q '<svg' "$tmp/chain.svg" || fail "no SVG from dot"
fi
# check: warnings keep 0, --strict makes them 1
expect 0 "$opflow" check "$ex/bicycle.opflow"
contains out ": warning: flow final-inspection -> launch-campaign has a negative lag"
expect 1 "$opflow" check --strict "$ex/bicycle.opflow"
# standard input, options after the file, -- ending the options
expect 0 sh -c "\"$opflow\" schedule - < \"$ex/bicycle.opflow\""
contains out "weld-frames,Weld frames,production,manufacturing,frame-shop,production"
expect 0 "$opflow" report "$ex/bicycle.opflow" --durations=pert
contains out "expected lead time"
printf 'opflow 1\nactivity -x duration=1\n' > "$tmp/dash.opflow"
expect 0 sh -c "cd \"$tmp\" && \"$opflow\" schedule -- dash.opflow"
expect 0 "$opflow" --version
has out "opflow $(sed -n 's/^#define OPFLOW_VERSION "\(.*\)"$/\1/p' "$top_srcdir/include/opflow.h")"
expect 0 "$opflow" --help
contains out "usage: opflow COMMAND FILE"

# --- input errors: exit 1, FILE:LINE:COLUMN for parse errors
printf 'opflow 1\nactivity a\nactivity b duration=oops\n' > "$tmp/bad.opflow"
expect 1 "$opflow" report "$tmp/bad.opflow"
has err "$tmp/bad.opflow:3:21: error: expected a number for duration, found oops"
expect 1 sh -c "\"$opflow\" check - < \"$tmp/bad.opflow\""
has err "<stdin>:3:21: error: expected a number for duration, found oops"
printf 'opflow 1\nactivity a\nactivity b\nflow a b\nflow b a type=SS\n' > "$tmp/cycle.opflow"
for cmd in report check schedule dot; do
	expect 1 "$opflow" "$cmd" "$tmp/cycle.opflow"
	has err "$tmp/cycle.opflow: error: cycle: a -> b -> a"
done
# an endless stream of NUL bytes is refused at its first byte
if [ -r /dev/zero ]; then
	expect 1 "$opflow" report /dev/zero
	has err "/dev/zero:1:1: error: a NUL byte is not allowed in the text"
fi
expect 1 "$opflow" report "$tmp"
contains err "error: cannot read"
expect 1 "$opflow" report "$tmp/missing.opflow"
contains err "$tmp/missing.opflow: error: cannot open"
printf 'opflow 1\nactivity a duration=1e308\nactivity b duration=1e308\nflow a b\n' > "$tmp/huge.opflow"
expect 1 "$opflow" report "$tmp/huge.opflow"
contains err "error: the early finish of activity b is not finite"

# output that cannot be written is an error too
if [ -w /dev/full ]; then
	for cmd in report check schedule dot; do
		expect 1 sh -c "\"$opflow\" $cmd \"$ex/bicycle.opflow\" > /dev/full"
		contains err "opflow: cannot write the output"
	done
fi
# the near-critical activities of the report
expect 0 "$opflow" report "$ex/bicycle.opflow" --near-critical 2
contains out "Near-critical (total float within 2 of the critical path's)"
has out "  test-ride                    total float 2"

# --- usage errors: exit 2
expect 2 "$opflow"
expect 2 "$opflow" report
expect 2 "$opflow" explain "$ex/bicycle.opflow"
expect 2 "$opflow" report "$ex/bicycle.opflow" --colour
expect 2 "$opflow" report "$ex/bicycle.opflow" --deadline
expect 2 "$opflow" report "$ex/bicycle.opflow" --deadline=soon
expect 2 "$opflow" report "$ex/bicycle.opflow" --deadline=nan
expect 2 "$opflow" report "$ex/bicycle.opflow" --durations=random
expect 2 "$opflow" schedule "$ex/bicycle.opflow" --json
expect 2 "$opflow" report "$ex/bicycle.opflow" --strict
expect 2 "$opflow" report "$ex/bicycle.opflow" extra
contains err "Try 'opflow --help'."

[ "$failures" -eq 0 ] || { echo "$failures failures"; exit 1; }
