#!/bin/bash
# Addresses a peer may not have, even without authentication (pppd's
# bad_ip_adrs and "not authorized to use remote address"): A leaves the
# peer's address to B, B asks for loopback, 0/8, A's own address or an
# address of one of A's other interfaces; or A takes its own address from B
# and B hands it a loopback one. A refuses with one log line and exit status 11, and leaves
# nothing behind. A good address still comes up.
cd "$(dirname "$0")/../.." || exit 1
. tests/host/lib.sh
require_root_netns
trap ns_cleanup EXIT
ns_setup

OWN=10.55.0.1	# on A's loopback: "one of our own interfaces"
ip -n "$NS_A" addr add "$OWN/32" dev lo

BASE_A="run-dir $WORK/a/run lock-dir $WORK/lock noauth"
BASE_B="run-dir $WORK/b/run lock-dir $WORK/lock noauth"

# refused NAME "A options" "B options" "A's log line"
refused() {
	CURRENT=$1
	start_pair "$BASE_A $2" "$BASE_B $3"
	wait_exit "$PID_A" 30
	PID_A=
	check "A exits 11 (was $A_STATUS)" test "$A_STATUS" = 11
	check "A says why" grep -q -- "$4" "$WORK/a.log"
	check "no address was installed" sh -c "! grep -q 'local  IP address' $WORK/a.log"
	check "nothing left behind" no_leftovers
}

refused peer-loopback "$IP_A:" "127.0.0.1:" \
	"Peer is not authorized to use remote address 127.0.0.1 (a loopback address)"
# (Multicast and class E: nlpppd's options refuse them, so no nlpppd peer
# can ask for them; tests/unit/test_proto.c feeds them to the same check.)
refused peer-zero-net "$IP_A:" "0.1.2.3:" \
	"Peer is not authorized to use remote address 0.1.2.3 (in 0.0.0.0/8"
refused peer-own-interface "$IP_A:" "$OWN:" \
	"Peer is not authorized to use remote address $OWN (an address of this host)"
refused peer-our-local "$IP_A:" "$IP_A:" \
	"Peer is not authorized to use remote address $IP_A (an address of this host)"
refused local-loopback-from-peer "noipdefault ipcp-accept-local :$IP_B" "$IP_B:127.0.0.2" \
	"Refusing local address 127.0.0.2 (a loopback address)"

# The control: B asking for an ordinary address gets it.
CURRENT=peer-good-address
start_pair "$BASE_A $IP_A:" "$BASE_B $IP_B:"
if wait_up; then ok "link up with B's own choice $IP_B"; else fail "link did not come up"; fi
stop_pair
check "nothing left behind" no_leftovers

finish
