#!/bin/sh
# Build kmod/nlppp.ko against the guest kernel's headers and record the
# outcome as "kmod_build passed failed" in RESULTS, and whether W=1 and
# sparse (C=2) found anything as "kmod_warnings passed failed". Does nothing (and records
# nothing) until kmod/Kbuild exists. A failed build removes stale .ko files
# so no test can load an old module by mistake.
# Usage: scripts/vm/build-module.sh KVER [RESULTS]
set -u
cd "$(dirname "$0")/../.." || exit 1
kver=${1:?usage: build-module.sh KVER [RESULTS]}
results=${2:-}
# record NAME PASSED FAILED
record() { [ -z "$results" ] || { mkdir -p "$(dirname "$results")"; echo "$1 $2 $3" >> "$results"; }; }

if [ ! -f kmod/Kbuild ]; then
	echo "vm: no kmod/Kbuild yet, not building the module"
	exit 0
fi
if [ ! -d "/lib/modules/$kver/build" ]; then
	echo "vm: no /lib/modules/$kver/build: install linux-headers-$kver"
	record kmod_build 0 1; exit 1
fi
# W=1 and, where sparse is installed, C=2 (every file through sparse): the
# module must build without a single warning from either.
extra=W=1
command -v sparse >/dev/null && extra="$extra C=2"
log=$(mktemp)
# shellcheck disable=SC2086
if make -C "/lib/modules/$kver/build" M="$(pwd -P)/kmod" $extra modules > "$log" 2>&1; then
	cat "$log"
	record kmod_build 1 0
	nwarn=$(grep -cE 'warning:|error:' "$log")
	if [ "$nwarn" = 0 ]; then
		echo "vm: nlppp.ko built with $extra: no warnings"
		record kmod_warnings 1 0
	else
		grep -E 'warning:|error:' "$log"
		echo "vm: nlppp.ko built with $extra: $nwarn warnings"
		record kmod_warnings 0 1
	fi
	rm -f "$log"
else
	cat "$log"; rm -f "$log"
	rm -f kmod/*.ko
	echo "vm: nlppp.ko did not build for $kver"
	record kmod_build 0 1; exit 1
fi
