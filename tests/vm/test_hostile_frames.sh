#!/bin/bash
# A million hostile frames per framing through the nlppp line discipline:
# random bytes, truncated and oversize frames, bad FCS, bad escapes, aborts,
# runts and bad headers (async HDLC); for sync framing, the kinds a byte
# stream can carry (see nlppp_api_test.c). No oops or warning (run.sh reads
# the kernel log), and the link's counters account for every frame exactly.
# HOSTILE_FRAMES overrides the count.
cd "$(dirname "$0")/../.." || exit 1
. tests/vm/lib.sh
require_vm

API=$(nlppp_api_bin) || { echo "0 passed, 1 failed"; exit 1; }
N=${HOSTILE_FRAMES:-1000000}

CURRENT=load
rmmod nlppp 2>/dev/null
check "insmod nlppp.ko" nlppp_load

for framing in async sync; do
	CURRENT=$framing
	"$API" hostile $framing "$N" > "$WORK/$framing.out" 2>&1
	rc=$?
	grep -vE '^[0-9]+ passed, [0-9]+ failed' "$WORK/$framing.out"
	read -r p _ f _ < <(grep -E '^[0-9]+ passed, [0-9]+ failed' "$WORK/$framing.out" | tail -1)
	T_PASS=$((T_PASS + ${p:-0})) T_FAIL=$((T_FAIL + ${f:-0}))
	[ -n "${p:-}" ] && [ "$rc" -le 1 ] || fail "nlppp_api_test hostile $framing did not finish (exit $rc)"
done

CURRENT=unload
check "rmmod nlppp" wait_for 10 rmmod nlppp
finish
