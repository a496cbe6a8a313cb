#!/bin/sh
# examples/production_replay.sh - one production order of the machining
# shop's event log (examples/data/production-log.csv) replayed at a
# status date in the middle of its run, and its forecast against its plan.
#
#   examples/production_replay.sh [CASE [STATUS-DATE]]
#
# CASE is a case of the log (Case1 by default), STATUS-DATE an ISO 8601
# instant (2012-02-14T15:00:00 by default: Case1 started on 30 January,
# waited two weeks after laser marking and is on the lapping and round
# grinding machines that afternoon; it was packed on 17 February).
# OPFLOW names the opflow tool (opflow by default), PYTHON3 the Python
# interpreter (python3 by default).
#
# Steps:
#  1. tools/opflow-actuals.py writes the order's routing as the plan
#     (plan.opflow: durations the medians over all orders, no actual);
#  2. and again as known at the status date (now.opflow: the actual
#     starts and finishes of the events up to then);
#  3. opflow check now.opflow warns of work done out of sequence;
#  4. opflow report --status-date --baseline plan.opflow gives the
#     forecast finish against the plan, with retained logic and with
#     progress override.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
log=$here/data/production-log.csv
importer=$here/../tools/opflow-actuals.py
opflow=${OPFLOW:-opflow}
py=${PYTHON3:-python3}
case_id=${1:-Case1}
status=${2:-2012-02-14T15:00:00}

work=$(mktemp -d "${TMPDIR:-/tmp}/replay.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"

"$py" "$importer" "$log" --case "$case_id" --plan -o plan.opflow
"$py" "$importer" "$log" --case "$case_id" --status-date "$status" \
	-o now.opflow
# the status date in the graph's unit, hours, as the importer wrote it
d=$(sed -n 's/^# status date: \([^ ]*\) .*/\1/p' now.opflow)

echo "== now.opflow"
cat now.opflow
echo
echo "== opflow check now.opflow"
"$opflow" check now.opflow
for logic in retained override; do
	echo
	echo "== opflow report now.opflow --status-date $d --logic $logic" \
		"--baseline plan.opflow"
	"$opflow" report now.opflow --status-date "$d" --logic "$logic" \
		--baseline plan.opflow | sed -n '/^Forecast$/,$p'
done
