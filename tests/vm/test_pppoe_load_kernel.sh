#!/bin/bash
# Many PPPoE subscribers against one `nlpppd listen pppoe:IF` on the kernel
# data plane: the load generator (tests/bench/loadgen, --pppoe) opens N
# sessions (default 1000) from another netns over a veth pair, each a host
# with a MAC of its own, through discovery, CHAP and IPCP. Every session is
# an nlppp.ko PPPoE link and a pppN of the server's; every one pings the
# server, the server pings a sample back, nlpppctl lists them all. The load
# generator then drops every session with a PADT alone: nothing is left
# (kernel links, interfaces, routes, sessions) and a new subscriber still
# gets in. Units come from the module's per-netns allocator, which steps
# over a pppN it does not own. Prints the setup rate and the kernel memory
# per session (slab, by cache).
cd "$(dirname "$0")/../.." || exit 1
. tests/vm/lib.sh
require_vm

N=${PPPOE_LOAD_N:-1000}
NLPPPD=$NLVM_REPO/build/nlpppd
NLPPPCTL=$NLVM_REPO/build/nlpppctl
LOADGEN=$NLVM_REPO/build/bench/loadgen
NS_A=lka NS_B=lkb SIF=lk-s CIF=lk-c
mkdir -p "$WORK/a/etc" "$WORK/a/run" "$WORK/lock"
watch_log "$WORK/a.log" "$WORK/lg.out"

CURRENT=setup
check "nlppp.ko loads" nlppp_load
check "the load generator was built on the host" test -x "$LOADGEN"
ns_add "$NS_A" "$NS_B" || { finish; exit 1; }
ip link add "$SIF" netns "$NS_A" type veth peer name "$CIF" netns "$NS_B"
ip -n "$NS_A" link set "$SIF" up
ip -n "$NS_B" link set "$CIF" up
printf 'alice * "lk-Secret-42" *\n' > "$WORK/a/etc/chap-secrets"
chmod 600 "$WORK/a/etc/chap-secrets"

ctl() { ip netns exec "$NS_A" "$NLPPPCTL" --run-dir "$WORK/a/run" --json "$@"; }
srv_ifaces() { ip -n "$NS_A" -o link show 2>/dev/null | grep ' ppp[0-9]*:' | grep -c POINTOPOINT; }
no_ifaces() { [ "$(srv_ifaces)" = 0 ]; }
kernel_links() { ip netns exec "$NS_A" awk '$1 == "links" { print $2 }' /proc/net/nlppp_pppoe; }
T0=$(date +%s.%N) PHASES=
# phase WHAT: note how long the test has run, for the info line at the end
phase() { PHASES="$PHASES $1 $(awk -v t0="$T0" -v t="$(date +%s.%N)" 'BEGIN { printf "%.1fs", t - t0 }')"; }
slabinfo() { awk 'NR > 2 { print $1, $3 * $4 }' /proc/slabinfo | sort; }

# A pppN that is not the module's: the unit allocator steps over it.
ip -n "$NS_A" link add ppp2 type dummy
ip netns exec "$NS_A" "$NLPPPD" etc-dir "$WORK/a/etc" run-dir "$WORK/a/run" \
	lock-dir "$WORK/lock" nodetach dataplane kernel listen "pppoe:$SIF" name lsrv \
	require-chap 10.68.0.1: remote-ip-pool 10.68.0.0/16 pppoe-padi-limit 100000 \
	>> "$WORK/a.log" 2>&1 &
SRV_PID=$!
bg_track $SRV_PID
check "the concentrator runs" wait_for 20 ctl list
slab0=$(slab_kb) rss0=$(proc_kb /proc/$SRV_PID/status VmRSS)
slabinfo > "$WORK/slab0"
phase start

CURRENT=load
ip netns exec "$NS_B" "$LOADGEN" --pppoe "$CIF" -n "$N" -c 100 --user alice \
	--password lk-Secret-42 --hold -1 --ping --timeout 240 --drop \
	--addresses "$WORK/lg.addrs" > "$WORK/lg.out" 2>&1 &
LG_PID=$!
bg_track $LG_PID
wait_for 300 test -s "$WORK/lg.addrs"
check "all $N sessions up (discovery, CHAP, IPCP)" test "$(wc -l < "$WORK/lg.addrs" 2>/dev/null)" = "$N"
slab1=$(slab_kb) rss1=$(proc_kb /proc/$SRV_PID/status VmRSS)
fds=$(ls /proc/$SRV_PID/fd | wc -l)
phase up
slabinfo > "$WORK/slab1"
check "one server process holds $N interfaces" test "$(srv_ifaces)" = "$N"
check "units step over the foreign ppp2: ppp0, ppp1, ppp3 .. ppp$N" sh -c \
	"ip -n $NS_A -d link show ppp2 | grep -q dummy && ip -n $NS_A link show ppp$N && ip -n $NS_A link show ppp1 && ip -n $NS_A link show ppp0"
check "$N PPPoE links in the kernel" test "$(kernel_links)" = "$N"
check "one receive handler, on $SIF, for all $N sessions" sh -c \
	"ip netns exec $NS_A grep '^interface' /proc/net/nlppp_pppoe | grep -qx 'interface $SIF sessions $N' &&
	 test \$(ip netns exec $NS_A grep -c '^interface' /proc/net/nlppp_pppoe) = 1"
# Each session's link is made before its PADS goes out: no first LCP
# Configure-Request reaches the kernel before the session it belongs to.
unknown=$(ip netns exec "$NS_A" awk '$1 == "rx_unknown_session" { print $2 }' /proc/net/nlppp_pppoe)
check "no frame came for a session the kernel did not know yet (rx_unknown_session $unknown)" \
	test "$unknown" = 0
check "nlpppctl lists $N running sessions" sh -c \
	"ip netns exec $NS_A '$NLPPPCTL' --run-dir '$WORK/a/run' --json list | jq -e 'length == $N and all(.[]; .phase == \"running\")'"
check "every session's remote address is unique" sh -c \
	"ip netns exec $NS_A '$NLPPPCTL' --run-dir '$WORK/a/run' --json list | jq -e '[.[].remote_ip] | unique | length == $N'"
bad=$(ping_sample "$NS_A" "$WORK/lg.addrs" 10)
check "server pings 10 sampled sessions ($bad failed)" test $bad = 0

CURRENT=teardown
phase checked
kill -INT $LG_PID
wait $LG_PID; rc=$?
phase loadgen-exit
check "every session pinged the server (load generator exit $rc)" test $rc = 0
check "its summary: all up, all pings answered" sh -c \
	"grep -q 'sessions: $N requested, $N up, 0 failed' '$WORK/lg.out' && grep -q 'pings: $N sent, $N answered' '$WORK/lg.out'"
wait_for 120 no_ifaces
phase all-gone
check "every server interface is gone" test "$(srv_ifaces)" = 0
check "no PPPoE link left in the kernel" test "$(kernel_links)" = 0
check "nor a receive handler" sh -c "! ip netns exec $NS_A grep -q '^interface' /proc/net/nlppp_pppoe"
check "nlpppctl lists no session" sh -c "ctl list | jq -e 'length == 0'"
check "no 10.68 peer route left" sh -c "! ip -n $NS_A route | grep -q 10.68."
rate=$(sed -n 's/^setup: .*, \([0-9.]*\) sessions\/s$/\1/p' "$WORK/lg.out")
awk -v n="$N" -v s0="$slab0" -v s1="$slab1" -v r0="$rss0" -v r1="$rss1" -v rate="$rate" 'BEGIN {
	printf "info kernel plane, %d sessions under TCG: %s sessions/s; kernel slab %.1f KB and server RSS %.1f KB per session\n",
		n, rate, (s1 - s0) / n, (r1 - r0) / n }'
echo "info phases:$PHASES; the server held $fds descriptors with $N sessions up"
join "$WORK/slab0" "$WORK/slab1" | awk -v n="$N" '{ d = ($3 - $2) / n; if (d > 512) printf "%s %.0f\n", $1, d }' |
	sort -k2 -nr | head -8 | awk '{ printf "info slab per session: %s %d B\n", $1, $2 }'

CURRENT=after
ip netns exec "$NS_B" "$LOADGEN" --pppoe "$CIF" -n 1 --user alice --password lk-Secret-42 \
	--ping --timeout 30 > "$WORK/lg2.out" 2>&1
check "a new subscriber still gets in" grep -q "1 requested, 1 up" "$WORK/lg2.out"
kill $SRV_PID
check "server exits on SIGTERM" wait_gone 30 $SRV_PID
check "no link or bundle left: the module unloads" wait_for 10 rmmod nlppp
finish
