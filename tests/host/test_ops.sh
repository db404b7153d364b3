#!/bin/bash
# Operations: nlppp-on / nlppp-off (pon / poff) bring a peer up and down and
# signal it by its pid file; the SysV script starts, reports and stops the
# peers of nlppp-peers; up_sdnotify sends READY=1 to $NOTIFY_SOCKET once the
# link is up (systemd's Type=notify), STOPPING=1 on TERM. Everything under
# etc-dir/run-dir in $WORK: /etc/ppp and /run are not touched.
cd "$(dirname "$0")/../.." || exit 1
. tests/host/lib.sh
require_root_netns
trap ns_cleanup EXIT
ns_setup

ON=$(pwd)/dist/nlppp-on.in OFF=$(pwd)/dist/nlppp-off.in INIT=$(pwd)/dist/init.d/nlppp.in
PEER=nlt-ops-$T_ID
mkdir -p "$WORK/a/etc/peers"
cat > "$WORK/a/etc/peers/$PEER" <<EOT
pty "ip netns exec $NS_B $NLPPPD etc-dir $WORK/b/etc notty debug run-dir $WORK/b/run noauth 2>>$WORK/b.log"
noauth
$IP_A:$IP_B
debug
lock-dir $WORK/lock
logfile $WORK/a.log
EOT
# in_a CMD...: CMD in A's namespace with the test's directories and daemon
in_a() {
	ip netns exec "$NS_A" env NLPPPD="$NLPPPD" NLPPP_ETC_DIR="$WORK/a/etc" \
		NLPPP_RUN_DIR="$WORK/a/run" NLPPP_ON="$ON" NLPPP_OFF="$OFF" "$@"
}
pidfile=$WORK/a/run/ppp-$PEER.pid
fails() { ! "$@"; }
status_is() { local want=$1; shift; "$@"; [ $? = "$want" ]; }
a_pid() { head -1 "$pidfile" 2>/dev/null; }
gone() { local n=100; while [ -n "$(a_pid)" ] || ip -n "$NS_A" link show 2>/dev/null | grep -q ' ppp'; do
	sleep 0.1; n=$((n - 1)); [ $n -gt 0 ] || return 1; done; }

CURRENT=nlppp-on
: > "$WORK/a.log"
check "nlppp-on NAME returns once nlpppd has detached" in_a timeout 20 "$ON" "$PEER"
if wait_up; then
	ok "the link comes up"
	PID_A=$(a_pid)
	check "the pid file is ppp-NAME.pid, naming the interface" \
		bash -c "sed -n 2p $pidfile | grep -q '^ppp[0-9]'"
	check "it names a running nlpppd" test "$(cat "/proc/$PID_A/comm" 2>/dev/null)" = nlpppd
	check "ping across the link" ping_ok "$NS_A" "$IP_B"
	check "a second nlppp-on NAME is refused" fails in_a "$ON" "$PEER"
	CURRENT=nlppp-off
	check "nlppp-off -d toggles debug (SIGUSR1)" in_a "$OFF" -d "$PEER"
	n=30; while ! grep -q "Debug turned OFF" "$WORK/a.log" && [ $((n -= 1)) -gt 0 ]; do sleep 0.1; done
	check "the daemon logs it" grep -q "Debug turned OFF" "$WORK/a.log"
	in_a "$OFF" -d "$PEER"
	check "nlppp-off -c renegotiates compression (SIGUSR2)" in_a "$OFF" -c "$PEER"
	n=50; while [ "$(grep -c 'compression enabled' "$WORK/a.log")" -lt 2 ] && [ $((n -= 1)) -gt 0 ]; do sleep 0.1; done
	check "the daemon logs it" grep -q "Renegotiating compression" "$WORK/a.log"
	check "CCP comes up again" test "$(grep -c 'compression enabled' "$WORK/a.log")" -ge 2
	check "ping after the renegotiation" ping_ok "$NS_A" "$IP_B"
	check "the link is still up" kill -0 "$PID_A"
	check "nlppp-off NAME ends it" in_a "$OFF" "$PEER"
	check "nlpppd exits, the interface and pid file go" gone
	check "with a Terminate-Request" grep -q "sent \[LCP TermReq" "$WORK/a.log"
	PID_A=
else fail "link did not come up"; in_a "$OFF" -a; fi
check "nlppp-off NAME when it is not running fails" bash -c "! NLPPP_RUN_DIR=$WORK/a/run $OFF $PEER"
check "nlppp-off with nothing running fails" bash -c "! NLPPP_RUN_DIR=$WORK/a/run $OFF"
check "nothing left behind" no_leftovers

CURRENT=sysv
printf '# comment\n%s\n\n' "$PEER" > "$WORK/a/etc/nlppp-peers"
: > "$WORK/a.log"
check "init script start" in_a timeout 20 sh "$INIT" start
if wait_up; then
	PID_A=$(a_pid)
	check "status: running (0)" in_a sh "$INIT" status
	check "init script stop" in_a sh "$INIT" stop
	# (The detached daemon is nobody's child here: a zombie until reaped.)
	check "stop waited for the link to end" bash -c "[ ! -e $pidfile ] && ! grep -q '^State:.*[RSD]' /proc/$PID_A/status 2>/dev/null"
	PID_A=
	check "status: not running (3)" status_is 3 in_a sh "$INIT" status
else fail "init script start: link did not come up"; in_a "$OFF" -a; fi
check "nothing left behind" no_leftovers

CURRENT=sd-notify
rm -f "$WORK/notify.out"
ip netns exec "$NS_A" socat -u UNIX-RECV:"$WORK/notify.sock" OPEN:"$WORK/notify.out",creat,append &
SOCAT=$!
n=50; while [ ! -S "$WORK/notify.sock" ] && [ $((n -= 1)) -gt 0 ]; do sleep 0.1; done
: > "$WORK/a.log"
ip netns exec "$NS_A" env NOTIFY_SOCKET="$WORK/notify.sock" "$NLPPPD" etc-dir "$WORK/a/etc" \
	call "$PEER" run-dir "$WORK/a/run" up_sdnotify > /dev/null 2>&1 &
PID_A=$!
n=100; while [ ! -s "$WORK/notify.out" ] && [ $((n -= 1)) -gt 0 ]; do sleep 0.1; done
check "READY=1 arrives" grep -q "READY=1" "$WORK/notify.out"
check "only once the network phase is reached (IPCP is up by then or soon)" wait_up 10
check "up_sdnotify kept nlpppd in the foreground" kill -0 "$PID_A"
stop_pair
n=30; while ! grep -q STOPPING=1 "$WORK/notify.out" 2>/dev/null && [ $((n -= 1)) -gt 0 ]; do sleep 0.1; done
check "STOPPING=1 on TERM" grep -q "STOPPING=1" "$WORK/notify.out"
check "exit status 5 (the unit's SuccessExitStatus)" test "$A_STATUS" = 5
kill "$SOCAT" 2>/dev/null; wait "$SOCAT" 2>/dev/null
rm -f "$WORK/notify.out"
ip netns exec "$NS_A" socat -u UNIX-RECV:"$WORK/notify2.sock" OPEN:"$WORK/notify.out",creat,append &
SOCAT=$!
n=50; while [ ! -S "$WORK/notify2.sock" ] && [ $((n -= 1)) -gt 0 ]; do sleep 0.1; done
# Without up_sdnotify nothing is sent, as with pppd.
ip netns exec "$NS_A" env NOTIFY_SOCKET="$WORK/notify2.sock" "$NLPPPD" etc-dir "$WORK/a/etc" \
	call "$PEER" run-dir "$WORK/a/run" nodetach > /dev/null 2>&1 &
PID_A=$!
if wait_up; then
	sleep 0.5
	check "without up_sdnotify nothing is sent" test ! -s "$WORK/notify.out"
	# Started by hand, without linkname: no ppp-NAME.pid, found by "call NAME".
	CURRENT=nlppp-off
	check "nlppp-off NAME finds a daemon started 'call NAME' by its command line" in_a "$OFF" "$PEER"
	wait_exit "$PID_A" 15
	check "and it ends (status 5)" test "$A_STATUS" = 5
	PID_A=
else fail "link did not come up"; stop_pair; fi
kill "$SOCAT" 2>/dev/null; wait "$SOCAT" 2>/dev/null
check "nothing left behind" no_leftovers
finish
