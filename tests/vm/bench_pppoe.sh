#!/bin/bash
# Packets per second through one PPPoE session over a veth pair, in one VM
# run: nlpppd on nlppp.ko's PPPoE link (client and access concentrator)
# against the kernel's own PPPoE, pppd with rp-pppoe.so (pppoe.ko +
# ppp_generic) at both ends of one session.
# iperf3 sends UDP at full speed from the client to the concentrator's
# side, 64-byte and 1400-byte IP packets; counted is what the far end
# received per second. Prints pkt/s and the ratio nlppp / reference
# (issue 10's target: >= 1.5x). Not a test: numbers only (make bench-vm).
cd "$(dirname "$0")/../.." || exit 1
. tests/vm/lib.sh
require_vm

NLPPPD=$NLVM_REPO/build/nlpppd
SECS=${BENCH_SECS:-5}
NS_A=pa NS_B=pb IF_A=pbn-a IF_B=pbn-b
mkdir -p "$WORK/n/etc" "$WORK/n/run" "$WORK/c/etc" "$WORK/c/run" "$WORK/lock" "$WORK/p"
mod_load pppoe >/dev/null || echo "pppoe.ko not loadable: no reference"
HAVE_KMOD=0
nlppp_load 2>/dev/null && HAVE_KMOD=1
ns_add "$NS_A" "$NS_B" || exit 1
ip link add "$IF_A" netns "$NS_A" type veth peer name "$IF_B" netns "$NS_B"
ip -n "$NS_A" link set "$IF_A" up
ip -n "$NS_B" link set "$IF_B" up

# pppd reads /etc/ppp: a private copy of it.
cp -a /etc/ppp/. "$WORK/p/" 2>/dev/null
printf 'noauth\nnoccp\nnovj\nnodefaultroute\nlogfile /dev/null\n' > "$WORK/p/options"
cat > "$WORK/pppd" <<EOS
#!/bin/sh
exec unshare -m sh -c 'mount -t tmpfs none /etc/ppp && cp -a $WORK/p/. /etc/ppp/ && exec pppd "\$@"' pppd "\$@"
EOS
chmod 755 "$WORK/pppd"

# rate NS_SERVER SERVER_IP NS_CLIENT LEN: UDP datagrams of LEN bytes of IP
# packet, client -> server at full speed; prints the packets the server
# got per second.
rate() {
	ip netns exec "$1" iperf3 -s -1 -D -p 5202 >/dev/null 2>&1
	sleep 0.5
	ip netns exec "$3" iperf3 -u -b 0 -l $(($4 - 28)) -c "$2" -p 5202 -t "$SECS" -J 2>/dev/null |
		jq -r '.end.sum | ((.packets - .lost_packets) / .seconds) | floor' 2>/dev/null || echo 0
}

# measure NAME: both sizes over whatever session is up (server 10.94.0.1).
measure() {
	local s l
	s=$(rate "$NS_A" 10.94.0.1 "$NS_B" 64)
	l=$(rate "$NS_A" 10.94.0.1 "$NS_B" 1400)
	echo "${s:-0} ${l:-0}"
}

up() { wait_addr "$NS_A" 10.94.0.1 60 && wait_for 60 sh -c "ip -n $NS_B -4 addr | grep -q 'inet 10.94.0.2'"; }
gone() { wait_for 30 sh -c "! pgrep -x pppd >/dev/null && ! pgrep -x nlpppd >/dev/null && ! pgrep -x pppoe-server >/dev/null"; }

# --- reference: pppd + rp-pppoe.so on both ends (pppoe.ko + ppp_generic) ----
# Debian's pppoe-server has no kernel mode (-k): its sessions go through a
# user-space relay. Both ends are pppd with the plugin instead, attached to
# one session id with rp_pppoe_sess (no discovery): the kernel's own PPPoE.
mac_of() { ip -n "$1" -o link show "$2" | sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p'; }
MAC_A=$(mac_of "$NS_A" "$IF_A") MAC_B=$(mac_of "$NS_B" "$IF_B")
ref="0 0"
ip netns exec "$NS_A" "$WORK/pppd" nodetach plugin rp-pppoe.so "nic-$IF_A" \
	rp_pppoe_sess "4711:$MAC_B" noauth 10.94.0.1:10.94.0.2 > "$WORK/ref-a.log" 2>&1 &
SA=$!
ip netns exec "$NS_B" "$WORK/pppd" nodetach plugin rp-pppoe.so "nic-$IF_B" \
	rp_pppoe_sess "4711:$MAC_A" noauth noipdefault > "$WORK/ref-b.log" 2>&1 &
SB=$!
if up; then ref=$(measure); else echo "reference session did not come up"; tail -5 "$WORK/ref-a.log" "$WORK/ref-b.log"; fi
kill -TERM $SA $SB 2>/dev/null
gone

# --- nlpppd on nlppp.ko: listen pppoe: <- plugin rp-pppoe.so -------------------
nl="0 0"
if [ $HAVE_KMOD = 1 ]; then
	ip netns exec "$NS_A" "$NLPPPD" etc-dir "$WORK/n/etc" run-dir "$WORK/n/run" lock-dir "$WORK/lock" \
		nodetach dataplane kernel listen "pppoe:$IF_A" noauth noccp novj 10.94.0.1: \
		remote-ip-pool 10.94.0.2/32 > "$WORK/nl-ac.log" 2>&1 &
	AC=$!
	ip netns exec "$NS_B" "$NLPPPD" etc-dir "$WORK/c/etc" run-dir "$WORK/c/run" lock-dir "$WORK/lock" \
		nodetach dataplane kernel plugin rp-pppoe.so "$IF_B" noauth noccp novj noipdefault \
		> "$WORK/nl-client.log" 2>&1 &
	CL=$!
	if up; then nl=$(measure); else echo "nlpppd session did not come up"; tail -5 "$WORK/nl-ac.log" "$WORK/nl-client.log"; fi
	kill -TERM $CL $AC 2>/dev/null
	gone
fi

set -- $ref $nl
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }'; }
echo
echo "PPPoE, one session over veth, UDP client -> concentrator, ${SECS} s each, packets/s received:"
printf '  %-44s %10s %10s\n' "" "64 B" "1400 B"
printf '  %-44s %10s %10s\n' "pppd rp-pppoe.so <-> pppd (pppoe.ko)" "$1" "$2"
printf '  %-44s %10s %10s\n' "nlpppd -> nlpppd listen pppoe: (nlppp.ko)" "$3" "$4"
printf '  %-44s %10s %10s\n' "ratio nlppp / reference (target >= 1.5x)" "$(ratio "$3" "$1")" "$(ratio "$4" "$2")"
modprobe -r pppoe 2>/dev/null; rmmod nlppp 2>/dev/null
echo "0 passed, 0 failed"
