#!/bin/bash
# The transmit cost of each compression method, nlppp.ko against the
# kernel's own ppp_generic + ppp_async with ppp_deflate, ppp_mppe and slhc
# (VJ), in one VM run on the same packets (tests/vm/comp_bench.c): packets/s,
# CPU per packet, the method's own CPU per packet and wire bytes per input
# byte, with ratios. Not a test: numbers only (make bench-vm).
# About 2.5 min of guest time: 10 cases x 2 planes x 3 transmit runs of 1.5 s,
# then 3 receive runs each.
cd "$(dirname "$0")/../.." || exit 1
. tests/vm/lib.sh
require_vm

BIN=$NLVM_REPO/build/kmod-vm/comp_bench
[ -x "$BIN" ] || { echo "no $BIN: make build/kmod-vm/comp_bench first"; echo "0 passed, 1 failed"; exit 1; }
mod_load ppp_generic ppp_async ppp_deflate ppp_mppe slhc >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
nlppp_load 2>/dev/null || echo "nlppp.ko not loadable: reference numbers only"
# A receiver that wedges must not hold the VM for VM_TEST_TIMEOUT.
timeout -k 5 400 "$BIN" 1.5 3
rc=$?
[ $rc = 0 ] && echo "0 passed, 0 failed" || echo "0 passed, 1 failed"
