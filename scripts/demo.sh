#!/bin/bash
# make demo: a real PPP link between two nlpppd peers, each in its own
# network namespace, over a pty pair. CHAP-MD5, IPCP and IPv6CP, ping both
# ways, 10 MB with a SHA-256 comparison, what was negotiated, the counters
# (and nlpppctl's view of the live link), and a clean teardown. Traffic never leaves the two namespaces.
set -u
cd "$(dirname "$0")/.." || exit 1
NLPPPD=$(readlink -f "${1:-build/nlpppd}")
NLPPPCTL=$(dirname "$NLPPPD")/nlpppctl
PLANE=${DEMO_PLANE:-user}
export NLPPPD
. tests/host/lib.sh
require_root_netns
trap ns_cleanup EXIT
ns_setup

say() { printf '\n== %s\n' "$*"; }

if [ "$PLANE" = kernel ]; then
	say "Data plane: kernel (nlppp.ko: line discipline + pppN net_device, programmed over netlink)"
else
	say "Data plane: user space (TUN + libppp)${DEMO_WHY:+: $DEMO_WHY}"
fi
secrets "$WORK/a/etc/chap-secrets" 'demo-client demo-server "demo-only-secret" *'
secrets "$WORK/b/etc/chap-secrets" 'demo-client demo-server "demo-only-secret"'

say "Starting: $NS_A runs nlpppd as the authenticator; its pty starts the peer in $NS_B"
echo "  A: nlpppd pty \"ip netns exec $NS_B nlpppd notty ...\" name demo-server require-chap +ipv6 $IP_A:$IP_B ms-dns 10.77.9.1"
echo "  B: nlpppd notty user demo-client noauth +ipv6 usepeerdns"
start_pair "dataplane $PLANE run-dir $WORK/a/run lock-dir $WORK/lock name demo-server require-chap +ipv6 $IP_A:$IP_B ms-dns 10.77.9.1" \
	"dataplane $PLANE run-dir $WORK/b/run lock-dir $WORK/lock user demo-client noauth +ipv6 usepeerdns"
if ! wait_up 30; then
	echo "demo: the link did not come up"; tail -30 "$WORK/a.log" "$WORK/b.log"; exit 1
fi
sleep 1

say "Negotiated (from A's debug log)"
grep -E "Using interface|sent \[LCP ConfAck|rcvd \[LCP ConfAck|CHAP peer authentication|IP address|LL address|DNS address" \
	"$WORK/a.log" | sed 's/^nlpppd: /  /'
say "Negotiated (from B's debug log)"
grep -E "CHAP authentication|IP address|LL address|DNS address" "$WORK/b.log" | sed 's/^nlpppd: /  /'
echo "  B's resolv.conf (written for usepeerdns): $(tr '\n' ' ' < "$WORK/b/etc/resolv.conf")"

say "Interfaces"
ip -n "$NS_A" addr show dev ppp0 | sed 's/^/  A: /'
ip -n "$NS_B" addr show dev ppp0 | sed 's/^/  B: /'

rc=0
say "ping A -> B and B -> A"
ip netns exec "$NS_A" ping -c 3 -i 0.2 "$IP_B" | tail -2 | sed 's/^/  /' || rc=1
ip netns exec "$NS_B" ping -c 3 -i 0.2 "$IP_A" | tail -2 | sed 's/^/  /' || rc=1
ip netns exec "$NS_A" ping -6 -c 2 -i 0.2 "fe80::$(ip -n "$NS_B" -6 addr show dev ppp0 | awk '/fe80/ {sub("fe80::","",$2); sub("/.*","",$2); print $2; exit}')%ppp0" \
	| tail -2 | sed 's/^/  v6: /' || rc=1

say "10 MB A -> B over TCP, SHA-256 compared"
if transfer 10; then
	echo "  sha256 match: $(sha256sum < "$WORK/in.bin" | cut -c1-16)...  ($XFER_RATE MB/s)"
else
	echo "  TRANSFER FAILED"; rc=1
fi

say "Counters"
ip -n "$NS_A" -s link show dev ppp0 | sed 's/^/  A: /'
ip -n "$NS_B" -s link show dev ppp0 | sed 's/^/  B: /'

say "nlpppctl: A's link as the control socket shows it, live"
"$NLPPPCTL" --run-dir "$WORK/a/run" list | sed 's/^/  /' || rc=1
"$NLPPPCTL" --run-dir "$WORK/a/run" show ppp0 auth | sed 's/^/  /' || rc=1
"$NLPPPCTL" --run-dir "$WORK/a/run" --json show ppp0 stats | sed 's/^/  /' || rc=1

say "Teardown: SIGTERM to A (Terminate-Request, scripts, interface and routes removed)"
stop_pair
sleep 0.5
grep -E "TermReq|TermAck|Connect time|Sent .* bytes|link counters|Exit with" "$WORK/a.log" | sed 's/^nlpppd: /  A: /'
grep -E "TermReq|TermAck|Exit with" "$WORK/b.log" | sed 's/^nlpppd: /  B: /'
if no_leftovers; then echo "  nothing left behind"; else rc=1; fi
[ "$A_STATUS" = 5 ] || { echo "  unexpected exit status $A_STATUS"; rc=1; }

say "demo $([ $rc = 0 ] && echo PASSED || echo FAILED)"
exit $rc
