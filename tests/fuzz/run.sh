#!/bin/sh
# run.sh - builds the loader's fuzz target with libFuzzer, ASan and UBSan
# and fuzzes it for FUZZ_SECONDS (60) seconds from the corpus and the
# examples.  Anything it finds is left in $builddir/fuzz-findings and
# makes the run fail; add it to tests/fuzz/corpus once fixed.
# Usage: tests/fuzz/run.sh [SECONDS]   (from the build directory)
set -eu
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${abs_top_builddir:=$(pwd)}"
seconds=${1:-${FUZZ_SECONDS:-60}}
cc=${FUZZ_CC:-clang}
out=$abs_top_builddir/fuzz-run
mkdir -p "$out/corpus" "$out/findings"
"$cc" -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-ffp-contract=off -DOPFLOW_BUILDING -I"$abs_top_srcdir/include" \
	-I"$abs_top_srcdir/lib" -I"$abs_top_builddir" \
	"$abs_top_srcdir"/lib/*.c "$abs_top_srcdir/tests/fuzz/fuzz_load.c" \
	-o "$out/fuzz_load" -lm -pthread
cp "$abs_top_srcdir"/tests/fuzz/corpus/* "$abs_top_srcdir"/examples/*.opflow \
	"$out/corpus/"
cd "$out/findings"
"$out/fuzz_load" -max_total_time="$seconds" -max_len=8192 \
	-dict="$abs_top_srcdir/tests/fuzz/opflow.dict" -print_final_stats=1 \
	"$out/corpus"
