#!/bin/bash
# Throughput over one pty pair, in one VM run: iperf3 TCP through the real
# pppd on the kernel's ppp_async (the reference), through nlpppd on the
# user-space data plane, and through nlpppd on the kernel data plane
# (nlppp.ko) when the module is there; then the raw pty itself
# (tests/vm/pty_bench.c). Prints Mbit/s, ratios against pppd and against the
# raw pty. Not a test: numbers only (make bench-vm).
cd "$(dirname "$0")/../.." || exit 1
. tests/vm/lib.sh
require_vm

NLPPPD=$NLVM_REPO/build/nlpppd
NS_A=ba NS_B=bb
IP_A=10.91.0.1 IP_B=10.91.0.2
SECS=${BENCH_SECS:-8}
mkdir -p "$WORK/e" "$WORK/run"
mod_load ppp_async tun >/dev/null
HAVE_KMOD=0
nlppp_load 2>/dev/null && HAVE_KMOD=1
ns_add "$NS_A" "$NS_B" || exit 1

# iperf3 A -> B over the link; prints Mbit/s
measure() {
	ip netns exec "$NS_B" iperf3 -s -1 -D -p 5201 >/dev/null 2>&1
	sleep 0.5
	ip netns exec "$NS_A" iperf3 -c $IP_B -p 5201 -t "$SECS" -J 2>/dev/null |
		awk -F'[:,]' '/"sum_received"/ { r = 1 } r && /"bits_per_second"/ { printf "%.1f", $2 / 1e6; exit }'
}

run_plane() { # NAME "A command"  (B is started through pty by A)
	local name=$1 cmd=$2 pid rate
	ip netns exec "$NS_A" sh -c "exec $cmd" > "$WORK/$name.log" 2>&1 &
	pid=$!
	if wait_addr "$NS_A" $IP_A 60 && wait_addr "$NS_B" $IP_B 60; then
		rate=$(measure)
	else
		rate=
		tail -20 "$WORK/$name.log"
	fi
	kill -TERM $pid 2>/dev/null; wait_gone 30 $pid
	wait_for 20 sh -c "! pgrep -x pppd >/dev/null && ! pgrep -x nlpppd >/dev/null"
	echo "${rate:-0}"
}

P="nodetach noauth noccp novj logfile /dev/null"
NL="$NLPPPD etc-dir $WORK/e nodetach noauth run-dir $WORK/run lock-dir $WORK/run"

pppd_rate=$(run_plane pppd "pppd $P $IP_A:$IP_B pty 'ip netns exec $NS_B pppd notty $P'")
user_rate=$(run_plane user "$NL dataplane user $IP_A:$IP_B pty 'ip netns exec $NS_B $NL notty dataplane user'")
kern_rate=0
[ $HAVE_KMOD = 1 ] && kern_rate=$(run_plane kernel \
	"$NL dataplane kernel $IP_A:$IP_B pty 'ip netns exec $NS_B $NL notty dataplane kernel'")

# The pty pair alone, raw bytes one way: the ceiling for every plane above.
pty_rate=$("$NLVM_REPO/build/kmod-vm/pty_bench" "$SECS" 2>/dev/null | awk '$1 == "pty" { print $2 }')

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }'; }
echo
echo "iperf3 TCP over one pty pair, ${SECS}s, Mbit/s (ratio to pppd + ppp_async):"
printf '  %-28s %8s\n' "pppd + ppp_async" "$pppd_rate"
printf '  %-28s %8s  %s\n' "nlpppd, user data plane" "$user_rate" "$(ratio "$user_rate" "$pppd_rate")"
if [ $HAVE_KMOD = 1 ]; then
	printf '  %-28s %8s  %s\n' "nlpppd, kernel data plane" "$kern_rate" "$(ratio "$kern_rate" "$pppd_rate")"
else
	printf '  %-28s %8s\n' "nlpppd, kernel data plane" "(nlppp.ko not loadable)"
fi
echo "Against the raw pty (${pty_rate:-?} Mbit/s of bytes one way, no framing, no TCP):"
printf '  %-28s %8s\n' "pppd + ppp_async" "$(ratio "$pppd_rate" "${pty_rate:-0}")"
printf '  %-28s %8s\n' "nlpppd, user data plane" "$(ratio "$user_rate" "${pty_rate:-0}")"
[ $HAVE_KMOD = 1 ] && printf '  %-28s %8s\n' "nlpppd, kernel data plane" "$(ratio "$kern_rate" "${pty_rate:-0}")"
echo "0 passed, 0 failed"
