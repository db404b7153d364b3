#!/bin/bash
# Packets per second through one PPPoE session over a veth pair, in one VM
# run: nlpppd on nlppp.ko's PPPoE link (client and access concentrator)
# against the kernel's own PPPoE, pppd with rp-pppoe.so (pppoe.ko +
# ppp_generic) at both ends of one session.
#
# Both sessions are up at once, each on a veth pair of its own, and the
# samples alternate (bare veth, reference, nlppp, again and again), so that
# a slower or faster stretch of this shared TCG host falls on all three;
# each figure is the median of its samples. 64-byte and 1400-byte IPv4/UDP
# packets, client to concentrator:
#   - inject: udp_inject writes prebuilt packets straight into the client's
#     pppN (a packet socket, no qdisc, 64 per sendmmsg), counted where the
#     concentrator's UDP takes them (InDatagrams + NoPorts + InErrors); a
#     socket bound to their port that never reads (udp_inject --sink) drops
#     them there, so no port unreachable is routed for each. A packet's cost
#     is then the two PPP devices, PPPoE both ways and the veth, plus a
#     fixed part (packet socket, veth, IP, UDP) that the same packets over
#     the bare veth measure: the PPPoE data plane's own cost is the time per
#     packet above that. One sender, then one per vCPU at once (taskset):
#     what one session carries when several CPUs send into it, as a BRAS's
#     do into a subscriber's session;
#   - iperf3: through UDP sockets at full speed, counted by the receiving
#     iperf3 (its socket and its own work dominate).
# Prints pkt/s and the ratios nlppp / reference (issue 10's target:
# >= 1.5x). Not a test: numbers only (make bench-vm).
cd "$(dirname "$0")/../.." || exit 1
. tests/vm/lib.sh
require_vm

NLPPPD=$NLVM_REPO/build/nlpppd
INJECT=$NLVM_REPO/build/kmod-vm/udp_inject
SECS=${BENCH_SECS:-2} ROUNDS=${BENCH_ROUNDS:-5} IROUNDS=${BENCH_IPERF_ROUNDS:-3}
# reference: pa (concentrator side) / pb; nlppp: pc / pd
mkdir -p "$WORK/n/etc" "$WORK/n/run" "$WORK/c/etc" "$WORK/c/run" "$WORK/lock" "$WORK/p"
mod_load pppoe >/dev/null || echo "pppoe.ko not loadable: no reference"
HAVE_KMOD=0
nlppp_load 2>/dev/null && HAVE_KMOD=1
ns_add pa pb pc pd || exit 1
ip link add pbn-a netns pa type veth peer name pbn-b netns pb
ip link add pbn-c netns pc type veth peer name pbn-d netns pd
for x in pa:pbn-a pb:pbn-b pc:pbn-c pd:pbn-d; do ip -n "${x%%:*}" link set "${x#*:}" up; done

# pppd reads /etc/ppp: a private copy of it.
cp -a /etc/ppp/. "$WORK/p/" 2>/dev/null
printf 'noauth\nnoccp\nnovj\nnodefaultroute\nlogfile /dev/null\n' > "$WORK/p/options"
cat > "$WORK/pppd" <<EOS
#!/bin/sh
exec unshare -m sh -c 'mount -t tmpfs none /etc/ppp && cp -a $WORK/p/. /etc/ppp/ && exec pppd "\$@"' pppd "\$@"
EOS
chmod 755 "$WORK/pppd"

mac_of() { ip -n "$1" -o link show "$2" | sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p'; }
ppp_of() { ip -n "$1" -o link show | sed -n 's/^[0-9]*: \(ppp[0-9]*\).*/\1/p' | head -1; }
up() { wait_addr "$1" "$2" 60 && wait_for 60 sh -c "ip -n $3 -4 addr | grep -q 'inet $4'"; }

# udp_in NS: the UDP datagrams NS's IPv4 has taken in (to a socket, to
# no port, or in error)
udp_in() {
	ip netns exec "$1" awk '$1 == "Udp:" && $2 ~ /^[0-9]+$/ { print $2 + $3 + $4 }' /proc/net/snmp
}

# inject NCPU NS_SERVER NS_CLIENT DEV SRC DST LEN [MAC]: LEN-byte packets into
# DEV for SECS from NCPU senders, one pinned to each of the first NCPU CPUs;
# prints the server's UDP packets/s.
inject() {
	local n=$1 a b c pids=
	shift
	[ -n "$3" ] || { echo 0; return; }
	a=$(udp_in "$1")
	for c in $(seq 0 $((n - 1))); do
		ip netns exec "$2" taskset -c "$c" "$INJECT" "$3" "$4" "$5" "$6" "$SECS" ${7:-} \
			>> "$WORK/inject.log" 2>&1 &
		pids+=" $!"
	done
	wait $pids
	b=$(udp_in "$1")
	echo $(( (b - a) / SECS ))
}

# rate NS_SERVER SERVER_IP NS_CLIENT LEN: iperf3, UDP datagrams of LEN bytes
# of IP packet at full speed; prints the packets the server got per second.
rate() {
	ip netns exec "$1" iperf3 -s -1 -D -p 5202 >/dev/null 2>&1
	sleep 0.5
	ip netns exec "$3" iperf3 -u -b 0 -l $(($4 - 28)) -c "$2" -p 5202 -t "$SECS" -J 2>/dev/null |
		jq -r '.end.sum | ((.packets - .lost_packets) / .seconds) | floor' 2>/dev/null || echo 0
}

median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print NR ? v[int((NR + 1) / 2)] : 0 }'; }

# --- the bare veth: the same packets, no PPP ---------------------------------------
ip -n pa addr add 10.95.0.1/24 dev pbn-a
ip -n pb addr add 10.95.0.2/24 dev pbn-b
MAC_A=$(mac_of pa pbn-a) MAC_B=$(mac_of pb pbn-b)

# --- reference: pppd + rp-pppoe.so on both ends (pppoe.ko + ppp_generic) ----
# Debian's pppoe-server has no kernel mode (-k): its sessions go through a
# user-space relay. Both ends are pppd with the plugin instead, attached to
# one session id with rp_pppoe_sess (no discovery): the kernel's own PPPoE.
ip netns exec pa "$WORK/pppd" nodetach plugin rp-pppoe.so nic-pbn-a \
	rp_pppoe_sess "4711:$MAC_B" noauth 10.94.0.1:10.94.0.2 > "$WORK/ref-a.log" 2>&1 &
ip netns exec pb "$WORK/pppd" nodetach plugin rp-pppoe.so nic-pbn-b \
	rp_pppoe_sess "4711:$MAC_A" noauth noipdefault > "$WORK/ref-b.log" 2>&1 &
REF_DEV=
if up pa 10.94.0.1 pb 10.94.0.2; then
	REF_DEV=$(ppp_of pb)
else
	echo "reference session did not come up"; tail -5 "$WORK/ref-a.log" "$WORK/ref-b.log"
fi

# --- nlpppd on nlppp.ko: listen pppoe: <- plugin rp-pppoe.so -------------------
NL_DEV=
if [ $HAVE_KMOD = 1 ]; then
	ip netns exec pc "$NLPPPD" etc-dir "$WORK/n/etc" run-dir "$WORK/n/run" lock-dir "$WORK/lock" \
		nodetach dataplane kernel listen pppoe:pbn-c noauth noccp novj 10.96.0.1: \
		remote-ip-pool 10.96.0.2/32 > "$WORK/nl-ac.log" 2>&1 &
	ip netns exec pd "$NLPPPD" etc-dir "$WORK/c/etc" run-dir "$WORK/c/run" lock-dir "$WORK/lock" \
		nodetach dataplane kernel plugin rp-pppoe.so pbn-d noauth noccp novj noipdefault \
		> "$WORK/nl-client.log" 2>&1 &
	if up pc 10.96.0.1 pd 10.96.0.2; then
		NL_DEV=$(ppp_of pd)
	else
		echo "nlpppd session did not come up"; tail -5 "$WORK/nl-ac.log" "$WORK/nl-client.log"
	fi
fi

# --- samples, alternating ----------------------------------------------------------
NCPU=$(nproc)
for ns in pa pc; do
	ip netns exec $ns "$INJECT" --sink 100000 >> "$WORK/inject.log" 2>&1 &
done
sleep 0.5
declare -A S
for r in $(seq "$ROUNDS"); do
	for len in 64 1400; do
		for n in 1 $NCPU; do
			S[bare$len-$n]+=" $(inject $n pa pb pbn-b 10.95.0.2 10.95.0.1 $len "$MAC_A")"
			S[ref$len-$n]+=" $(inject $n pa pb "$REF_DEV" 10.94.0.2 10.94.0.1 $len)"
			S[nl$len-$n]+=" $(inject $n pc pd "$NL_DEV" 10.96.0.2 10.96.0.1 $len)"
		done
	done
done
pkill -x udp_inject
for r in $(seq "$IROUNDS"); do
	for len in 64 1400; do
		[ -n "$REF_DEV" ] && S[iref$len]+=" $(rate pa 10.94.0.1 pb $len)"
		[ -n "$NL_DEV" ] && S[inl$len]+=" $(rate pc 10.96.0.1 pd $len)"
	done
done
declare -A M
for k in "${!S[@]}"; do M[$k]=$(echo "${S[$k]}" | median); done
for k in iref64 iref1400 inl64 inl1400; do : "${M[$k]:=0}"; done
for n in 1 $NCPU; do
	for k in bare64 bare1400 ref64 ref1400 nl64 nl1400; do : "${M[$k-$n]:=0}"; done
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }'; }
# cost BARE PPS: microseconds per packet above the bare veth's
cost() { awk -v b="$1" -v p="$2" 'BEGIN { if (b > 0 && p > 0 && 1e6 / p > 1e6 / b) printf "%.2f", 1e6 / p - 1e6 / b; else print "-" }'; }
cratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2fx", a / b; else print "-" }'; }
row() { printf '  %-44s %11s %11s %11s %11s\n' "$@"; }
echo
echo "PPPoE, one session over veth, UDP client -> concentrator, packets/s received,"
echo "medians of $ROUNDS (inject) and $IROUNDS (iperf3) alternating samples of ${SECS} s:"
row "" "inject 64" "inject 1400" "iperf3 64" "iperf3 1400"
for n in 1 $NCPU; do
	[ $n = 1 ] && echo "one sender:" || echo "$n senders, one per vCPU:"
	row "bare veth, no PPP (inject only)" "${M[bare64-$n]}" "${M[bare1400-$n]}" "" ""
	if [ $n = 1 ]; then
		row "pppd rp-pppoe.so <-> pppd (pppoe.ko)" "${M[ref64-$n]}" "${M[ref1400-$n]}" \
			"${M[iref64]}" "${M[iref1400]}"
		row "nlpppd -> nlpppd listen pppoe: (nlppp.ko)" "${M[nl64-$n]}" "${M[nl1400-$n]}" \
			"${M[inl64]}" "${M[inl1400]}"
		row "ratio nlppp / reference (target >= 1.5x)" \
			"$(ratio "${M[nl64-$n]}" "${M[ref64-$n]}")" \
			"$(ratio "${M[nl1400-$n]}" "${M[ref1400-$n]}")" \
			"$(ratio "${M[inl64]}" "${M[iref64]}")" "$(ratio "${M[inl1400]}" "${M[iref1400]}")"
	else
		row "pppd rp-pppoe.so <-> pppd (pppoe.ko)" "${M[ref64-$n]}" "${M[ref1400-$n]}" "" ""
		row "nlpppd -> nlpppd listen pppoe: (nlppp.ko)" "${M[nl64-$n]}" "${M[nl1400-$n]}" "" ""
		row "ratio nlppp / reference (target >= 1.5x)" \
			"$(ratio "${M[nl64-$n]}" "${M[ref64-$n]}")" \
			"$(ratio "${M[nl1400-$n]}" "${M[ref1400-$n]}")" "" ""
	fi
done
echo "PPPoE data plane's own cost, microseconds per injected packet above the bare veth"
echo "(both PPP devices, PPPoE both ways; with more senders, per packet of all of them):"
row "" "64 B" "1400 B" "" ""
for n in 1 $NCPU; do
	c1=$(cost "${M[bare64-$n]}" "${M[ref64-$n]}") c2=$(cost "${M[bare1400-$n]}" "${M[ref1400-$n]}")
	c3=$(cost "${M[bare64-$n]}" "${M[nl64-$n]}") c4=$(cost "${M[bare1400-$n]}" "${M[nl1400-$n]}")
	row "pppoe.ko + ppp_generic, $n sender(s)" "$c1" "$c2" "" ""
	row "nlppp.ko, $n sender(s)" "$c3" "$c4" "" ""
	row "ratio reference / nlppp (above 1: cheaper)" "$(cratio "$c1" "$c3")" "$(cratio "$c2" "$c4")" "" ""
done
echo "samples (packets/s):"
for n in 1 $NCPU; do
	for k in bare64 ref64 nl64 bare1400 ref1400 nl1400; do
		echo "  $k, $n sender(s):${S[$k-$n]:-}"
	done
done
for k in iref64 inl64 iref1400 inl1400; do
	echo "  $k:${S[$k]:-}"
done
grep -v '^sent [0-9]* failed 0$' "$WORK/inject.log" 2>/dev/null | head -5 | sed 's/^/  udp_inject: /'

pkill -TERM -x pppd; pkill -TERM -x nlpppd
wait_for 30 sh -c "! pgrep -x pppd >/dev/null && ! pgrep -x nlpppd >/dev/null"
modprobe -r pppoe 2>/dev/null; rmmod nlppp 2>/dev/null
echo "0 passed, 0 failed"
