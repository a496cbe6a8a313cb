#!/bin/sh
# run.sh - fuzzes every input path for FUZZ_SECONDS (60) seconds each:
#   load   the .opflow reader and the whole pipeline after it
#          (tests/fuzz/fuzz_load.c, libFuzzer with ASan and UBSan);
#   tool   the opflow tool's commands and options, in-process
#          (tests/fuzz/fuzz_tool.c over tools/opflow.c, likewise);
#   python the Python bindings' loader (tests/python/fuzz_load.py, a
#          mutation fuzzer) over the library built with $CC's ASan and
#          UBSan, the ASan runtime preloaded into Python.
# Each starts from its corpus in tests/fuzz/corpus/TARGET (the reader's
# also from the examples); libFuzzer's new inputs are left in
# $builddir/fuzz-run/TARGET/corpus, to be minimised with -merge=1 into
# the committed corpus.  Anything found is left in
# $builddir/fuzz-run/TARGET/findings and makes the run fail; add it to
# the corpus once fixed.
# Usage: tests/fuzz/run.sh [SECONDS [TARGET...]]   (from the build
# directory; FUZZ_CC names the compiler with libFuzzer, clang by default)
set -eu
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${abs_top_builddir:=$(pwd)}"
seconds=${1:-${FUZZ_SECONDS:-60}}
[ $# -gt 0 ] && shift
targets=${*:-load tool python}
fcc=${FUZZ_CC:-clang}
src=$abs_top_srcdir
out=$abs_top_builddir/fuzz-run
flags="-g -O1 -fno-omit-frame-pointer -ffp-contract=off -DOPFLOW_BUILDING
	-I$src/include -I$src/lib -I$abs_top_builddir"
status=0

# libfuzz TARGET SOURCES...: builds and runs one libFuzzer target
libfuzz() {
	t=$1
	shift
	mkdir -p "$out/$t/corpus" "$out/$t/findings"
	# shellcheck disable=SC2086
	"$fcc" $flags -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all "$src"/lib/*.c "$@" \
		-o "$out/$t/fuzz_$t" -lm -pthread
	cat "$src/tests/fuzz/opflow.dict" > "$out/$t/dict"
	[ "$t" = tool ] && cat "$src/tests/fuzz/tool.dict" >> "$out/$t/dict"
	seeds=$src/tests/fuzz/corpus/$t
	[ "$t" = load ] && seeds="$seeds $src/examples"
	echo "== fuzz_$t for $seconds s"
	# shellcheck disable=SC2086
	(cd "$out/$t/findings" && "$out/$t/fuzz_$t" \
		-max_total_time="$seconds" -max_len=8192 -timeout=20 \
		-dict="$out/$t/dict" -print_final_stats=1 \
		-artifact_prefix="$out/$t/findings/" \
		"$out/$t/corpus" $seeds) || status=1
}

for t in $targets; do
	case $t in
	load)
		libfuzz load "$src/tests/fuzz/fuzz_load.c" ;;
	tool)
		libfuzz tool -DOPFLOW_TOOL_NO_MAIN "$src/tools/opflow.c" \
			"$src/tools/html.c" \
			"$src/tests/fuzz/fuzz_tool.c" ;;
	python)
		cc=${CC:-cc}
		python=${PYTHON3:-python3}
		if [ "$python" = no ] || ! command -v "$python" >/dev/null; then
			echo "== fuzz_load.py skipped: no Python 3"
			continue
		fi
		mkdir -p "$out/python/findings"
		# shellcheck disable=SC2086
		$cc $flags -fPIC -shared -fsanitize=address,undefined \
			-fno-sanitize-recover=all -fvisibility=hidden \
			-Wl,--version-script="$src/lib/opflow.map" \
			-Wl,-soname,libopflow.so.1 "$src"/lib/*.c \
			-o "$out/python/libopflow.so.1" -lm -pthread
		asan=$($cc -print-file-name=libasan.so)
		if [ ! -f "$asan" ]; then
			# clang: its own runtime
			asan=$($cc -print-runtime-dir 2>/dev/null)/libclang_rt.asan-$(uname -m).so
		fi
		[ -f "$asan" ] || { echo "run.sh: no ASan runtime for $cc" >&2; exit 1; }
		echo "== fuzz_load.py for $seconds s"
		# Python's own objects through malloc, so that ASan guards the
		# buffers handed to the library too
		env LD_PRELOAD="$asan" PYTHONMALLOC=malloc \
			ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
			UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
			OPFLOW_LIBRARY="$out/python/libopflow.so.1" \
			PYTHONDONTWRITEBYTECODE=1 \
			"$python" "$src/tests/python/fuzz_load.py" \
			--seconds "$seconds" --findings "$out/python/findings" \
			--dict "$src/tests/fuzz/opflow.dict" \
			"$src/tests/fuzz/corpus/load" "$src/examples" || status=1 ;;
	*)
		echo "run.sh: unknown target $t (load, tool or python)" >&2
		exit 2 ;;
	esac
done
exit $status
