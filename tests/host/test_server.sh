#!/bin/bash
# PPP over TCP: nlpppd `socket` against nlpppd `listen` (CHAP, ping, 5 MB
# with SHA-256), then many sessions against ONE listen process: 500 from the
# load generator plus three nlpppd `socket` clients with persist, addresses
# from remote-ip-pool, a sample pinged both ways; max-sessions and the
# per-source cap refuse with a log line; the server killed with SIGKILL
# leaves no interface, address or route; restarted, the clients come back.
cd "$(dirname "$0")/../.." || exit 1
. tests/host/lib.sh
require_root_netns
NLPPPCTL=${NLPPPCTL:-$(dirname "$NLPPPD")/nlpppctl}
LOADGEN=${LOADGEN:-$(dirname "$NLPPPD")/bench/loadgen}
N=${SESSIONS:-500}
SRV_PID= LG_PID= CLIENT_PIDS=
cleanup() {
	kill -9 $SRV_PID $LG_PID $CLIENT_PIDS 2>/dev/null
	ns_cleanup
}
trap cleanup EXIT
ns_setup
# NS_A is the server, NS_B the clients, joined by a veth pair.
ip link add nlt-s-$T_ID netns "$NS_A" type veth peer name nlt-c-$T_ID netns "$NS_B"
ip -n "$NS_A" addr add 10.99.0.1/24 dev nlt-s-$T_ID
ip -n "$NS_B" addr add 10.99.0.2/24 dev nlt-c-$T_ID
ip -n "$NS_A" link set nlt-s-$T_ID up
ip -n "$NS_B" link set nlt-c-$T_ID up
for i in 1 2 3; do mkdir -p "$WORK/c$i/etc" "$WORK/c$i/run"; done

secrets "$WORK/a/etc/chap-secrets" 'alice * "lg-Secret-31" *' \
	'bob * "bob-Secret-77" *' 'carol * "carol-Secret-5" 10.64.200.9'
for i in 1 2 3; do secrets "$WORK/c$i/etc/chap-secrets" \
	'bob * "bob-Secret-77"' 'carol * "carol-Secret-5"'; done

SRV_OPTS="run-dir $WORK/a/run lock-dir $WORK/lock name srv require-chap 10.64.0.1: \
	remote-ip-pool 10.64.4.0/22 lcp-echo-interval 5 max-sessions-per-source 1000"
start_server() { # start_server [extra options]
	ip netns exec "$NS_A" "$NLPPPD" etc-dir "$WORK/a/etc" nodetach \
		listen 10.99.0.1:7000 $SRV_OPTS "$@" >> "$WORK/a.log" 2>&1 &
	SRV_PID=$!
	local n=0
	until ip netns exec "$NS_A" ss -ltn 2>/dev/null | grep -q "10.99.0.1:7000 "; do
		sleep 0.1; n=$((n + 1)); [ $n -gt 50 ] && return 1; done
	return 0
}
# client I NAME [extra]: nlpppd `socket` client I in NS_B
client() {
	local i=$1 user=$2; shift 2
	ip netns exec "$NS_B" "$NLPPPD" etc-dir "$WORK/c$i/etc" run-dir "$WORK/c$i/run" \
		lock-dir "$WORK/lock" nodetach socket 10.99.0.1:7000 user "$user" noauth \
		ifname cl$i "$@" > "$WORK/c$i.log" 2>&1 &
	CLIENT_PIDS="$CLIENT_PIDS $!"
}
# client_addr I: the IPv4 address client I's interface has, if any
client_addr() { ip -n "$NS_B" -4 -o addr show dev cl$1 2>/dev/null | awk '{print $4}' | cut -d/ -f1; }
wait_client() { # wait_client I SECS
	local n=$(( $2 * 4 ))
	while [ -z "$(client_addr "$1")" ] && [ $n -gt 0 ]; do sleep 0.25; n=$((n - 1)); done
	[ -n "$(client_addr "$1")" ]
}
srv_ppp_count() { ip -n "$NS_A" -o link show 2>/dev/null | grep -c ' ppp[0-9]*:'; }

CURRENT=socket-listen
start_server || fail "server did not listen"
client 1 bob persist holdoff 1 maxfail 0
if wait_client 1 20; then
	ok "socket client came up ($(client_addr 1))"
	check "client address from the pool" sh -c "case '$(client_addr 1)' in 10.64.[4-7].*) true;; *) false;; esac"
	check "ping client -> server" ping_ok "$NS_B" 10.64.0.1 "-I cl1"
	check "ping server -> client" ping_ok "$NS_A" "$(client_addr 1)"
	head -c $((5 * 1024 * 1024)) /dev/urandom > "$WORK/in.bin"
	ip netns exec "$NS_A" timeout 60 socat -u TCP-LISTEN:5201,bind=10.64.0.1,reuseaddr \
		OPEN:"$WORK/out.bin",creat,trunc &
	lp=$!; sleep 0.5
	ip netns exec "$NS_B" timeout 60 socat -u OPEN:"$WORK/in.bin" \
		TCP:10.64.0.1:5201,bind="$(client_addr 1)"
	wait $lp
	check "5 MB client -> server, SHA-256 matches" test \
		"$(sha256sum < "$WORK/in.bin")" = "$(sha256sum < "$WORK/out.bin")"
	check "server log: CHAP peer bob" grep -q "CHAP peer authentication succeeded for bob" "$WORK/a.log"
else
	fail "socket client did not come up"
fi
client 2 carol persist holdoff 1 maxfail 0
check "carol gets her address from the secrets file" wait_client 2 20
check "carol's address is 10.64.200.9" test "$(client_addr 2)" = 10.64.200.9
client 3 bob persist holdoff 1 maxfail 0
check "third client up" wait_client 3 20

CURRENT=many
ip netns exec "$NS_B" "$LOADGEN" --connect 10.99.0.1:7000 -n "$N" -c 100 \
	--user alice --password lg-Secret-31 --hold -1 --ping \
	--addresses "$WORK/lg.addrs" > "$WORK/lg.out" 2>&1 &
LG_PID=$!
n=0; until [ -s "$WORK/lg.addrs" ] || [ $n -gt 240 ]; do sleep 0.25; n=$((n + 1)); done
check "load generator: all $N sessions up" test "$(wc -l < "$WORK/lg.addrs" 2>/dev/null)" = "$N"
total=$((N + 3))
check "one server process holds $total interfaces" test "$(srv_ppp_count)" = "$total"
check "nlpppctl lists $total sessions" sh -c \
	"ip netns exec $NS_A '$NLPPPCTL' --run-dir '$WORK/a/run' --json list | jq -e 'length == $total and all(.[]; .phase == \"running\")'"
check "every session's remote address is unique" sh -c \
	"ip netns exec $NS_A '$NLPPPCTL' --run-dir '$WORK/a/run' --json list | jq -e '[.[].remote_ip] | unique | length == $total'"
# A sample of the load generator's sessions: ping from the server's side
# through its pppN (the load generator answers), and the other way round
# (every session pinged the server once it came up).
bad=$(ping_sample "$NS_A" "$WORK/lg.addrs" 10)
check "server pings 10 sampled sessions ($bad failed)" test $bad = 0
check "clients of the sample pinged the server" ping_ok "$NS_B" 10.64.0.1 "-I cl3"

CURRENT=limits
ip netns exec "$NS_B" "$LOADGEN" --connect 10.99.0.1:7000 -n 1 --user alice \
	--password wrong-one --timeout 5 > "$WORK/lg-bad.out" 2>&1
check "a wrong secret is refused, others untouched" test "$(srv_ppp_count)" = "$total"

CURRENT=kill-restart
kill $LG_PID; wait $LG_PID 2>/dev/null; LG_PID=
kill -9 $SRV_PID; wait $SRV_PID 2>/dev/null; SRV_PID=
n=0; while [ "$(srv_ppp_count)" != 0 ] && [ $n -lt 50 ]; do sleep 0.2; n=$((n + 1)); done
check "SIGKILL: every server interface is gone" test "$(srv_ppp_count)" = 0
check "SIGKILL: no 10.64 address left" sh -c "! ip -n $NS_A -4 addr | grep -q 10.64."
check "SIGKILL: no ppp route left" sh -c "! ip -n $NS_A route | grep -q ppp"
start_server || fail "server did not restart"
for i in 1 2 3; do check "persist client $i back after the restart" wait_client $i 40; done
check "carol has her address again" test "$(client_addr 2)" = 10.64.200.9
kill $SRV_PID; wait_exit $SRV_PID 20; SRV_PID=
check "server exits 5 on SIGTERM" test "$A_STATUS" = 5
check "SIGTERM: every server interface is gone" test "$(srv_ppp_count)" = 0
# The three clients redial every second: limits decide who gets in.
start_server max-sessions 2 || fail "server did not restart"
n=0; while ! grep -q "max-sessions 2 reached" "$WORK/a.log" && [ $n -lt 100 ]; do
	sleep 0.2; n=$((n + 1)); done
check "max-sessions 2 refuses the third with a log line" grep -q "max-sessions 2 reached" "$WORK/a.log"
sleep 2
check "max-sessions 2: two sessions, not three" test "$(srv_ppp_count)" -le 2
kill $SRV_PID; wait_exit $SRV_PID 20; SRV_PID=
start_server max-sessions-per-source 1 || fail "server did not restart"
n=0; while ! grep -q "max-sessions-per-source 1 reached" "$WORK/a.log" && [ $n -lt 100 ]; do
	sleep 0.2; n=$((n + 1)); done
check "max-sessions-per-source refuses with a log line" \
	grep -q "max-sessions-per-source 1 reached" "$WORK/a.log"
kill $CLIENT_PIDS 2>/dev/null
kill $SRV_PID; wait_exit $SRV_PID 20; SRV_PID=
check "no secret in any log" sh -c "! grep -q -e lg-Secret-31 -e bob-Secret-77 -e carol-Secret-5 '$WORK'/*.log"
finish
