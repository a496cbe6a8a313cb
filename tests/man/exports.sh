#!/bin/sh
# The pages document the exports as the library writes them: the CSV
# header that opflow_analysis_write_csv(3) and opflow(1) show is the one
# "opflow schedule" writes, and every key of the JSON report that
# "opflow report --json" writes (with a deadline, so that no member is
# null, and for a graph with departments, handoffs and driving flows)
# appears in opflow_analysis_write_csv(3) as "key".

: "${top_srcdir:?}" "${abs_top_builddir:?}"
. "$top_srcdir/tests/man/common.sh"
opflow=$abs_top_builddir/tools/opflow
page=$top_srcdir/man/man3/opflow_analysis_write_csv.3
tool_page=$top_srcdir/man/man1/opflow.1
example=$top_srcdir/examples/bicycle.opflow

if test ! -x "$opflow"; then
	echo "exports: $opflow is missing; build the tool first" >&2
	exit 99
fi

man_work exports


# --- the CSV header
if ! "$opflow" schedule "$example" > "$work/csv"; then
	fail "opflow schedule $example exits with failure"
	exit 1
fi
header=$(sed -n '1s/\r$//p' "$work/csv")
test -n "$header" || fail "no CSV header read"
for p in "$page" "$tool_page"; do
	grep -qxF "$header" "$p" ||
		fail "$(basename "$p") does not show the CSV header $header"
done

# --- the keys of the JSON report
if ! "$opflow" report --json --deadline 130 "$example" > "$work/json"; then
	fail "opflow report --json $example exits with failure"
	exit 1
fi
keys=$(grep -o '"[a-z_]*": ' "$work/json" | sed 's/^"\([a-z_]*\)": $/\1/' |
	sort -u)
test -n "$keys" || fail "no key read from the JSON report"
count=0
for key in $keys; do
	count=$((count + 1))
	grep -qF "\"$key\"" "$page" ||
		fail "opflow_analysis_write_csv.3 does not show the JSON key \"$key\""
done
grep -q '"driving_flow": {"source": ' "$work/json" ||
	fail "the report of $example has no driving flow: the keys are not all seen"

echo "CSV header and $count JSON keys checked"
exit $status
