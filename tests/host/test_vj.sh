#!/bin/bash
# VJ TCP/IP header compression (RFC 1144/1332) between two nlpppd peers on
# the user plane: on by default both ways with 16 slots and slot-id
# compression, a transfer whose SHA-256 matches and whose packets went
# compressed (nlpppctl show IF ipcp counts them); alone and under Deflate;
# novj on one side turns it off both ways; vj-max-slots 4 and novjccomp
# are what the other side compresses with; frames lost on purpose are
# tossed (RFC 1144 4.3) and TCP's retransmissions make the transfer whole.
cd "$(dirname "$0")/../.." || exit 1
. tests/host/lib.sh
require_root_netns
trap ns_cleanup EXIT
ns_setup
NLPPPCTL=${NLPPPCTL:-$(dirname "$NLPPPD")/nlpppctl}

BASE_A="dataplane user run-dir $WORK/a/run lock-dir $WORK/lock noauth $IP_A:$IP_B"
BASE_B="dataplane user run-dir $WORK/b/run lock-dir $WORK/lock noauth"

ipcp_show() { ip netns exec "$1" "$NLPPPCTL" --run-dir "$2" show ppp0 ipcp 2>/dev/null; }
field() { echo "$1" | sed -n "s/^ *$2: *//p"; }

# parallel N: N transfers of 512 KB at once A -> B (more connections than
# slots: VJ reuses the least recently used one), each SHA-256 checked.
parallel() {
	local n=$1 i port=7${RANDOM:0:3} pids=
	for i in $(seq 1 "$n"); do
		head -c 524288 /dev/urandom > "$WORK/p$i.in"; rm -f "$WORK/p$i.out"
		ip netns exec "$NS_B" timeout 60 socat -u TCP-LISTEN:$((port + i)),reuseaddr \
			OPEN:"$WORK/p$i.out",creat,trunc &
		pids="$pids $!"
	done
	sleep 0.5
	for i in $(seq 1 "$n"); do
		ip netns exec "$NS_A" timeout 60 socat -u OPEN:"$WORK/p$i.in" TCP:$IP_B:$((port + i)) &
	done
	wait $pids
	for i in $(seq 1 "$n"); do
		[ "$(sha256sum < "$WORK/p$i.in")" = "$(sha256sum < "$WORK/p$i.out" 2>/dev/null)" ] || return 1
	done
}

# vj_case NAME "A options" "B options" "A sends with" "A receives with" MB [PARALLEL]
vj_case() {
	CURRENT=$1
	start_pair "$BASE_A $2" "$BASE_B $3"
	if ! wait_up; then
		fail "link did not come up"
		stop_pair
		return
	fi
	check "ping A->B" ping_ok "$NS_A" "$IP_B"
	check "$6 MB transfer, SHA-256 matches" transfer "$6"
	[ -n "${7:-}" ] && check "$7 connections at once, each SHA-256 matches" parallel "$7"
	local a b
	a=$(ipcp_show "$NS_A" "$WORK/a/run")
	b=$(ipcp_show "$NS_B" "$WORK/b/run")
	[ "$(field "$a" vj_transmit)" = "$4" ] && [ "$(field "$b" vj_receive)" = "$4" ] &&
		ok "A -> B: $4" || { fail "A -> B: want '$4'"; echo "$a"; echo "$b"; }
	[ "$(field "$a" vj_receive)" = "$5" ] && [ "$(field "$b" vj_transmit)" = "$5" ] &&
		ok "B -> A: $5" || { fail "B -> A: want '$5'"; echo "$a"; echo "$b"; }
	local atx brx btx arx
	atx=$(field "$a" vj_tx_compressed); brx=$(field "$b" vj_rx_compressed)
	btx=$(field "$b" vj_tx_compressed); arx=$(field "$a" vj_rx_compressed)
	if [ "$4" = none ]; then
		[ "${atx:-x}" = 0 ] && [ "${brx:-x}" = 0 ] && ok "nothing compressed A -> B" ||
			fail "A -> B counted: tx $atx rx $brx"
	else
		# Data A -> B: some 700 full segments a MB, nearly all compressed.
		[ "${atx:-0}" -gt $(( $6 * 500 )) ] && [ "$brx" = "$atx" ] &&
			ok "A -> B: $atx packets compressed, $brx rebuilt" ||
			fail "A -> B: tx ${atx:-none} rx ${brx:-none}"
	fi
	if [ "$5" = none ]; then
		[ "${btx:-x}" = 0 ] && [ "${arx:-x}" = 0 ] && ok "nothing compressed B -> A" ||
			fail "B -> A counted: tx $btx rx $arx"
	else
		# B's ACKs.
		[ "${btx:-0}" -gt 100 ] && [ "$arx" = "$btx" ] &&
			ok "B -> A: $btx ACKs compressed, $arx rebuilt" ||
			fail "B -> A: tx ${btx:-none} rx ${arx:-none}"
	fi
	# A header rebuilt wrong fails TCP's checksum (VJ carries it as sent):
	# TCP would recover by retransmitting, so count those failures too.
	local ca cb
	ca=$(ip netns exec "$NS_A" nstat -az TcpInCsumErrors 2>/dev/null | awk '/TcpInCsumErrors/ { print $2 }')
	cb=$(ip netns exec "$NS_B" nstat -az TcpInCsumErrors 2>/dev/null | awk '/TcpInCsumErrors/ { print $2 }')
	[ "${ca:-x}" = 0 ] && [ "${cb:-x}" = 0 ] && ok "no TCP checksum error either side" ||
		fail "TCP checksum errors: A ${ca:-none} B ${cb:-none}"
	[ "$(field "$a" vj_rx_errors)" = 0 ] && [ "$(field "$b" vj_rx_errors)" = 0 ] &&
		ok "no VJ errors" || fail "VJ errors: A $(field "$a" vj_rx_errors) B $(field "$b" vj_rx_errors)"
	stop_pair
	check "nothing left behind" no_leftovers
}

vj_case vj-default "noccp" "noccp" "vj 16 slots slot-id-comp" "vj 16 slots slot-id-comp" 3 6
vj_case vj-under-deflate "" "nobsdcomp" "vj 16 slots slot-id-comp" "vj 16 slots slot-id-comp" 2
vj_case novj-one-side "noccp" "noccp novj" "none" "none" 1
vj_case novj-dash-form "noccp -vj" "noccp" "none" "none" 1
vj_case vj-max-slots-4 "noccp" "noccp vj-max-slots 4" "vj 4 slots slot-id-comp" "vj 4 slots slot-id-comp" 1 6
vj_case novjccomp "noccp" "noccp novjccomp" "vj 16 slots" "vj 16 slots" 1

# Every 30th VJ frame B receives is lost as if its FCS were bad: B tosses
# compressed frames until one names its slot again; TCP retransmits.
CURRENT=lossy
export NLPPPD_TEST_DROP_VJ=30
start_pair "$BASE_A noccp" "$BASE_B noccp"
if wait_up; then
	check "2 MB across losses, SHA-256 matches" transfer 2
	b=$(ipcp_show "$NS_B" "$WORK/b/run")
	e=$(field "$b" vj_rx_errors); t=$(field "$b" vj_rx_tossed)
	[ "${e:-0}" -gt 0 ] && [ "${t:-0}" -gt 0 ] && ok "B: $e losses, $t frames tossed" ||
		{ fail "B: vj_rx_errors ${e:-none} vj_rx_tossed ${t:-none}"; echo "$b"; }
else
	fail "link did not come up"
fi
stop_pair
unset NLPPPD_TEST_DROP_VJ
check "nothing left behind" no_leftovers

# A bad vj-max-slots is one line naming the option.
CURRENT=bad-option
out=$("$NLPPPD" vj-max-slots 17 dryrun 2>&1)
[ "$(echo "$out" | wc -l)" = 1 ] && echo "$out" | grep -q "vj-max-slots.*2..16" &&
	ok "one line: $out" || fail "got: $out"

finish
