#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The user data plane (TUN) and the rtnetlink helpers against the real
# kernel, inside a network namespace made for the purpose and removed on
# exit. dp_smoke (tests/host/dp_smoke.c) does each step through the
# daemon's own code; every step is then checked with ip(8) from outside.
#
# usage: dataplane_smoke.sh [path/to/dp_smoke]   (built here if not given)
# Needs root and /dev/net/tun; exits 77 (skipped) without them.
set -u

cd "$(dirname "$0")/../.."
NS="nltest-dp-$$-$RANDOM"
TMP=$(mktemp -d /tmp/nlppp-dp.XXXXXX)
PROG=${1:-${DP_SMOKE:-}}
passed=0
failed=0

cleanup() {
	if [[ -n ${SMOKE_PID:-} ]]; then
		kill "$SMOKE_PID" 2>/dev/null
		wait "$SMOKE_PID" 2>/dev/null
	fi
	ip netns del "$NS" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT

if [[ $(id -u) != 0 || ! -c /dev/net/tun ]]; then
	echo "SKIP dataplane_smoke: needs root and /dev/net/tun"
	exit 77
fi

if [[ -z $PROG ]]; then
	make -s build/host/dp_smoke >&2 || exit 1
	PROG=build/host/dp_smoke
fi

pass() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1${2:+: $2}"; }

# send CMD...: one command to dp_smoke; its answer lands in $REPLY_LINE.
send() {
	echo "$*" >&"${SMOKE[1]}"
	REPLY_LINE=
	read -r -t 10 REPLY_LINE <&"${SMOKE[0]}" || REPLY_LINE="(no answer)"
}

# step NAME PATTERN CMD...: dp_smoke's answer to CMD matches the glob.
step() {
	local name=$1 pattern=$2
	shift 2
	send "$@"
	# shellcheck disable=SC2053
	if [[ $REPLY_LINE == $pattern ]]; then pass "$name"; else fail "$name" "'$*' answered '$REPLY_LINE'"; fi
}

# shows NAME TEXT CMD...: CMD's output contains TEXT.
shows() {
	local name=$1 text=$2 out
	shift 2
	out=$("$@" 2>&1)
	if grep -qF -- "$text" <<<"$out"; then pass "$name"; else fail "$name" "no '$text' in: $out"; fi
}

# lacks NAME TEXT CMD...: CMD's output does not contain TEXT.
lacks() {
	local name=$1 text=$2 out
	shift 2
	out=$("$@" 2>&1)
	if grep -qF -- "$text" <<<"$out"; then fail "$name" "unexpected '$text' in: $out"; else pass "$name"; fi
}

ip netns add "$NS" || exit 1
ip -n "$NS" link set lo up
coproc SMOKE { exec ip netns exec "$NS" "$PROG" 2>"$TMP/log"; }

ipn() { ip -n "$NS" "$@"; }

echo "# interfaces: first free pppN, then the next"
step create_auto_names_ppp0 "ok ppp0 * 0" create - -1
step create_auto_again_names_ppp1 "ok ppp1 * 1" create - -1
shows ppp0_is_a_tun_with_link_type_ppp "link/ppp" ipn -d link show ppp0
shows ppp0_has_no_packet_info "pi off" ipn -d link show ppp0
lacks ppp0_starts_down "UP" ipn link show ppp0
lacks ppp0_has_no_automatic_link_local "inet6" ipn addr show ppp0
step create_refuses_existing_name "err -17" create ppp0 -1
step create_by_unit_names_ppp7 "ok ppp7 * 7" create - 7
step create_by_name_has_no_unit "ok wan0 * -1" create wan0 -1

echo "# link: mtu and up"
step link_up_with_mtu "ok" link ppp0 up 1400
shows link_is_up "<POINTOPOINT,MULTICAST,NOARP,UP,LOWER_UP>" ipn link show ppp0
shows link_has_mtu_1400 "mtu 1400" ipn link show ppp0

echo "# addresses"
step addr4_add "ok" addr4 ppp0 10.99.0.1 10.99.0.2 add
shows addr4_is_point_to_point "inet 10.99.0.1 peer 10.99.0.2/32" ipn -4 addr show ppp0
shows addr4_peer_is_routed "10.99.0.2 dev ppp0 proto kernel scope link src 10.99.0.1" ipn route
step addr4_add_again_is_harmless "ok" addr4 ppp0 10.99.0.1 10.99.0.2 add
step addr6_add "ok" addr6 ppp0 1 2 add
shows addr6_is_link_local_with_peer "inet6 fe80::1 peer fe80::2/128 scope link" ipn -6 addr show ppp0
shows addr6_peer_is_routed "fe80::2 dev ppp0" ipn -6 route

echo "# packets: one IP packet per read/write, no header"
step tun_read_gets_our_packet_to_the_peer "ok v4 udp len 32" rx ppp0
step tun_write_delivers_the_peers_packet "ok hello" tx ppp0

echo "# default route with none there"
step defroute_add "ok saved 0" defroute ppp0 add
shows defroute_via_ppp0 "default dev ppp0 scope link" ipn route show default
shows defroute_proto_boot "proto boot" ipn -d route show default
step defroute_add_again_is_harmless "ok saved 0" defroute ppp0 add
step defroute_del "ok" defroute ppp0 del
lacks defroute_gone "default" ipn route show default

echo "# default route replacing one we made on another interface"
if ipn link add up0 type dummy 2>/dev/null; then
	:
else
	ipn link add up0 type veth peer name up1 && ipn link set up1 up
fi
ipn link set up0 up
ipn addr add 192.0.2.1/24 dev up0
ipn route add default via 192.0.2.254 dev up0 proto static
shows upstream_default_exists "default via 192.0.2.254 dev up0 proto static" ipn route show default
step defroute_refuses_to_displace_without_replace "err -17" defroute ppp0 add
shows upstream_default_untouched "default via 192.0.2.254 dev up0 proto static" ipn route show default
lacks no_default_via_ppp0_added "ppp0" ipn route show default
step defroute_replace_saves_old "ok saved 1" defroute ppp0 replace
shows defroute_replaced_by_ppp0 "default dev ppp0 scope link" ipn route show default
lacks upstream_default_removed "up0" ipn route show default
step defroute_del_restores "ok" defroute ppp0 del
shows upstream_default_restored "default via 192.0.2.254 dev up0 proto static" ipn route show default
lacks ppp0_default_removed "ppp0" ipn route show default

echo "# removing addresses, and deleting what is gone already"
step addr4_del "ok" addr4 ppp0 10.99.0.1 10.99.0.2 del
lacks addr4_gone "10.99.0.1" ipn -4 addr show ppp0
step addr4_del_again_is_harmless "ok" addr4 ppp0 10.99.0.1 10.99.0.2 del
step addr6_del "ok" addr6 ppp0 1 2 del
lacks addr6_gone "fe80::1" ipn -6 addr show ppp0
step defroute_del_when_absent_is_harmless "ok" defroute ppp0 del

echo "# link down, destroy"
step link_down "ok" link ppp0 down 0
lacks link_is_down ",UP" ipn link show ppp0
for i in ppp0 ppp1 ppp7 wan0; do
	step "destroy_$i" "ok" destroy "$i"
	if ipn link show "$i" >/dev/null 2>&1; then fail "${i}_gone" "still there"; else pass "${i}_gone"; fi
done
step reuse_after_destroy_takes_ppp0 "ok ppp0 * 0" create - -1

exec {SMOKE[1]}>&-
wait "$SMOKE_PID" 2>/dev/null
SMOKE_PID=
if ipn link show ppp0 >/dev/null 2>&1; then fail exit_removes_interfaces; else pass exit_removes_interfaces; fi
if [[ -s $TMP/log ]]; then
	echo "# dp_smoke said:"
	sed 's/^/#   /' "$TMP/log"
fi

echo "$passed passed, $failed failed"
[[ $failed == 0 ]]
