#!/bin/bash
# The module's knobs and a bundle's face in sysfs. Every parameter under
# /sys/module/nlppp/parameters/ is read, takes a value at each end of its
# range, and refuses one past each end (and garbage) with the old value
# kept; the load-time ones refuse bad values at insmod. The writable ones
# take effect where docs/nlppp.4 says: new pppN get tx_queue_len and mru,
# LINK_SET is held to mru_max. Then two nlpppd on the kernel plane bring a
# link up, and /sys/class/net/ppp0/nlppp/ must say what `nlpppctl show
# ppp0` says about the same link: framing, MRU and every counter; the ids
# are the ones the module logged (debug=1). Reading the files while the
# daemon dies and the device goes must leave the kernel log clean (run.sh).
cd "$(dirname "$0")/../.." || exit 1
. tests/vm/lib.sh
require_vm

NLPPPD=$NLVM_REPO/build/nlpppd
NLPPPCTL=$NLVM_REPO/build/nlpppctl
API=$(nlppp_api_bin) || { echo "0 passed, 1 failed"; exit 1; }
P=/sys/module/nlppp/parameters
NS_A=sa NS_B=sb
IP_A=10.91.0.1 IP_B=10.91.0.2

param() { cat "$P/$1" 2>/dev/null; }
# set_param NAME VALUE: the write succeeds
set_param() { printf '%s' "$2" > "$P/$1"; }

# range NAME LO HI BELOW ABOVE: LO and HI are taken and read back; BELOW,
# ABOVE and garbage are refused and leave the value as it was.
range() {
	local name=$1 lo=$2 hi=$3 v before
	CURRENT=param-$name
	for v in "$lo" "$hi"; do
		if set_param "$name" "$v" 2>/dev/null && [ "$(param "$name")" = "$v" ]; then
			ok "$name=$v is taken"
		else
			fail "$name=$v: write failed or reads back $(param "$name")"
		fi
	done
	before=$(param "$name")
	for v in "$4" "$5" banana; do
		if set_param "$name" "$v" 2>/dev/null; then
			fail "$name='$v' was accepted (now $(param "$name"))"
		elif [ "$(param "$name")" != "$before" ]; then
			fail "$name='$v' was refused but the value changed to $(param "$name")"
		else
			ok "$name='$v' is refused, $name stays $before"
		fi
	done
}

CURRENT=load
rmmod nlppp 2>/dev/null
for bad in tx_queue_len=0 tx_backlog=1025 mru=127 mru_max=65525 debug=2; do
	if nlppp_load "$bad" 2>/dev/null; then fail "insmod $bad was accepted"; rmmod nlppp
	else ok "insmod $bad is refused"; fi
done
check "insmod with every parameter at a legal value" nlppp_load ldisc=29 tx_queue_len=100 \
	tx_backlog=16 mru=1500 mru_max=65524 debug=1
for p in ldisc tx_queue_len tx_backlog mru mru_max debug; do
	if [ -n "$(param $p)" ]; then ok "$p reads $(param $p)"; else fail "$p is missing"; fi
done
n=$(ls "$P" | wc -l)
[ "$n" = 6 ] && ok "six parameters, no undocumented one" || fail "$n parameters: $(ls "$P" | tr '\n' ' ')"

CURRENT=param-ldisc
[ "$(stat -c %a "$P/ldisc")" = 444 ] && ok "ldisc is read-only (0444)" || fail "ldisc mode $(stat -c %a "$P/ldisc")"
if set_param ldisc 28 2>/dev/null; then fail "ldisc took a write at run time"; else ok "ldisc refuses a write at run time"; fi
[ "$(param ldisc)" = 29 ] && ok "ldisc stays 29" || fail "ldisc now $(param ldisc)"

range tx_queue_len 1 65536 0 65537
range tx_backlog 1 1024 0 1025
range mru 128 65524 127 65525
range mru_max 1500 65524 1499 65525
# A bool reads back as Y or N.
CURRENT=param-debug
set_param debug 0 && [ "$(param debug)" = N ] && ok "debug=0 reads N" || fail "debug=0 reads $(param debug)"
set_param debug 1 && [ "$(param debug)" = Y ] && ok "debug=1 reads Y" || fail "debug=1 reads $(param debug)"
for v in 2 -1 banana; do
	if set_param debug "$v" 2>/dev/null; then fail "debug='$v' was accepted"
	elif [ "$(param debug)" != Y ]; then fail "debug='$v' was refused but debug is $(param debug)"
	else ok "debug='$v' is refused, debug stays Y"; fi
done

# What a change affects: new bundles, new LINK_SETs.
CURRENT=effects
ns_add "$NS_A" "$NS_B" || { finish; exit 1; }
set_param tx_queue_len 250
set_param mru 1400
set_param mru_max 2000
out=$(ip netns exec "$NS_A" "$API" link-mru 2001); rc=$?
[ $rc = 3 ] && ok "LINK_SET MRU 2001 above mru_max=2000 is refused with ERANGE ($out)" ||
	fail "LINK_SET MRU 2001 with mru_max=2000: exit $rc, $out"
out=$(ip netns exec "$NS_A" "$API" link-mru 2000); rc=$?
[ $rc = 0 ] && ok "LINK_SET MRU 2000 = mru_max is accepted" || fail "LINK_SET MRU 2000: exit $rc, $out"
set_param mru_max 65524

mkdir -p "$WORK/a/etc" "$WORK/b/etc" "$WORK/a/run" "$WORK/b/run" "$WORK/lock"
watch_log "$WORK/a.log" "$WORK/b.log"
kmsg_mark
ip netns exec "$NS_A" "$NLPPPD" etc-dir "$WORK/a/etc" nodetach debug dataplane kernel \
	run-dir "$WORK/a/run" lock-dir "$WORK/lock" noauth $IP_A:$IP_B \
	pty "ip netns exec $NS_B $NLPPPD etc-dir $WORK/b/etc notty debug dataplane kernel \
		run-dir $WORK/b/run lock-dir $WORK/lock noauth 2>>$WORK/b.log" \
	> "$WORK/a.log" 2>&1 &
PID_A=$!
bg_track $PID_A
if ! { wait_addr "$NS_A" $IP_A 60 && wait_addr "$NS_B" $IP_B 60; }; then
	fail "the link did not come up"; finish; exit 1
fi
ok "link up on the kernel plane"
S=/sys/class/net/ppp0/nlppp
in_a() { ip netns exec "$NS_A" "$@"; }
in_b() { ip netns exec "$NS_B" "$@"; }
qlen=$(in_a cat /sys/class/net/ppp0/tx_queue_len)
[ "$qlen" = 250 ] && ok "the new ppp0 has tx_queue_len 250 from the parameter" || fail "ppp0 txqueuelen $qlen"
[ "$(in_a cat $S/mru)" = 1400 ] && ok "the new bundle's MRU is the mru parameter (1400)" ||
	fail "bundle mru $(in_a cat $S/mru)"
set_param tx_queue_len 100
set_param mru 1500
[ "$(in_a cat /sys/class/net/ppp0/tx_queue_len)" = 250 ] && ok "an existing ppp0 keeps its queue length" ||
	fail "existing ppp0's queue length changed"
check "ping A->B" ping_ok "$NS_A" $IP_B

CURRENT=bundle
n=$(in_a find $S/ -type f | wc -l)
[ "$n" = 17 ] && ok "17 attributes in $S" || fail "$n attributes in $S: $(in_a ls $S | tr '\n' ' ')"
w=$(in_a find $S/ -type f -perm /222)
[ -z "$w" ] && ok "every attribute is read-only" || fail "writable: $w"
check "writing an attribute fails" sh -c "! ip netns exec $NS_A sh -c 'echo 1 > $S/mru' 2>/dev/null"
log_ids=$(kmsg_since | sed -n 's/.*nlppp: bundle \([0-9]*\) is ppp0$/\1/p' | sort -n | tr '\n' ' ')
sys_ids=$( (in_a cat $S/bundle_id; in_b cat $S/bundle_id) | sort -n | tr '\n' ' ')
[ -n "$log_ids" ] && [ "$log_ids" = "$sys_ids" ] && ok "bundle_id in A and B are the ids the module logged ($sys_ids)" ||
	fail "bundle ids: sysfs '$sys_ids', kernel log '$log_ids'"
log_ids=$(kmsg_since | sed -n 's/.*nlppp: link \([0-9]*\) claimed by port.*/\1/p' | sort -n | tr '\n' ' ')
sys_ids=$( (in_a cat $S/links; in_b cat $S/links) | sort -n | tr '\n' ' ')
[ -n "$log_ids" ] && [ "$log_ids" = "$sys_ids" ] && ok "links in A and B are the ids the module logged ($sys_ids)" ||
	fail "link ids: sysfs '$sys_ids', kernel log '$log_ids'"

ctl() { "$NLPPPCTL" --run-dir "$WORK/a/run" "$@"; }
fr=$(ctl --json show ppp0 link | jq -r .link.framing)
[ "$(in_a cat $S/link_framing)" = "$fr" ] && ok "link_framing = nlpppctl's framing ($fr)" ||
	fail "link_framing $(in_a cat $S/link_framing), nlpppctl $fr"
mru=$(ctl --json show ppp0 link | jq -r .link.rx.mru)
[ "$(in_a cat $S/link_mru)" = "$mru" ] && ok "link_mru = nlpppctl's rx mru ($mru)" ||
	fail "link_mru $(in_a cat $S/link_mru), nlpppctl $mru"

# The counters nlpppctl shows, and the same names here. nlpppctl's
# rx_dropped adds frames the daemon itself dropped before the link was up.
COUNTERS="rx_packets rx_bytes tx_packets tx_bytes rx_frames tx_frames rx_fcs_errors
	rx_frame_errors rx_aborts rx_overruns tx_dropped"
sys_counters() { local c; for c in $COUNTERS; do printf '%s=%s ' "$c" "$(in_a cat $S/$c)"; done; }
ctl_counters() {
	local c j; j=$(ctl --json show ppp0 stats)
	for c in $COUNTERS; do printf '%s=%s ' "$c" "$(echo "$j" | jq -r ".stats.counters.$c")"; done
}
# A quiet link reads the same twice around nlpppctl's read; retry if not.
same=
for _ in 1 2 3 4 5; do
	s1=$(sys_counters); c=$(ctl_counters); s2=$(sys_counters)
	[ "$s1" = "$s2" ] && [ "$s1" = "$c" ] && { same=1; break; }
	sleep 1
done
echo "     sysfs:    $s1"
echo "     nlpppctl: $c"
[ -n "$same" ] && ok "all $(echo $COUNTERS | wc -w) counters equal nlpppctl show ppp0 stats" ||
	fail "counters differ from nlpppctl's"
case "$s1" in *"rx_packets=0 "*|*"tx_frames=0 "*) fail "a counter that traffic moves is 0" ;;
*) ok "rx_packets and tx_frames moved with the traffic" ;; esac
j=$(ctl --json show ppp0 stats)
rxd=$(echo "$j" | jq -r .stats.counters.rx_dropped)
[ "$(in_a cat $S/rx_dropped)" -le "$rxd" ] && ok "rx_dropped ($(in_a cat $S/rx_dropped)) <= nlpppctl's ($rxd)" ||
	fail "rx_dropped $(in_a cat $S/rx_dropped) > nlpppctl's $rxd"

# Readers racing the device's removal.
CURRENT=teardown
in_a sh -c "while :; do cat $S/* >/dev/null 2>&1; done" &
RD=$!
bg_track $RD
sleep 1
kill -TERM "$PID_A"
wait_gone 30 "$PID_A" && ok "A exits while ppp0's attributes are being read" || fail "A did not exit"
check "ppp0 is gone in A" wait_for 20 sh -c "! ip -n $NS_A -o link show | grep -q ' ppp'"
kill "$RD" 2>/dev/null; wait "$RD" 2>/dev/null
check "nothing left behind" wait_for 20 sh -c "! pgrep -x nlpppd >/dev/null"
CURRENT=unload
set_param debug 0
check "rmmod" rmmod nlppp

finish
