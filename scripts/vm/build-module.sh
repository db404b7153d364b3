#!/bin/sh
# Build kmod/nlppp.ko against the guest kernel's headers and record the
# outcome as "kmod_build passed failed" in RESULTS. Does nothing (and records
# nothing) until kmod/Kbuild exists. A failed build removes stale .ko files
# so no test can load an old module by mistake.
# Usage: scripts/vm/build-module.sh KVER [RESULTS]
set -u
cd "$(dirname "$0")/../.." || exit 1
kver=${1:?usage: build-module.sh KVER [RESULTS]}
results=${2:-}
record() { [ -z "$results" ] || { mkdir -p "$(dirname "$results")"; echo "kmod_build $1 $2" >> "$results"; }; }

if [ ! -f kmod/Kbuild ]; then
	echo "vm: no kmod/Kbuild yet, not building the module"
	exit 0
fi
if [ ! -d "/lib/modules/$kver/build" ]; then
	echo "vm: no /lib/modules/$kver/build: install linux-headers-$kver"
	record 0 1; exit 1
fi
if make -C "/lib/modules/$kver/build" M="$(pwd -P)/kmod" modules; then
	record 1 0
else
	rm -f kmod/*.ko
	echo "vm: nlppp.ko did not build for $kver"
	record 0 1; exit 1
fi
