#!/bin/bash
# The reference: two real pppd (2.4.9) on the Debian kernel's ppp_async, each
# in its own network namespace, A running B through `pty "ip netns exec B
# pppd notty"`. Proves the VM can do PPP at all (modules, /dev/ppp, ptys,
# writable lock/run dirs), and is the shape the nlpppd interop tests reuse.
cd "$(dirname "$0")/../.." || exit 1
. tests/vm/lib.sh
require_vm

NS_A=pa NS_B=pb
IP_A=10.88.0.1 IP_B=10.88.0.2

CURRENT=modules
check "modprobe ppp_async (with ppp_generic, slhc)" mod_load ppp_async
check "ppp_generic loaded" mod_loaded ppp_generic
check "/dev/ppp exists (devtmpfs)" test -c /dev/ppp
ns_add "$NS_A" "$NS_B" || { finish; exit 1; }

# ip-up/ip-down hooks record their arguments: pppd ran them on the right link.
for h in up down; do
	printf '#!/bin/sh\necho "$@" > %s/$(basename "$0").$1\n' "$WORK" > "$WORK/ip-$h"
	chmod 755 "$WORK/ip-$h"
done

# The host's /etc/ppp/options (auth, lock, crtscts, modem, lcp-echo-*) is
# read too, as a real user's would be; noauth overrides auth (we are root).
common="nodetach noauth debug maxfail 1 ip-up-script $WORK/ip-up ip-down-script $WORK/ip-down"
watch_log "$WORK/a.log" "$WORK/b.log"

CURRENT=link
ip netns exec "$NS_A" pppd $common unit 0 logfile "$WORK/a.log" $IP_A:$IP_B \
	pty "ip netns exec $NS_B pppd notty $common unit 1 noipdefault logfile $WORK/b.log" \
	> "$WORK/a.out" 2>&1 &
PID_A=$!
bg_track $PID_A

if wait_addr "$NS_A" $IP_A 60 && wait_addr "$NS_B" $IP_B 60; then
	ok "ppp0 in A has $IP_A, ppp1 in B has $IP_B"
else
	fail "link did not come up"
	save_artifact "$WORK/a.log" "$WORK/b.log" "$WORK/a.out"
	finish; exit 1
fi
PID_B=$(pgrep -o -f "^pppd notty .* unit 1 ")
check "pppd B runs in namespace B" test -n "$PID_B"
check "A's peer address is $IP_B" sh -c "ip -n $NS_A addr show ppp0 | grep -q 'peer $IP_B'"
check "ppp0 is A's only ppp interface" test "$(ppp_ifaces $NS_A)" = ppp0
check "ppp1 is B's only ppp interface" test "$(ppp_ifaces $NS_B)" = ppp1
check "ip-up ran in A with ppp0 and the addresses" wait_for 10 \
	grep -q "^ppp0 .* $IP_A $IP_B" "$WORK/ip-up.ppp0"
check "ip-up ran in B with ppp1 and the addresses" wait_for 10 \
	grep -q "^ppp1 .* $IP_B $IP_A" "$WORK/ip-up.ppp1"
check "pid files /run/ppp0.pid /run/ppp1.pid" test -f /run/ppp0.pid -a -f /run/ppp1.pid
check "kernel's ppp_async carries the link" sh -c "grep -q '^ppp_async .* [1-9]' /proc/modules"
if grep -q 'compression enabled' "$WORK/a.log"; then
	ok "CCP up: $(grep -o '[A-Za-z]* ([0-9]*) compression enabled' "$WORK/a.log" | head -1)"
else
	fail "CCP did not negotiate compression (ppp_deflate autoload through request_module?)"
fi

CURRENT=traffic
check "ping A->B" ping_ok "$NS_A" $IP_B
check "ping B->A" ping_ok "$NS_B" $IP_A
check "ping A->B, 1400 bytes" ping_ok "$NS_A" $IP_B "-s 1400"
if transfer "$NS_A" "$NS_B" $IP_B 1; then ok "1 MB A->B, SHA-256 matches ($XFER_RATE MB/s)"
else fail "1 MB A->B corrupted or incomplete"; fi
if transfer "$NS_B" "$NS_A" $IP_A 1; then ok "1 MB B->A, SHA-256 matches ($XFER_RATE MB/s)"
else fail "1 MB B->A corrupted or incomplete"; fi

CURRENT=teardown
kill -TERM $PID_A
if wait_gone 20 $PID_A; then
	wait $PID_A; st=$?
	if [ $st = 5 ]; then ok "A exits 5 (terminated by signal) on TERM"
	else fail "A exit status $st, want 5"; fi
else
	fail "A still running 20 s after TERM"
fi
check "B exits when A hangs up" wait_gone 20 "${PID_B:-0}"
check "ip-down ran in A" wait_for 10 test -f "$WORK/ip-down.ppp0"
check "ip-down ran in B" wait_for 10 test -f "$WORK/ip-down.ppp1"
check "no ppp interface left in A" test -z "$(ppp_ifaces $NS_A)"
check "no ppp interface left in B" test -z "$(ppp_ifaces $NS_B)"
check "pid files removed" sh -c "! ls /run/ppp*.pid"
check "lock files removed" sh -c "! ls /run/lock/LCK..*"
check "nothing left in namespace B" test -z "$(ip netns pids $NS_B)"

# Nothing holds a reference: the whole ppp stack unloads.
CURRENT=unload
for ns in $NS_A $NS_B; do ip netns del $ns; done
T_NETNS=
check "ppp modules unload (no leaked references)" \
	sh -c "modprobe -r ppp_async ppp_synctty ppp_deflate bsd_comp ppp_mppe pppoe 2>/dev/null; modprobe -r ppp_generic && ! test -d /sys/module/ppp_generic"

[ "$T_FAIL" = 0 ] || save_artifact "$WORK/a.log" "$WORK/b.log" "$WORK/a.out"
finish
