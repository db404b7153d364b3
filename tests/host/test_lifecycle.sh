#!/bin/bash
# Signals, peer death, persist, echo-based dead-peer detection, option errors.
cd "$(dirname "$0")/../.." || exit 1
. tests/host/lib.sh
require_root_netns
trap ns_cleanup EXIT
ns_setup

BASE_A="run-dir $WORK/a/run lock-dir $WORK/lock noauth $IP_A:$IP_B"
BASE_B="run-dir $WORK/b/run lock-dir $WORK/lock noauth"

# TERM to the peer: it sends Terminate-Request, A sees it and exits cleanly.
CURRENT=peer-term
start_pair "$BASE_A" "$BASE_B"
if wait_up; then
	kill -TERM "$(b_pid)"
	wait_exit "$PID_A" 15; PID_A=
	check "A saw the Terminate-Request" grep -q "rcvd \[LCP TermReq" "$WORK/a.log"
	check "A logs that the peer terminated" grep -q "LCP terminated by peer" "$WORK/a.log"
	check "A exits 0" test "$A_STATUS" = 0
	check "B exits 5 (user request)" grep -qx 5 "$WORK/b.status"
	check "B sent Terminate-Request" grep -q "sent \[LCP TermReq" "$WORK/b.log"
else fail "link did not come up"; stop_pair; fi
check "nothing left behind" no_leftovers

# TERM to A: A sends Terminate-Request; the peer acks and exits.
CURRENT=local-term
start_pair "$BASE_A" "$BASE_B"
if wait_up; then
	stop_pair
	check "A exits 5" test "$A_STATUS" = 5
	check "B saw the Terminate-Request" grep -q "rcvd \[LCP TermReq" "$WORK/b.log"
	check "A got the Terminate-Ack" grep -q "rcvd \[LCP TermAck" "$WORK/a.log"
else fail "link did not come up"; stop_pair; fi
sleep 0.3
check "nothing left behind" no_leftovers

# kill -9 the peer: A sees the hangup (16) and cleans up.
CURRENT=peer-killed
start_pair "$BASE_A" "$BASE_B"
if wait_up; then
	kill -9 "$(b_pid)"
	wait_exit "$PID_A" 15; PID_A=
	check "A exits 16 (hangup)" test "$A_STATUS" = 16
	check "A logs the hangup" grep -q "Modem hangup" "$WORK/a.log"
else fail "link did not come up"; stop_pair; fi
rm -f "$WORK"/b/run/*.pid	# kill -9 gave B no chance to remove its pid file
check "nothing left behind" no_leftovers

# persist: the peer is killed, A redials (restarting it) and the link returns.
CURRENT=persist
start_pair "$BASE_A persist holdoff 1 maxfail 3" "$BASE_B"
if wait_up; then
	old=$(b_pid)
	kill -9 "$old"
	sleep 1
	if wait_up 40 && [ "$(b_pid)" != "$old" ]; then
		ok "link re-established with a new peer"
		check "ping after reconnect" ping_ok "$NS_A" "$IP_B"
	else fail "no reconnect"; fi
	check "A logged the reconnect wait" grep -q "before reconnecting" "$WORK/a.log"
else fail "link did not come up"; fi
stop_pair
check "A exits 5 after TERM" test "$A_STATUS" = 5
sleep 0.3
check "nothing left behind" no_leftovers

# lcp-echo: a frozen peer is declared dead (15).
CURRENT=lcp-echo
start_pair "$BASE_A lcp-echo-interval 1 lcp-echo-failure 3" "$BASE_B"
if wait_up; then
	bp=$(b_pid)
	kill -STOP "$bp"
	wait_exit "$PID_A" 20; PID_A=
	kill -CONT "$bp" 2>/dev/null
	check "A exits 15 (peer dead)" test "$A_STATUS" = 15
	check "A logs the echo failures" grep -q "No response to 3 echo-requests" "$WORK/a.log"
else fail "link did not come up"; stop_pair; fi
sleep 1
check "nothing left behind" no_leftovers

# HUP with persist drops the link and redials.
CURRENT=hup-redial
start_pair "$BASE_A persist holdoff 0" "$BASE_B"
if wait_up; then
	kill -HUP "$PID_A"
	sleep 2
	if wait_up 30; then ok "link back after SIGHUP"; else fail "no redial after SIGHUP"; fi
else fail "link did not come up"; fi
stop_pair
sleep 0.3
check "nothing left behind" no_leftovers

# updetach: the command returns 0 once the network is up; the daemon stays.
CURRENT=updetach
ip netns exec "$NS_A" timeout 30 "$NLPPPD" etc-dir "$WORK/a/etc" updetach debug \
	pty "ip netns exec $NS_B $NLPPPD etc-dir $WORK/b/etc notty $BASE_B 2>>$WORK/b.log" \
	$BASE_A logfile "$WORK/a/file.log" > "$WORK/a.log" 2>&1
rc=$?
check "updetach returns 0" test "$rc" = 0
check "the link is up when it returns" ip -n "$NS_A" -4 addr show dev ppp0
check "logfile gets the messages" grep -q "local  IP address $IP_A" "$WORK/a/file.log"
apid=$(cat "$WORK/a/run/ppp0.pid" 2>/dev/null)
check "pid file names the daemon" kill -0 "${apid:-0}"
kill -USR1 "$apid" 2>/dev/null; sleep 0.3
check "USR1 toggles debug" grep -q "Debug turned OFF" "$WORK/a/file.log"
kill -TERM "$apid" 2>/dev/null
for _ in $(seq 50); do kill -0 "$apid" 2>/dev/null || break; sleep 0.1; done
check "TERM ends the detached daemon" sh -c "! kill -0 $apid 2>/dev/null"
sleep 0.3
check "nothing left behind" no_leftovers

# Option errors: exit 2, one line naming the option, nothing started.
CURRENT=options
out=$("$NLPPPD" etc-dir "$WORK/a/etc" no-such-option 2>&1); rc=$?
check "unknown option exits 2" test "$rc" = 2
check "one line naming it" sh -c "[ \$(printf '%s\n' \"$out\" | wc -l) = 1 ] && printf '%s' \"$out\" | grep -q no-such-option"
out=$("$NLPPPD" etc-dir "$WORK/a/etc" mru abc 2>&1); rc=$?
check "bad mru exits 2" test "$rc" = 2
check "message names mru" sh -c "printf '%s' \"$out\" | grep -q mru"
out=$("$NLPPPD" etc-dir "$WORK/a/etc" notty password Sekrit-77 dryrun 2>&1); rc=$?
check "dryrun exits 0" test "$rc" = 0
check "dryrun hides the password" sh -c "! printf '%s' \"$out\" | grep -q Sekrit-77"
echo "lcp-restart 2 bogus" > "$WORK/a/etc/options"
out=$("$NLPPPD" etc-dir "$WORK/a/etc" notty dryrun 2>&1); rc=$?
check "error in /etc/ppp/options exits 2" test "$rc" = 2
check "message names the file" sh -c "printf '%s' \"$out\" | grep -q options"
rm -f "$WORK/a/etc/options"

finish
