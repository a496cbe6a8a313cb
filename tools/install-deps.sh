#!/bin/sh
# install-deps.sh - installs, on Debian or Ubuntu, whatever building
# libopflow and running its whole test suite needs and the machine lacks.
# Run as root (or with sudo available).  Extra package names may be given
# as arguments.
set -eu

# The optional Python packages are only for the tests of the bindings'
# pandas, networkx and matplotlib bridges and of examples/fleet.py, and
# Chromium for the test that renders `opflow report --html` in a browser
# (tests/page.sh); those tests skip themselves without them, and the
# library and bindings never need them.
packages="gcc g++ make autoconf automake libtool pkgconf check python3 \
mandoc valgrind binutils python3-pandas python3-networkx python3-matplotlib \
python3-dask chromium $*"

missing=
for p in $packages; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

echo "install-deps: installing:$missing"
if [ "$(id -u)" -eq 0 ]; then
	run=
elif command -v sudo >/dev/null 2>&1; then
	run=sudo
else
	echo "install-deps: run as root: apt-get install$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$run apt-get update -qq
# shellcheck disable=SC2086
$run apt-get install -y -qq --no-install-recommends $missing >/dev/null
