#!/bin/bash
# Packets per second through one PPPoE session over a veth pair, in one VM
# run: nlpppd on nlppp.ko's PPPoE link (client and access concentrator)
# against the kernel's own PPPoE, pppd with rp-pppoe.so (pppoe.ko +
# ppp_generic) at both ends of one session.
#
# Each is measured with only its own module loaded, as each would be
# deployed: both take every ETH_P_PPP_SES frame of the machine (a packet
# type of no device), so with both loaded every frame goes through the
# other's handler too, a clone and a failed lookup. The run alternates
# phases (reference alone, then nlppp alone, CYCLES times), each phase
# bringing its session up, sampling, and unloading its module; within a
# phase the samples alternate with the bare veth's (the same packets, no
# PPP), so that a slower or faster stretch of this shared TCG host falls
# on both. 64-byte and 1400-byte IPv4/UDP packets, client to concentrator:
#   - inject: udp_inject writes prebuilt packets straight into the client's
#     pppN (a packet socket, 64 per sendmmsg, through the device's qdisc as
#     routed packets go; both pppN have noqueue here); they are counted
#     where they leave the session, at the concentrator's pppN (a tc
#     ingress filter that counts and drops them; on the bare veth, the
#     same filter on its receiving end). A packet's cost is then the two
#     PPP devices, PPPoE both ways and the veth, plus a fixed part (packet
#     socket, veth, backlog, tc) that the bare veth measures: the PPPoE
#     data plane's own cost is the time per packet above that. One sender,
#     then one per vCPU at once (taskset): what one session carries when
#     several CPUs send into it, as a BRAS's do into a subscriber's session;
#   - the floor: the same packets over an 802.1Q device at each end of a
#     veth pair of its own (counted the same way), sampled beside the
#     others in every phase. A VLAN device is the leanest encapsulating
#     device the kernel has: a tag, no lookup, no PPP. A PPPoE data plane
#     does all it does and more, so 802.1Q / reference bounds the ratio any
#     PPPoE data plane could show here, and nlppp / 802.1Q says how far
#     nlppp is from that floor;
#   - iperf3: through UDP sockets at full speed, counted by the receiving
#     iperf3 (its socket and its own work dominate).
# Each figure is the median of its samples; "vs bare" divides each
# phase's samples by its own bare veth's median first (the TCG host's
# speed drifts between phases). Prints pkt/s and the ratios nlppp /
# reference (issue 10's target: >= 1.5x). Not a test: numbers only
# (make bench-vm).
cd "$(dirname "$0")/../.." || exit 1
. tests/vm/lib.sh
require_vm

NLPPPD=$NLVM_REPO/build/nlpppd
INJECT=$NLVM_REPO/build/kmod-vm/udp_inject
SECS=${BENCH_SECS:-2} ROUNDS=${BENCH_ROUNDS:-3} IROUNDS=${BENCH_IPERF_ROUNDS:-2}
CYCLES=${BENCH_CYCLES:-2}
# reference: pa (concentrator side) / pb; nlppp: pc / pd; the bare veth is pa / pb's
mkdir -p "$WORK/n/etc" "$WORK/n/run" "$WORK/c/etc" "$WORK/c/run" "$WORK/lock" "$WORK/p"
mod_load cls_matchall act_gact sch_ingress >/dev/null || echo "no tc ingress filters: no figures"
ns_add pa pb pc pd || exit 1
ip link add pbn-a netns pa type veth peer name pbn-b netns pb
ip link add pbn-c netns pc type veth peer name pbn-d netns pd
ip link add pbv-a netns pa type veth peer name pbv-b netns pb
for x in pa:pbn-a pb:pbn-b pc:pbn-c pd:pbn-d pa:pbv-a pb:pbv-b; do ip -n "${x%%:*}" link set "${x#*:}" up; done

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

# tc_count NS DEV: count and drop the IPv4 packets DEV receives
tc_count() {
	ip netns exec "$1" tc qdisc add dev "$2" ingress &&
		ip netns exec "$1" tc filter add dev "$2" ingress protocol ip matchall action drop
}
# counted NS DEV: the packets tc_count has counted on DEV
counted() {
	ip netns exec "$1" tc -s -j filter show dev "$2" ingress 2>/dev/null |
		jq '[.[] | .options.actions[]?.stats.packets // 0] | add // 0' 2>/dev/null || echo 0
}

# inject NCPU NS_SERVER SERVER_DEV NS_CLIENT DEV SRC DST LEN [MAC]: LEN-byte
# packets into DEV for SECS from NCPU senders, one pinned to each of the
# first NCPU CPUs; prints the packets/s SERVER_DEV received.
inject() {
	local n=$1 a b c pids=
	shift
	[ -n "$2" ] && [ -n "$4" ] || { echo 0; return; }
	a=$(counted "$1" "$2")
	for c in $(seq 0 $((n - 1))); do
		ip netns exec "$3" taskset -c "$c" "$INJECT" "$4" "$5" "$6" "$7" "$SECS" ${8:-} \
			>> "$WORK/inject.log" 2>&1 &
		pids+=" $!"
	done
	wait $pids
	b=$(counted "$1" "$2")
	echo $(( (b - a) / SECS ))
}

# rate NS_SERVER SERVER_IP NS_CLIENT LEN: iperf3, UDP datagrams of LEN bytes
# of IP packet at full speed; prints the packets the server got per second.
rate() {
	local j
	ip netns exec "$1" iperf3 -s -1 -D -p 5202 >/dev/null 2>&1
	sleep 0.5
	j=$(ip netns exec "$3" iperf3 -u -b 0 -l $(($4 - 28)) -c "$2" -p 5202 -t "$SECS" -J 2>/dev/null)
	echo "$j" | jq -r --arg w "$5" '.end.sum | "\($w): sent \(.packets / .seconds | floor)/s, lost \(.lost_packets)"' \
		>> "$WORK/iperf.log" 2>/dev/null
	echo "$j" | jq -r '.end.sum | ((.packets - .lost_packets) / .seconds) | floor' 2>/dev/null || echo 0
}

median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print NR ? v[int((NR + 1) / 2)] : 0 }'; }

# --- the bare veth: the same packets, no PPP ---------------------------------------
ip -n pa addr add 10.95.0.1/24 dev pbn-a
ip -n pb addr add 10.95.0.2/24 dev pbn-b
MAC_A=$(mac_of pa pbn-a)
tc_count pa pbn-a

# --- the floor: 802.1Q on a veth pair of its own ----------------------------------
# The leanest encapsulating device the kernel has (a tag, no lookup beyond
# the VLAN id, no PPP): what any PPPoE data plane does, it does and more.
# Its rate bounds what any PPPoE data plane could reach here.
for x in pa:pbv-a:1 pb:pbv-b:2; do
	ns=${x%%:*} dev=${x#*:} dev=${dev%:*}
	ip -n "$ns" link add link "$dev" name "$dev.7" type vlan id 7
	ip -n "$ns" addr add "10.93.0.${x##*:}/24" dev "$dev.7"
	ip -n "$ns" link set "$dev.7" up
done
MAC_V=$(mac_of pa pbv-a.7)
tc_count pa pbv-a.7

NCPU=$(nproc)
declare -A S
frac() { awk -v p="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.4f", p / b }'; }
# sample W NS_SERVER SERVER_DEV NS_CLIENT DEV SRC DST: a phase's rounds, W
# alternating with the bare veth; the bare samples are kept per phase
sample() {
	local w=$1 r len n b p v
	shift
	for r in $(seq "$ROUNDS"); do
		for len in 64 1400; do
			for n in 1 $NCPU; do
				b=$(inject $n pa pbn-a pb pbn-b 10.95.0.2 10.95.0.1 $len "$MAC_A")
				v=$(inject $n pa pbv-a.7 pb pbv-b.7 10.93.0.2 10.93.0.1 $len "$MAC_V")
				p=$(inject $n "$@" $len)
				S[bare-$w$len-$n]+=" $b" S[$w$len-$n]+=" $p" S[vlan-$w$len-$n]+=" $v"
				S[f-$w$len-$n]+=" $(frac "$p" "$b")" S[fv-$w$len-$n]+=" $(frac "$v" "$b")"
			done
		done
	done
}

# measure W NS_SERVER SERVER_IP NS_CLIENT CLIENT_IP: a phase's samples of its
# session (inject, then iperf3 once the counting filter is gone)
measure() {
	local w=$1 srv cli r len
	srv=$(ppp_of "$2") cli=$(ppp_of "$4")
	echo "$w, client's $cli: $(ip netns exec "$4" tc qdisc show dev "$cli"), txqueuelen $(ip netns exec "$4" cat /sys/class/net/"$cli"/tx_queue_len)" >> "$WORK/qdisc.log"
	tc_count "$2" "$srv"
	sample "$w" "$2" "$srv" "$4" "$cli" "$5" "$3"
	ip netns exec "$2" tc qdisc del dev "$srv" ingress
	for r in $(seq "$IROUNDS"); do
		for len in 64 1400; do
			S[i$w$len]+=" $(rate "$2" "$3" "$4" $len $w$len)"
		done
	done
}

# --- reference: pppd + rp-pppoe.so on both ends (pppoe.ko + ppp_generic) ----
# Debian's pppoe-server has no kernel mode (-k): its sessions go through a
# user-space relay. Both ends are pppd with the plugin instead, attached to
# one session id with rp_pppoe_sess (no discovery): the kernel's own PPPoE.
phase_ref() {
	mod_load pppoe >/dev/null || { echo "pppoe.ko not loadable: no reference"; return; }
	ip netns exec pa "$WORK/pppd" nodetach plugin rp-pppoe.so nic-pbn-a \
		rp_pppoe_sess "4711:$(mac_of pb pbn-b)" noauth 10.94.0.1:10.94.0.2 > "$WORK/ref-a.log" 2>&1 &
	ip netns exec pb "$WORK/pppd" nodetach plugin rp-pppoe.so nic-pbn-b \
		rp_pppoe_sess "4711:$MAC_A" noauth noipdefault > "$WORK/ref-b.log" 2>&1 &
	if up pa 10.94.0.1 pb 10.94.0.2; then
		measure ref pa 10.94.0.1 pb 10.94.0.2
	else
		echo "reference session did not come up"; tail -5 "$WORK/ref-a.log" "$WORK/ref-b.log"
	fi
	pkill -TERM -x pppd
	wait_for 30 sh -c "! pgrep -x pppd >/dev/null"
	wait_for 10 modprobe -r pppoe || echo "pppoe.ko stays loaded"
}

# --- nlpppd on nlppp.ko: listen pppoe: <- plugin rp-pppoe.so -------------------
phase_nl() {
	nlppp_load >/dev/null 2>&1 || { echo "nlppp.ko not loadable: no nlppp figures"; return; }
	rm -rf "$WORK/n/run"/* "$WORK/c/run"/*
	ip netns exec pc "$NLPPPD" etc-dir "$WORK/n/etc" run-dir "$WORK/n/run" lock-dir "$WORK/lock" \
		nodetach dataplane kernel listen pppoe:pbn-c noauth noccp novj 10.96.0.1: \
		remote-ip-pool 10.96.0.2/32 > "$WORK/nl-ac.log" 2>&1 &
	ip netns exec pd "$NLPPPD" etc-dir "$WORK/c/etc" run-dir "$WORK/c/run" lock-dir "$WORK/lock" \
		nodetach dataplane kernel plugin rp-pppoe.so pbn-d noauth noccp novj noipdefault \
		> "$WORK/nl-client.log" 2>&1 &
	if up pc 10.96.0.1 pd 10.96.0.2; then
		measure nl pc 10.96.0.1 pd 10.96.0.2
	else
		echo "nlpppd session did not come up"; tail -5 "$WORK/nl-ac.log" "$WORK/nl-client.log"
	fi
	pkill -TERM -x nlpppd
	wait_for 30 sh -c "! pgrep -x nlpppd >/dev/null"
	wait_for 10 rmmod nlppp || echo "nlppp.ko stays loaded"
}

for c in $(seq "$CYCLES"); do
	phase_ref
	phase_nl
done

declare -A M
for k in "${!S[@]}"; do M[$k]=$(echo "${S[$k]}" | median); done
for k in iref64 iref1400 inl64 inl1400; do : "${M[$k]:=0}"; done
for n in 1 $NCPU; do
	for k in bare-ref64 bare-ref1400 bare-nl64 bare-nl1400 ref64 ref1400 nl64 nl1400 \
		f-ref64 f-ref1400 f-nl64 f-nl1400 vlan-ref64 vlan-ref1400 vlan-nl64 vlan-nl1400 \
		fv-ref64 fv-ref1400 fv-nl64 fv-nl1400; do : "${M[$k-$n]:=0}"; done
	S[vlan64-$n]="${S[vlan-ref64-$n]:-}${S[vlan-nl64-$n]:-}" S[vlan1400-$n]="${S[vlan-ref1400-$n]:-}${S[vlan-nl1400-$n]:-}"
	M[vlan64-$n]=$(echo "${S[vlan64-$n]}" | median) M[vlan1400-$n]=$(echo "${S[vlan1400-$n]}" | median)
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }'; }
# cost BARE PPS: microseconds per packet above the bare veth's
cost() { awk -v b="$1" -v p="$2" 'BEGIN { if (b > 0 && p > 0 && 1e6 / p > 1e6 / b) printf "%.2f", 1e6 / p - 1e6 / b; else print "-" }'; }
cratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2fx", a / b; else print "-" }'; }
row() { printf '  %-46s %11s %11s %11s %11s\n' "$@"; }
echo
echo "PPPoE, one session over veth, UDP client -> concentrator, packets/s out of the"
echo "session (concentrator's pppN), medians of $((CYCLES * ROUNDS)) (inject) and $((CYCLES * IROUNDS)) (iperf3) samples"
echo "of ${SECS} s, each implementation with only its own module loaded:"
row "" "inject 64" "inject 1400" "iperf3 64" "iperf3 1400"
for n in 1 $NCPU; do
	[ $n = 1 ] && echo "one sender:" || echo "$n senders, one per vCPU:"
	i1= i2= i3= i4= i5= i6=
	[ $n = 1 ] && i1=${M[iref64]} i2=${M[iref1400]} i3=${M[inl64]} i4=${M[inl1400]} \
		i5=$(ratio "${M[inl64]}" "${M[iref64]}") i6=$(ratio "${M[inl1400]}" "${M[iref1400]}")
	row "bare veth, no PPP (reference phases)" "${M[bare-ref64-$n]}" "${M[bare-ref1400-$n]}" "" ""
	row "pppd rp-pppoe.so <-> pppd (pppoe.ko)" "${M[ref64-$n]}" "${M[ref1400-$n]}" "$i1" "$i2"
	row "bare veth, no PPP (nlppp phases)" "${M[bare-nl64-$n]}" "${M[bare-nl1400-$n]}" "" ""
	row "nlpppd -> nlpppd listen pppoe: (nlppp.ko)" "${M[nl64-$n]}" "${M[nl1400-$n]}" "$i3" "$i4"
	row "ratio nlppp / reference (target >= 1.5x)" \
		"$(ratio "${M[nl64-$n]}" "${M[ref64-$n]}")" \
		"$(ratio "${M[nl1400-$n]}" "${M[ref1400-$n]}")" "$i5" "$i6"
	row "ratio, each as a fraction of its bare veth" \
		"$(ratio "${M[f-nl64-$n]}" "${M[f-ref64-$n]}")" \
		"$(ratio "${M[f-nl1400-$n]}" "${M[f-ref1400-$n]}")" "" ""
	row "802.1Q over a veth (all phases; the floor)" "${M[vlan64-$n]}" "${M[vlan1400-$n]}" "" ""
	row "ratio 802.1Q / reference (reference phases," \
		"$(ratio "${M[fv-ref64-$n]}" "${M[f-ref64-$n]}")" \
		"$(ratio "${M[fv-ref1400-$n]}" "${M[f-ref1400-$n]}")" "" ""
	row "  as fractions of the bare veth): at most this" "" "" "" ""
	row "ratio nlppp / 802.1Q (nlppp phases, as" \
		"$(ratio "${M[f-nl64-$n]}" "${M[fv-nl64-$n]}")" \
		"$(ratio "${M[f-nl1400-$n]}" "${M[fv-nl1400-$n]}")" "" ""
	row "  fractions of the bare veth; 1.00x: the floor)" "" "" "" ""
done
echo "PPPoE data plane's own cost, microseconds per injected packet above the bare veth"
echo "(both PPP devices, PPPoE both ways; with more senders, per packet of all of them):"
row "" "64 B" "1400 B" "" ""
for n in 1 $NCPU; do
	c1=$(cost "${M[bare-ref64-$n]}" "${M[ref64-$n]}") c2=$(cost "${M[bare-ref1400-$n]}" "${M[ref1400-$n]}")
	c3=$(cost "${M[bare-nl64-$n]}" "${M[nl64-$n]}") c4=$(cost "${M[bare-nl1400-$n]}" "${M[nl1400-$n]}")
	row "pppoe.ko + ppp_generic, $n sender(s)" "$c1" "$c2" "" ""
	row "nlppp.ko, $n sender(s)" "$c3" "$c4" "" ""
	row "ratio reference / nlppp (above 1: cheaper)" "$(cratio "$c1" "$c3")" "$(cratio "$c2" "$c4")" "" ""
done
echo "samples (packets/s):"
for n in 1 $NCPU; do
	for k in bare-ref64 ref64 vlan-ref64 bare-nl64 nl64 vlan-nl64 bare-ref1400 ref1400 vlan-ref1400 \
		bare-nl1400 nl1400 vlan-nl1400; do
		echo "  $k, $n sender(s):${S[$k-$n]:-}"
	done
done
for k in iref64 inl64 iref1400 inl1400; do
	echo "  $k:${S[$k]:-}"
done
sed 's/^/  iperf3 /' "$WORK/iperf.log" 2>/dev/null
sort -u "$WORK/qdisc.log" 2>/dev/null | sed 's/^/  qdisc: /'
grep -v '^sent [0-9]* failed 0$' "$WORK/inject.log" 2>/dev/null | head -5 | sed 's/^/  udp_inject: /'
echo "0 passed, 0 failed"
