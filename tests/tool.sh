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
# shellcheck source=tests/shell-util.sh
. "$top_srcdir/tests/shell-util.sh"

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

# --- progress at a status date, a baseline, the two logics
# A line cut 2 -> weld 6 -> paint 3 -> assemble 4 (FS): the plan ends at
# 2 + 6 + 3 + 4 = 15.
cat > "$tmp/plan.opflow" <<'EOF'
opflow 1
activity cut category=manufacturing duration=2
activity weld category=manufacturing duration=6
activity paint category=manufacturing duration=3
activity assemble category=assembly duration=4
flow cut weld
flow weld paint
flow paint assemble
EOF
sed -e 's/^activity cut .*/& actual-start=0 actual-finish=2.5/' \
    -e 's/^activity weld .*/& actual-start=3/' "$tmp/plan.opflow" > "$tmp/now.opflow"
# At 5: cut completed 0 - 2.5; weld in progress since 3, 6 - (5 - 3) = 4
# left from max(5, 2.5) = 5 to 9; paint 9 - 12; assemble 12 - 16.  The
# forecast 16 is 1 later than the plan's 15 and 2 before the deadline
# 18.  Finish variances: cut 2.5 - 2 = 0.5, the others 9 - 8, 12 - 11,
# 16 - 15 = 1, the most first, ties by id.
expect 0 "$opflow" report "$tmp/now.opflow" --status-date 5 --baseline "$tmp/plan.opflow" --deadline 18
sed -n '/^Forecast$/,$p' "$tmp/out" > "$tmp/progress"
cat > "$tmp/want" <<EOF
Forecast
  forecast finish 16; late by 1 against the baseline
  forecast finish 16; 2 early against the deadline

Progress at the status date 5 (retained logic)
  completed                    1
  in progress                  1
  not started                  2
  started activities
    cut                        completed, 0 to 2.5
    weld                       in progress since 3; 4 left, 5 to 9

Baseline $tmp/plan.opflow
  lead time                    15
  activities                   4 matched, 0 added, 0 removed
  finishing later (finish variance, the most first)
    weld                       1
    paint                      1
    assemble                   1
    cut                        0.5
EOF
cmp -s "$tmp/want" "$tmp/progress" ||
	fail "report --status-date --baseline: $(diff "$tmp/want" "$tmp/progress")"
has out "  lead time                    16"
# the deadline met exactly, missed by 1; the plan against itself
expect 0 "$opflow" report "$tmp/now.opflow" --status-date=5 --deadline 16
has out "  forecast finish 16; on the deadline"
expect 0 "$opflow" report "$tmp/now.opflow" --status-date=5 --deadline 15
has out "  forecast finish 16; late by 1 against the deadline"
expect 0 "$opflow" report "$tmp/plan.opflow" --baseline "$tmp/plan.opflow"
has out "  forecast finish 15; on the baseline"
has out "  (no activity finishes later than in the baseline)"
grep -q '^Progress' "$tmp/out" && fail "a Progress section without --status-date"
# without a status date the actuals are not read: the plan's 15
expect 0 "$opflow" report "$tmp/now.opflow"
has out "  lead time                    15"
grep -q '^Forecast' "$tmp/out" && fail "a Forecast section without --status-date or --baseline"
expect 0 "$opflow" report "$tmp/now.opflow" --status-date 5
has out "  forecast finish 16"
# a baseline that lacks assemble and has weld2 (1): it ends at
# 2 + 6 + 3 + 1 = 12; cut, weld and paint are matched, assemble added
sed -e 's/^activity assemble .*/activity weld2 duration=1/' \
    -e 's/^flow paint assemble$/flow paint weld2/' "$tmp/plan.opflow" > "$tmp/other.opflow"
expect 0 "$opflow" report "$tmp/now.opflow" --status-date 5 --baseline "$tmp/other.opflow"
has out "  activities                   3 matched, 1 added, 1 removed"
has out "  forecast finish 16; late by 4 against the baseline"

# The schedule at 5 with two more columns: state, remaining_start (cut
# its actual finish 2.5, weld 5, paint and assemble their early starts);
# completed cut: ES = LS = 0, EF = LF = 2.5, floats 0, not critical;
# backward from 16: weld LF 9, LS 9 - 4 = 5, TF 9 - 9 = 0
expect 0 "$opflow" schedule "$tmp/now.opflow" --status-date 5
cr=$(printf '\r')
has out "key,label,kind,category,department,stage,duration,es,ef,ls,lf,total_float,free_float,critical,state,remaining_start$cr"
has out "cut,,production,manufacturing,,production,2,0,2.5,0,2.5,0,0,false,completed,2.5$cr"
has out "weld,,production,manufacturing,,production,6,3,9,5,9,0,0,true,in-progress,5$cr"
has out "paint,,production,manufacturing,,production,3,9,12,9,12,0,0,true,not-started,9$cr"
has out "assemble,,production,assembly,,production,4,12,16,12,16,0,0,true,not-started,12$cr"
[ "$(wc -l < "$tmp/out")" -eq 5 ] || fail "schedule --status-date: not 5 lines"
# a label with a comma, quotes and a line end inside its quotes: the
# columns go at the end of the record, not of the line.  x in progress
# since 1 at 2: 2 - (2 - 1) = 1 left, from 2 to 3
printf 'opflow 1\nactivity x label="a, \\"b\\"\\r\\nc" duration=2 actual-start=1\n' > "$tmp/label.opflow"
expect 0 "$opflow" schedule "$tmp/label.opflow" --status-date 2
has out "x,\"a, \"\"b\"\"$cr"
has out "c\",operation,other,,independent,2,1,3,2,3,0,0,true,in-progress,2$cr"
# the plain schedule keeps the library's columns
expect 0 "$opflow" schedule "$tmp/now.opflow"
has out "key,label,kind,category,department,stage,duration,es,ef,ls,lf,total_float,free_float,critical$cr"

# --logic: cut in progress since 0 and weld since 1 (out of sequence) at
# 1.5: cut 2 - 1.5 = 0.5 left, 1.5 to 2; weld 6 - 0.5 = 5.5 left.
# Retained: weld waits for cut: 2 to 7.5, paint 7.5 - 10.5, assemble
# 10.5 - 14.5.  Override: weld 1.5 to 7, paint 7 - 10, assemble 10 - 14.
sed -e 's/^activity cut .*/& actual-start=0/' \
    -e 's/^activity weld .*/& actual-start=1/' "$tmp/plan.opflow" > "$tmp/early.opflow"
expect 0 "$opflow" report "$tmp/early.opflow" --status-date 1.5 --baseline "$tmp/plan.opflow" --deadline 14
has out "  forecast finish 14.5; 0.5 early against the baseline"
has out "  forecast finish 14.5; late by 0.5 against the deadline"
has out "Progress at the status date 1.5 (retained logic)"
has out "    cut                        in progress since 0; 0.5 left, 1.5 to 2"
has out "    weld                       in progress since 1; 5.5 left, 2 to 7.5"
expect 0 "$opflow" report "$tmp/early.opflow" --status-date 1.5 --logic override --baseline "$tmp/plan.opflow" --deadline 14
has out "  forecast finish 14; 1 early against the baseline"
has out "  forecast finish 14; on the deadline"
has out "Progress at the status date 1.5 (override logic)"
has out "    weld                       in progress since 1; 5.5 left, 1.5 to 7"
expect 0 "$opflow" report "$tmp/early.opflow" --status-date 1.5 --logic retained
has out "  lead time                    14.5"
expect 0 "$opflow" schedule "$tmp/early.opflow" --status-date 1.5 --logic=override
contains out "weld,,production,manufacturing,,production,6,1,7,"
expect 0 "$opflow" dot "$tmp/early.opflow" --status-date 1.5 --logic override
contains out "digraph value_chain {"

# JSON: the progress and baseline members
expect 0 "$opflow" report "$tmp/now.opflow" --status-date 5 --baseline "$tmp/plan.opflow" --json
pycheck out '
p, b = d["progress"], d["baseline"]
assert d["timeframe"]["lead_time"] == 16, d["timeframe"]
assert (p["status_date"], p["logic"]) == (5, "retained"), p
assert (p["completed"], p["in_progress"], p["not_started"]) == (1, 1, 2), p
assert p["activities"] == [
    {"key": "cut", "state": "completed", "remaining_start": 2.5, "remaining": 0},
    {"key": "weld", "state": "in-progress", "remaining_start": 5, "remaining": 4},
    {"key": "paint", "state": "not-started", "remaining_start": 9, "remaining": 3},
    {"key": "assemble", "state": "not-started", "remaining_start": 12, "remaining": 4}], p
assert b["file"] == sys.argv[3] and (b["lead_time"], b["slip"]) == (15, 1), b
assert (b["matched"], b["added"], b["removed"]) == (4, 0, 0), b
assert b["slipped"] == ["weld", "paint", "assemble", "cut"], b
assert [(x["key"], x["start_variance"], x["finish_variance"])
        for x in b["activities"]] == [("cut", 0, 0.5), ("weld", 1, 1),
                                      ("paint", 1, 1), ("assemble", 1, 1)], b
' "$tmp/plan.opflow"
expect 0 "$opflow" report "$tmp/now.opflow" --status-date 5 --json
pycheck out '
assert "baseline" not in d and d["progress"]["logic"] == "retained", d
'
# without a status date: the plan, 15, against other.opflow's 12
expect 0 "$opflow" report "$tmp/now.opflow" --baseline "$tmp/other.opflow" --json
pycheck out '
b = d["baseline"]
assert "progress" not in d and b["slip"] == 3, b
assert b["activities"][3] == {"key": "assemble", "start_variance": None,
                              "finish_variance": None}, b
'
expect 0 "$opflow" report "$tmp/plan.opflow" --json
pycheck out '
assert "progress" not in d and "baseline" not in d, list(d)
'
# the baseline from the standard input
expect 0 sh -c "\"$opflow\" report \"$tmp/now.opflow\" --status-date 5 --baseline - < \"$tmp/plan.opflow\""
has out "Baseline <stdin>"
# errors: a start after the status date, a baseline that cannot be read
expect 1 "$opflow" report "$tmp/early.opflow" --status-date 0.5
has err "$tmp/early.opflow: error: activity weld started at 1, after the status date 0.5"
expect 1 "$opflow" schedule "$tmp/now.opflow" --status-date 2
has err "$tmp/now.opflow: error: activity cut finished at 2.5, after the status date 2"
expect 1 "$opflow" report "$tmp/now.opflow" --baseline "$tmp/missing.opflow"
contains err "$tmp/missing.opflow: error: cannot open"
expect 1 "$opflow" report "$tmp/now.opflow" --baseline "$tmp/bad.opflow"
has err "$tmp/bad.opflow:3:21: error: expected a number for duration, found oops"
expect 1 "$opflow" report "$tmp/plan.opflow" --baseline "$tmp/cycle.opflow"
has err "$tmp/cycle.opflow: error: cycle: a -> b -> a"

# --- check: progress out of sequence, date constraints that cannot hold
# By hand, flow by flow (a: 0 - 3 done):
#   a -> b FS: b started at 2 < 3;  a -> c SS lag 2: 1 < 0 + 2;
#   a -> d FF lag 1: 4 < 3 + 1 is false;  c -> e SF lag 0.5: 1 < 1 + 0.5;
#   b -> f FF: b not finished, f finished;  a -> g: g not started;
#   g -> h SS lag -1: g not started, h started;  a -> k lag -0.5:
#   4 < 3 - 0.5 is false;  a -> m lag -0.5: 2 < 3 - 0.5.
# d, e, f, h, k, m end the chain (6); two leads; one SF flow.  The plan
# (actuals not read) ends at 4: no total float above 2 (h has 2).
cat > "$tmp/oos.opflow" <<'EOF'
opflow 1
activity a duration=2 actual-start=0 actual-finish=3
activity b duration=2 actual-start=2
activity c duration=2 actual-start=1
activity d duration=2 actual-start=1 actual-finish=4
activity e duration=2 actual-start=0 actual-finish=1
activity f duration=1 actual-start=5 actual-finish=6
activity g duration=1
activity h duration=1 actual-start=0
activity k duration=1 actual-start=4
activity m duration=1 actual-start=2
flow a b
flow a c type=SS lag=2
flow a d type=FF lag=1
flow c e type=SF lag=0.5
flow b f type=FF
flow a g
flow g h type=SS lag=-1
flow a k lag=-0.5
flow a m lag=-0.5
EOF
expect 0 "$opflow" check "$tmp/oos.opflow"
w="$tmp/oos.opflow: warning:"
cat > "$tmp/want" <<EOF
$w activity d has no successor (6 activities end the chain)
$w activity e has no successor (6 activities end the chain)
$w activity f has no successor (6 activities end the chain)
$w activity h has no successor (6 activities end the chain)
$w activity k has no successor (6 activities end the chain)
$w activity m has no successor (6 activities end the chain)
$w b started at 2 before its FS predecessor a finished at 3
$w c started at 1 before its SS predecessor a started at 0 plus the lag 2 = 2
$w flow c -> e is start-to-finish, which is rarely what a value chain means
$w e finished at 1 before its SF predecessor c started at 1 plus the lag 0.5 = 1.5
$w f finished at 6 before its FF predecessor b finished (it has not finished)
$w flow g -> h has a negative lag (a lead) of -1
$w h started at 0 before its SS predecessor g started (it has not started)
$w flow a -> k has a negative lag (a lead) of -0.5
$w flow a -> m has a negative lag (a lead) of -0.5
$w m started at 2 before its FS predecessor a finished at 3 less the lead 0.5 = 2.5
$tmp/oos.opflow: 10 activities, 9 flows: 0 errors, 16 warnings
EOF
cmp -s "$tmp/want" "$tmp/out" || fail "check of progress out of sequence: $(diff "$tmp/want" "$tmp/out")"
expect 1 "$opflow" check --strict "$tmp/oos.opflow"

# Date constraints, the plan by hand: p 0 - 2, q 2 - 5, r from
# 9 - 4 = 5 to 9, s 3 - 4, u from 7 - 1 = 6 to 7, w 1 - 2, x from
# max(5, 9 - 2) = 7 to 9, y 2 - 3; it ends at 9.  Late finishes: q
# min(9, 4) = 4, p its late start 4 - 3 = 1, r 4 + 4 = 8, s 2 + 1 = 3,
# u 5, w 1.5, x min(8, 3 + 2) = 5, y 4 (float 1: no finding).
cat > "$tmp/cons.opflow" <<'EOF'
opflow 1
activity p duration=2
activity q duration=3 finish-no-later-than=4
activity r duration=4 finish-no-earlier-than=9 start-no-later-than=4
activity s duration=1 start-no-earlier-than=3 start-no-later-than=2
activity u duration=1 finish-no-earlier-than=7 finish-no-later-than=5
activity w duration=1 start-no-earlier-than=1 finish-no-later-than=1.5
activity x duration=2 start-no-earlier-than=5 start-no-later-than=3 finish-no-earlier-than=9 finish-no-later-than=8
activity y duration=1 start-no-earlier-than=2 finish-no-later-than=4
flow p q
EOF
expect 0 "$opflow" check "$tmp/cons.opflow"
late="late date constraints are not met"
cant="its date constraints cannot all hold"
w="$tmp/cons.opflow: warning: activity"
sed -n '/constraints/p' "$tmp/out" > "$tmp/conflicts"
cat > "$tmp/want" <<EOF
$w p: its total float in the plan is -1 (early finish 2, late finish 1): $late
$w q: its total float in the plan is -1 (early finish 5, late finish 4): $late
$w r: $cant (finish no earlier than 9 - duration 4 = 5 > start no later than 4); its total float in the plan is -1 (early finish 9, late finish 8): $late
$w s: $cant (start no earlier than 3 > start no later than 2); its total float in the plan is -1 (early finish 4, late finish 3): $late
$w u: $cant (finish no earlier than 7 > finish no later than 5); its total float in the plan is -2 (early finish 7, late finish 5): $late
$w w: $cant (start no earlier than 1 + duration 1 = 2 > finish no later than 1.5); its total float in the plan is -0.5 (early finish 2, late finish 1.5): $late
$w x: $cant (start no earlier than 5 > start no later than 3, finish no earlier than 9 > finish no later than 8, finish no earlier than 9 - duration 2 = 7 > start no later than 3); its total float in the plan is -4 (early finish 9, late finish 5): $late
EOF
cmp -s "$tmp/want" "$tmp/conflicts" || fail "check of date constraints: $(diff "$tmp/want" "$tmp/conflicts")"
# 7 chain starts (all but q) and 7 ends (all but p), then the 7 conflicts
has out "$tmp/cons.opflow: 8 activities, 1 flows: 0 errors, 21 warnings"
[ "$(sed -n 15p "$tmp/out")" = "$(sed -n 1p "$tmp/want")" ] ||
	fail "the constraint conflicts do not follow the open starts and ends"

# --- dated value chains: --start and --unit
# --unit alone labels the times of the text report: the plan above, 15
# minutes of work in a row, all of it production and critical; PERT
# without estimates: 15, standard deviation 0, surely within 16.
expect 0 "$opflow" report "$tmp/plan.opflow" --unit min --deadline 16
sed -n '/^Timeframe$/,/^Critical path$/p' "$tmp/out" > "$tmp/timeframe"
cat > "$tmp/want" <<EOF
Timeframe
  lead time                    15 min
  production window            0 to 15 min (15 min)
  before production            0 min
  after production             0 min
  production span              15 min
  timeframe ratio              1
  critical time by kind
    production                 15 min
    operation                  0 min
  critical time by department
    (no department)            15 min

Risk (PERT)
  expected lead time           15 min
  standard deviation           0 min
  P(lead time <= 16 min)       100.0%

Critical path
EOF
cmp -s "$tmp/want" "$tmp/timeframe" || fail "report --unit min: $(diff "$tmp/want" "$tmp/timeframe")"
# the labels of progress and baseline (the figures of the progress test
# above), and the units without a name of their own
expect 0 "$opflow" report "$tmp/now.opflow" --status-date 5 --baseline "$tmp/plan.opflow" --unit h
has out "  forecast finish 16 h; late by 1 h against the baseline"
has out "Progress at the status date 5 h (retained logic)"
has out "    cut                        completed, 0 to 2.5 h"
has out "    weld                       in progress since 3 h; 4 h left, 5 to 9 h"
has out "  lead time                    15 h"
has out "    cut                        0.5 h"
for unit in "d:x 8 h" "86400:x 24 h" "900:x 15 min" "90:x 90 s" "1:s" "3600:h"; do
	expect 0 "$opflow" report "$tmp/plan.opflow" --unit "${unit%%:*}"
	has out "  lead time                    15 ${unit#*:}"
done
expect 0 "$opflow" report "$tmp/plan.opflow" --unit=31622400
has out "  lead time                    15 x 8784 h"
# and nothing else changes: the CSV, the JSON and the check of an
# undated value chain are the same with --unit
for cmd in schedule "report --json" check dot; do
	expect 0 "$opflow" $cmd "$tmp/plan.opflow"
	mv "$tmp/out" "$tmp/plain"
	expect 0 "$opflow" $cmd "$tmp/plan.opflow" --unit 90
	cmp -s "$tmp/plain" "$tmp/out" || fail "$cmd --unit changes an undated output"
done

# --start dates the value chain; without a calendar every instant works.
# cut 2, then weld 6 and label 1 side by side, then pack 3: by hand, the
# lead time is 2 + 6 + 3 = 11; label may start as late as 8 - 1 = 7
# (total float 5).  Production: cut, weld, pack, 0 to 11; the forward
# pass over them alone spans 11 too.
cat > "$tmp/pack.opflow" <<'EOF'
opflow 1
activity cut category=manufacturing duration=2
activity weld category=manufacturing duration=6
activity label category=marketing duration=1
activity pack category=packaging duration=3
flow cut weld
flow cut label
flow weld pack
flow label pack
EOF
# In minutes from Monday 21 December 2026, 06:00: cut 06:00 - 06:02,
# weld 06:02 - 06:08, label 06:02 - 06:03 (late 06:07 - 06:08), pack
# 06:08 - 06:11.
expect 0 "$opflow" report "$tmp/pack.opflow" --start 2026-12-21T06:00 --unit min --near-critical 5
sed -n '/^Timeframe$/,$p' "$tmp/out" > "$tmp/timeframe"
cat > "$tmp/want" <<EOF
Timeframe
  start                        2026-12-21T06:00
  finish                       2026-12-21T06:11
  lead time                    11 min
  working lead time            11 min (no calendar: 24/7)
  production window            2026-12-21T06:00 to 2026-12-21T06:11 (11 min)
  before production            0 min
  after production             0 min
  production span              11 min
  timeframe ratio              1
  critical time by kind
    production                 11 min
    operation                  0 min
  critical time by department
    (no department)            11 min

Risk (PERT)
  absent (a dated analysis has no PERT figures)

Critical path
  cut -> weld -> pack

Near-critical (total float within 5 min of the critical path's)
  label                        total float 5 min, start 2026-12-21T06:02, late start 2026-12-21T06:07
EOF
cmp -s "$tmp/want" "$tmp/timeframe" || fail "report --start: $(diff "$tmp/want" "$tmp/timeframe")"
# a deadline 13 minutes after the start (06:13) adds 2 to the floats,
# not to the critical set: label's float is 7, its late start 06:09
expect 0 "$opflow" report "$tmp/pack.opflow" --start 2026-12-21T06:00 --unit min --near-critical 5 --deadline 13
has out "  deadline                     2026-12-21T06:13 (13 min)"
has out "  cut -> weld -> pack"
has out "  label                        total float 7 min, start 2026-12-21T06:02, late start 2026-12-21T06:09"
# The schedule in units of 90 seconds: the instants S + 90 x (es ... lf)
# and its four columns after the fourteen; 06:04:30 has its seconds
expect 0 "$opflow" schedule "$tmp/pack.opflow" --start "2026-12-21 06:00" --unit 90
cat > "$tmp/want" <<EOF
key,label,kind,category,department,stage,duration,es,ef,ls,lf,total_float,free_float,critical,start,finish,late_start,late_finish$cr
cut,,production,manufacturing,,production,2,0,2,0,2,0,0,true,2026-12-21T06:00,2026-12-21T06:03,2026-12-21T06:00,2026-12-21T06:03$cr
weld,,production,manufacturing,,production,6,2,8,2,8,0,0,true,2026-12-21T06:03,2026-12-21T06:12,2026-12-21T06:03,2026-12-21T06:12$cr
label,,operation,marketing,,interleaved,1,2,3,7,8,5,5,false,2026-12-21T06:03,2026-12-21T06:04:30,2026-12-21T06:10:30,2026-12-21T06:12$cr
pack,,production,packaging,,production,3,8,11,8,11,0,0,true,2026-12-21T06:12,2026-12-21T06:16:30,2026-12-21T06:12,2026-12-21T06:16:30$cr
EOF
cmp -s "$tmp/want" "$tmp/out" || fail "schedule --start --unit 90: $(diff "$tmp/want" "$tmp/out")"
# days of 8 hours from midnight: pack ends 11 x 8 = 88 hours later,
# on Thursday at 16:00
expect 0 "$opflow" schedule "$tmp/pack.opflow" --start 2026-12-21 --unit d
has out "pack,,production,packaging,,production,3,8,11,8,11,0,0,true,2026-12-23T16:00,2026-12-24T16:00,2026-12-23T16:00,2026-12-24T16:00$cr"
# the JSON of the library: the instants as text, no PERT figures; the
# baseline, dated as the file, on time
expect 0 "$opflow" report "$tmp/pack.opflow" --start 2026-12-21T06:00 --baseline "$tmp/pack.opflow" --json
pycheck out '
t, a, b = d["timeframe"], d["activities"], d["baseline"]
assert (t["start"], t["finish"]) == ("2026-12-21T06:00", "2026-12-21T17:00"), t
assert t["lead_time"] == 11 == t["working_lead_time"], t
assert d["pert"] == {"pert_lead_time": None, "pert_stddev": None,
                     "pert_probability": None}, d["pert"]
assert [(x["key"], x["start"], x["finish"], x["late_start"], x["late_finish"])
        for x in a] == [
    ("cut", "2026-12-21T06:00", "2026-12-21T08:00", "2026-12-21T06:00", "2026-12-21T08:00"),
    ("weld", "2026-12-21T08:00", "2026-12-21T14:00", "2026-12-21T08:00", "2026-12-21T14:00"),
    ("label", "2026-12-21T08:00", "2026-12-21T09:00", "2026-12-21T13:00", "2026-12-21T14:00"),
    ("pack", "2026-12-21T14:00", "2026-12-21T17:00", "2026-12-21T14:00", "2026-12-21T17:00")], a
assert (b["lead_time"], b["slip"], b["slipped"]) == (11, 0, []), b
'
expect 0 "$opflow" report "$tmp/pack.opflow" --start 2026-12-21T06:00 --baseline "$tmp/pack.opflow"
has out "  forecast finish 11 h (2026-12-21T17:00); on the baseline"
expect 0 "$opflow" dot "$tmp/pack.opflow" --start 2026-12-21T06:00 --unit min
contains out 'label="lead time 11; bold: the critical path"'

# check: a duration that is no whole number of seconds is rounded, 0.25
# down to 0 and 1.5 away from zero to 2; only when the graph is dated
printf 'opflow 1\nactivity a duration=0.25\nactivity b duration=1.5\nflow a b\n' > "$tmp/frac.opflow"
expect 0 "$opflow" check "$tmp/frac.opflow" --start 2026-12-21 --unit s
cat > "$tmp/want" <<EOF
$tmp/frac.opflow: warning: activity a has a duration of 0.25 seconds, which the dated schedule rounds to 0
$tmp/frac.opflow: warning: activity b has a duration of 1.5 seconds, which the dated schedule rounds to 2
$tmp/frac.opflow: 2 activities, 1 flows: 0 errors, 2 warnings
EOF
cmp -s "$tmp/want" "$tmp/out" || fail "check --start --unit s: $(diff "$tmp/want" "$tmp/out")"
expect 1 "$opflow" check "$tmp/frac.opflow" --start 2026-12-21 --unit s --strict
expect 0 "$opflow" check "$tmp/frac.opflow" --unit s
has out "$tmp/frac.opflow: 2 activities, 1 flows: 0 errors, 0 warnings"
# 15 and 90 seconds are whole
expect 0 "$opflow" check "$tmp/frac.opflow" --start 2026-12-21 --unit min
has out "$tmp/frac.opflow: 2 activities, 1 flows: 0 errors, 0 warnings"
# Date constraints and progress of a dated value chain: every hour
# working, in hours, the analysis is that of the undated file, its times
# the instants S + t hours.  The check of the constraints finds what it
# finds undated.
expect 0 "$opflow" check "$tmp/cons.opflow"
mv "$tmp/out" "$tmp/plain"
expect 0 "$opflow" check "$tmp/cons.opflow" --start 2026-12-21T06:00
cmp -s "$tmp/plain" "$tmp/out" || fail "check --start of date constraints: $(diff "$tmp/plain" "$tmp/out")"
# the plan with constraints ends at 9 (above): 15:00
expect 0 "$opflow" report "$tmp/cons.opflow" --start 2026-12-21T06:00
has out "  finish                       2026-12-21T15:00"
# At 5 (11:00), as above: cut completed 0 - 2.5 (06:00 - 08:30), weld in
# progress since 3 (09:00), 4 left, 5 - 9 (11:00 - 15:00), paint 9 - 12,
# assemble 12 - 16 (22:00); the forecast 16 is 1 after the plan, dated
# too, and 2 before the deadline 18 (00:00 on Tuesday).  The schedule
# has the library's columns, then the tool's two.
expect 0 "$opflow" report "$tmp/now.opflow" --status-date 5 --start 2026-12-21T06:00 --baseline "$tmp/plan.opflow" --deadline 18
sed -n '/^Forecast$/,/^Baseline/p' "$tmp/out" > "$tmp/progress"
cat > "$tmp/want" <<EOF
Forecast
  forecast finish 16 h (2026-12-21T22:00); late by 1 h against the baseline
  forecast finish 16 h (2026-12-21T22:00); 2 h early against the deadline

Progress at the status date 2026-12-21T11:00 (5 h, retained logic)
  completed                    1
  in progress                  1
  not started                  2
  started activities
    cut                        completed, 2026-12-21T06:00 to 2026-12-21T08:30
    weld                       in progress since 2026-12-21T09:00; 4 h left, 2026-12-21T11:00 to 2026-12-21T15:00

Baseline $tmp/plan.opflow
EOF
cmp -s "$tmp/want" "$tmp/progress" || fail "report --status-date --start: $(diff "$tmp/want" "$tmp/progress")"
has out "  deadline                     2026-12-22T00:00 (18 h)"
expect 0 "$opflow" schedule "$tmp/now.opflow" --status-date 5 --start 2026-12-21T06:00
has out "key,label,kind,category,department,stage,duration,es,ef,ls,lf,total_float,free_float,critical,start,finish,late_start,late_finish,state,remaining_start$cr"
has out "cut,,production,manufacturing,,production,2,0,2.5,0,2.5,0,0,false,2026-12-21T06:00,2026-12-21T08:30,2026-12-21T06:00,2026-12-21T08:30,completed,2.5$cr"
has out "weld,,production,manufacturing,,production,6,3,9,5,9,0,0,true,2026-12-21T09:00,2026-12-21T15:00,2026-12-21T11:00,2026-12-21T15:00,in-progress,5$cr"
expect 0 "$opflow" report "$tmp/now.opflow" --status-date 5 --start 2026-12-21T06:00 --json
pycheck out '
p, t = d["progress"], d["timeframe"]
assert (p["status_date"], p["logic"], p["in_progress"]) == (5, "retained", 1), p
assert p["activities"][1] == {"key": "weld", "state": "in-progress",
                              "remaining_start": 5, "remaining": 4}, p
assert (t["lead_time"], t["finish"]) == (16, "2026-12-21T22:00"), t
'
# an instant past the year 9999
expect 1 "$opflow" report "$tmp/pack.opflow" --start 9999-12-31T23:00
contains err "$tmp/pack.opflow: error: "

# A dated file (opflow(5)): a day shift from Monday to Friday, 06:00 to
# 14:00, Christmas Eve and Day off, from Monday 21 December 2026 at
# 06:00, in hours.  By hand, on the working hours W of the calendar: cut
# 06:00 - 12:00 Monday (W 0 - 6); weld 12 hours from 12:00: 2 on Monday,
# 8 on Tuesday, 2 on Wednesday, to 08:00 (W 18); label 12:00 - 14:00
# Monday (W 8); the flow weld -> ship waits 20 elapsed hours, to 04:00
# on Christmas Eve, when W is still 24 (the end of Wednesday's shift),
# so ship starts at the next working instant, Monday 28 at 06:00 (W 24),
# and ends at 10:00 (W 28).  The lead time is 7 days and 4 hours, 172
# hours, 28 working hours.  Backwards: ship starts at W 24 at the
# latest; weld may end when 20 hours later still gives W 24: at W 24
# (14:00 on Wednesday), so its total float is 24 - 18 = 6 working hours,
# its late start W 12 (10:00 on Tuesday); cut's late finish is W 12 too
# (float 6, late start 12:00 Monday), label's W 24 (float 24 - 8 = 16).
# Only ship is critical: the holidays absorb 6 hours of slip upstream.
# label follows production and leads to none: post-production.
cat > "$tmp/shop.opflow" <<'EOF'
opflow 1
calendar day "mon-fri 06:00-14:00; 2026-12-24..2026-12-25 off"
default-calendar day
start 2026-12-21T06:00
activity cut category=manufacturing duration=6
activity weld category=manufacturing duration=12
activity label category=marketing duration=2
activity ship category=distribution duration=4
flow cut weld
flow cut label
flow weld ship lag=20 elapsed=true
flow label ship
EOF
expect 0 "$opflow" schedule "$tmp/shop.opflow"
cat > "$tmp/want" <<EOF
key,label,kind,category,department,stage,duration,es,ef,ls,lf,total_float,free_float,critical,start,finish,late_start,late_finish$cr
cut,,production,manufacturing,,production,6,0,6,6,28,6,0,false,2026-12-21T06:00,2026-12-21T12:00,2026-12-21T12:00,2026-12-22T10:00$cr
weld,,production,manufacturing,,production,12,6,50,28,56,6,6,false,2026-12-21T12:00,2026-12-23T08:00,2026-12-22T10:00,2026-12-23T14:00$cr
label,,operation,marketing,,post-production,2,6,8,54,56,16,16,false,2026-12-21T12:00,2026-12-21T14:00,2026-12-23T12:00,2026-12-23T14:00$cr
ship,,operation,distribution,,post-production,4,168,172,168,172,0,0,true,2026-12-28T06:00,2026-12-28T10:00,2026-12-28T06:00,2026-12-28T10:00$cr
EOF
cmp -s "$tmp/want" "$tmp/out" || fail "schedule of a dated file: $(diff "$tmp/want" "$tmp/out")"
# the report: production (cut, weld) from 06:00 Monday to 08:00
# Wednesday, 50 hours, 172 - 50 = 122 after; the ratio 172 / 50
expect 0 "$opflow" report "$tmp/shop.opflow" --near-critical 6
sed -n '/^Timeframe$/,$p' "$tmp/out" > "$tmp/timeframe"
cat > "$tmp/want" <<EOF
Timeframe
  start                        2026-12-21T06:00
  finish                       2026-12-28T10:00
  lead time                    172 h
  working lead time            28 h (calendar day)
  production window            2026-12-21T06:00 to 2026-12-23T08:00 (50 h)
  before production            0 h
  after production             122 h
  production span              50 h
  timeframe ratio              3.44
  critical time by kind
    production                 0 h
    operation                  4 h
  critical time by department
    (no department)            4 h

Risk (PERT)
  absent (a dated analysis has no PERT figures)

Critical path
  ship

Near-critical (total float within 6 h of the critical path's)
  cut                          total float 6 h, start 2026-12-21T06:00, late start 2026-12-21T12:00
  weld                         total float 6 h, start 2026-12-21T12:00, late start 2026-12-22T10:00
EOF
cmp -s "$tmp/want" "$tmp/timeframe" || fail "report of a dated file: $(diff "$tmp/want" "$tmp/timeframe")"
# a deadline of 180 hours: Monday 28 at 18:00
expect 0 "$opflow" report "$tmp/shop.opflow" --deadline 180
has out "  deadline                     2026-12-28T18:00 (180 h)"
# the same deadline as an instant, 180 h after the start
expect 0 "$opflow" report "$tmp/shop.opflow" --deadline 2026-12-28T18:00
has out "  deadline                     2026-12-28T18:00 (180 h)"
# an instant of an undated file is an input error, a bad one a usage error
expect 1 "$opflow" report "$ex/bicycle.opflow" --deadline 2026-12-28T18:00
has err "$ex/bicycle.opflow: error: --deadline is an instant, but the value chain is not dated (give it a start, or --start)"
expect 2 "$opflow" report "$tmp/shop.opflow" --deadline 2026-13-28
contains err "--deadline needs a finite number or an instant"
# --start overrides the file's start, for the baseline too: from Monday
# 28 at 06:00 (no holiday), weld ends at 08:00 on Wednesday 30, 20
# hours later is 04:00 on Thursday, and ship runs from 06:00 to 10:00:
# 3 days and 4 hours, 76 hours; the baseline, the same file, likewise
expect 0 "$opflow" report "$tmp/shop.opflow" --start 2026-12-28T06:00 --baseline "$tmp/shop.opflow"
has out "  finish                       2026-12-31T10:00"
has out "  forecast finish 76 h (2026-12-31T10:00); on the baseline"
has out "  lead time                    76 h"
# and --unit the file's unit: in minutes, everything ends within the
# first shift: cut 06:00 - 06:06, weld 06:06 - 06:18, ship 06:38 -
# 06:42 (20 elapsed minutes after weld)
expect 0 "$opflow" schedule "$tmp/shop.opflow" --unit min
has out "ship,,operation,distribution,,post-production,4,38,42,38,42,0,0,true,2026-12-21T06:38,2026-12-21T06:42,2026-12-21T06:38,2026-12-21T06:42$cr"
# simulate: the library's refusal, an input error
expect 1 "$opflow" simulate "$tmp/shop.opflow" --iterations 10
has err "$tmp/shop.opflow: error: opflow_simulate: a dated graph is not simulated (its schedule risk is that of the same graph undated, in units)"
[ -s "$tmp/out" ] && fail "simulate of a dated file writes: $(head -3 "$tmp/out")"
# Progress on the calendar: at 30 (Tuesday 12:00) cut is done (0 - 6,
# Monday 06:00 - 12:00) and weld started at 6 (Monday 12:00); of its 12
# working hours, the 8 from Monday 12:00 to Tuesday 12:00 are done, 4
# left: Tuesday 12:00 - 14:00 and Wednesday 06:00 - 08:00, as planned,
# so ship still ends on Monday 28 at 10:00.
sed -e 's/^activity cut .*/& actual-start=0 actual-finish=6/' \
    -e 's/^activity weld .*/& actual-start=6/' "$tmp/shop.opflow" > "$tmp/shopnow.opflow"
expect 0 "$opflow" report "$tmp/shopnow.opflow" --status-date 30
sed -n '/^Forecast$/,$p' "$tmp/out" > "$tmp/progress"
cat > "$tmp/want" <<EOF
Forecast
  forecast finish 172 h (2026-12-28T10:00)

Progress at the status date 2026-12-22T12:00 (30 h, retained logic)
  completed                    1
  in progress                  1
  not started                  2
  started activities
    cut                        completed, 2026-12-21T06:00 to 2026-12-21T12:00
    weld                       in progress since 2026-12-21T12:00; 4 h left, 2026-12-22T12:00 to 2026-12-23T08:00
EOF
cmp -s "$tmp/want" "$tmp/progress" || fail "report --status-date of a dated file: $(diff "$tmp/want" "$tmp/progress")"
# the status date as an instant, Tuesday 22 at 12:00, 30 h after the start
expect 0 "$opflow" report "$tmp/shopnow.opflow" --status-date 2026-12-22T12:00
sed -n '/^Forecast$/,$p' "$tmp/out" > "$tmp/progress"
cmp -s "$tmp/want" "$tmp/progress" || fail "report --status-date INSTANT: $(diff "$tmp/want" "$tmp/progress")"
# ship due by 168 (Monday 28 at 06:00), its working hour 24: it starts
# at 20 at the latest, so its float is 20 - 24 = -4 and its late finish
# the first instant of hour 24, Wednesday 14:00 (56); weld must then end
# 20 elapsed hours before Wednesday 10:00 (hour 20): Tuesday 14:00, hour
# 16 (32), float 16 - 18 = -2; cut before weld's late start, hour 4
# (Monday 10:00), float 4 - 6 = -2; label keeps 20 - 8 = 12
sed -e 's/^activity ship .*/& finish-no-later-than=168/' "$tmp/shop.opflow" > "$tmp/shopdue.opflow"
expect 0 "$opflow" check "$tmp/shopdue.opflow"
w="$tmp/shopdue.opflow: warning: activity"
cat > "$tmp/want" <<EOF
$w cut: its total float in the plan is -2 (early finish 6, late finish 4): $late
$w weld: its total float in the plan is -2 (early finish 50, late finish 32): $late
$w ship: its total float in the plan is -4 (early finish 172, late finish 56): $late
$tmp/shopdue.opflow: 4 activities, 4 flows: 0 errors, 3 warnings
EOF
cmp -s "$tmp/want" "$tmp/out" || fail "check of a dated file's constraints: $(diff "$tmp/want" "$tmp/out")"
# check: a calendar closed from the start for over a year, the file's
# unit of a second (0.25 rounds to 0); from 3 January 2028, a Monday, it
# works again, and in minutes 0.25 is 15 seconds
cat > "$tmp/idle.opflow" <<'EOF'
opflow 1
calendar closed "mon 06:00-07:00; 2026-12-21..2027-12-31 off"
start 2026-12-21T06:00
unit 1
activity a duration=3600 calendar=closed
activity b duration=0.25
flow a b
EOF
expect 0 "$opflow" check "$tmp/idle.opflow"
cat > "$tmp/want" <<EOF
$tmp/idle.opflow: warning: activity a works on calendar closed, which has no working time in the year after the start
$tmp/idle.opflow: warning: activity b has a duration of 0.25 seconds, which the dated schedule rounds to 0
$tmp/idle.opflow: 2 activities, 1 flows: 0 errors, 2 warnings
EOF
cmp -s "$tmp/want" "$tmp/out" || fail "check of a dated file: $(diff "$tmp/want" "$tmp/out")"
expect 0 "$opflow" check "$tmp/idle.opflow" --start 2028-01-03 --unit min
has out "$tmp/idle.opflow: 2 activities, 1 flows: 0 errors, 0 warnings"

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
	has err "opflow: ${opt%%=*} goes with simulate (or with report --html --iterations N)"
done
expect 2 "$opflow" dot "$ex/bicycle.opflow" --json
has err "opflow: --json goes with report, check or simulate"

# progress: the status date, the logic, the baseline
expect 2 "$opflow" report "$ex/bicycle.opflow" --status-date soon
has err "opflow: --status-date needs a finite number or an instant such as 2026-12-22T10:00, not 'soon'"
expect 2 "$opflow" report "$ex/bicycle.opflow" --status-date=inf
expect 2 "$opflow" report "$ex/bicycle.opflow" --status-date 3 --logic sideways
has err "opflow: --logic is retained or override, not 'sideways'"
expect 2 "$opflow" report "$ex/bicycle.opflow" --logic override
has err "opflow: --logic goes with --status-date"
expect 2 "$opflow" check "$ex/bicycle.opflow" --status-date 3
has err "opflow: --status-date goes with report, schedule, dot, gantt or simulate"
expect 2 "$opflow" check "$ex/bicycle.opflow" --logic=retained
has err "opflow: --logic goes with report, schedule, dot, gantt or simulate"
# simulate at a status date: the frame shop's order on day 11 has no
# estimate, so every iteration is the forecast: 21 under retained logic
# (design's 3 left to 14, weld's 4 to 18, paint 15 - 19, ship 19 - 21),
# 18 under progress override (weld goes on from 11 to 15, paint 12 - 16,
# ship 16 - 18); the production span (buy-steel, weld, paint) 16
expect 0 "$opflow" simulate "$ex/frame_shop_day11.opflow" --status-date 11 \
	--iterations 10
has out "  status date                  11 (retained logic)"
has out "  mean                         21"
has out "  mean                         16"
expect 0 "$opflow" simulate "$ex/frame_shop_day11.opflow" --status-date 11 \
	--logic override --iterations 10 --json
has out '  "status_date": 11,'
has out '  "logic": "override",'
contains out '"lead_time": {"mean": 18, "stddev": 0,'
expect 0 "$opflow" simulate "$ex/bicycle.opflow" --iterations 10 --json
has out '  "status_date": null,'
has out '  "logic": null,'
for cmd in check schedule dot simulate; do
	expect 2 "$opflow" "$cmd" "$ex/bicycle.opflow" --baseline "$ex/bicycle.opflow"
	has err "opflow: --baseline goes with report"
done
expect 2 "$opflow" report "$ex/bicycle.opflow" --baseline
expect 2 "$opflow" report "$ex/bicycle.opflow" --baseline=
has err "opflow: --baseline needs a file name (- for standard input)"
expect 2 "$opflow" report - --baseline -
has err "opflow: FILE and --baseline cannot both be the standard input"

# dates: the instant of --start, the unit of --unit, not with simulate
expect 2 "$opflow" report "$tmp/pack.opflow" --start soon
has err "opflow: --start needs an instant YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS, not 'soon'"
for bad in 2026-02-29 2026-12-21T24:00 2026-12-21T06 2026-12-21T06:00Z 0000-12-31 ''; do
	expect 2 "$opflow" schedule "$tmp/pack.opflow" --start="$bad"
	has err "opflow: --start needs an instant YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS, not '$bad'"
done
for bad in 0 -1 1.5 1e3 hours H 31622401 ''; do
	expect 2 "$opflow" check "$tmp/pack.opflow" --unit="$bad"
	has err "opflow: --unit is h, min, s, d or a whole number of seconds from 1 to 31622400, not '$bad'"
done
expect 2 "$opflow" report "$tmp/pack.opflow" --start
expect 2 "$opflow" simulate "$tmp/pack.opflow" --start 2026-12-21
has err "opflow: --start goes with report, check, schedule, dot or gantt"
expect 2 "$opflow" simulate "$tmp/pack.opflow" --unit h
has err "opflow: --unit goes with report, check, schedule, dot or gantt"


# --- report: the finish against the deadline, under the title
# plan.opflow ends at 2 + 6 + 3 + 4 = 15: 3 to spare before 18, none
# before 15, 0.5 late for 14.5; a difference within the analysis's
# tolerance (a few units in 10^8 of 15) is none either way
for case in "18:3 to spare" "15:0 to spare" "14.5:late by 0.5" \
    "15.000000000001:0 to spare" "14.999999999999:0 to spare" \
    "1e3:985 to spare" "-1:late by 16"; do
	expect 0 "$opflow" report "$tmp/plan.opflow" --deadline "${case%%:*}"
	[ "$(sed -n 2p "$tmp/out")" = "  finishes at 15; ${case#*:}" ] ||
		fail "report --deadline ${case%%:*}: line 2 is '$(sed -n 2p "$tmp/out")'"
	[ "$(sed -n 3p "$tmp/out")" = "" ] || fail "no blank line after the finish"
	has out "Scope (the production process within the operation process)"
done
# without a deadline, the title is followed by a blank line as before
expect 0 "$opflow" report "$tmp/plan.opflow"
[ "$(sed -n 2p "$tmp/out")" = "" ] || fail "report without --deadline: line 2 is '$(sed -n 2p "$tmp/out")'"
grep -q 'finishes at' "$tmp/out" && fail "report without --deadline says when it finishes"
# the forecast at 5 (above): 16, 2 before 18, with the unit
expect 0 "$opflow" report "$tmp/now.opflow" --status-date 5 --deadline 18 --unit h
has out "  finishes at 16 h; 2 h to spare"
has out "  forecast finish 16 h; 2 h early against the deadline"
# the bicycle maker: 125 days (the README's figures)
expect 0 "$opflow" report "$ex/bicycle.opflow" --deadline 130
has out "  finishes at 125; 5 to spare"
expect 0 "$opflow" report "$ex/bicycle.opflow" --deadline 120
has out "  finishes at 125; late by 5"
# dated: shop.opflow ends on Monday 28 at 10:00, 172 h after the start;
# 180 h is Monday 18:00, 8 h later; 06:00 on that Monday, 168 h, is 4 h
# earlier
expect 0 "$opflow" report "$tmp/shop.opflow" --deadline 180
[ "$(sed -n 2p "$tmp/out")" = "  finishes at 172 h (2026-12-28T10:00); 8 h to spare" ] ||
	fail "report of a dated file --deadline 180: line 2 is '$(sed -n 2p "$tmp/out")'"
expect 0 "$opflow" report "$tmp/shop.opflow" --deadline 2026-12-28T06:00
has out "  finishes at 172 h (2026-12-28T10:00); late by 4 h"
# the JSON is the same, with or without the line
expect 0 "$opflow" report "$tmp/plan.opflow" --deadline 18 --json
grep -q 'finishes' "$tmp/out" && fail "report --json says 'finishes'"
pycheck out '
assert d["options"]["deadline"] == 18 and d["timeframe"]["lead_time"] == 15, d["options"]
'

# --- check --ignore, check --json, check --strict of an empty file
# oos.opflow (above): 6 no-successor, 6 out-of-sequence, 3 negative-lag,
# 1 start-to-finish.  Without the ends and the leads: 7 left, in the
# library's order, 9 ignored
expect 0 "$opflow" check "$tmp/oos.opflow" --ignore no-successor --ignore=negative-lag
w="$tmp/oos.opflow: warning:"
cat > "$tmp/want" <<EOF
$w b started at 2 before its FS predecessor a finished at 3
$w c started at 1 before its SS predecessor a started at 0 plus the lag 2 = 2
$w flow c -> e is start-to-finish, which is rarely what a value chain means
$w e finished at 1 before its SF predecessor c started at 1 plus the lag 0.5 = 1.5
$w f finished at 6 before its FF predecessor b finished (it has not finished)
$w h started at 0 before its SS predecessor g started (it has not started)
$w m started at 2 before its FS predecessor a finished at 3 less the lead 0.5 = 2.5
$tmp/oos.opflow: 10 activities, 9 flows: 0 errors, 7 warnings
EOF
cmp -s "$tmp/want" "$tmp/out" || fail "check --ignore: $(diff "$tmp/want" "$tmp/out")"
expect 1 "$opflow" check "$tmp/oos.opflow" --ignore no-successor --ignore negative-lag --strict
# every kind it shows left out: --strict passes; one kind less fails
all="--ignore no-successor --ignore negative-lag --ignore out-of-sequence --ignore start-to-finish"
# shellcheck disable=SC2086
expect 0 "$opflow" check "$tmp/oos.opflow" --strict $all
has out "$tmp/oos.opflow: 10 activities, 9 flows: 0 errors, 0 warnings"
# shellcheck disable=SC2086
expect 1 "$opflow" check "$tmp/oos.opflow" --strict ${all% --ignore *}
has out "$tmp/oos.opflow: 10 activities, 9 flows: 0 errors, 1 warnings"
# the same kind twice is once; a kind the file lacks changes nothing
expect 0 "$opflow" check "$tmp/oos.opflow" --ignore high-float --ignore high-float --ignore idle-calendar
has out "$tmp/oos.opflow: 10 activities, 9 flows: 0 errors, 16 warnings"
# JSON: the 16 findings in the order of the lines, each with its
# activity or flow
expect 0 "$opflow" check "$tmp/oos.opflow" --json
[ -s "$tmp/err" ] && fail "check --json writes to the standard error: $(head -3 "$tmp/err")"
pycheck out '
f = d["findings"]
assert (d["format"], d["format_version"]) == ("opflow-check", 1), d
assert (d["file"], d["activities"], d["flows"]) == (sys.argv[3], 10, 9), d
assert d["counts"] == {"error": 0, "warning": 16}, d["counts"]
assert (d["ignored"], d["ignore"]) == (0, []), d
assert all(x["severity"] == "warning" for x in f), f
assert [x["kind"] for x in f] == ["no-successor"] * 6 + [
    "out-of-sequence", "out-of-sequence", "start-to-finish",
    "out-of-sequence", "out-of-sequence", "negative-lag",
    "out-of-sequence", "negative-lag", "negative-lag",
    "out-of-sequence"], [x["kind"] for x in f]
assert [x["activity"] for x in f[:6]] == list("defhkm"), f[:6]
assert all(x["flow"] is None for x in f[:6]), f[:6]
def flow(s, t, ty):
    return {"source": s, "target": t, "type": ty}
assert (f[6]["activity"], f[6]["flow"]) == ("b", flow("a", "b", "FS")), f[6]
assert (f[8]["activity"], f[8]["flow"]) == (None, flow("c", "e", "SF")), f[8]
assert (f[9]["activity"], f[9]["flow"]) == ("e", flow("c", "e", "SF")), f[9]
assert (f[11]["activity"], f[11]["flow"]) == (None, flow("g", "h", "SS")), f[11]
assert (f[12]["activity"], f[12]["flow"]) == ("h", flow("g", "h", "SS")), f[12]
assert f[0]["message"] == "activity d has no successor (6 activities end the chain)", f[0]
assert f[15]["message"] == "m started at 2 before its FS predecessor a finished at 3 less the lead 0.5 = 2.5", f[15]
assert list(f[0]) == ["kind", "severity", "activity", "flow", "message"], f[0]
' "$tmp/oos.opflow"
# the lines of the text, in JSON
expect 0 "$opflow" check "$tmp/oos.opflow"
grep ': warning: ' "$tmp/out" | sed "s|^$tmp/oos.opflow: warning: ||" > "$tmp/lines"
expect 0 "$opflow" check "$tmp/oos.opflow" --json
pycheck out '
lines = open(sys.argv[3]).read().splitlines()
assert [x["message"] for x in d["findings"]] == lines, lines
' "$tmp/lines"
# ignored kinds, in the order of their values, and --strict failing on
# what is left: the JSON on the standard output, why on the standard error
expect 1 "$opflow" check "$tmp/oos.opflow" --json --strict --ignore negative-lag --ignore no-successor
has err "$tmp/oos.opflow: error: the check failed: 0 errors, 7 warnings"
pycheck out '
assert d["counts"] == {"error": 0, "warning": 7}, d["counts"]
assert (d["ignored"], d["ignore"]) == (9, ["no-successor", "negative-lag"]), d
assert len(d["findings"]) == 7, d["findings"]
assert {x["kind"] for x in d["findings"]} == {"out-of-sequence", "start-to-finish"}
'
# shellcheck disable=SC2086
expect 0 "$opflow" check "$tmp/oos.opflow" --json --strict $all
pycheck out '
assert d["counts"] == {"error": 0, "warning": 0} and d["findings"] == [], d
assert d["ignored"] == 16, d
'
# an error: in the JSON, and the failure on the standard error
expect 1 "$opflow" check "$tmp/cycle.opflow" --json
has err "$tmp/cycle.opflow: error: the check failed: 1 errors, 0 warnings"
pycheck out '
assert d["counts"] == {"error": 1, "warning": 0}, d
assert d["findings"] == [{"kind": "cycle", "severity": "error",
    "activity": "a", "flow": None, "message": "cycle: a -> b -> a"}], d
'
expect 1 "$opflow" check "$tmp/huge.opflow" --json
pycheck out '
assert [(x["kind"], x["activity"]) for x in d["findings"]] == [("out-of-range", None)], d
'
# keys that JSON escapes, from the standard input: two activities
# without flows, each a start and an end of the chain
cat > "$tmp/keys2.opflow" <<'EOF'
opflow 1
activity "q\"uo\\te\ttab\x01" duration=1
activity "caf\u{e9}" duration=1
EOF
expect 0 sh -c "\"$opflow\" check --json - < \"$tmp/keys2.opflow\""
pycheck out '
assert d["file"] == "<stdin>", d
keys = [x["activity"] for x in d["findings"]]
assert keys == ["q\"uo\\te\ttab\x01", "caf\u00e9"] * 2, keys
'
# a file without any activity: nothing to find, but --strict says so
printf 'opflow 1\n# nothing yet\n' > "$tmp/empty.opflow"
expect 0 "$opflow" check "$tmp/empty.opflow"
has out "$tmp/empty.opflow: 0 activities, 0 flows: 0 errors, 0 warnings"
expect 1 "$opflow" check "$tmp/empty.opflow" --strict
cat > "$tmp/want" <<EOF
$tmp/empty.opflow: warning: the value chain has no activity
$tmp/empty.opflow: 0 activities, 0 flows: 0 errors, 1 warnings
EOF
cmp -s "$tmp/want" "$tmp/out" || fail "check --strict of an empty file: $(diff "$tmp/want" "$tmp/out")"
[ -s "$tmp/err" ] && fail "check --strict of an empty file writes to the standard error"
expect 1 "$opflow" check "$tmp/empty.opflow" --strict --json
has err "$tmp/empty.opflow: error: the check failed: 0 errors, 1 warnings"
pycheck out '
assert (d["activities"], d["flows"]) == (0, 0), d
assert d["counts"] == {"error": 0, "warning": 1}, d
assert d["findings"] == [{"kind": "no-activity", "severity": "warning",
    "activity": None, "flow": None,
    "message": "the value chain has no activity"}], d
'
expect 0 "$opflow" check "$tmp/empty.opflow" --json
pycheck out '
assert d["counts"] == {"error": 0, "warning": 0} and d["findings"] == [], d
'
# usage: a kind that is not a warning's, --ignore and --json elsewhere
kinds="no-predecessor, no-successor, negative-lag, start-to-finish, high-float, out-of-sequence, constraint-conflict, idle-calendar or fractional-seconds"
for bad in cycle out-of-range High-float no_successor '' 'high-float,negative-lag'; do
	expect 2 "$opflow" check "$tmp/oos.opflow" --ignore="$bad"
	has err "opflow: --ignore takes a kind of warning: $kinds; not '$bad'"
done
expect 2 "$opflow" check "$tmp/oos.opflow" --ignore
for cmd in report schedule dot simulate; do
	expect 2 "$opflow" "$cmd" "$tmp/oos.opflow" --ignore high-float
	has err "opflow: --ignore goes with check (or report --html)"
done
# the kinds check --help lists are those of the usage error
expect 0 "$opflow" check --help
sed -n '/^  --ignore/,/^  --json/p' "$tmp/out" | sed '$d' | sed 's/.*: *$//' |
	tr -d ' \n' > "$tmp/listed"
[ "$(cat "$tmp/listed")" = "$(printf '%s' "$kinds" | sed 's/ or /,/' | tr -d ' ')" ] ||
	fail "check --help lists the kinds '$(cat "$tmp/listed")'"

# --- the examples: --strict passes with --ignore of the kinds each shows
# on purpose, as the README shows (a command, then the line it prints);
# without any one of them it fails on a warning, so these are exactly the
# kinds of warnings it has
awk '/^## The opflow tool/ { s = 1; next } /^## / { s = 0 }
s && /^\$ opflow check --strict / { cmd = 1; line = "" }
cmd { l = $0; more = sub(/\\$/, "", l); line = line l
	if (!more) { print substr(line, 3); cmd = 0; out = 1 }
	next }
out { print; out = 0 }' "$top_srcdir/README.md" | tr -s ' ' > "$tmp/readme"
n=0
for file in "$ex"/*.opflow; do n=$((n + 1)); done
[ "$(wc -l < "$tmp/readme")" -eq $((n * 2)) ] ||
	fail "README.md does not show 'opflow check --strict' for each example: $(cat "$tmp/readme")"
for file in "$ex"/*.opflow; do
	name=examples/${file##*/}
	cmd=$(grep -x "opflow check --strict $name\( .*\)*" "$tmp/readme")
	[ -n "$cmd" ] || { fail "README.md has no 'opflow check --strict $name'"; continue; }
	shown=$(grep -A1 -Fx "$cmd" "$tmp/readme" | sed -n 2p)
	expect 0 sh -c "cd \"$top_srcdir\" && \"$opflow\" ${cmd#opflow }"
	[ "$(cat "$tmp/out")" = "$shown" ] || fail "$cmd prints '$(cat "$tmp/out")', not '$shown'"
	for kind in $(printf '%s\n' "$cmd" | grep -o -- '--ignore [a-z-]*' | cut -d' ' -f2); do
		less=$(printf '%s\n' "${cmd#opflow }" | sed "s/ --ignore $kind\$//; s/ --ignore $kind / /")
		expect 1 sh -c "cd \"$top_srcdir\" && \"$opflow\" $less"
		contains out " 0 errors, "
		grep -q ": warning: " "$tmp/out" || fail "$name without --ignore $kind fails without a warning"
	done
done
# and the JSON of one: what is left and what is ignored
expect 0 "$opflow" check "$ex/machining.opflow" --json --ignore no-successor --strict
pycheck out '
assert d["counts"] == {"error": 0, "warning": 0}, d
assert (d["ignored"], d["ignore"]) == (2, ["no-successor"]), d
'

# --- fmt: the canonical form of opflow(5)
# By hand: the version line; start (at the minute, the seconds being 0);
# the calendar's spec in canonical form (weekdays in order, merged); the
# department; the activities in the order of their statements, label,
# category, department, duration, numbers in their shortest form, b a word
# without its quotes; the flows, FS and a lag of 0 left out; no comment,
# no blank line but between the groups
cat > "$tmp/messy.opflow" <<'EOF'
# written by hand
opflow 1

activity "b" duration=2.50 category=assembly
department shop name="Shop"
start 2026-12-21T06:00:00
calendar day "sat 08:00-12:00; mon 06:00-14:00; tue-fri 06:00-14:00"
activity a duration=1e1 category=manufacturing department=shop label="Cut \"it\""
flow a b   lag=0 type=FS   # the plain flow
flow a b type=SS lag=-.5
EOF
cat > "$tmp/want" <<'EOF'
opflow 1

start 2026-12-21T06:00

calendar day "mon-fri 06:00-14:00; sat 08:00-12:00"

department shop name="Shop"

activity b category=assembly duration=2.5
activity a label="Cut \"it\"" category=manufacturing department=shop duration=10

flow a b
flow a b type=SS lag=-0.5
EOF
expect 0 "$opflow" fmt "$tmp/messy.opflow"
cmp -s "$tmp/want" "$tmp/out" || fail "fmt: $(diff "$tmp/want" "$tmp/out")"
[ -s "$tmp/err" ] && fail "fmt writes to the standard error: $(head -3 "$tmp/err")"
# from the standard input, and again: the same bytes
expect 0 sh -c "\"$opflow\" fmt - < \"$tmp/want\""
cmp -s "$tmp/want" "$tmp/out" || fail "fmt of the canonical form: $(diff "$tmp/want" "$tmp/out")"
# each example: fmt twice gives the same bytes; the output loads back
# equal (opflow_graph_equal, through the Python bindings) and analyses
# alike
for file in "$ex"/*.opflow; do
	name=${file##*/}
	expect 0 "$opflow" fmt "$file"
	cp "$tmp/out" "$tmp/fmt.$name"
	expect 0 "$opflow" fmt "$tmp/fmt.$name"
	cmp -s "$tmp/fmt.$name" "$tmp/out" || fail "fmt of fmt of $name differs: $(diff "$tmp/fmt.$name" "$tmp/out" | head -5)"
	if [ "$py" != no ]; then
		PYTHONPATH="$top_srcdir/bindings/python" "$py" -c '
import sys, opflow
a, b = opflow.load(sys.argv[1]), opflow.load(sys.argv[2])
assert len(a) > 0 and a == b, sys.argv[1]
' "$file" "$tmp/fmt.$name" || fail "fmt of $name does not load back equal"
	fi
	for cmd in schedule "report --json"; do
		# shellcheck disable=SC2086
		expect 0 "$opflow" $cmd "$file"
		mv "$tmp/out" "$tmp/plain"
		# shellcheck disable=SC2086
		expect 0 "$opflow" $cmd "$tmp/fmt.$name"
		cmp -s "$tmp/plain" "$tmp/out" || fail "$cmd of fmt of $name differs"
	done
	grep -q '^#' "$tmp/fmt.$name" && fail "fmt of $name keeps a comment"
done
# errors: the file's, exit 1; any option, exit 2; a second file, exit 2
expect 1 "$opflow" fmt "$tmp/bad.opflow"
has err "$tmp/bad.opflow:3:21: error: expected a number for duration, found oops"
[ -s "$tmp/out" ] && fail "fmt of a bad file writes: $(head -3 "$tmp/out")"
expect 1 "$opflow" fmt "$tmp/missing.opflow"
contains err "$tmp/missing.opflow: error: cannot open"
for opt in --json --strict --deadline=3 --start=2026-12-21 --unit=h --iterations=5 --ignore=high-float; do
	expect 2 "$opflow" fmt "$tmp/plan.opflow" "$opt"
	has err "opflow: ${opt%%=*} does not go with fmt, which takes no option"
done
expect 2 "$opflow" fmt "$tmp/plan.opflow" "$tmp/plan.opflow"
if [ -w /dev/full ]; then
	expect 1 sh -c "\"$opflow\" fmt \"$ex/bicycle.opflow\" > /dev/full"
	contains err "opflow: cannot write the output"
fi

# --- --help of each command: its usage and the options it takes
expect 0 "$opflow" --help
cp "$tmp/out" "$tmp/help"
sed -n '/^options:/,/^$/s/^  \(--[a-z-][a-z-]*\).*/\1/p' "$tmp/help" > "$tmp/all"
# a value each option takes: the bicycle maker, undated, at day 0
value() {
	case $1 in
	--deadline) echo 130 ;; --durations) echo pert ;;
	--near-critical) echo 1 ;; --status-date) echo 0 ;;
	--logic) echo retained --status-date 0 ;;
	--baseline) echo "$ex/bicycle.opflow" ;;
	--start) echo 2026-12-21 ;; --unit) echo h ;; --ignore) echo high-float ;;
	--iterations) echo 10 ;; --seed) echo 1 ;; --distribution) echo pert ;;
	--threads) echo 1 ;; --bins) echo 5 ;; --top) echo 3 ;;
	--by) echo department ;; --max-rows) echo 20 ;;
	esac
}
for cmd in report check schedule dot gantt simulate fmt; do
	grep -q "^  $cmd  " "$tmp/help" || fail "opflow --help lacks the command $cmd"
	expect 0 "$opflow" "$cmd" --help
	case $cmd in
	fmt) [ "$(head -n 1 "$tmp/out")" = "usage: opflow fmt FILE" ] ;;
	*) [ "$(head -n 1 "$tmp/out")" = "usage: opflow $cmd FILE [OPTIONS]" ] ;;
	esac || fail "opflow $cmd --help starts with '$(head -n 1 "$tmp/out")'"
	has out "  --help            print this help and exit"
	cp "$tmp/out" "$tmp/help.$cmd"
	expect 0 "$opflow" "$cmd" "$ex/bicycle.opflow" -h
	cmp -s "$tmp/help.$cmd" "$tmp/out" || fail "opflow $cmd FILE -h is not opflow $cmd --help"
	sed -n '/^options:/,$s/^  \(--[a-z-][a-z-]*\).*/\1/p' "$tmp/help.$cmd" > "$tmp/opts.$cmd"
	# each option it lists is one of the tool's, and goes with it
	while read -r opt; do
		grep -qx -- "$opt" "$tmp/all" || fail "opflow $cmd --help lists $opt, which opflow --help lacks"
		[ "$opt" = --help ] && continue
		# shellcheck disable=SC2046
		"$opflow" "$cmd" "$ex/bicycle.opflow" "$opt" $(value "$opt") > /dev/null 2> "$tmp/err"
		[ $? -eq 2 ] && fail "opflow $cmd $opt: a usage error: $(head -1 "$tmp/err")"
	done < "$tmp/opts.$cmd"
	# and the others do not, but for those accepted and left unused
	case $cmd in
	check) unused="--deadline --durations --near-critical" ;;
	simulate) unused="--durations --near-critical" ;;
	schedule | dot | gantt) unused="--near-critical" ;;
	*) unused= ;;
	esac
	while read -r opt; do
		case " --help --version -- $unused " in *" $opt "*) continue ;; esac
		grep -qx -- "$opt" "$tmp/opts.$cmd" && continue
		# shellcheck disable=SC2046
		"$opflow" "$cmd" "$ex/bicycle.opflow" "$opt" $(value "$opt") > /dev/null 2>&1
		[ $? -eq 2 ] || fail "opflow $cmd takes $opt, which opflow $cmd --help does not list"
	done < "$tmp/all"
done
# --help before the command is the tool's help, as it acts at once; after
# an unknown command too
expect 0 "$opflow" --help report
cmp -s "$tmp/help" "$tmp/out" || fail "opflow --help report is not opflow --help"
contains out "'opflow COMMAND --help' lists the options of one command."
expect 0 "$opflow" explain --help
cmp -s "$tmp/help" "$tmp/out" || fail "opflow explain --help is not opflow --help"
# and after --, --help is a file
expect 1 "$opflow" -- report --help
has err "--help: error: cannot open --help: No such file or directory"

[ "$failures" -eq 0 ] || { echo "$failures failures"; exit 1; }
