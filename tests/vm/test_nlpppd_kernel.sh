#!/bin/bash
# nlpppd on the kernel data plane at both ends: two nlpppd over a pty pair,
# each in its own netns, the tty handed to the nlppp line discipline and the
# pppN device a real kernel net_device. Ping, 50 MB with SHA-256, ACCM and
# escape variants, sync framing, CHAP and PAP, and what happens when a
# daemon is killed.
cd "$(dirname "$0")/../.." || exit 1
. tests/vm/lib.sh
require_vm

NLPPPD=$NLVM_REPO/build/nlpppd
NS_A=ka NS_B=kb
IP_A=10.89.0.1 IP_B=10.89.0.2
mkdir -p "$WORK/a/etc" "$WORK/b/etc" "$WORK/a/run" "$WORK/b/run" "$WORK/lock"
watch_log "$WORK/a.log" "$WORK/b.log"

CURRENT=setup
check "nlppp.ko loads" nlppp_load
ns_add "$NS_A" "$NS_B" || { finish; exit 1; }

# start_pair "A opts" "B opts"
start_pair() {
	: > "$WORK/a.log"; : > "$WORK/b.log"
	ip netns exec "$NS_A" "$NLPPPD" etc-dir "$WORK/a/etc" nodetach debug dataplane kernel \
		run-dir "$WORK/a/run" lock-dir "$WORK/lock" $1 \
		pty "ip netns exec $NS_B $NLPPPD etc-dir $WORK/b/etc notty debug dataplane kernel \
			run-dir $WORK/b/run lock-dir $WORK/lock $2 2>>$WORK/b.log" \
		> "$WORK/a.log" 2>&1 &
	PID_A=$!
	bg_track $PID_A
}

stop_pair() {
	kill -TERM "$PID_A" 2>/dev/null
	if wait_gone 30 "$PID_A"; then wait "$PID_A"; A_STATUS=$?; else A_STATUS=timeout; fi
}

up() { wait_addr "$NS_A" $IP_A 60 && wait_addr "$NS_B" $IP_B 60; }

clean() {
	[ -z "$(ppp_ifaces $NS_A)$(ppp_ifaces $NS_B)" ] && ! pgrep -x nlpppd >/dev/null
}

link_case() {
	CURRENT=$1
	start_pair "noauth $IP_A:$IP_B $2" "noauth $3"
	if ! up; then fail "link did not come up"; stop_pair; return; fi
	ok "link up"
	check "A uses the kernel data plane" grep -q "kernel data plane" "$WORK/a.log"
	check "B uses the kernel data plane" grep -q "kernel data plane" "$WORK/b.log"
	check "ppp0 is not a TUN device" sh -c "! ip netns exec $NS_A cat /sys/class/net/ppp0/tun_flags 2>/dev/null"
	check "ping A->B" ping_ok "$NS_A" $IP_B
	check "ping B->A" ping_ok "$NS_B" $IP_A
	if [ "${4:-0}" -gt 0 ]; then
		if transfer "$NS_A" "$NS_B" $IP_B "$4"; then ok "$4 MB A->B, SHA-256 matches ($XFER_RATE MB/s)"
		else fail "$4 MB transfer corrupted or incomplete"; fi
	fi
	stop_pair
	check "A exits 5 on TERM" test "$A_STATUS" = 5
	check "A read the kernel's link counters" grep -q "link counters (kernel)" "$WORK/a.log"
	check "nothing left behind" wait_for 10 clean
}

link_case default "" "" 50
link_case asyncmap-ffffffff "asyncmap ffffffff" "asyncmap ffffffff" 2
link_case escape "escape 7e,ff,11,13" "escape 91" 2
link_case mru-296 "mru 296" "mru 296" 2
# Sync framing: the line discipline writes whole frames, no stuffing or FCS;
# the pty merges and splits them, the receiving ldisc cuts and joins them.
link_case sync "sync" "sync" 10
check "A framed the link sync in the kernel" grep -q "kernel data plane, sync framing" "$WORK/a.log"
check "A asked for no ACCM" sh -c "! grep 'sent \[LCP ConfReq' $WORK/a.log | grep -q asyncmap"

CURRENT=chap
printf '%s\n' 'bob serverA "kp-s3cret" *' > "$WORK/a/etc/chap-secrets"
printf '%s\n' 'bob serverA "kp-s3cret"' > "$WORK/b/etc/chap-secrets"
chmod 600 "$WORK/a/etc/chap-secrets" "$WORK/b/etc/chap-secrets"
start_pair "name serverA require-chap $IP_A:$IP_B" "user bob noauth"
if up; then
	ok "CHAP over the kernel plane"
	check "ping A->B" ping_ok "$NS_A" $IP_B
else fail "link did not come up"; fi
stop_pair

CURRENT=pap
printf '%s\n' 'bob * "kp-papPW" *' > "$WORK/a/etc/pap-secrets"
printf '%s\n' 'bob * "kp-papPW"' > "$WORK/b/etc/pap-secrets"
chmod 600 "$WORK/a/etc/pap-secrets" "$WORK/b/etc/pap-secrets"
start_pair "require-pap $IP_A:$IP_B" "user bob noauth"
if up; then
	ok "PAP over the kernel plane"
	check "ping A->B" ping_ok "$NS_A" $IP_B
	check "A logged the PAP success" grep -q "PAP peer authentication succeeded for bob" "$WORK/a.log"
else fail "link did not come up"; fi
stop_pair
check "no password in either log" sh -c "! grep -q kp-papPW $WORK/a.log $WORK/b.log"

CURRENT=kill-9
start_pair "noauth $IP_A:$IP_B" "noauth"
if up; then
	kill -9 "$PID_A"
	check "A's ppp0 disappears with its socket" wait_for 20 sh -c "! ip -n $NS_A -o link show | grep -q ' ppp'"
	check "B notices and exits" wait_for 30 sh -c "! pgrep -x nlpppd >/dev/null"
	check "B's ppp0 is gone too" wait_for 20 sh -c "! ip -n $NS_B -o link show | grep -q ' ppp'"
else fail "link did not come up"; kill -9 "$PID_A"; fi

CURRENT=module
check "no links or bundles left: module unloads" rmmod nlppp

finish
