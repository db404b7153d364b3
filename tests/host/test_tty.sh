#!/bin/bash
# nlpppd on tty devices, as on a serial line: a pair of linked ptys (socat)
# stands in for a null-modem cable. Device and speed arguments, crtscts,
# local, UUCP lock files (held while running, refused to a second daemon,
# removed at exit), options.ttyname.
cd "$(dirname "$0")/../.." || exit 1
. tests/host/lib.sh
require_root_netns
trap 'kill $SOCAT 2>/dev/null; ns_cleanup' EXIT
ns_setup

socat pty,raw,echo=0,link="$WORK/ttyA" pty,raw,echo=0,link="$WORK/ttyB" 2>/dev/null &
SOCAT=$!
for _ in $(seq 50); do [ -e "$WORK/ttyA" ] && [ -e "$WORK/ttyB" ] && break; sleep 0.1; done

A_OPTS="run-dir $WORK/a/run lock-dir $WORK/lock noauth $IP_A:$IP_B"
B_OPTS="run-dir $WORK/b/run lock-dir $WORK/lock noauth"

CURRENT=tty-lock
# pppd's name for a tty outside /dev: the path with '/' turned into '.'
echo "lcp-echo-interval 1" > "$WORK/a/etc/options.$(printf '%s' "$WORK/ttyA" | tr / .)"
ip netns exec "$NS_A" "$NLPPPD" etc-dir "$WORK/a/etc" "$WORK/ttyA" 115200 local crtscts lock \
	nodetach debug $A_OPTS > "$WORK/a.log" 2>&1 &
PID_A=$!
ip netns exec "$NS_B" "$NLPPPD" etc-dir "$WORK/b/etc" "$WORK/ttyB" 115200 local lock \
	nodetach debug $B_OPTS > "$WORK/b.log" 2>&1 &
PID_B=$!
if wait_up; then
	ok "link up over a tty pair"
	check "ping A->B" ping_ok "$NS_A" "$IP_B"
	if transfer 1; then ok "1 MB transfer, SHA-256 matches"; else fail "transfer"; fi
	check "A holds a UUCP lock with its pid" sh -c "[ \$(cat $WORK/lock/LCK..ttyA) = $PID_A ]"
	check "B holds its lock" test -s "$WORK/lock/LCK..ttyB"
	out=$("$NLPPPD" etc-dir "$WORK/a/etc" "$WORK/ttyA" lock lock-dir "$WORK/lock" nodetach noauth 2>&1); rc=$?
	check "a second daemon on the same tty exits 6 (lock failed)" test "$rc" = 6
	check "and says who holds it" sh -c "printf '%s' \"$out\" | grep -q 'locked by pid $PID_A'"
	sleep 1.5
	check "options.ttyA was read (its lcp-echo-interval runs)" grep -q "sent \[LCP EchoReq" "$WORK/a.log"
else fail "link did not come up"; fi
kill -TERM "$PID_A"
wait_exit "$PID_A" 15; PID_A=
check "A exits 5" test "$A_STATUS" = 5
wait_exit "$PID_B" 15
check "B exits (peer terminated)" test "$A_STATUS" = 0
check "lock files removed" sh -c "! ls $WORK/lock/LCK..* 2>/dev/null"
check "nothing left behind" no_leftovers

finish
