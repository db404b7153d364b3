#!/bin/bash
# Session setup rate and memory per session of a PPPoE access concentrator,
# in one VM run, sessions opened by the load generator (tests/bench/loadgen
# --pppoe: a PPPoE host per session, a MAC of its own, discovery, CHAP,
# IPCP) over a veth pair between two netns:
#   - one `nlpppd listen pppoe:IF` on the kernel data plane (nlppp.ko),
#     N sessions (default 1000);
#   - the reference, rp-pppoe's pppoe-server, which starts a pppd per
#     session (with Debian's build: a pppoe relay process per session too,
#     it has no kernel mode), REF_N sessions (default 100: each costs
#     processes, and the VM has little memory).
# Prints sessions/s (first PADI to the last IPCP Opened), the server side's
# memory per session (kernel slab; RSS of nlpppd; PSS of all the
# reference's processes) and ratios, against the targets (>= 2000
# sessions/s on real hardware, <= 60 KB per session kernel and daemon
# together). Not a test: numbers only (make bench-vm).
cd "$(dirname "$0")/../.." || exit 1
. tests/vm/lib.sh
require_vm

N=${BENCH_SESSIONS_N:-1000} REF_N=${BENCH_SESSIONS_REF_N:-100}
NLPPPD=$NLVM_REPO/build/nlpppd
LOADGEN=$NLVM_REPO/build/bench/loadgen
NS_A=bsa NS_B=bsb SIF=bs-s CIF=bs-c
mkdir -p "$WORK/n/etc" "$WORK/n/run" "$WORK/lock" "$WORK/p"
ns_add "$NS_A" "$NS_B" || exit 1
ip link add "$SIF" netns "$NS_A" type veth peer name "$CIF" netns "$NS_B"
ip -n "$NS_A" link set "$SIF" up
ip -n "$NS_B" link set "$CIF" up
printf 'alice * "bs-Secret-7" *\n' > "$WORK/n/etc/chap-secrets"
chmod 600 "$WORK/n/etc/chap-secrets"

json() { sed -n "s/.*\"$2\":\([0-9.]*\).*/\1/p" "$1"; }
# pss PID...: their proportional set sizes together, kB
pss() { local p t=0 v; for p in "$@"; do v=$(proc_kb /proc/$p/smaps_rollup Pss 2>/dev/null); t=$((t + ${v:-0})); done; echo $t; }
# lg NAME COUNT: the load generator; sessions held 10 s, while $WORK/NAME.up
# appears as soon as all are up (the measurement is taken then)
lg() {
	ip netns exec "$NS_B" "$LOADGEN" --pppoe "$CIF" -n "$2" -c 100 --user alice \
		--password bs-Secret-7 --hold 10 --timeout 300 --json --quiet \
		--addresses "$WORK/$1.up" > "$WORK/$1.json" 2>"$WORK/$1.err" &
	LG=$!
	wait_for 300 test -s "$WORK/$1.up"
}

# --- nlpppd, kernel plane -----------------------------------------------------------
nl_rate=0 nl_up=0 nl_slab=0 nl_rss=0
if nlppp_load 2>/dev/null; then
	ip netns exec "$NS_A" "$NLPPPD" etc-dir "$WORK/n/etc" run-dir "$WORK/n/run" \
		lock-dir "$WORK/lock" nodetach dataplane kernel listen "pppoe:$SIF" noctl \
		require-chap 10.68.0.1: remote-ip-pool 10.68.0.0/16 pppoe-padi-limit 100000 \
		> "$WORK/nl.log" 2>&1 &
	SRV=$!
	sleep 2
	s0=$(slab_kb) r0=$(proc_kb /proc/$SRV/status VmRSS)
	lg nl "$N"
	s1=$(slab_kb) r1=$(proc_kb /proc/$SRV/status VmRSS)
	wait $LG
	nl_up=$(json "$WORK/nl.json" up) nl_rate=$(json "$WORK/nl.json" sessions_per_s)
	nl_slab=$(( (s1 - s0) * 1024 / N )) nl_rss=$(( (r1 - r0) * 1024 / N ))
	kill $SRV; wait $SRV 2>/dev/null
	wait_for 60 sh -c "! ip -n $NS_A -o link show | grep -q ' ppp'"
	rmmod nlppp 2>/dev/null
else
	echo "nlppp.ko not loadable: reference numbers only"
fi

# --- reference: pppoe-server + pppd per session -------------------------------------
cp -a /etc/ppp/. "$WORK/p/" 2>/dev/null
printf 'alice * "bs-Secret-7" *\n' > "$WORK/p/chap-secrets"
chmod 600 "$WORK/p/chap-secrets"
: > "$WORK/p/options"
cat > "$WORK/pppd" <<EOS
#!/bin/sh
exec unshare -m sh -c 'mount -t tmpfs none /etc/ppp && cp -a $WORK/p/. /etc/ppp/ && exec pppd "\$@"' pppd "\$@"
EOS
chmod 755 "$WORK/pppd"
printf 'name rp-ac\nrequire-chap\nnoccp\nnovj\nnodefaultroute\nlogfile /dev/null\n' > "$WORK/pso"
mod_load ppp_async ppp_generic >/dev/null
ref_rate=0 ref_up=0 ref_slab=0 ref_pss=0
s0=$(slab_kb)
if ip netns exec "$NS_A" pppoe-server -I "$SIF" -L 10.69.0.1 -R 10.69.1.1 -N "$REF_N" \
	-O "$WORK/pso" -q "$WORK/pppd" -X "$WORK/ps.pid" -C rp-ac; then
	sleep 1
	lg ref "$REF_N"
	s1=$(slab_kb)
	procs=$(pgrep -x 'pppd|pppoe|pppoe-server' | tr '\n' ' ')
	p1=$(pss $procs)
	wait $LG
	ref_up=$(json "$WORK/ref.json" up) ref_rate=$(json "$WORK/ref.json" sessions_per_s)
	ref_slab=$(( (s1 - s0) * 1024 / REF_N )) ref_pss=$(( p1 * 1024 / REF_N ))
	echo "reference: $(echo $procs | wc -w) processes for $ref_up sessions"
	pkill -x pppoe-server; pkill -x pppd
	wait_for 60 sh -c "! pgrep -x pppd >/dev/null"
else
	echo "pppoe-server did not start"
fi

awk -v n="$N" -v up="$nl_up" -v rate="$nl_rate" -v slab="$nl_slab" -v rss="$nl_rss" \
    -v rn="$REF_N" -v rup="$ref_up" -v rrate="$ref_rate" -v rslab="$ref_slab" -v rpss="$ref_pss" 'BEGIN {
	printf "\nPPPoE access concentrator, sessions from the load generator (CHAP, IPCP, no scripts), under TCG:\n"
	printf "  %-40s %9s %12s %12s %12s\n", "", "up", "sessions/s", "kernel/sess", "daemon/sess"
	printf "  %-40s %4d/%-4d %12.1f %9.1f KB %9.1f KB\n", "nlpppd listen pppoe: (nlppp.ko)", up, n, rate, slab / 1024, rss / 1024
	printf "  %-40s %4d/%-4d %12.1f %9.1f KB %9.1f KB\n", "pppoe-server + pppd per session", rup, rn, rrate, rslab / 1024, rpss / 1024
	if (rrate > 0) printf "  setup rate ratio nlpppd / reference: %.2fx\n", rate / rrate
	t = (slab + rss) / 1024; rt = (rslab + rpss) / 1024
	if (rt > 0) printf "  memory per session, kernel + daemon: %.1f KB vs %.1f KB (%.2fx less)\n", t, rt, rt / (t > 0 ? t : 1)
	printf "  vs targets: memory %.1f KB = %.2fx of 60 KB (<= 1 meets it); rate %.1f/s under TCG (target >= 2000/s on real hardware)\n", t, t / 60, rate
}'
echo "0 passed, 0 failed"
