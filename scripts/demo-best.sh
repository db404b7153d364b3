#!/bin/sh
# make demo: the best data plane this machine allows. The kernel plane needs
# nlppp.ko loaded; a host that can load modules runs it directly, otherwise
# the demo runs in a qemu VM with Debian's kernel (no network card), and a
# machine with neither gets the user-space plane on the host.
set -u
cd "$(dirname "$0")/.." || exit 1
nlpppd=build/nlpppd
kver=$(ls /lib/modules 2>/dev/null | grep -vxF "$(uname -r)" | sort -V | tail -1)

if [ -e /proc/modules ] && [ -f kmod/nlppp.ko ] && { modprobe libarc4 2>/dev/null; insmod kmod/nlppp.ko 2>/dev/null; }; then
	DEMO_PLANE=kernel scripts/demo.sh "$nlpppd"; rc=$?
	rmmod nlppp 2>/dev/null
	exit $rc
fi
if [ -n "$kver" ] && [ -f kmod/nlppp.ko ] && command -v qemu-system-x86_64 >/dev/null; then
	echo "demo: this kernel cannot load modules; running the demo in a VM ($kver, qemu, no network card)"
	rm -rf build/vm/demo
	VM_OUT=build/vm/demo RESULTS=/dev/null KVER=$kver scripts/vm/run.sh tests/vm/demo_kernel.sh
	exit $?
fi
DEMO_PLANE=user DEMO_WHY="nlppp.ko cannot be loaded here" scripts/demo.sh "$nlpppd"
