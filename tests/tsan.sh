#!/bin/sh
# tests/tsan.sh - tests/check_threads.c against the library, both built
# with ThreadSanitizer; fails on any report.  Skips (77) when the compiler
# cannot build or run a -fsanitize=thread program here, unless
# OPFLOW_REQUIRE_TSAN=1 (as in CI): then that fails too.  Where a
# ThreadSanitizer program cannot run with the kernel's address-space
# randomization (more random bits than it supports), it runs without
# (setarch -R).
#
# Run by `make check` with top_srcdir, top_builddir (and their abs_
# forms) and CC in the environment; writes only into the build tree.

set -u

# skip REASON: skipped, or failed when ThreadSanitizer is required
skip() {
	if [ "${OPFLOW_REQUIRE_TSAN:-0}" = 1 ]; then
		echo "tsan.sh: $1; failing (OPFLOW_REQUIRE_TSAN=1)"
		exit 1
	fi
	echo "tsan.sh: $1; skipping"
	exit 77
}

srcdir=${abs_top_srcdir:-${top_srcdir:-.}}
builddir=${abs_top_builddir:-${top_builddir:-.}}
cc=${CC:-cc}
out=$builddir/tests
prog=$out/tsan_check_threads
report=$out/tsan_report.txt
tsan_flags="-fsanitize=thread -g -O1 -pthread"

mkdir -p "$out" || exit 99

if ! check_flags=$(pkg-config --cflags --libs check 2>/dev/null); then
	skip "pkg-config does not know check"
fi

# Can this compiler build and run a ThreadSanitizer program at all?
cat > "$out/tsan_probe.c" <<'EOF'
#include <pthread.h>
static int value;
static void *work(void *p) { (void)p; value = 1; return 0; }
int main(void)
{
	pthread_t t;

	if (pthread_create(&t, 0, work, 0))
		return 1;
	pthread_join(t, 0);
	return value == 1 ? 0 : 1;
}
EOF
# shellcheck disable=SC2086
if ! $cc $tsan_flags -o "$out/tsan_probe" "$out/tsan_probe.c" \
	> /dev/null 2>&1; then
	rm -f "$out/tsan_probe" "$out/tsan_probe.c"
	skip "$cc cannot build with -fsanitize=thread"
fi
run=
if ! "$out/tsan_probe" > /dev/null 2>&1; then
	run="setarch $(uname -m) -R"
	if ! $run "$out/tsan_probe" > /dev/null 2>&1; then
		rm -f "$out/tsan_probe" "$out/tsan_probe.c"
		skip "ThreadSanitizer programs do not run here"
	fi
	echo "tsan.sh: running without address-space randomization ($run)"
fi
rm -f "$out/tsan_probe" "$out/tsan_probe.c"

# The library from its sources (config.h comes from the build tree),
# with the test and its helpers.
# shellcheck disable=SC2086
if ! $cc $tsan_flags -ffp-contract=off -DOPFLOW_BUILDING \
	-I"$srcdir/include" -I"$srcdir/lib" -I"$builddir" \
	-o "$prog" "$srcdir"/lib/*.c "$srcdir/tests/check_threads.c" \
	"$srcdir/tests/analysis_util.c" -I"$srcdir/tests" \
	$check_flags -lm; then
	echo "tsan.sh: building $prog failed"
	exit 1
fi

rm -f "$report"
TSAN_OPTIONS="halt_on_error=0 exitcode=66 ${TSAN_OPTIONS:-}" \
	CK_FORK=no $run "$prog" > "$report" 2>&1
rc=$?
cat "$report"
if grep -q 'ThreadSanitizer' "$report"; then
	echo "tsan.sh: ThreadSanitizer reported a problem (see above)"
	exit 1
fi
if [ "$rc" -ne 0 ]; then
	echo "tsan.sh: $prog exited with $rc"
	exit 1
fi
exit 0
