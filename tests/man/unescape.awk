# unescape.awk - the mdoc escapes the man pages' displays use, undone:
# unescape(s) returns s as a reader sees it; an escape it does not know
# becomes "?" and is added to the global "bad".  Prepended to the awk
# programs of tests/man (see $unescape_awk in common.sh).
function unescape(s,    out, c, n, i) {
	out = ""
	n = length(s)
	for (i = 1; i <= n; i++) {
		c = substr(s, i, 1)
		if (c != "\\") {
			out = out c
			continue
		}
		c = substr(s, ++i, 1)
		if (c == "e") out = out "\\"
		else if (c == "-") out = out "-"
		else if (c == "&") out = out ""
		else if (c == "(") {
			c = substr(s, i + 1, 2)
			i += 2
			if (c == "aq") out = out "\047"
			else if (c == "dq") out = out "\""
			else if (c == "ti") out = out "~"
			else if (c == "ha") out = out "^"
			else if (c == "ga") out = out "`"
			else if (c == "pc") out = out "\302\267"
			else if (c == "rs") out = out "\\"
			else if (c == ":u") out = out "\303\274"
			else if (c == "em") out = out "\342\200\224"
			else { bad = bad " \\(" c; out = out "?" }
		} else { bad = bad " \\" c; out = out "?" }
	}
	return out
}
