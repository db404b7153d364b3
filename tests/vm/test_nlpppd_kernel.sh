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
NLPPPCTL=$NLVM_REPO/build/nlpppctl
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

# nlpppctl on A's control socket (a Unix socket: any namespace reaches it)
ctl() { "$NLPPPCTL" --run-dir "$WORK/a/run" "$@"; }
# ctl_jq SECTION... -- FILTER: nlpppctl --json show/list, the filter must hold
ctl_jq() {
	local args=() ; while [ "$1" != -- ]; do args+=("$1"); shift; done; shift
	ctl --json "${args[@]}" | jq -e "$1"
}
# metric_positive NAME IFNAME: a sample of NAME for IFNAME with a value > 0
metric_positive() {
	ctl metrics | awk -v m="$1" -v i="ifname=\"$2\"" \
		'index($0, m "{") == 1 && index($0, i) && $NF > 0 { found = 1 } END { exit !found }'
}
# summary_positive LOG: pppd's "Sent N bytes, received M bytes." with N, M > 0
summary_positive() {
	awk '/Sent [0-9]+ bytes, received [0-9]+ bytes\./ {
		for (i = 1; i < NF; i++) {
			if ($i == "Sent") s = $(i + 1)
			if ($i == "received") r = $(i + 1)
		}
	} END { exit !(s > 0 && r > 0) }' "$1"
}
# env_positive FILE VAR: VAR=N in an env dump, N > 0
env_positive() { awk -F= -v v="$2" '$1 == v && $2 > 0 { f = 1 } END { exit !f }' "$1"; }

# The kernel plane as nlpppctl and the scripts see it: the link's phase and
# plane, the kernel's counters in stats and metrics, pppd's summary and the
# ip-down script's byte counts (both read back from the kernel).
ctl_checks_up() {
	check "nlpppctl list: ppp0 running on the kernel plane" ctl_jq list -- \
		'any(.[]; .ifname == "ppp0" and .dataplane == "kernel" and .phase == "running")'
	check "nlpppctl show stats: kernel tx_bytes and rx_packets > 0" ctl_jq show ppp0 stats -- \
		'.stats.counters.tx_bytes > 0 and .stats.counters.rx_packets > 0'
	check "nlpppctl show link: async framing" ctl_jq show ppp0 link -- '.link.framing == "async"'
	check "nlpppctl metrics: nlppp_tx_bytes_total for ppp0 > 0" \
		metric_positive nlppp_tx_bytes_total ppp0
}
ctl_checks_down() {
	local sum env
	sum=$(grep -o 'Sent [0-9]* bytes, received [0-9]* bytes' "$WORK/a.log" | tail -1)
	check "A's summary: sent and received > 0 ($sum)" summary_positive "$WORK/a.log"
	check "ip-down ran" wait_for 10 test -s "$WORK/ip-down.env"
	env=$(grep -E '^(BYTES_SENT|BYTES_RCVD|CONNECT_TIME)=' "$WORK/ip-down.env" 2>/dev/null | sort | tr '\n' ' ')
	check "ip-down: BYTES_SENT > 0 ($env)" env_positive "$WORK/ip-down.env" BYTES_SENT
	check "ip-down: BYTES_RCVD > 0" env_positive "$WORK/ip-down.env" BYTES_RCVD
	check "ip-down: CONNECT_TIME set" grep -q '^CONNECT_TIME=[0-9][0-9]*$' "$WORK/ip-down.env"
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
	[ "$1" = "$CTL_CASE" ] && ctl_checks_up
	stop_pair
	check "A exits 5 on TERM" test "$A_STATUS" = 5
	check "A read the kernel's link counters" grep -q "link counters (kernel)" "$WORK/a.log"
	check "nothing left behind" wait_for 10 clean
	[ "$1" = "$CTL_CASE" ] && ctl_checks_down
	return 0
}

# The default case also looks at the link through nlpppctl and ip-down.
CTL_CASE=default
printf '#!/bin/sh\nenv > %s\n' "$WORK/ip-down.env" > "$WORK/a/etc/ip-down"
chmod 755 "$WORK/a/etc/ip-down"
link_case default "" "" 50
rm -f "$WORK/a/etc/ip-down"
link_case asyncmap-ffffffff "asyncmap ffffffff" "asyncmap ffffffff" 2
link_case escape "escape 7e,ff,11,13" "escape 91" 2
link_case mru-296 "mru 296" "mru 296" 2
# Sync framing: the line discipline writes whole frames, no stuffing or FCS;
# the pty merges and splits them, the receiving ldisc cuts and joins them.
# VJ and CCP stay off: a compressed TCP header (0x002d) or datagram
# (0x00fd) does not say how long its frame is, so it cannot be cut out of a
# merged read (a real sync device delivers one frame per read).
link_case sync "sync novj noccp" "sync novj noccp" 20
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

# nlpppctl drives a kernel-plane link: monitor, debug, down (persist
# redials through a new line discipline link), close (exit 5, no redial).
CURRENT=nlpppctl
start_pair "noauth $IP_A:$IP_B persist holdoff 1" "noauth"
if up; then
	ctl --json monitor > "$WORK/monitor.json" 2>/dev/null &
	MON=$!
	bg_track $MON
	sleep 1
	check "debug ppp0 on" sh -c "'$NLPPPCTL' --run-dir '$WORK/a/run' debug ppp0 on | grep -q 'debug on'"
	check "down ppp0" ctl down ppp0
	check "the link went down" wait_for 20 grep -q "link dropped by nlpppctl" "$WORK/a.log"
	check "persist: back up on the kernel plane" wait_for 60 ctl_jq list -- \
		'any(.[]; .ifname == "ppp0" and .dataplane == "kernel" and .phase == "running")'
	check "ping after the redial" wait_for 20 ping_ok "$NS_A" $IP_B
	check "close ppp0" ctl close ppp0
	if wait_gone 30 "$PID_A"; then wait "$PID_A"; A_STATUS=$?; else A_STATUS=timeout; fi
	check "A exits 5 after close, no redial" test "$A_STATUS" = 5
	kill "$MON" 2>/dev/null; wait "$MON" 2>/dev/null
	check "monitor saw the link go down (exit status 16) and phases" jq -e -s \
		'any(.[]; .event == "link_down" and .exit_status == 16) and
		 any(.[]; .event == "phase" and .phase == "running")' "$WORK/monitor.json"
	check "nothing left behind" wait_for 10 clean
else fail "link did not come up"; stop_pair; fi

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
