#!/bin/sh
# opflow(5) documents the format as the library reads and writes it:
#  - every statement keyword and every attribute that the writer emits
#    for the files of examples/ has its item in the page (.It Cm KEYWORD,
#    Cm NAME Ns =);
#  - every attribute the page documents is used by the example file of
#    its EXAMPLES (the first display there that starts with "opflow 1"),
#    so that the example shows every feature;
#  - every display of the page that starts with "opflow 1" loads;
#  - the writer writes the example file back exactly as the canonical
#    form the page shows (the next such display of EXAMPLES);
#  - the files of examples/ that EXAMPLES describes (.It Pa NAME.opflow)
#    have the numbers of departments, activities and flows, and the lead
#    time, that the page gives them.
# The writer is reached through a small program compiled against the
# in-tree header and library, as tests/man/examples.sh does.

: "${top_srcdir:?}" "${abs_top_builddir:?}" "${OPFLOW_LIBRARY:?}"
. "$top_srcdir/tests/man/common.sh"
opflow=$abs_top_builddir/tools/opflow
page=$top_srcdir/man/man5/opflow.5

if test ! -f "$OPFLOW_LIBRARY" || test ! -x "$opflow"; then
	echo "opflow5: build the library and the tool first" >&2
	exit 99
fi
man_library

man_work opflow5


# save FILE: the canonical text of FILE, or its error
cat > "$work/save.c" <<'EOF'
#include <opflow.h>
#include <stdio.h>
#include <stdlib.h>

int
main(int argc, char **argv)
{
	opflow_graph *graph;
	char *text;

	if (argc != 2 || opflow_graph_load_path(&graph, argv[1]) != 0 ||
	    opflow_graph_save_buffer(&text, NULL, graph) != 0) {
		fprintf(stderr, "%s:%zu:%zu: %s\n", argc > 1 ? argv[1] : "?",
		    opflow_error_line(), opflow_error_column(),
		    opflow_error_message());
		return EXIT_FAILURE;
	}
	fputs(text, stdout);
	opflow_free(text);
	opflow_graph_free(graph);
	return EXIT_SUCCESS;
}
EOF
if ! $CC -std=c99 -Wall -Wextra -Werror $sanitize -I"$top_srcdir/include" \
    -o "$work/save" "$work/save.c" "$OPFLOW_LIBRARY" \
    -Wl,-rpath,"$libdir" -lm; then
	echo "FAIL: the saving program does not compile"
	exit 1
fi

# --- what the writer emits for the files of the tree
for file in "$top_srcdir"/examples/*.opflow; do
	if ! "$work/save" "$file" > "$work/saved"; then
		fail "$file does not load"
		continue
	fi
	# quoted strings out of the way, then keywords and attribute names
	sed -E 's/"([^"\\]|\\.)*"/""/g' "$work/saved" > "$work/bare"
	awk 'NF { print $1 }' "$work/bare" >> "$work/keywords"
	tr ' ' '\n' < "$work/bare" | sed -n 's/^\([a-z-]*\)=.*/\1/p' \
		>> "$work/attributes"
done
keywords=$(sort -u "$work/keywords")
attributes=$(sort -u "$work/attributes")
for kw in $keywords; do
	case $kw in
	opflow) grep -q '^\.Cm opflow' "$page" ||
		fail "opflow.5 does not document the version line 'opflow'" ;;
	*) grep -Eq "^\\.It Cm $kw( |\$)" "$page" ||
		fail "opflow.5 has no item '.It Cm $kw' for the statement $kw" ;;
	esac
done
for attr in $attributes; do
	grep -q "Cm $attr Ns =" "$page" ||
		fail "opflow.5 does not document the attribute $attr="
done

# --- the displays: those that start with "opflow 1", unescaped
awk -v dir="$work" "$unescape_awk"'
/^\.Sh / { section = substr($0, 5); next }
/^\.Bd -literal/ { inside = 1; lines = 0; next }
/^\.Ed/ {
	if (inside && lines > 0 && text[1] == "opflow 1") {
		name = section == "EXAMPLES" ? "example." ++examples \
		                             : "display." ++displays
		for (i = 1; i <= lines; i++)
			print text[i] > (dir "/" name)
		close(dir "/" name)
	}
	inside = 0
	next
}
inside { text[++lines] = unescape($0) }
END {
	if (bad != "") {
		print "FAIL: opflow.5: unknown escapes:" bad
		exit 1
	}
}' "$page" || status=1

for display in "$work"/display.* "$work"/example.*; do
	test -f "$display" || continue
	"$work/save" "$display" > /dev/null ||
		fail "a display of opflow.5 that starts with 'opflow 1' does not load"
done
if test ! -f "$work/example.1" || test ! -f "$work/example.2"; then
	fail "opflow.5 lacks the example file and its canonical form in EXAMPLES"
	exit 1
fi

for attr in $(grep -o 'Cm [a-z-]* Ns =' "$page" | awk '{ print $2 }' |
    sort -u); do
	grep -q " $attr=" "$work/example.1" ||
		fail "the example of opflow.5 does not use the attribute $attr="
done
for kw in department activity flow; do
	grep -q "^$kw " "$work/example.1" ||
		fail "the example of opflow.5 has no $kw statement"
done

"$work/save" "$work/example.1" > "$work/canonical"
if cmp -s "$work/canonical" "$work/example.2"; then
	echo "ok: the example of opflow.5 is written back as the page shows"
else
	fail "the writer does not write the example of opflow.5 as the page shows"
	diff "$work/example.2" "$work/canonical" | sed 's/^/  /'
fi
# and the canonical form is a fixed point
"$work/save" "$work/example.2" > "$work/again"
cmp -s "$work/again" "$work/example.2" ||
	fail "the canonical form of opflow.5 is not written back unchanged"

# --- the files of the tree, as EXAMPLES describes them
awk '
/^\.Sh / { section = substr($0, 5) }
section != "EXAMPLES" { next }
/^\.It Pa [a-z]*\.opflow$/ { flush(); name = $3; text = ""; next }
/^\.(It|El)/ { flush(); next }
name != "" { text = text " " $0 }
function flush(    d, a, f, t) {
	if (name == "")
		return
	if (match(text, /[0-9]+ departments/))
		d = substr(text, RSTART, RLENGTH - 12)
	if (match(text, /[0-9]+ activities/))
		a = substr(text, RSTART, RLENGTH - 11)
	if (match(text, /[0-9]+ flows/))
		f = substr(text, RSTART, RLENGTH - 6)
	if (match(text, /lead time is [0-9.]*[0-9]/))
		t = substr(text, RSTART + 13, RLENGTH - 13)
	print name, d, a, f, t
	name = ""
}' "$page" > "$work/files"
test -s "$work/files" || fail "opflow.5 describes no file of examples/"
while read -r name departments activities flows lead; do
	file=$top_srcdir/examples/$name
	if test -z "$lead" || ! "$opflow" report --json "$file" > "$work/json" ||
	    ! "$opflow" report "$file" > "$work/text"; then
		fail "opflow.5 describes $name, which cannot be checked"
		continue
	fi
	head -n 1 "$work/text" | grep -qF ": $activities activities, $flows flows, $departments departments" ||
		fail "opflow.5 says $name has $departments departments, $activities activities and $flows flows; the tool: $(head -n 1 "$work/text")"
	got=$(grep -o '"lead_time": [-0-9.e+]*' "$work/json" | sed 's/.*: //')
	frac=
	case $lead in *.*) frac=${lead#*.} ;; esac
	rounded=$(awk -v x="$got" -v d="${#frac}" \
		'BEGIN { printf("%." d "f\n", x) }')
	test "$rounded" = "$lead" ||
		fail "opflow.5 gives $name a lead time of $lead; the library: $got"
done < "$work/files"

echo "$(echo $keywords | wc -w) keywords, $(echo $attributes | wc -w) attributes, $(wc -l < "$work/files") files checked"
exit $status
