# tests/shell-util.sh - what the shell tests share, sourced after they set
# tmp (their scratch directory): fail counts a failure, expect runs a
# command and checks its exit status, has and contains look into its
# output.
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
