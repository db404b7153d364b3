#!/bin/bash
# Many PPPoE subscribers against one `nlpppd listen pppoe:IF` on the user
# plane: the load generator (--pppoe) opens N sessions, each a PPPoE host
# with a MAC of its own, through discovery, CHAP and IPCP; every one pings
# the server, the server pings a sample back through its interfaces, and
# nlpppctl lists them all. The load generator then drops every session with
# a PADT alone (no LCP Terminate-Request): nothing is left in the server
# (interfaces, sessions, addresses), which still takes a new subscriber.
cd "$(dirname "$0")/../.." || exit 1
. tests/host/lib.sh
require_root_netns
N=${PPPOE_LOAD_N:-300}
NLPPPCTL=${NLPPPCTL:-$(dirname "$NLPPPD")/nlpppctl}
LOADGEN=${LOADGEN:-$(dirname "$NLPPPD")/bench/loadgen}
SIF=nlt-ls-$T_ID CIF=nlt-lc-$T_ID
SRV_PID= LG_PID=
cleanup() {
	kill -9 $SRV_PID $LG_PID 2>/dev/null
	ns_cleanup
}
trap cleanup EXIT
ns_setup
ip link add "$SIF" netns "$NS_A" type veth peer name "$CIF" netns "$NS_B" ||
	{ echo "FAIL setup: no veth"; echo "0 passed, 1 failed"; exit 1; }
ip -n "$NS_A" link set "$SIF" up
ip -n "$NS_B" link set "$CIF" up
secrets "$WORK/a/etc/chap-secrets" 'alice * "lg-Secret-42" *'

ctl() { ip netns exec "$NS_A" "$NLPPPCTL" --run-dir "$WORK/a/run" "$@"; }
srv_ifaces() { ip -n "$NS_A" -o link show 2>/dev/null | grep ' ppp[0-9]*:' | grep -c POINTOPOINT; }
CURRENT=setup
# A pppN that is not the server's: its unit search steps over it.
ip -n "$NS_A" link add ppp1 type veth peer name nlt-lp-$T_ID
ip netns exec "$NS_A" "$NLPPPD" etc-dir "$WORK/a/etc" run-dir "$WORK/a/run" \
	lock-dir "$WORK/lock" nodetach dataplane user listen "pppoe:$SIF" name lsrv \
	require-chap 10.68.0.1: remote-ip-pool 10.68.0.0/16 pppoe-padi-limit 100000 \
	>> "$WORK/a.log" 2>&1 &
SRV_PID=$!
n=0; until [ -S "$WORK/a/run/nlpppd-lsrv.sock" ] || ctl list >/dev/null 2>&1 || [ $n -gt 50 ]; do
	sleep 0.1; n=$((n + 1)); done
check "the concentrator runs" kill -0 $SRV_PID

CURRENT=load
ip netns exec "$NS_B" "$LOADGEN" --pppoe "$CIF" -n "$N" -c 100 --user alice \
	--password lg-Secret-42 --hold -1 --ping --timeout 60 --drop \
	--addresses "$WORK/lg.addrs" > "$WORK/lg.out" 2>&1 &
LG_PID=$!
n=0; until [ -s "$WORK/lg.addrs" ] || [ $n -gt 480 ]; do sleep 0.25; n=$((n + 1)); done
check "all $N sessions up (discovery, CHAP, IPCP)" test "$(wc -l < "$WORK/lg.addrs" 2>/dev/null)" = "$N"
check "one server process holds $N interfaces" test "$(srv_ifaces)" = "$N"
check "units step over the foreign ppp1: ppp0, ppp2 .. ppp$N" sh -c \
	"ip -n $NS_A -d link show ppp1 | grep -q veth && ip -n $NS_A link show ppp0 && ip -n $NS_A link show ppp$N"
check "nlpppctl lists $N running sessions" sh -c \
	"ip netns exec $NS_A '$NLPPPCTL' --run-dir '$WORK/a/run' --json list | jq -e 'length == $N and all(.[]; .phase == \"running\")'"
check "every session's remote address is unique" sh -c \
	"ip netns exec $NS_A '$NLPPPCTL' --run-dir '$WORK/a/run' --json list | jq -e '[.[].remote_ip] | unique | length == $N'"
bad=$(ping_sample "$NS_A" "$WORK/lg.addrs" 10)
check "server pings 10 sampled sessions ($bad failed)" test $bad = 0

CURRENT=teardown
kill -INT $LG_PID
wait $LG_PID; rc=$?; LG_PID=
check "every session pinged the server (load generator exit 0)" test $rc = 0
check "its summary: all up, all pings answered" sh -c \
	"grep -q 'sessions: $N requested, $N up, 0 failed' '$WORK/lg.out' && grep -q 'pings: $N sent, $N answered' '$WORK/lg.out'"
n=0; while [ "$(srv_ifaces)" != 0 ] && [ $n -lt 100 ]; do sleep 0.2; n=$((n + 1)); done
check "every server interface is gone" test "$(srv_ifaces)" = 0
check "nlpppctl lists no session" sh -c \
	"ip netns exec $NS_A '$NLPPPCTL' --run-dir '$WORK/a/run' --json list | jq -e 'length == 0'"
check "no 10.68 peer route left" sh -c "! ip -n $NS_A route | grep -q 10.68."

CURRENT=after
ip netns exec "$NS_B" "$LOADGEN" --pppoe "$CIF" -n 1 --user alice --password lg-Secret-42 \
	--ping --timeout 20 > "$WORK/lg2.out" 2>&1
check "a new subscriber still gets in" grep -q "1 requested, 1 up" "$WORK/lg2.out"
kill $SRV_PID; wait_exit $SRV_PID 20; SRV_PID=
check "server exits on SIGTERM" test -n "$A_STATUS"
padt=$(sed -n 's/.*padt-rx \([0-9]*\).*/\1/p' "$WORK/a.log" | tail -1)
check "its counters: $N PADTs received ended the sessions (${padt:-none})" test "${padt:-0}" -ge "$N"
finish
