#!/bin/bash
# The kernel's compression pipeline (issue 9, part 4), driven straight over
# netlink by nlppp_api_test (no daemon, no CCP negotiation): two bundles in
# two namespaces, their links two pty pairs joined by a relay that drops
# frames a -> b on demand. MPPE-128 stateless and stateful, Predictor-1,
# Deflate (types 26 and 24, windows 15, 12, 9), BSD-Compress (15, 12, 9 bits)
# and VJ carry pings and TCP intact and move their counters; lost frames show
# stateless MPPE recovering by itself and stateful MPPE / Predictor-1 /
# Deflate / BSD-Compress raising one CCP_ERROR event, discarding until the
# reset, then carrying on;
# forged far-ahead MPPE coherency counts cost one long rekey run a second;
# the MPPE key never reads back; bad configurations are refused.
cd "$(dirname "$0")/../.." || exit 1
. tests/vm/lib.sh
require_vm

API=$(nlppp_api_bin) || { echo "0 passed, 1 failed"; exit 1; }

CURRENT=load
rmmod nlppp 2>/dev/null
check "insmod nlppp.ko (with libarc4)" nlppp_load
kmsg_mark
check "the in-module MPPE self-test ran (RFC 3079 3.5 vector)" \
	sh -c "dmesg | grep -q 'nlppp: self-tests passed .*mppe'"

CURRENT=setup
ns_add a b
mkfifo "$WORK/ctl"
"$API" compress /run/netns/a /run/netns/b < "$WORK/ctl" > "$WORK/c.out" 2>&1 &
hpid=$!
bg_track $hpid
exec 7> "$WORK/ctl"
watch_log "$WORK/c.out"
if ! wait_for 20 grep -q '^ready' "$WORK/c.out"; then
	fail "the compression helper did not come up"
	finish; exit
fi
read -r _ ifa ifb < <(grep '^ready' "$WORK/c.out")
CURRENT=config
grep -E '^(ok|FAIL) ' "$WORK/c.out"
np=$(grep -cE '^ok ' "$WORK/c.out"); nf=$(grep -cE '^FAIL ' "$WORK/c.out")
T_PASS=$((T_PASS + np)) T_FAIL=$((T_FAIL + nf))

# cmd LINE: send a command to the helper, print its one-line answer
cmd() {
	local before i=0; before=$(wc -l < "$WORK/c.out")
	echo "$*" >&7
	while [ "$(wc -l < "$WORK/c.out")" -le "$before" ] && [ $i -lt 200 ]; do
		sleep 0.05; i=$((i + 1))
	done
	tail -n +$((before + 1)) "$WORK/c.out" | head -1
}
# snmp NS PROTO FIELD: a counter of /proc/net/snmp in NS
snmp() { ip netns exec "$1" awk -v p="$2:" -v f="$3" '$1 == p && !h { for (i = 2; i <= NF; i++) c[$i] = i; h = 1; next }
	$1 == p && h { print $c[f]; exit }' /proc/net/snmp; }
# n STATS_LINE KEY: one counter out of a "stats" line
n() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k { print $2 }'; }
# ccp SIDE DIR SPEC [required]: must be accepted
ccp() { local r; r=$(cmd ccp "$@"); [ "$r" = "ccp ok" ] || fail "ccp $*: $r"; }
both() { ccp a tx "$1" ${2:-}; ccp b rx "$1" ${2:-}; ccp b tx "$1" ${2:-}; ccp a rx "$1" ${2:-}; }

ip -n a addr add 192.0.2.1 peer 192.0.2.2 dev "$ifa"
ip -n b addr add 192.0.2.2 peer 192.0.2.1 dev "$ifb"
# MPPE adds 4 bytes the link MRU (1500) must still hold: pppd's MTU rule.
ip -n a link set "$ifa" mtu 1496 up
ip -n b link set "$ifb" mtu 1496 up
check "plain ping before any compression" ping_ok a 192.0.2.2

# --- MPPE-128 stateless ---
CURRENT=mppe-stateless
both mppe128 required
g=$(cmd get a)
case "$g" in "get a method=1 bits=128 stateful=0 required=1 key=absent") ok "GET shows MPPE-128 stateless, required, and no key ($g)" ;;
	*) fail "GET after MPPE set: $g" ;; esac
check "ping over MPPE-128 stateless" ping_ok a 192.0.2.2
check "full-size ping (1468 bytes) fits the link MRU" ping_ok a 192.0.2.2 "-s 1468"
if transfer a b 192.0.2.2 1; then ok "1 MB TCP over MPPE-128 stateless, SHA-256 equal ($XFER_RATE MB/s)"; else fail "1 MB over MPPE stateless"; fi
sa=$(cmd stats a); sb=$(cmd stats b)
echo "     $sa"; echo "     $sb"
[ "$(n "$sa" comp_tx_in)" -gt 1000000 ] && [ "$(n "$sa" comp_tx_out)" -gt "$(n "$sa" comp_tx_in)" ] &&
	ok "a encrypted the traffic (comp_tx_out = in + 2 per packet)" || fail "a's MPPE transmit counters: $sa"
[ "$(n "$sb" comp_rx_in)" -gt 1000000 ] && [ "$(n "$sb" mppe_discards)" = 0 ] &&
	ok "b decrypted it all, no discards" || fail "b's MPPE receive counters: $sb"
[ "$(cmd drop 3)" = "drop ok" ] || fail "relay drop"
ip netns exec a ping -c 6 -i 0.3 -W 1 192.0.2.2 >/dev/null 2>&1
d=$(cmd dropped)
case "$d" in "dropped 3 pending 0") ok "the relay dropped 3 MPPE frames a -> b" ;; *) fail "relay: $d" ;; esac
check "stateless MPPE recovers from the loss by itself" ping_ok a 192.0.2.2
sb=$(cmd stats b)
[ "$(n "$sb" ccp_errors)" = 0 ] && [ "$(n "$sb" comp_rx_errors)" = 0 ] &&
	ok "stateless: no decompression error, no CCP_ERROR event" || fail "stateless loss: $sb"
# Forged frames, each far ahead of the last: a stateless receiver rekeys its
# way to the first (up to 4095 key changes) and drops the rest for a second.
s0=$(n "$(cmd stats b)" mppe_discards)
[ "$(cmd inject 4 2048)" = "inject ok" ] || fail "inject"
i=0; while [ $i -lt 25 ]; do
	d=$(( $(n "$(cmd stats b)" mppe_discards) - s0 )); [ "$d" -ge 3 ] && break; sleep 0.2; i=$((i + 1)); done
[ "$d" -ge 2 ] && [ "$d" -le 3 ] && ok "4 forged far-ahead coherency counts: one long rekey run, then $d dropped" ||
	fail "far jumps: $d discarded of 4"
# That run left b's key chain ahead of a's for good (as with any MPPE): start over.
ccp a tx mppe128 required; ccp b rx mppe128 required
check "fresh keys, the flow resumes" ping_ok a 192.0.2.2
ccp a tx none required
ip netns exec a ping -c 2 -i 0.3 -W 1 192.0.2.2 >/dev/null 2>&1
sa=$(cmd stats a)
[ "$(n "$sa" comp_required_drops)" -gt 0 ] && ok "MPPE required, method none: IPv4 dropped ($(n "$sa" comp_required_drops))" ||
	fail "required drops: $sa"
ccp b tx none
ip netns exec b ping -c 2 -i 0.3 -W 1 192.0.2.1 >/dev/null 2>&1
sa=$(cmd stats a)
[ "$(n "$sa" comp_required_drops)" -ge 4 ] &&
	ok "receive side requires MPPE: plain IPv4 from b dropped" || fail "rx required drops: $sa"

# --- MPPE-128 stateful ---
CURRENT=mppe-stateful
both mppe128s
check "ping over MPPE-128 stateful" ping_ok a 192.0.2.2
if transfer a b 192.0.2.2 1; then ok "1 MB TCP over MPPE-128 stateful, SHA-256 equal ($XFER_RATE MB/s)"; else fail "1 MB over MPPE stateful"; fi
e0=$(n "$(cmd stats b)" ccp_errors)
[ "$(cmd drop 1)" = "drop ok" ] || fail "relay drop"
ip netns exec a ping -c 5 -i 0.3 -W 1 192.0.2.2 >/dev/null 2>&1
sb=$(cmd stats b); echo "     $sb"
[ "$(n "$sb" ccp_errors)" = $((e0 + 1)) ] && ok "one lost frame: exactly one CCP_ERROR event to b's owner" ||
	fail "CCP_ERROR events: $e0 -> $(n "$sb" ccp_errors)"
[ "$(n "$sb" mppe_discards)" -ge 2 ] && ok "b discards until a FLUSHED packet ($(n "$sb" mppe_discards) discarded, no more events)" ||
	fail "stateful discards: $sb"
check "no ping gets through while out of sync" sh -c "! ip netns exec a ping -c 1 -W 1 192.0.2.2"
[ "$(cmd reset a tx)" = "reset ok" ] || fail "reset a tx"
[ "$(cmd reset b rx)" = "reset ok" ] || fail "reset b rx"
check "after the Reset-Request (a's compressor reset) the flow resumes" ping_ok a 192.0.2.2
sa=$(cmd stats a); sb=$(cmd stats b)
[ "$(n "$sa" comp_tx_resets)" = 1 ] && [ "$(n "$sb" comp_rx_resets)" = 1 ] && ok "resets counted" ||
	fail "reset counters: $sa / $sb"
[ "$(cmd drop 1)" = "drop ok" ] || fail "relay drop"
ip netns exec a ping -c 3 -i 0.3 -W 1 192.0.2.2 >/dev/null 2>&1
[ "$(n "$(cmd stats b)" ccp_errors)" = $((e0 + 2)) ] && ok "the reset re-armed the event: a second loss, a second event" ||
	fail "second CCP_ERROR"
cmd reset a tx >/dev/null; cmd reset b rx >/dev/null
check "and recovers again" ping_ok a 192.0.2.2

# --- Predictor-1 ---
CURRENT=pred1
both pred1
check "ping over Predictor-1" ping_ok a 192.0.2.2 "-s 1000"
sa=$(cmd stats a)
tin=$(n "$sa" comp_tx_in); tout=$(n "$sa" comp_tx_out)
g=$(cmd get a)
case "$g" in "get a method=2 "*"key=absent") ok "GET shows Predictor-1 ($g)" ;; *) fail "GET pred1: $g" ;; esac
if transfer a b 192.0.2.2 1; then ok "1 MB of random data over Predictor-1, SHA-256 equal ($XFER_RATE MB/s)"; else fail "1 MB over pred1"; fi
sa=$(cmd stats a); sb=$(cmd stats b); echo "     $sa"; echo "     $sb"
[ "$(n "$sa" comp_tx_incompressible)" -gt 100 ] && ok "random data sent as is ($(n "$sa" comp_tx_incompressible) packets)" ||
	fail "incompressible: $sa"
[ "$(n "$sb" comp_rx_out)" -gt 1000000 ] && ok "b decompressed it" || fail "pred1 rx: $sb"
ip netns exec a ping -c 4 -i 0.2 -s 1000 -p 00 192.0.2.2 >/dev/null 2>&1
sa=$(cmd stats a)
din=$(( $(n "$sa" comp_tx_in) - tin )); dout=$(( $(n "$sa" comp_tx_out) - tout ))
[ "$dout" -lt "$din" ] && ok "zero-filled pings shrink ($din -> $dout bytes)" || fail "pred1 ratio $din -> $dout"
e0=$(n "$(cmd stats b)" ccp_errors)
[ "$(cmd drop 1)" = "drop ok" ] || fail "relay drop"
ip netns exec a ping -c 4 -i 0.3 -W 1 -s 500 192.0.2.2 >/dev/null 2>&1
sb=$(cmd stats b)
[ "$(n "$sb" ccp_errors)" = $((e0 + 1)) ] && [ "$(n "$sb" comp_rx_errors)" -ge 1 ] &&
	ok "Predictor-1 out of step after a loss: one CCP_ERROR" || fail "pred1 loss: $sb"
cmd reset a tx >/dev/null; cmd reset b rx >/dev/null
check "and back in step after the reset" ping_ok a 192.0.2.2 "-s 500"

# --- Deflate (types 26 and 24) and BSD-Compress: histories on both sides ---
# hist_case NAME SPEC_AB SPEC_BA: a -> b with SPEC_AB, b -> a with SPEC_BA;
# pings, then 1 MB of text and random by turns (the random runs go as is and
# join the receiver's history), SHA-256 equal, and the counters agree.
hist_case() {
	local name=$1 sa sb tin tout e0
	ccp a tx "$2"; ccp b rx "$2"; ccp b tx "$3"; ccp a rx "$3"
	check "$name: ping" ping_ok a 192.0.2.2 "-s 1000"
	sa=$(cmd stats a); sb=$(cmd stats b)
	tin=$(n "$sa" comp_tx_in); tout=$(n "$sa" comp_tx_out); e0=$(n "$sb" comp_rx_errors)
	if XFER_GEN=mixed_data transfer a b 192.0.2.2 1; then
		ok "$name: 1 MB of text and random data, SHA-256 equal ($XFER_RATE MB/s)"
	else
		fail "$name: 1 MB transfer"
	fi
	sa=$(cmd stats a); sb=$(cmd stats b); echo "     $sa"; echo "     $sb"
	tin=$(( $(n "$sa" comp_tx_in) - tin )); tout=$(( $(n "$sa" comp_tx_out) - tout ))
	[ "$tin" -gt 200000 ] && [ "$tout" -lt $((tin * 2 / 3)) ] &&
		ok "$name: the text shrank ($tin -> $tout bytes sent as 0x00fd)" ||
		fail "$name: compression $tin -> $tout: $sa"
	[ "$(n "$sa" comp_tx_incompressible)" -gt 100 ] &&
		ok "$name: the random runs went as is ($(n "$sa" comp_tx_incompressible) packets)" ||
		fail "$name: incompressible: $sa"
	[ "$(n "$sb" comp_rx_errors)" = "$e0" ] && [ "$(n "$sb" comp_rx_out)" -gt 200000 ] &&
		ok "$name: b decompressed it, its history in step (no error)" ||
		fail "$name: b: $sb"
}
# hist_loss NAME [WHAT PING_ARGS]: the frame of one ping a -> b lost (a
# compressed one, zero-filled; or as PING_ARGS make it), then zero-filled
# pings: one CCP_ERROR, nothing through until the reset (a's compressor,
# b's decompressor), then in step again.
hist_loss() {
	local name=$1 what=${2:-compressed} args=${3:--s 500 -p 00} sb e0
	e0=$(n "$(cmd stats b)" ccp_errors)
	[ "$(cmd drop 1)" = "drop ok" ] || fail "relay drop"
	# shellcheck disable=SC2086
	ip netns exec a ping -c 1 -W 1 $args 192.0.2.2 >/dev/null 2>&1
	ip netns exec a ping -c 3 -i 0.3 -W 1 -s 500 -p 00 192.0.2.2 >/dev/null 2>&1
	sb=$(cmd stats b)
	[ "$(n "$sb" ccp_errors)" = $((e0 + 1)) ] && [ "$(n "$sb" comp_rx_errors)" -ge 1 ] &&
		ok "$name: a lost $what frame, one CCP_ERROR ($(n "$sb" comp_rx_errors) errors counted)" ||
		fail "$name loss ($what): $sb"
	check "$name: nothing gets through out of step" \
		sh -c "! ip netns exec a ping -c 1 -W 1 -s 500 -p 00 192.0.2.2"
	[ "$(cmd reset a tx)" = "reset ok" ] && [ "$(cmd reset b rx)" = "reset ok" ] ||
		fail "$name: reset"
	check "$name: in step again after the reset" ping_ok a 192.0.2.2 "-s 500 -p 00"
}
CURRENT=deflate
hist_case "deflate 15" deflate deflate
g=$(cmd get a)
case "$g" in "get a method=3 "*"key=absent") ok "GET shows Deflate ($g)" ;; *) fail "GET deflate: $g" ;; esac
hist_loss "deflate 15"
# 600 bytes counting up look like noise to the early test: sent as is.
t0=$(n "$(cmd stats a)" comp_tx_incompressible)
ip netns exec a ping -c 1 -W 1 -s 600 192.0.2.2 >/dev/null 2>&1
[ "$(n "$(cmd stats a)" comp_tx_incompressible)" -gt "$t0" ] &&
	ok "deflate: a 600-byte counting ping goes as is" || fail "deflate: counting ping compressed"
hist_loss "deflate 15" "sent-as-is" "-s 600"
hist_case "deflate 9 (a -> b) / 12 (b -> a)" deflate9 deflate12
CURRENT=deflate-draft
hist_case "deflate type 24" draft draft
CURRENT=bsd
hist_case "bsd 15" bsd bsd
hist_loss "bsd 15"
ccp a tx bsd9; ccp b rx bsd9; ccp b tx bsd12; ccp a rx bsd12
check "bsd 9 (a -> b) / 12 (b -> a): ping" ping_ok a 192.0.2.2 "-s 1000"
if XFER_GEN=mixed_data transfer a b 192.0.2.2 1; then
	ok "bsd 9/12: 1 MB of text and random data, SHA-256 equal ($XFER_RATE MB/s)"
else
	fail "bsd 9/12: 1 MB transfer"
fi

# --- VJ, alone and under MPPE ---
CURRENT=vj
both none
[ "$(cmd vj a 16 16)" = "vj ok" ] && [ "$(cmd vj b 16 16)" = "vj ok" ] || fail "vj config"
r0=$(snmp a Tcp RetransSegs)
if transfer a b 192.0.2.2 1; then ok "1 MB TCP with VJ, SHA-256 equal ($XFER_RATE MB/s)"; else fail "1 MB over VJ"; fi
echo "     a: Tcp RetransSegs $r0 -> $(snmp a Tcp RetransSegs); b: Ip InHdrErrors $(snmp b Ip InHdrErrors) Tcp InCsumErrors $(snmp b Tcp InCsumErrors) InErrs $(snmp b Tcp InErrs)"
[ "$(snmp b Ip InHdrErrors)" = 0 ] && [ "$(snmp b Tcp InCsumErrors)" = 0 ] && [ "$(snmp a Ip InHdrErrors)" = 0 ] &&
	ok "rebuilt headers pass IP and TCP checksums" || fail "VJ-rebuilt packets refused by IP/TCP"
sa=$(cmd stats a); sb=$(cmd stats b); echo "     $sa"; echo "     $sb"
[ "$(n "$sa" vj_tx_compressed)" -gt 100 ] && [ "$(n "$sa" vj_tx_uncompressed)" -ge 1 ] &&
	ok "a sent VJ-compressed headers ($(n "$sa" vj_tx_compressed))" || fail "vj tx: $sa"
[ "$(n "$sb" vj_rx_compressed)" -gt 100 ] && [ "$(n "$sb" vj_rx_errors)" = 0 ] &&
	ok "b rebuilt them, no errors" || fail "vj rx: $sb"
check "ping (not TCP) still flows with VJ on" ping_ok a 192.0.2.2
both mppe128
if transfer a b 192.0.2.2 1; then ok "1 MB TCP with VJ under MPPE-128, SHA-256 equal ($XFER_RATE MB/s)"; else fail "VJ + MPPE"; fi
# VJ frames in the clear are data: a receiver that requires MPPE drops them.
ccp b rx mppe128 required
sb=$(cmd stats b); q0=$(n "$sb" comp_required_drops); u0=$(n "$sb" vj_rx_uncompressed)
[ "$(cmd injectvj 3)" = "injectvj ok" ] || fail "injectvj"
i=0; while [ $i -lt 25 ]; do
	sb=$(cmd stats b); [ $(( $(n "$sb" comp_required_drops) - q0 )) -ge 3 ] && break; sleep 0.2; i=$((i + 1)); done
[ $(( $(n "$sb" comp_required_drops) - q0 )) = 3 ] && [ "$(n "$sb" vj_rx_uncompressed)" = "$u0" ] &&
	ok "MPPE required: 3 VJ frames in the clear dropped, none rebuilt" ||
	fail "VJ in the clear under required MPPE: $sb"

echo quit >&7
exec 7>&-
wait_gone 10 $hpid
check "the helper exited" sh -c "! kill -0 $hpid"
CURRENT=unload
check "rmmod nlppp" rmmod nlppp
finish
