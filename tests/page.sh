#!/bin/sh
# The pictures of the opflow tool: `opflow gantt` (SVG, parsed as XML) and
# `opflow report --html` (one self-contained page), their figures worked
# out by hand on a chain of five activities, and the page rendered in a
# headless Chromium: its DOM read back and a screenshot weighed against
# one of an empty page.  Without Chromium that part is skipped, unless
# OPFLOW_REQUIRE_CHROMIUM=1 (as in CI), when it fails.
set -u
opflow="$abs_top_builddir/tools/opflow"
ex="$top_srcdir/examples"
py=${PYTHON3:-python3}
tmp=page-test.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/shell-util.sh
. "$top_srcdir/tests/shell-util.sh"

if [ "$py" = no ] || ! command -v "$py" >/dev/null 2>&1; then
	echo "SKIP: no Python 3 to read the SVG and the page"
	exit 77
fi

# By hand: order 0-2, make 2-7, inspect 7-8, deliver 8-10 (critical);
# invoice 2-3, late finish 9 (deliver's late start 8, less the lead of
# -1), total float 6.
# Lead time 10; production (make, inspect) from 2 to 8.  Handoffs: sales
# -> shop (order -> make), sales -> ship (invoice -> deliver), shop ->
# ship (inspect -> deliver); make -> inspect and order -> invoice stay
# in a department.  Check: the negative lag and the high float of
# invoice (6, more than half of 10), nothing else (one start, one end).
cat > "$tmp/chain.opflow" <<'EOF'
opflow 1
department sales
department shop
department ship
activity order category=sales department=sales duration=2
activity make category=manufacturing department=shop duration=5
activity inspect category=quality-control department=shop duration=1
activity deliver category=logistics department=ship duration=2 customer-facing=true
activity invoice category=sales department=sales duration=1
flow order make
flow make inspect
flow inspect deliver
flow order invoice
flow invoice deliver lag=-1
EOF

# --- gantt: SVG that parses as XML, a bar per activity
expect 0 "$opflow" gantt "$tmp/chain.opflow"
cp "$tmp/out" "$tmp/chain.svg"
"$py" - "$tmp/chain.svg" <<'EOF' || fail "opflow gantt: the SVG is not as worked out"
import sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
ns = "{http://www.w3.org/2000/svg}"
assert root.tag == ns + "svg", root.tag
rects = [r.get("class") or "" for r in root.iter(ns + "rect")]
bars = [c for c in rects if c.split()[:1] == ["bar"]]
assert len(bars) == 5, rects
assert sum("critical" in c.split() for c in bars) == 4, bars
assert rects.count("window") == 1, rects
texts = " ".join(t.text or "" for t in root.iter(ns + "text"))
for key in ("order", "make", "inspect", "deliver", "invoice"):
    assert key in texts, (key, texts)
EOF
expect 0 "$opflow" gantt "$tmp/chain.opflow" --by department
"$py" -c '
import sys, xml.etree.ElementTree as ET
ns = "{http://www.w3.org/2000/svg}"
t = [e.text for e in ET.parse(sys.argv[1]).getroot().iter(ns + "text")]
assert "sales" in t and "shop" in t and "ship" in t, t
' "$tmp/out" || fail "gantt --by department does not name the departments"
# a dated chain: an axis of dates, still XML
expect 0 "$opflow" gantt "$ex/plant_shifts.opflow"
"$py" -c 'import sys, xml.etree.ElementTree as ET; ET.parse(sys.argv[1])' \
	"$tmp/out" || fail "gantt of a dated chain is not XML"
contains out "2026-"
expect 2 "$opflow" gantt "$tmp/chain.opflow" --by team
has err "opflow: --by is stage or department, not 'team'"
expect 2 "$opflow" schedule "$tmp/chain.opflow" --by stage
has err "opflow: --by goes with gantt or report --html"
expect 2 "$opflow" gantt "$tmp/chain.opflow" --max-rows -1
has err "opflow: --max-rows needs a whole number >= 0 (0: no limit), not '-1'"
expect 0 "$opflow" gantt --help
contains out "usage: opflow gantt FILE"

# --- report --html
expect 0 "$opflow" report --html "$tmp/chain.opflow" --deadline 9
cp "$tmp/out" "$tmp/page.html"
contains page.html '<p class="verdict">finishes at 10; late by 1</p>'
contains page.html '<tr class="i2"><th>lead time</th><td>10</td></tr>'
contains page.html '<tr class="i2"><th>production window</th><td>2 to 8 (6)</td></tr>'
contains page.html '<span>order</span> &rarr; <span>make</span> &rarr; <span>inspect</span> &rarr; <span>deliver</span></td>'
contains page.html '<td class="warning">warning</td><td>negative-lag</td>'
contains page.html '<td>high-float</td><td>invoice</td><td>activity invoice has a total float of 6, more than 50% of the lead time 10</td>'
[ "$(grep -c '<tr class="finding">' "$tmp/page.html")" -eq 2 ] ||
	fail "not two findings on the page"
# self-contained: no script, nothing fetched; the one address is the
# SVG namespace, a name and not a link
if grep -qiE '<script|<link|<img|<iframe|<object|src=|href=|url\(|@import' \
	"$tmp/page.html"; then
	fail "the page refers outside itself or has a script"
fi
[ "$(grep -o 'http[s]*://[^"]*' "$tmp/page.html" | sort -u)" = \
	"http://www.w3.org/2000/svg" ] || fail "the page names an address"
"$py" - "$tmp/page.html" <<'EOF' || fail "report --html: the page is not as worked out"
import sys
from html.parser import HTMLParser

class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.h2, self.heat, self.row = [], [], {}, None
        self.svgs, self.cell, self.text = 0, 0, ""
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "svg":
            self.svgs += 1
        if tag == "table":
            self.stack.append(a.get("class"))
        if tag in ("h2", "th") or (tag == "td" and self.stack[-1:] == ["heat"]):
            self.text = ""
        if tag == "tr" and self.stack[-1:] == ["heat"]:
            self.row, self.cell = None, 0
        if tag == "td" and self.stack[-1:] == ["heat"]:
            self.cell += 1
    def handle_endtag(self, tag):
        if tag == "table":
            self.stack.pop()
        if tag == "h2":
            self.h2.append(self.text)
        if tag == "th" and self.stack[-1:] == ["heat"] and self.row is None:
            self.row = self.text
        if tag == "td" and self.stack[-1:] == ["heat"] and self.text:
            self.heat[(self.row, self.cell)] = int(self.text)
    def handle_data(self, data):
        self.text += data

p = Page()
p.feed(open(sys.argv[1], encoding="utf-8").read())
assert not p.stack, p.stack
assert p.svgs == 1, p.svgs
for h in ("Gantt chart", "Interdepartmental collaboration", "Timeframe",
          "Critical path", "Findings of check"):
    assert h in p.h2, (h, p.h2)
# the columns sales, shop, ship in id order (the header row has no td)
assert p.heat == {("sales", 2): 1, ("sales", 3): 1, ("shop", 3): 1}, p.heat
EOF
expect 0 "$opflow" report --html "$tmp/chain.opflow" --ignore negative-lag \
	--ignore high-float
contains out "<p>No other findings.</p>"
contains out "<p>2 findings of the kinds of --ignore left out.</p>"
# simulated: the lead time's histogram, every iteration in a bin (the
# durations are fixed: all 200 lead times are 10, in one bin)
expect 0 "$opflow" report --html "$tmp/chain.opflow" --iterations 200 --bins 8
cp "$tmp/out" "$tmp/sim.html"
contains sim.html "<h2>Monte Carlo simulation: 200 iterations, triangular durations, seed 0</h2>"
[ "$(grep -c '<rect class="bin"' "$tmp/sim.html")" -eq 16 ] ||
	fail "not 8 bins for each of the two measures"
grep -o 'class="histogram"' "$tmp/sim.html" | wc -l | grep -qx 2 ||
	fail "not two histograms"
grep -o '<rect class="bin"[^>]*data-count="[0-9]*"' "$tmp/sim.html" |
	sed -n '1,8s/.*data-count="\([0-9]*\)"/\1/p' | tr '\n' ' ' |
	grep -qx '0 0 0 0 0 0 0 200 ' ||
	fail "the lead times are not all in the last bin"
# a dated chain: its page without PERT figures, its times as dates
expect 0 "$opflow" report --html "$ex/plant_shifts.opflow"
contains out "a dated analysis has no PERT figures"
# usage errors
expect 2 "$opflow" report --html --json "$tmp/chain.opflow"
has err "opflow: --html goes with report, without --json"
expect 2 "$opflow" check --html "$tmp/chain.opflow"
has err "opflow: --html goes with report, without --json"
expect 2 "$opflow" report --html "$tmp/chain.opflow" --seed 3
has err "opflow: --seed goes with simulate (or with report --html --iterations N)"
# input errors: nothing on standard output
printf 'opflow 1\nactivity a\nactivity b duration=oops\n' > "$tmp/bad.opflow"
expect 1 "$opflow" report --html "$tmp/bad.opflow"
[ -s "$tmp/out" ] && fail "a page for a file that does not load"
# a simulation refused (a dated chain): nothing written, not half a page
expect 1 "$opflow" report --html "$ex/plant_shifts.opflow" --iterations 100
contains err "a dated graph is not simulated"
[ -s "$tmp/out" ] && fail "half a page for a simulation refused"

# what README.md shows of the bicycle maker
"$opflow" gantt "$ex/bicycle.opflow" > "$tmp/bicycle.svg"
sed -n 3p "$tmp/bicycle.svg" > "$tmp/line3"
grep -qxF -- "$(cat "$tmp/line3")" "$top_srcdir/README.md" ||
	fail "README.md does not show the third line of the Gantt chart: $(cat "$tmp/line3")"
expect 0 "$opflow" report --html "$ex/bicycle.opflow" --deadline 120
contains out '<p class="verdict">finishes at 125; late by 5</p>'

# --- in a browser
chromium=
for c in chromium chromium-browser google-chrome; do
	if command -v "$c" >/dev/null 2>&1; then
		chromium=$c
		break
	fi
done
if [ -z "$chromium" ]; then
	if [ "${OPFLOW_REQUIRE_CHROMIUM:-0}" = 1 ]; then
		fail "no Chromium, and OPFLOW_REQUIRE_CHROMIUM=1"
	else
		echo "SKIP: the page in a browser (no chromium)"
	fi
else
	page=$(cd "$tmp" && pwd)/sim.html
	# as root, Chromium runs only without its sandbox
	run_chromium() {
		"$chromium" --headless --no-sandbox --disable-gpu \
			--hide-scrollbars --no-first-run \
			--user-data-dir="$(cd "$tmp" && pwd)/profile" "$@" \
			2>>"$tmp/chromium.log"
	}
	run_chromium --dump-dom "file://$page" > "$tmp/dom.html" ||
		fail "chromium cannot read the page: $(tail -3 "$tmp/chromium.log")"
	# the DOM as the browser built it: both SVG pictures kept, the
	# histograms' bars and the heat table's cells, the text laid out
	"$py" - "$tmp/dom.html" <<'EOF' || fail "the browser's DOM is not the page's"
import sys
from html.parser import HTMLParser

class Dom(HTMLParser):
    def __init__(self):
        super().__init__()
        self.count = {}
        self.bins = 0
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        key = (tag, a.get("class"))
        self.count[key] = self.count.get(key, 0) + 1
        if tag == "rect" and a.get("class") == "bin":
            self.bins += int(a["data-count"])

d = Dom()
d.feed(open(sys.argv[1], encoding="utf-8").read())
c = d.count
assert c.get(("svg", None), 0) == 1, c          # the Gantt chart
assert c.get(("svg", "histogram"), 0) == 2, c
assert c.get(("table", "heat"), 0) == 1, c
assert c.get(("rect", "bar critical"), 0) == 4, c
assert d.bins == 400, d.bins                    # 200 lead times, 200 spans
assert c.get(("script", None), 0) == 0, c
EOF
	# the Gantt chart alone, as the browser reads an SVG file
	run_chromium --dump-dom "file://$(cd "$tmp" && pwd)/bicycle.svg" \
		> "$tmp/svgdom.html" ||
		fail "chromium cannot read the Gantt chart"
	[ "$(grep -o '<rect class="bar' "$tmp/svgdom.html" | wc -l)" -eq 48 ] ||
		fail "the browser does not see the 48 bars of the Gantt chart"
	printf '<!DOCTYPE html>\n<html><body></body></html>\n' > "$tmp/empty.html"
	for f in sim.html bicycle.svg empty.html; do
		rm -f "$tmp/$f.png"
		run_chromium --window-size=1280,2000 \
			--screenshot="$(cd "$tmp" && pwd)/$f.png" \
			"file://$(cd "$tmp" && pwd)/$f" > /dev/null ||
			fail "chromium cannot take a screenshot of $f"
	done
	"$py" - "$tmp/sim.html.png" "$tmp/bicycle.svg.png" \
		"$tmp/empty.html.png" <<'EOF' || fail "the screenshots are not of drawn pictures"
import struct, sys, os
def size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", head[16:24])
empty = os.path.getsize(sys.argv[3])
for shot in sys.argv[1:3]:
    assert size(shot) == (1280, 2000), (shot, size(shot))
    # what is drawn weighs: it compresses far worse than a blank page
    assert os.path.getsize(shot) > 4 * empty, (shot, os.path.getsize(shot), empty)
    assert os.path.getsize(shot) > 20000, (shot, os.path.getsize(shot))
EOF
fi

[ "$failures" -eq 0 ] || exit 1
exit 0
