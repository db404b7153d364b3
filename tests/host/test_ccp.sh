#!/bin/bash
# CCP between two nlpppd peers on the user plane: MPPE (keys from MS-CHAP,
# 40 and 128 bits, stateless and stateful) and Predictor-1, each with ping
# and a transfer whose SHA-256 matches; `nlpppctl show IF ccp` names the
# method each way and its counters move; require-mppe without MS-CHAP, or
# against a peer that refuses MPPE, ends the link; noccp Protocol-Rejects
# CCP; no key or secret reaches a log.
cd "$(dirname "$0")/../.." || exit 1
. tests/host/lib.sh
require_root_netns
trap ns_cleanup EXIT
ns_setup
NLPPPCTL=${NLPPPCTL:-$(dirname "$NLPPPD")/nlpppctl}

BASE_A="dataplane user run-dir $WORK/a/run lock-dir $WORK/lock name srv $IP_A:$IP_B"
BASE_B="dataplane user run-dir $WORK/b/run lock-dir $WORK/lock"
secrets "$WORK/a/etc/chap-secrets" 'bob srv "Mppe-S3cret-77" *'
secrets "$WORK/b/etc/chap-secrets" 'bob srv "Mppe-S3cret-77"'

ccp_show() { ip netns exec "$NS_A" "$NLPPPCTL" --run-dir "$WORK/a/run" show ppp0 ccp 2>/dev/null; }

# text_transfer: compressible data A -> B, SHA-256 compared. The lossy
# cases pay a TCP retransmission timeout per lost frame and run beside
# other tests and the fuzzers in make check (60 s was once too little for
# lossy-predictor1 there), so the limit is generous; a failure says how
# far it got.
text_transfer() {
	local port=6${RANDOM:0:3} t0=$SECONDS
	seq 1 300000 | sed 's/$/ the quick brown fox/' > "$WORK/in.txt"
	rm -f "$WORK/out.txt"
	ip netns exec "$NS_B" timeout 180 socat -u TCP-LISTEN:$port,reuseaddr OPEN:"$WORK/out.txt",creat,trunc &
	local lpid=$! i=0
	while ! ip netns exec "$NS_B" ss -ltn 2>/dev/null | grep -q ":$port "; do
		sleep 0.1; i=$((i + 1)); [ $i -gt 50 ] && break
	done
	ip netns exec "$NS_A" timeout 180 socat -u OPEN:"$WORK/in.txt" TCP:$IP_B:$port
	wait $lpid
	[ "$(sha256sum < "$WORK/in.txt")" = "$(sha256sum < "$WORK/out.txt" 2>/dev/null)" ] && return 0
	echo "     text_transfer: $(stat -c %s "$WORK/out.txt" 2>/dev/null || echo no) of $(stat -c %s "$WORK/in.txt") bytes after $((SECONDS - t0)) s"
	return 1
}

no_secret_in_logs() { ! grep -q "Mppe-S3cret-77" "$WORK/a.log" "$WORK/b.log"; }

# ccp_case NAME "A options" "B options" "expected method (both ways)"
ccp_case() {
	CURRENT=$1
	start_pair "$BASE_A $2" "$BASE_B $3"
	if wait_up; then
		ok "link up"
		check "ping A->B" ping_ok "$NS_A" "$IP_B"
		check "2 MB transfer, SHA-256 matches" transfer 2
		check "7 MB of text, SHA-256 matches" text_transfer
		local out
		out=$(ccp_show)
		echo "$out" | grep -q "transmit: $4" && echo "$out" | grep -q "receive: $4" &&
			ok "nlpppctl show ccp: $4 both ways" || { fail "nlpppctl show ccp: want $4"; echo "$out"; }
		local tin
		tin=$(echo "$out" | sed -n 's/^ *tx_bytes_in: *//p')
		[ "${tin:-0}" -gt 2000000 ] && ok "compressor counted $tin bytes" ||
			fail "compressor counter too low: ${tin:-none}"
		check "log names the method" grep -q "$4.*compression enabled" "$WORK/a.log"
		local tout
		tout=$(echo "$out" | sed -n 's/^ *tx_bytes_out: *//p')
		case "$4" in
		deflate*|bsdcomp*)
			[ $(( ${tout:-0} * 10 )) -lt $(( ${tin:-0} * 7 )) ] &&
				ok "compressed: $tin bytes in, $tout out" || fail "no saving: $tin in, ${tout:-none} out" ;;
		esac
	else
		fail "link did not come up"
	fi
	stop_pair
	check "no secret in any log" no_secret_in_logs
	check "nothing left behind" no_leftovers
}

ccp_case mppe128-stateless "require-mschap-v2 require-mppe-128" "user bob noauth require-mppe" "mppe-128 stateless"
ccp_case mppe40-stateless "require-mschap-v2 require-mppe-40" "user bob noauth require-mppe-40" "mppe-40 stateless"
ccp_case mppe128-stateful "require-mschap-v2 require-mppe mppe-stateful" "user bob noauth require-mppe mppe-stateful" "mppe-128 stateful"
ccp_case mppe-mschap-v1 "require-mschap require-mppe-128" "user bob noauth require-mppe-128" "mppe-128 stateless"
ccp_case predictor1 "noauth predictor1 nodeflate nobsdcomp" "noauth predictor1" "predictor1"
ccp_case deflate-default "noauth" "noauth" "deflate 15"
ccp_case deflate-12 "noauth nobsdcomp deflate 12" "noauth nobsdcomp -deflate deflate 12,12" "deflate 12"
ccp_case bsdcomp "noauth nodeflate bsdcomp 12" "noauth nodeflate" "bsdcomp 12"

# One way (what nlpppd.8 advises against a 64-bit pppd): "bsdcomp 15,0"
# takes BSD-Compress in and sends uncompressed.
CURRENT=bsdcomp-one-way
start_pair "$BASE_A noauth nodeflate bsdcomp 15,0" "$BASE_B noauth nodeflate"
if wait_up; then
	check "ping A->B" ping_ok "$NS_A" "$IP_B"
	out=$(ccp_show)
	echo "$out" | grep -q "receive: bsdcomp 15" && ! echo "$out" | grep -q "transmit: bsdcomp" &&
		ok "A receives bsdcomp 15, sends uncompressed" || { fail "show ccp"; echo "$out"; }
	check "A's log says so" grep -q "Compression: transmit none, receive bsdcomp 15" "$WORK/a.log"
else
	fail "link did not come up"
fi
stop_pair

# Frames lost on purpose (each side drops every 40th compressed frame it receives):
# (stateful MPPE every 400th: each loss also discards what is in flight
# until the FLUSHED packet, and TCP needs a timeout per burst)
# each decompressor resynchronises (Reset-Request/Ack, MPPE's FLUSHED) and
# TCP's retransmissions make the transfer whole.
lossy_case() { # NAME "A options" "B options" COUNTER [EVERY, default 40]
	CURRENT=$1
	export NLPPPD_TEST_DROP_COMP=${5:-40}
	start_pair "$BASE_A $2" "$BASE_B $3"
	if wait_up; then
		check "7 MB of text across losses, SHA-256 matches" text_transfer
		local out
		out=$(ip netns exec "$NS_B" "$NLPPPCTL" --run-dir "$WORK/b/run" show ppp0 ccp 2>/dev/null)
		local n
		n=$(echo "$out" | sed -n "s/^ *$4: *//p")
		[ "${n:-0}" -gt 0 ] && ok "B: $4 = $n" || { fail "B: $4 = ${n:-none}"; echo "$out"; }
	else
		fail "link did not come up"
	fi
	stop_pair
	check "nothing left behind" no_leftovers
}
lossy_case lossy-deflate "noauth" "noauth" reset_requests_sent
lossy_case lossy-bsdcomp "noauth nodeflate" "noauth nodeflate" reset_requests_sent
lossy_case lossy-predictor1 "noauth nodeflate nobsdcomp predictor1 mtu 1400" "noauth predictor1 mtu 1400" reset_requests_sent
lossy_case lossy-mppe-stateful "require-mschap-v2 require-mppe-128 mppe-stateful" "user bob noauth require-mppe mppe-stateful" reset_requests_sent 400
lossy_case lossy-mppe-stateless "require-mschap-v2 require-mppe-128" "user bob noauth require-mppe" rx_bytes_in
unset NLPPPD_TEST_DROP_COMP

# MPPE required without MS-CHAP: no keys, the link ends (pppd's words).
CURRENT=mppe-without-mschap
start_pair "$BASE_A require-chap require-mppe" "$BASE_B user bob noauth"
wait_exit "$PID_A" 30; PID_A=
[ "$A_STATUS" != 0 ] && [ "$A_STATUS" != timeout ] && ok "A exits $A_STATUS" || fail "A status $A_STATUS"
check "log says why" grep -q "MPPE required, but MS-CHAP" "$WORK/a.log"
check "nothing left behind" no_leftovers

# The peer refuses MPPE (noccp): the link ends, nothing went in the clear.
CURRENT=mppe-refused
start_pair "$BASE_A require-mschap-v2 require-mppe" "$BASE_B user bob noauth noccp"
wait_exit "$PID_A" 40; PID_A=
[ "$A_STATUS" != 0 ] && [ "$A_STATUS" != timeout ] && ok "A exits $A_STATUS" || fail "A status $A_STATUS"
check "log says MPPE failed" grep -q "MPPE required but peer refused CCP" "$WORK/a.log"
check "nothing left behind" no_leftovers

# noccp: CCP is Protocol-Rejected, the link runs uncompressed.
CURRENT=noccp
start_pair "$BASE_A noauth predictor1" "$BASE_B noauth noccp"
if wait_up; then
	check "ping A->B" ping_ok "$NS_A" "$IP_B"
	out=$(ccp_show)
	echo "$out" | grep -q "transmit: none" && ok "no compression" || { fail "ccp: $out"; }
	check "B rejected CCP" grep -q "Protocol-Reject\|Unsupported protocol 'Compression Control Protocol'" "$WORK/a.log" "$WORK/b.log"
else
	fail "link did not come up"
fi
stop_pair
check "nothing left behind" no_leftovers

finish
