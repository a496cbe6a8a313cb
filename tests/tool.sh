#!/bin/sh
# The opflow tool: its commands, exit codes (0 success, 1 input error,
# 2 usage error), error formats, standard input, option placement;
# simulate against figures worked out by hand or from closed forms.
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
for cmd in report check schedule dot simulate; do
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
expect 1 "$opflow" simulate "$tmp/huge.opflow" --iterations 10
contains err "$tmp/huge.opflow: error: the early finish of activity b is not finite"
expect 1 "$opflow" simulate "$tmp/bad.opflow"
has err "$tmp/bad.opflow:3:21: error: expected a number for duration, found oops"

# output that cannot be written is an error too
if [ -w /dev/full ]; then
	for cmd in report check schedule dot "simulate --iterations 10"; do
		expect 1 sh -c "\"$opflow\" $cmd \"$ex/bicycle.opflow\" > /dev/full"
		contains err "opflow: cannot write the output"
	done
fi
# the near-critical activities of the report
expect 0 "$opflow" report "$ex/bicycle.opflow" --near-critical 2
contains out "Near-critical (total float within 2 of the critical path's)"
has out "  test-ride                    total float 2"

# --- simulate
py=${PYTHON3:-python3}
# pycheck FILE CODE [ARG...]: runs the Python CODE with d, the JSON object
# read from $tmp/FILE, and the ARGs from sys.argv[3]
pycheck() {
	[ "$py" = no ] && return 0
	file=$1 code=$2
	shift 2
	"$py" -c 'import json, sys
d = json.load(open(sys.argv[1]))
exec(sys.argv[2])' "$tmp/$file" "$code" "$@" ||
		fail "simulate --json: failed: $(printf '%s' "$code" | sed -n 2p)..."
}

# Without random durations (an estimate 2/2/2 draws 2): by hand, a, b, d
# make the lead time 3 + 5 + 4 = 12; c and e end 3 time units before d
# needs them; the production activities a, b, e span 3 + 5 = 8.
cat > "$tmp/fixed.opflow" <<'EOF'
opflow 1
activity a category=procurement duration=3
activity b category=manufacturing duration=5
activity c category=marketing duration=2
activity e category=assembly estimate=2/2/2
activity d category=distribution duration=4
flow a b
flow a c
flow a e
flow b d
flow c d
flow e d
EOF
expect 0 "$opflow" simulate "$tmp/fixed.opflow" --iterations 50 --deadline 12
[ -s "$tmp/err" ] && fail "simulate writes to a standard error that is no terminal: $(head -3 "$tmp/err")"
has out "Simulation of $tmp/fixed.opflow: 50 iterations, triangular durations, seed 0"
has out "  activities                   5 (1 with an estimate)"
has out "Lead time"
has out "  mean                         12"
has out "  standard deviation           0"
has out "  minimum                      12"
has out "  maximum                      12"
has out "  P50                          12"
has out "  P80                          12"
has out "  P95                          12"
has out "  PERT expected lead time      12"
has out "  PERT standard deviation      0"
has out "  P(lead time <= 12)           100.0% (PERT: 100.0%)"
has out "  histogram"
has out "    [12, 12]  50  ########################################"
has out "Production span"
has out "  mean                         8"
has out "    [8, 8]  50  ########################################"
has out "Activities by criticality, then cruciality (all 5)"
has out "  activity  criticality  sensitivity  cruciality"
has out "  a               1.000        0.000       0.000"
has out "  b               1.000        0.000       0.000"
has out "  d               1.000        0.000       0.000"
has out "  c               0.000        0.000       0.000"
has out "  e               0.000        0.000       0.000"
sed -n '/^Activities/,$p' "$tmp/out" | awk 'NR > 2 { print $1 }' | tr '\n' ' ' > "$tmp/order"
[ "$(cat "$tmp/order")" = "a b d c e " ] || fail "activities ranked as $(cat "$tmp/order")"
expect 0 "$opflow" simulate "$tmp/fixed.opflow" --iterations 50 --deadline 11.5 --json --bins 4
pycheck out '
t = d["lead_time"]
assert (d["iterations"], d["seed"], d["distribution"]) == (50, 0, "triangular"), d
assert d["sensitivity_iterations"] == 50 and d["threads"] >= 1, d
assert d["deadline"] == 11.5 and d["probability"] == 0, d
assert d["pert_lead_time"] == 12 and d["pert_stddev"] == 0, d
assert (t["mean"], t["stddev"], t["min"], t["max"]) == (12, 0, 12, 12), t
assert t["p50"] == t["p80"] == t["p95"] == 12, t
assert sorted(t["percentiles"], key=int) == [str(p) for p in range(5, 100, 5)]
assert set(t["percentiles"].values()) == {12}, t
assert t["histogram"] == {"edges": [12] * 5, "counts": [0, 0, 0, 50]}, t
s = d["production_span"]
assert (s["mean"], s["stddev"], s["min"], s["max"]) == (8, 0, 8, 8), s
crit = {x["key"]: x["criticality"] for x in d["activities"]}
assert [x["key"] for x in d["activities"]] == list("abced"), d["activities"]
assert crit == {"a": 1, "b": 1, "c": 0, "e": 0, "d": 1}, crit
assert all(x["sensitivity"] == 0 == x["cruciality"] for x in d["activities"])
'
# one iteration: a standard deviation of 0; no production activity: null
printf 'opflow 1\nactivity x category=marketing estimate=1/2/4\n' > "$tmp/one.opflow"
expect 0 "$opflow" simulate "$tmp/one.opflow" --iterations 1 --json
pycheck out '
t = d["lead_time"]
assert t["stddev"] == 0 and t["min"] == t["max"] == t["mean"], t
assert 1 <= t["mean"] <= 4, t
assert d["production_span"] is None and d["probability"] is None, d
assert d["pert_probability"] is None, d
'
expect 0 "$opflow" simulate "$tmp/one.opflow" --iterations 1
has out "Production span"
has out "  absent (no production activity)"

# One activity of estimate 0/10/10 is the lead time: triangular, its CDF
# is (t / 10)^2, so P(T <= 5) = 1/4, the mean 20/3; beta-PERT is
# 10 Beta(5, 1), of CDF (t / 10)^5: P(T <= 5) = 1/32, the mean 50/6.
# Bands of over 5 standard errors at 20000 iterations; it is critical in
# every iteration and its duration ranks exactly as the lead time.
printf 'opflow 1\nactivity x category=assembly estimate=0/10/10\n' > "$tmp/tri.opflow"
expect 0 "$opflow" simulate "$tmp/tri.opflow" --iterations 20000 --deadline 5 --json
pycheck out '
t = d["lead_time"]
assert 0.234 <= d["probability"] <= 0.266, d["probability"]
assert 6.58 <= t["mean"] <= 6.76, t
assert 0 <= t["min"] and t["max"] <= 10, t
x = d["activities"][0]
assert x["criticality"] == 1 and x["sensitivity"] == 1 == x["cruciality"], x
'
expect 0 "$opflow" simulate "$tmp/tri.opflow" --iterations 20000 --deadline 5 --json --distribution pert --seed 7
pycheck out '
t = d["lead_time"]
assert d["distribution"] == "pert" and d["seed"] == 7, d
assert 0.025 <= d["probability"] <= 0.0375, d["probability"]
assert 8.28 <= t["mean"] <= 8.39, t
'
# Two activities side by side, x symmetric about the other one: each is
# the critical one half of the time, and always one of them.
printf 'opflow 1\nactivity x estimate=0/5/10\nactivity y duration=5\n' > "$tmp/pair.opflow"
expect 0 "$opflow" simulate "$tmp/pair.opflow" --iterations 20000 --json
pycheck out '
c = [x["criticality"] for x in d["activities"]]
assert 0.48 <= c[0] <= 0.52 and abs(c[0] + c[1] - 1) < 1e-12, c
'

# The bicycle maker: with beta-PERT, P(lead time <= 130) is about 0.49,
# PERT analytic 0.484 (normal, critical-path variance).
expect 0 "$opflow" simulate "$ex/bicycle.opflow" --deadline 130 --distribution pert --iterations 20000 --seed 42 --json --bins 25
pycheck out '
import re
keys = [re.match(r"activity (\S+)", l).group(1) for l in
        open(sys.argv[3]) if l.startswith("activity ")]
t = d["lead_time"]
assert 0.45 <= d["probability"] <= 0.53, d["probability"]
assert abs(d["pert_probability"] - 0.484) < 0.001, d["pert_probability"]
assert d["iterations"] == 20000 and d["sensitivity_iterations"] == 20000
assert t["min"] <= t["percentiles"]["5"] <= t["p50"] <= t["p80"] <= t["p95"] <= t["max"], t
assert t["p50"] == t["percentiles"]["50"] and t["p95"] == t["percentiles"]["95"]
assert t["min"] < t["mean"] < t["max"] and t["stddev"] > 0, t
h = t["histogram"]
assert len(h["edges"]) == 26 and len(h["counts"]) == 25, h
assert h["edges"][0] == t["min"] and h["edges"][-1] == t["max"], h
assert sum(h["counts"]) == 20000, h
assert d["production_span"]["max"] < t["max"], d["production_span"]
assert [x["key"] for x in d["activities"]] == keys
for x in d["activities"]:
    assert 0 <= x["criticality"] <= 1 and -1 <= x["sensitivity"] <= 1, x
    assert x["cruciality"] == x["criticality"] * x["sensitivity"], x
' "$ex/bicycle.opflow"
# the text for a person: the same figures, the analytic beside
expect 0 "$opflow" simulate "$ex/bicycle.opflow" --deadline 130 --distribution pert --iterations 20000 --seed 42
has out "Simulation of $ex/bicycle.opflow: 20000 iterations, beta-PERT durations, seed 42"
has out "  activities                   48 (18 with an estimate)"
contains out "  P(lead time <= 130)          "
contains out "% (PERT: 48.4%)"
[ "$(grep -c '^    \[.*#$' "$tmp/out")" -eq 40 ] ||
	fail "not 20 histogram bars for each of lead time and production span"
has out "Activities by criticality, then cruciality (top 10 of 48)"
[ "$(sed -n '/^Activities/,$p' "$tmp/out" | wc -l)" -eq 12 ] ||
	fail "not 10 activities under their title and header"
# the same seed, the same output for any number of threads (the JSON
# says how many ran)
for threads in 1 2 3; do
	expect 0 "$opflow" simulate "$ex/bicycle.opflow" --iterations 3000 --seed 9 --deadline 128 --threads "$threads"
	cp "$tmp/out" "$tmp/text.$threads"
	expect 0 "$opflow" simulate "$ex/bicycle.opflow" --iterations 3000 --seed 9 --deadline 128 --threads="$threads" --json
	grep -v '^  "threads": ' "$tmp/out" > "$tmp/json.$threads"
	contains out "\"threads\": $threads,"
done
for threads in 2 3; do
	cmp -s "$tmp/text.1" "$tmp/text.$threads" || fail "--threads $threads changes the text"
	cmp -s "$tmp/json.1" "$tmp/json.$threads" || fail "--threads $threads changes the JSON"
done
expect 0 "$opflow" simulate "$ex/bicycle.opflow" --iterations 3000 --seed 10 --deadline 128 --threads 1
cmp -s "$tmp/text.1" "$tmp/out" && fail "--seed 10 gives what --seed 9 gives"
# --top, --no-sensitivity, the largest seed, --quiet
expect 0 "$opflow" simulate "$ex/bicycle.opflow" --iterations 100 --top 3 --no-sensitivity --quiet
has out "Activities by criticality, then cruciality (top 3 of 48)"
[ "$(sed -n '/^Activities/,$p' "$tmp/out" | grep -c '  -  *-$')" -eq 3 ] ||
	fail "--no-sensitivity does not leave the sensitivities out"
expect 0 "$opflow" simulate "$ex/bicycle.opflow" --iterations 100 --top 0
has out "Activities by criticality, then cruciality (all 48)"
expect 0 "$opflow" simulate - --iterations 100 --no-sensitivity --seed 18446744073709551615 --json < "$ex/bicycle.opflow"
pycheck out '
assert d["seed"] == 18446744073709551615 and d["sensitivity_iterations"] == 0, d
assert all(x["sensitivity"] is None and x["cruciality"] is None
           for x in d["activities"]), d["activities"]
assert d["deadline"] is None and d["probability"] is None, d
'
# keys that JSON escapes
cat > "$tmp/keys.opflow" <<'EOF'
opflow 1
activity "q\"uo\\te\ttab\x01" duration=1
EOF
expect 0 "$opflow" simulate "$tmp/keys.opflow" --iterations 2 --json
pycheck out '
assert d["activities"][0]["key"] == "q\"uo\\te\ttab\x01", d["activities"]
'

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
# simulate: its numbers and names, and its options with other commands
expect 2 "$opflow" simulate "$ex/bicycle.opflow" --iterations 0
has err "opflow: --iterations needs a whole number >= 1, not '0'"
for bad in -1 1.5 1e4 abc '' 18446744073709551616; do
	expect 2 "$opflow" simulate "$ex/bicycle.opflow" --iterations="$bad"
	contains err "opflow: --iterations needs a whole number >= 1"
done
expect 2 "$opflow" simulate "$ex/bicycle.opflow" --distribution bogus
has err "opflow: --distribution is triangular or pert, not 'bogus'"
expect 2 "$opflow" simulate "$ex/bicycle.opflow" --seed 18446744073709551616
has err "opflow: --seed needs a whole number from 0 to 18446744073709551615, not '18446744073709551616'"
expect 2 "$opflow" simulate "$ex/bicycle.opflow" --seed -1
expect 2 "$opflow" simulate "$ex/bicycle.opflow" --threads -1
contains err "opflow: --threads needs a whole number >= 0"
expect 2 "$opflow" simulate "$ex/bicycle.opflow" --threads 2147483648
expect 2 "$opflow" simulate "$ex/bicycle.opflow" --bins 0
has err "opflow: --bins needs a whole number from 1 to 10000, not '0'"
expect 2 "$opflow" simulate "$ex/bicycle.opflow" --bins 10001
expect 2 "$opflow" simulate "$ex/bicycle.opflow" --top many
expect 2 "$opflow" simulate "$ex/bicycle.opflow" --quiet=yes
has err "opflow: option '--quiet' takes no value"
expect 2 "$opflow" simulate "$ex/bicycle.opflow" --iterations
expect 2 "$opflow" simulate "$ex/bicycle.opflow" --strict
for opt in --iterations=5 --seed=1 --distribution=pert --threads=1 \
    --bins=5 --top=5 --no-sensitivity --quiet; do
	expect 2 "$opflow" report "$ex/bicycle.opflow" "$opt"
	has err "opflow: ${opt%%=*} goes with simulate"
done
expect 2 "$opflow" dot "$ex/bicycle.opflow" --json
has err "opflow: --json goes with report or simulate"

[ "$failures" -eq 0 ] || { echo "$failures failures"; exit 1; }
