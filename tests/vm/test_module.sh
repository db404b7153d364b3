#!/bin/bash
# nlppp.ko loads only after its codec self-tests pass (and says so in one
# line), shows its parameters under /sys/module/nlppp/parameters/, refuses
# nonsense parameters, and unloads. Then 50 load/unload cycles, each with two
# bundles in two namespaces joined by a pty pair running the nlppp ldisc,
# pinging across at the moment the owner is killed and the module removed;
# every other cycle the bundles are persistent, so rmmod itself must tear
# down live interfaces. The kernel log must stay clean throughout (run.sh).
cd "$(dirname "$0")/../.." || exit 1
. tests/vm/lib.sh
require_vm

CYCLES=${NLPPP_CYCLES:-50}
API=$(nlppp_api_bin) || { echo "0 passed, 1 failed"; exit 1; }

param() { cat "/sys/module/nlppp/parameters/$1" 2>/dev/null; }

CURRENT=load
rmmod nlppp 2>/dev/null
kmsg_mark
check "insmod nlppp.ko" nlppp_load
line=$(kmsg_since | grep -E 'nlppp: self-tests passed .*sync' | head -1)
if [ -n "$line" ]; then ok "self-test line in dmesg: ${line#*] }"; else fail "no self-test line in dmesg"; fi
for p in ldisc tx_queue_len tx_backlog debug; do
	if [ -n "$(param $p)" ]; then ok "parameter $p = $(param $p)"; else fail "parameter $p missing"; fi
done
[ "$(param ldisc)" = 29 ] && ok "ldisc defaults to 29 (N_DEVELOPMENT)" || fail "ldisc is $(param ldisc)"
echo 200 > /sys/module/nlppp/parameters/tx_queue_len &&
	[ "$(param tx_queue_len)" = 200 ] && ok "tx_queue_len is writable" || fail "tx_queue_len not writable"
check "rmmod nlppp" rmmod nlppp
check "the module is gone" sh -c '! [ -d /sys/module/nlppp ]'

CURRENT=params
for bad in ldisc=0 ldisc=31 ldisc=-1; do
	if nlppp_load "$bad" 2>/dev/null; then fail "insmod $bad was accepted"; rmmod nlppp; else ok "insmod $bad is refused"; fi
done
if nlppp_load ldisc=28 tx_backlog=4 debug=1; then
	[ "$(param ldisc)" = 28 ] && [ "$(param tx_backlog)" = 4 ] && [ "$(param debug)" = Y ] &&
		ok "insmod ldisc=28 tx_backlog=4 debug=1 takes effect" || fail "parameters not applied"
	rmmod nlppp
else
	fail "insmod ldisc=28 failed"
fi

# Unload tears down in the reverse order of load: every bundle is destroyed
# while the genl family still exists (a bundle may send DEMAND on it until
# then), and the family goes last. With debug=1 both steps log a line.
CURRENT=unload_order
ns_add a b
if nlppp_load debug=1; then
	rm -f "$WORK/ctl" "$WORK/dp.out"; mkfifo "$WORK/ctl"
	NLPPP_PERSIST=1 "$API" datapath /run/netns/a /run/netns/b < "$WORK/ctl" > "$WORK/dp.out" 2>&1 &
	hpid=$!
	exec 7> "$WORK/ctl"
	wait_for 20 grep -q '^ready' "$WORK/dp.out" || fail "datapath helper not ready"
	echo quit >&7; exec 7>&-
	wait_gone 10 $hpid
	[ -n "$(ppp_ifaces a)" ] && ok "a persistent bundle outlives its owner" || fail "no persistent bundle left"
	kmsg_mark
	check "rmmod with persistent bundles" wait_for 15 rmmod nlppp
	order=$(kmsg_since | grep -oE 'bundle [0-9]+ \(ppp[0-9]+\) destroyed|genl family unregistered' | tr '\n' ';')
	echo "     unload log: $order"
	case "$order" in
	*destroyed\;*destroyed\;"genl family unregistered;") ok "both bundles destroyed before the genl family goes" ;;
	*) fail "unload order: $order" ;;
	esac
else
	fail "insmod debug=1"
fi

CURRENT=cycles
fails=0 pings=0
for i in $(seq 1 "$CYCLES"); do
	if ! nlppp_load; then fails=$((fails + 1)); echo "cycle $i: insmod failed"; break; fi
	rm -f "$WORK/ctl" "$WORK/dp.out"
	mkfifo "$WORK/ctl"
	persist=; [ $((i % 2)) = 0 ] && persist=1
	NLPPP_PERSIST=$persist "$API" datapath /run/netns/a /run/netns/b < "$WORK/ctl" > "$WORK/dp.out" 2>&1 &
	hpid=$!
	exec 7> "$WORK/ctl"
	if ! wait_for 20 grep -q '^ready' "$WORK/dp.out"; then
		echo "cycle $i: helper not ready:"; cat "$WORK/dp.out"
		fails=$((fails + 1)); kill -9 $hpid; exec 7>&-; rmmod nlppp; continue
	fi
	read -r _ ifa ifb < <(grep '^ready' "$WORK/dp.out")
	ip -n a addr add 192.0.2.1 peer 192.0.2.2 dev "$ifa" && ip -n a link set "$ifa" up &&
	ip -n b addr add 192.0.2.2 peer 192.0.2.1 dev "$ifb" && ip -n b link set "$ifb" up
	ip netns exec a ping -c 1 -W 5 192.0.2.2 >/dev/null 2>&1 && pings=$((pings + 1))
	if [ "$i" = 1 ]; then
		# A tty using the line discipline pins the module.
		if rmmod nlppp 2>/dev/null; then fail "rmmod succeeded while ttys use the ldisc"
		else ok "rmmod is refused while ttys use the ldisc"; fi
	fi
	# Traffic in flight while everything goes away.
	ip netns exec a ping -q -i 0.002 -w 3 192.0.2.2 >/dev/null 2>&1 &
	fpid=$!
	ip netns exec b ping -q -i 0.002 -w 3 -s 1200 192.0.2.1 >/dev/null 2>&1 &
	fpid2=$!
	sleep 0.3
	kill -9 $hpid; exec 7>&-
	wait $hpid 2>/dev/null
	if ! wait_for 15 rmmod nlppp; then
		echo "cycle $i: rmmod failed"; fails=$((fails + 1))
	fi
	kill $fpid $fpid2 2>/dev/null; wait $fpid $fpid2 2>/dev/null
	if [ -d /sys/module/nlppp ] || [ -n "$(ppp_ifaces a)$(ppp_ifaces b)" ]; then
		echo "cycle $i: module or interfaces left behind"; fails=$((fails + 1)); break
	fi
done
[ "$fails" = 0 ] && ok "$CYCLES load/unload cycles with traffic at unload" || fail "$fails of $CYCLES cycles failed"
[ "$pings" = "$CYCLES" ] && ok "every cycle pinged across the pty link ($pings/$CYCLES)" ||
	fail "only $pings of $CYCLES cycles pinged across"

finish
