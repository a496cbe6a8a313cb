#!/bin/sh
# opflow(1) documents the tool as it is: every command and every option
# that "opflow --help" lists has its item in the page (.It Cm COMMAND,
# .It Fl \-OPTION), the page names no long option the tool lacks, and
# the outputs its EXAMPLES show are what the tool prints.  An example is
# a literal display whose first line is "$ COMMAND" (continued by lines
# ending in a backslash) and whose other lines, none of them another
# "$ COMMAND", are the expected output, standard error included; a last
# line "..." stands for the rest.  It runs in a directory holding
# chain.opflow, the display of EXAMPLES that starts with "opflow 1", and
# examples/ from the tree; an example that needs a program which is not
# installed is skipped.

: "${top_srcdir:?}" "${abs_top_builddir:?}"
. "$top_srcdir/tests/man/common.sh"
page=$top_srcdir/man/man1/opflow.1
tools=$abs_top_builddir/tools

if test ! -x "$tools/opflow"; then
	echo "opflow1: $tools/opflow is missing; build the tool first" >&2
	exit 99
fi
srcdir=$(cd "$top_srcdir" && pwd) || exit 99

man_work opflow1
mkdir -p "$work/run" || exit 99

# --- commands and options
if ! "$tools/opflow" --help > "$work/help"; then
	fail "opflow --help exits with failure"
	exit 1
fi
commands=$(sed -n '/^commands:/,/^$/s/^  \([a-z][a-z]*\)  .*/\1/p' "$work/help")
options=$(sed -n '/^options:/,/^$/s/^  \(--[a-z-]*\).*/\1/p' "$work/help")
test -n "$commands" || fail "no command read from opflow --help"
test -n "$options" || fail "no option read from opflow --help"
for cmd in $commands; do
	grep -Eq "^\\.It Cm $cmd\$" "$page" ||
		fail "opflow.1 has no item '.It Cm $cmd' for the command $cmd"
done
for opt in $options; do
	name=${opt#--}
	grep -Eq "^\\.It Fl \\\\-$name( |\$)" "$page" ||
		fail "opflow.1 has no item '.It Fl \\-$name' for the option $opt"
done
for name in $(grep -o 'Fl \\-[a-z][a-z-]*' "$page" | sed 's/^Fl \\-//' |
    sort -u); do
	printf '%s\n' "$options" | grep -qx -- "--$name" ||
		fail "opflow.1 documents --$name, which opflow --help does not list"
done

# --- the EXAMPLES: chain.opflow, then every "$ command" display
awk -v dir="$work" "$unescape_awk"'
# a display of several commands shows no output to check
function more_commands(n,    i) {
	for (i = 2; i <= n; i++)
		if (text[i] ~ /^\$ /)
			return 1
	return 0
}
/^\.Sh / { section = substr($0, 5); next }
section != "EXAMPLES" { next }
/^\.Bd -literal/ { inside = 1; lines = 0; next }
/^\.Ed/ {
	if (inside && lines > 0) {
		if (text[1] == "opflow 1" && !chain) {
			chain = 1
			for (i = 1; i <= lines; i++)
				print text[i] > (dir "/run/chain.opflow")
		} else if (text[1] ~ /^\$ / && !more_commands(lines)) {
			file = dir "/example." ++count
			for (i = 1; i <= lines; i++)
				print text[i] > file
			close(file)
		}
	}
	inside = 0
	next
}
inside { text[++lines] = unescape($0) }
END {
	if (bad) print "FAIL: opflow.1: an unknown escape in EXAMPLES"
	if (!chain) print "FAIL: opflow.1: no chain.opflow in EXAMPLES"
}' "$page" > "$work/extract.log"
if test -s "$work/extract.log"; then
	cat "$work/extract.log"
	status=1
fi
ln -s "$srcdir/examples" "$work/run/examples"

run=0
for example in "$work"/example.*; do
	test -f "$example" || continue
	# the command: the first line and its continuations
	awk '
	NR == 1 { sub(/^\$ /, "") }
	cmd == 0 {
		line = $0
		if (sub(/\\$/, "", line)) { printf "%s", line; next }
		print line
		cmd = 1
	}' "$example" > "$example.cmd"
	n=$(awk '{ if (more) n++ } !/\\$/ { more = 1 } END { print n + 0 }' \
		"$example")
	test "$n" -gt 0 || continue        # no output shown
	tail -n "$n" "$example" > "$example.want"
	missing=
	for prog in $(tr '|' '\n' < "$example.cmd" | awk '{ print $1 }'); do
		case $prog in
		opflow) ;;
		*) command -v "$prog" > /dev/null 2>&1 || missing=$prog ;;
		esac
	done
	if test -n "$missing"; then
		echo "skip: $(cat "$example.cmd") ($missing is not installed)"
		continue
	fi
	cmd=$(cat "$example.cmd")
	(cd "$work/run" && PATH="$tools:$PATH" sh -c "$cmd") \
		> "$example.got" 2>&1
	tr -d '\r' < "$example.got" > "$example.out"
	if test "$(tail -n 1 "$example.want")" = "..."; then
		keep=$(($(wc -l < "$example.want") - 1))
		head -n "$keep" "$example.want" > "$example.cmp"
		head -n "$keep" "$example.out" > "$example.out.cmp"
	else
		cp "$example.want" "$example.cmp"
		cp "$example.out" "$example.out.cmp"
	fi
	if cmp -s "$example.cmp" "$example.out.cmp"; then
		echo "ok: $(cat "$example.cmd")"
		run=$((run + 1))
	else
		fail "opflow.1 shows another output for: $(cat "$example.cmd")"
		diff "$example.cmp" "$example.out.cmp" | sed 's/^/  /'
	fi
done
test "$run" -gt 0 || fail "no example of opflow.1 was run"
echo "$(echo $commands | wc -w) commands, $(echo $options | wc -w) options, $run examples checked"
exit $status
