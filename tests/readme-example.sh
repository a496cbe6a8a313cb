#!/bin/sh
# The C example of README.md compiles without warnings and prints the lead
# time its comment promises.  Built with the library's sanitizers
# (SANITIZER_CFLAGS, from make check) when the library has them.
set -eu
out=readme-example.out
src=readme-example.c
awk '/^```c$/ { f = 1; next } /^```$/ { f = 0 } f' \
	"$top_srcdir/README.md" > "$src"
test -s "$src" || { echo "no C example in README.md"; exit 1; }
# shellcheck disable=SC2086
$CC -std=c99 -Wall -Wextra -Werror ${SANITIZER_CFLAGS:-} \
	-I"$top_srcdir/include" -o readme-example \
	"$src" "$abs_top_builddir/lib/.libs/libopflow.so" \
	-Wl,-rpath,"$abs_top_builddir/lib/.libs"
./readme-example > "$out"
grep -qx 'lead time 16' "$out" || { cat "$out"; exit 1; }
rm -f readme-example "$src" "$out"
