#!/bin/bash
# idle, maxconnect, maxfail, call NAME and peers/ files, options.ttyname-free
# pty use: the limits a pppd user relies on, each ending with pppd's status.
cd "$(dirname "$0")/../.." || exit 1
. tests/host/lib.sh
require_root_netns
trap ns_cleanup EXIT
ns_setup

BASE_A="run-dir $WORK/a/run lock-dir $WORK/lock noauth $IP_A:$IP_B"
BASE_B="run-dir $WORK/b/run lock-dir $WORK/lock noauth"

# call NAME reads peers/NAME (with comments and quoting) in place.
CURRENT=call-peers-file
mkdir -p "$WORK/b/etc/peers"
cat > "$WORK/b/etc/peers/isp" <<EOS
# a provider file, pppd style
usepeerdns        # ask for DNS
ipparam "from peers file"
EOS
hook b ip-up
start_pair "$BASE_A ms-dns 10.77.9.7" "$BASE_B call isp"
if wait_up; then
	sleep 1
	check "peers file options applied (usepeerdns)" grep -q "nameserver 10.77.9.7" "$WORK/b/etc/resolv.conf"
	check "quoted ipparam reached ip-up" grep -q "from peers file" "$WORK/b/ip-up.args"
else fail "link did not come up"; fi
stop_pair
rm -f "$WORK/b/etc/ip-up"
sleep 0.3
check "nothing left behind" no_leftovers

# maxconnect: the link is closed after N seconds, status 13.
CURRENT=maxconnect
start_pair "$BASE_A maxconnect 2" "$BASE_B"
if wait_up; then
	wait_exit "$PID_A" 20; PID_A=
	check "A exits 13 (connect time)" test "$A_STATUS" = 13
	check "A logs why" grep -q "Connect time expired" "$WORK/a.log"
else fail "link did not come up"; stop_pair; fi
sleep 0.3
check "nothing left behind" no_leftovers

# idle: no data for N seconds closes the link, status 12; traffic keeps it up.
CURRENT=idle
start_pair "$BASE_A idle 3" "$BASE_B"
if wait_up; then
	ip netns exec "$NS_A" ping -c 4 -i 1 -W 1 "$IP_B" >/dev/null 2>&1
	check "still up after 4 s of pings" kill -0 "$PID_A"
	wait_exit "$PID_A" 20; PID_A=
	check "A exits 12 (idle)" test "$A_STATUS" = 12
	check "A logs why" grep -q "lack of activity" "$WORK/a.log"
else fail "link did not come up"; stop_pair; fi
sleep 0.3
check "nothing left behind" no_leftovers

# maxfail: a peer that never answers; persist gives up after maxfail tries.
CURRENT=maxfail
ip netns exec "$NS_A" "$NLPPPD" etc-dir "$WORK/a/etc" nodetach debug pty "sleep 30" \
	$BASE_A persist holdoff 0 maxfail 2 lcp-restart 1 lcp-max-configure 2 > "$WORK/a.log" 2>&1 &
PID_A=$!
wait_exit "$PID_A" 30; PID_A=
check "A exits 10 (negotiation failed) after maxfail" test "$A_STATUS" = 10
check "A logs the maxfail limit" grep -q "Maximum connect attempts (2) reached" "$WORK/a.log"
check "A logged the LCP timeout" grep -q "LCP: timeout sending Config-Requests" "$WORK/a.log"
check "nothing left behind" no_leftovers

finish
