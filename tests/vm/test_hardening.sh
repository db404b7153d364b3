#!/bin/bash
# The module's answers to issue 8 ("Hardening"), one behaviour each, driven
# by `nlppp_api_test hardening`: a link MRU whose frames would overflow a
# netlink attribute is refused and the largest allowed frame reaches the
# owner whole; setting the line discipline takes CAP_NET_ADMIN; a cookie
# claims its link only from the netns the tty was set up in; control frames
# reach only the socket that claimed the link, never a newcomer that bound
# its port id after it closed; a sync frame no write can take is dropped
# and counted instead of blocking the link.
cd "$(dirname "$0")/../.." || exit 1
. tests/vm/lib.sh
require_vm

API=$(nlppp_api_bin) || { echo "0 passed, 1 failed"; exit 1; }

CURRENT=load
rmmod nlppp 2>/dev/null
check "insmod nlppp.ko" nlppp_load

CURRENT=hardening
"$API" hardening > "$WORK/h.out" 2>&1
rc=$?
grep -vE '^[0-9]+ passed, [0-9]+ failed' "$WORK/h.out"
read -r p _ f _ < <(grep -E '^[0-9]+ passed, [0-9]+ failed' "$WORK/h.out" | tail -1)
T_PASS=$((T_PASS + ${p:-0})) T_FAIL=$((T_FAIL + ${f:-0}))
[ -n "${p:-}" ] && [ "$rc" -le 1 ] || fail "nlppp_api_test hardening did not finish (exit $rc)"

CURRENT=unload
check "rmmod nlppp" wait_for 10 rmmod nlppp
finish
