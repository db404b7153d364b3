#!/bin/bash
# Session setup rate and memory of one `nlpppd listen` server (user plane,
# CHAP, IPCP, addresses from a pool, no scripts), driven by the load
# generator from another network namespace, over TCP and over PPPoE, against the same sessions
# served the way one-process-per-session servers work (socat forks an
# nlpppd per connection, as pppoe-server forks pppd), measured in this run.
# Prints sessions/s, the server's RSS per session and the kernel memory per
# session, with ratios against the reference and the long-run targets
# (>= 2000 sessions/s, <= 60 KB per session, kernel and daemon together).
# usage: tests/bench/sessions.sh [N] [REF_N]     (run from the repository, as root)
set -u
cd "$(dirname "$0")/../.." || exit 1
N=${1:-1000} REF_N=${2:-200}
NLPPPD=${NLPPPD:-$PWD/build/nlpppd}
LOADGEN=${LOADGEN:-$PWD/build/bench/loadgen}
S=nlb-s-$$ C=nlb-c-$$
W=$(mktemp -d /tmp/nlppp-bench.XXXXXX)
SRV=
cleanup() {
	[ -n "$SRV" ] && kill -9 $SRV 2>/dev/null
	for ns in $S $C; do
		ip netns pids $ns 2>/dev/null | xargs -r kill -9 2>/dev/null
		ip netns del $ns 2>/dev/null
	done
	rm -rf "$W"
}
trap cleanup EXIT
ip netns add $S && ip netns add $C || exit 1
ip -n $S link set lo up; ip -n $C link set lo up
ip link add nlb-s netns $S type veth peer name nlb-c netns $C
ip -n $S addr add 10.98.0.1/24 dev nlb-s; ip -n $S link set nlb-s up
ip -n $C addr add 10.98.0.2/24 dev nlb-c; ip -n $C link set nlb-c up
mkdir -p "$W/etc" "$W/run"
printf 'alice * bench-Secret-1 *\n' > "$W/etc/chap-secrets"; chmod 600 "$W/etc/chap-secrets"

kb() { awk -v k="$2" '$1 == k":" { print $2 }' "$1"; }
slab() { kb /proc/meminfo Slab; }
rss() { kb /proc/$1/status VmRSS; }
json() { sed -n "s/.*\"$2\":\([0-9.]*\).*/\1/p" "$1"; }

# measure NAME LOADGEN_TARGET SERVER_ARGS...: one nlpppd listen server,
# N sessions from the load generator held while RSS and slab are read;
# sets NAME_up, NAME_rate, NAME_rss0/1, NAME_slab0/1 and leaves the load
# generator's JSON in $W/NAME.json.
measure() {
	local name=$1 target=$2 r0 r1 s0 s1 lg
	shift 2
	ip netns exec $S "$NLPPPD" etc-dir "$W/etc" run-dir "$W/run" lock-dir "$W" nodetach \
		"$@" require-chap 10.64.0.1: remote-ip-pool 10.64.0.0/16 \
		noctl > "$W/server-$name.log" 2>&1 &
	SRV=$!
	case $target in
	--connect*) until ip netns exec $S ss -ltn | grep -q 10.98.0.1:7000; do sleep 0.1; done; sleep 0.5 ;;
	*) sleep 1 ;;
	esac
	r0=$(rss $SRV) s0=$(slab)
	ip netns exec $C "$LOADGEN" $target -n "$N" -c 200 --user alice \
		--password bench-Secret-1 --hold 4 --json --quiet > "$W/$name.json" &
	lg=$!
	sleep 3
	# Up and holding (the load generator prints at the end): measure now.
	r1=$(rss $SRV) s1=$(slab)
	wait $lg
	eval "${name}_up=$(json "$W/$name.json" up) ${name}_rate=$(json "$W/$name.json" sessions_per_s)"
	eval "${name}_rss0=$r0 ${name}_rss1=$r1 ${name}_slab0=$s0 ${name}_slab1=$s1"
	kill $SRV; wait $SRV 2>/dev/null; SRV=
}

# --- nlpppd listen: every session in one process, over TCP ---------------------
measure tcp "--connect 10.98.0.1:7000" listen 10.98.0.1:7000
up=$tcp_up rate=$tcp_rate rss0=$tcp_rss0 rss1=$tcp_rss1 slab0=$tcp_slab0 slab1=$tcp_slab1
lg_bytes=$(json "$W/tcp.json" rss_bytes_per_session)

# --- the same over PPPoE: nlpppd listen pppoe:IF, subscribers with MACs of their own ---
measure pppoe "--pppoe nlb-c" dataplane user listen pppoe:nlb-s pppoe-padi-limit 100000
pup=$pppoe_up prate=$pppoe_rate prss0=$pppoe_rss0 prss1=$pppoe_rss1 pslab0=$pppoe_slab0 pslab1=$pppoe_slab1

# --- reference: one nlpppd process per session ------------------------------------
cat > "$W/fork.sh" <<EOF
#!/bin/sh
p=\$SOCAT_PEERPORT
exec "$NLPPPD" etc-dir "$W/etc" notty run-dir "$W/run" lock-dir "$W" nodetach noctl \
	require-chap "10.65.0.1:10.66.\$((p / 256)).\$((p % 256))" 2>>"$W/fork.log"
EOF
chmod 755 "$W/fork.sh"
ip netns exec $S socat TCP-LISTEN:7001,bind=10.98.0.1,fork,reuseaddr,backlog=1024 \
	EXEC:"$W/fork.sh",nofork 2>/dev/null &
SRV=$!
until ip netns exec $S ss -ltn | grep -q 10.98.0.1:7001; do sleep 0.1; done
ip netns exec $C "$LOADGEN" --connect 10.98.0.1:7001 -n "$REF_N" -c 200 --user alice \
	--password bench-Secret-1 --json --quiet > "$W/ref.json"
ref_up=$(json "$W/ref.json" up) ref_rate=$(json "$W/ref.json" sessions_per_s)
kill $SRV 2>/dev/null; wait $SRV 2>/dev/null; SRV=

awk -v n="$N" -v up="$up" -v rate="$rate" -v ref_n="$REF_N" -v ref_up="$ref_up" \
    -v ref="$ref_rate" -v rss0="$rss0" -v rss1="$rss1" -v s0="$slab0" -v s1="$slab1" \
    -v lgb="$lg_bytes" -v pup="$pup" -v prate="$prate" -v prss0="$prss0" -v prss1="$prss1" \
    -v ps0="$pslab0" -v ps1="$pslab1" 'BEGIN {
	d = (rss1 - rss0) / n; k = (s1 - s0) / n
	printf "sessions: %d of %d up through one nlpppd listen process\n", up, n
	printf "setup rate: %.0f sessions/s; one process per session (%d of %d up): %.0f sessions/s; ratio %.2fx\n", rate, ref_up, ref_n, ref, (ref > 0 ? rate / ref : 0)
	printf "server RSS: %.1f KB per session (%d KB -> %d KB)\n", d, rss0, rss1
	printf "kernel slab: %.1f KB per session (both ends: TCP sockets, TUN devices), load generator %.1f KB\n", k, lgb / 1024
	printf "vs long-run targets: rate %.2fx of 2000/s (>= 1 meets it), memory (daemon + kernel, both ends) %.1f KB = %.2fx of 60 KB (<= 1 meets it)\n", rate / 2000, d + k, (d + k) / 60
	pd = (prss1 - prss0) / n; pk = (ps1 - ps0) / n
	printf "PPPoE (listen pppoe:, user plane): %d of %d up, %.0f sessions/s (%.2fx of 2000/s); server RSS %.1f KB + kernel slab %.1f KB per session = %.2fx of 60 KB\n", pup, n, prate, prate / 2000, pd, pk, (pd + pk) / 60
}'
[ "$up" = "$N" ] && [ "$pup" = "$N" ]
