#!/bin/bash
# PPPoE on the kernel data plane at both ends: an nlpppd access
# concentrator (`listen pppoe:IF dataplane kernel`) in one netns, an nlpppd
# client in the other, a veth pair between. Discovery stays in the daemons
# (AF_PACKET); the session is an nlppp.ko PPPoE link on each side. Ping and
# 20 MB each way whose SHA-256 matches; session frames of no session, bad PPPoE
# headers and a length past the frame are counted and dropped, and frames
# on an interface without sessions never reach nlppp.ko (its handler is on
# the session interfaces only, /proc/net/nlppp_pppoe); a PADT from
# either side ends the session and removes both kernel links; deleting the
# veth removes them too.
cd "$(dirname "$0")/../.." || exit 1
. tests/vm/lib.sh
require_vm

NLPPPD=$NLVM_REPO/build/nlpppd
NLPPPCTL=$NLVM_REPO/build/nlpppctl
INJECT=$NLVM_REPO/build/host/pppoe_inject
NS_A=poa NS_B=pob SIF=pve-s CIF=pve-c
mkdir -p "$WORK/a/etc" "$WORK/b/etc" "$WORK/a/run" "$WORK/b/run" "$WORK/lock"
watch_log "$WORK/a.log" "$WORK/b.log"

CURRENT=setup
check "nlppp.ko loads" nlppp_load
ns_add "$NS_A" "$NS_B" || { finish; exit 1; }
ip link add "$SIF" netns "$NS_A" type veth peer name "$CIF" netns "$NS_B"
ip -n "$NS_A" link set "$SIF" up
ip -n "$NS_B" link set "$CIF" up
printf 'bob * "bob-Secret-77" *\n' > "$WORK/a/etc/chap-secrets"
printf 'bob * "bob-Secret-77"\n' > "$WORK/b/etc/chap-secrets"
chmod 600 "$WORK/a/etc/chap-secrets" "$WORK/b/etc/chap-secrets"

start_server() {
	ip netns exec "$NS_A" "$NLPPPD" etc-dir "$WORK/a/etc" run-dir "$WORK/a/run" \
		lock-dir "$WORK/lock" nodetach debug dataplane kernel listen "pppoe:$SIF" \
		name srv require-chap 10.68.0.1: remote-ip-pool 10.68.1.0/24 \
		lcp-echo-interval 1 lcp-echo-failure 3 >> "$WORK/a.log" 2>&1 &
	PID_A=$!
	bg_track $PID_A
}
start_client() {
	ip netns exec "$NS_B" "$NLPPPD" etc-dir "$WORK/b/etc" run-dir "$WORK/b/run" \
		lock-dir "$WORK/lock" nodetach debug dataplane kernel "nic-$CIF" user bob \
		noauth ifname pc0 noaccomp pppoe-padi-timeout 1 pppoe-padi-attempts 5 \
		>> "$WORK/b.log" 2>&1 &
	PID_B=$!
	bg_track $PID_B
}
client_addr() { ip -n "$NS_B" -4 -o addr show dev pc0 2>/dev/null | awk '{print $4}' | cut -d/ -f1; }
client_up() { [ -n "$(client_addr)" ]; }
# wait_client: until the client has its address, or has exited (40 s at most)
wait_client() {
	local n=200
	while [ $n -gt 0 ]; do
		client_up && return 0
		kill -0 "$PID_B" 2>/dev/null || return 1
		sleep 0.2; n=$((n - 1))
	done
	return 1
}
# pppoe_stat NS KEY: a line of the netns's /proc/net/nlppp_pppoe
pppoe_stat() { ip netns exec "$1" awk -v k="$2" '$1 == k { print $2 }' /proc/net/nlppp_pppoe; }
# iface_devs NS: the interfaces nlppp.ko takes PPPoE session frames on there
iface_devs() { ip netns exec "$1" awk '$1 == "interface" { print $2 }' /proc/net/nlppp_pppoe | sort | xargs; }
links_are() { [ "$(pppoe_stat "$NS_A" links)" = "$1" ] && [ "$(pppoe_stat "$NS_B" links)" = "$1" ]; }
ctl_a() { "$NLPPPCTL" --run-dir "$WORK/a/run" --json "$@"; }
ctl_b() { "$NLPPPCTL" --run-dir "$WORK/b/run" --json "$@"; }
# raw NS IFACE HEXFRAME: one Ethernet frame (hex, header included) onto IFACE
raw() {
	ip netns exec "$1" /usr/bin/python3 -c '
import socket, sys
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((sys.argv[1], 0))
s.send(bytes.fromhex(sys.argv[2]))' "$2" "$3"
}
mac_of() { ip -n "$1" -o link show "$2" | sed -n 's/.*link\/ether \([0-9a-f:]*\) .*/\1/p' | tr -d ':'; }

CURRENT=session
start_server
sleep 0.5
start_client
if wait_client; then
	ok "client up over a kernel PPPoE link ($(client_addr))"
	check "one PPPoE link in the kernel on each side" links_are 1
	check "client: pc0 on the kernel plane, running" sh -c \
		"$(declare -f ctl_b); NLPPPCTL='$NLPPPCTL' WORK='$WORK'; ctl_b list | jq -e 'any(.[]; .ifname == \"pc0\" and .dataplane == \"kernel\" and .phase == \"running\")'"
	check "server: the session on the kernel plane" sh -c \
		"$(declare -f ctl_a); NLPPPCTL='$NLPPPCTL' WORK='$WORK'; ctl_a list | jq -e 'length == 1 and .[0].dataplane == \"kernel\"'"
	check "session frames taken on the session's interface only ($(iface_devs "$NS_A") / $(iface_devs "$NS_B"))" \
		sh -c "[ '$(iface_devs "$NS_A")' = '$SIF' ] && [ '$(iface_devs "$NS_B")' = '$CIF' ]"
	check "MTU 1492 (RFC 2516)" sh -c "ip -n $NS_B link show pc0 | grep -q 'mtu 1492'"
	check "pc0 has no qdisc of its own (NOQUEUE: the veth's queues)" sh -c \
		"ip -n $NS_B link show pc0 | grep -q 'qdisc noqueue'"
	check "nor has the server's session interface" sh -c \
		"ip -n $NS_A -o link show | grep ' ppp' | grep -q 'qdisc noqueue'"
	check "ping client -> server" ping_ok "$NS_B" 10.68.0.1 "-I pc0"
	check "ping server -> client" ping_ok "$NS_A" "$(client_addr)"
	check "a full-size packet (1464 + 28) crosses unfragmented" \
		ping_ok "$NS_B" 10.68.0.1 "-I pc0 -s 1464 -M do"
	check "20 MB client -> server, SHA-256 matches" transfer "$NS_B" "$NS_A" 10.68.0.1 20
	log "transfer client -> server: $XFER_RATE MB/s"
	# 20 MB in segments of at most 1452 bytes: over 14400 frames out.
	check "the client link's kernel counters saw it (tx_packets > 14400)" sh -c \
		"$(declare -f ctl_b); NLPPPCTL='$NLPPPCTL' WORK='$WORK'; ctl_b show pc0 stats | jq -e '.stats.counters.tx_packets > 14400'"
	check "20 MB server -> client, SHA-256 matches" transfer "$NS_A" "$NS_B" "$(client_addr)" 20
	log "transfer server -> client: $XFER_RATE MB/s"
	check "the client link's kernel counters saw it (rx_packets > 14400)" sh -c \
		"$(declare -f ctl_b); NLPPPCTL='$NLPPPCTL' WORK='$WORK'; ctl_b show pc0 stats | jq -e '.stats.counters.rx_packets > 14400'"
else
	fail "client did not come up"
fi

CURRENT=hostile
unk=$(pppoe_stat "$NS_A" rx_unknown_session)
bad=$(pppoe_stat "$NS_A" rx_bad_header)
check "inject: a session frame for an unknown session" ip netns exec "$NS_B" "$INJECT" "$CIF" session
smac=$(mac_of "$NS_A" "$SIF") cmac=$(mac_of "$NS_B" "$CIF")
# The session id, from the client's view of its peer ("MAC session ID").
sid=$(ctl_b show pc0 link | jq -r '.link.transport_peer' | awk '{print $3}')
sidhex=$(printf '%04x' "${sid:-0}")
# ver/type 0x12; then code 0x09 (PADI's code, on ETH_P_PPP_SES); then the right
# session with a length of 200 in a 10-byte payload.
raw "$NS_B" "$CIF" "${smac}${cmac}8864 1200${sidhex}0004 c0210102 0000000000000000000000000000000000000000" 2>>"$WORK/raw.err"
raw "$NS_B" "$CIF" "${smac}${cmac}8864 1109${sidhex}0004 c0210102 0000000000000000000000000000000000000000" 2>>"$WORK/raw.err"
raw "$NS_B" "$CIF" "${smac}${cmac}8864 1100${sidhex}00c8 c021090100080000 00000000000000000000000000000000000000000000" 2>>"$WORK/raw.err"
sleep 0.5
check "frames of no session counted per netns ($unk -> $(pppoe_stat "$NS_A" rx_unknown_session))" \
	test "$(pppoe_stat "$NS_A" rx_unknown_session)" -gt "${unk:-0}"
check "bad ver/type and code counted ($bad -> $(pppoe_stat "$NS_A" rx_bad_header))" \
	test "$(pppoe_stat "$NS_A" rx_bad_header)" -ge $(( ${bad:-0} + 2 ))
# A second veth pair with no session of ours: its frames never reach nlppp.ko.
ip link add pvx-s netns "$NS_A" type veth peer name pvx-c netns "$NS_B"
ip -n "$NS_A" link set pvx-s up && ip -n "$NS_B" link set pvx-c up
unk=$(pppoe_stat "$NS_A" rx_unknown_session)
check "inject: a session frame on an interface without sessions" ip netns exec "$NS_B" "$INJECT" pvx-c session
sleep 0.5
check "... is not ours: rx_unknown_session stays $unk" test "$(pppoe_stat "$NS_A" rx_unknown_session)" = "$unk"
ip -n "$NS_A" link del pvx-s
srv_if=$(ctl_a list | jq -r '.[0].ifname')
fe=$(ctl_a show "$srv_if" stats | jq '.stats.counters.rx_frame_errors')
check "a PPPoE length past the frame: the link's rx_frame_errors ($fe)" test "${fe:-0}" -ge 1
check "the session survives it" ping_ok "$NS_B" 10.68.0.1 "-I pc0"
[ -s "$WORK/raw.err" ] && log "raw: $(cat "$WORK/raw.err")"

CURRENT=padt-from-client
kill -TERM "$PID_B"
check "client exits" wait_gone 20 "$PID_B"
check "the server saw the PADT: no session left (nlpppctl list)" wait_for 15 sh -c \
	"$(declare -f ctl_a); NLPPPCTL='$NLPPPCTL' WORK='$WORK'; ctl_a list | jq -e 'length == 0'"
check "no PPPoE link left in either kernel" wait_for 10 links_are 0
check "nor a receive handler on any interface" sh -c "[ -z '$(iface_devs "$NS_A")$(iface_devs "$NS_B")' ]"

CURRENT=padt-from-server
start_client
if wait_client; then
	ok "client up again"
	check "one link each" links_are 1
	kill -HUP "$PID_A"
	check "client hears the server's PADT" wait_for 15 grep -q 'PADT' "$WORK/b.log"
	check "client ends (no persist)" wait_gone 20 "$PID_B"
	check "no PPPoE link left in either kernel" wait_for 10 links_are 0
else
	fail "client did not come up again"
fi

CURRENT=interface-gone
start_client
if wait_client; then
	ok "client up a third time"
	check "one link each" links_are 1
	ip -n "$NS_A" link del "$SIF"
	check "deleting the veth removes both kernel links" wait_for 10 links_are 0
	check "the client hears its link went down" wait_gone 30 "$PID_B"
	check "the server ends the session" wait_for 15 sh -c \
		"$(declare -f ctl_a); NLPPPCTL='$NLPPPCTL' WORK='$WORK'; ctl_a list | jq -e 'length == 0'"
else
	fail "client did not come up a third time"
fi

kill -TERM "$PID_A"
check "server exits" wait_gone 20 "$PID_A"
check "nothing left" links_are 0
CURRENT=module
check "rmmod nlppp" rmmod nlppp
finish
