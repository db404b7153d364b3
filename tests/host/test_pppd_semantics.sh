#!/bin/bash
# pppd's meaning of options that used to differ: `silent` sends nothing
# until the peer's LCP arrives, `replacedefaultroute` alone adds no route,
# one `ms-dns` is both primary and secondary, holdoff defaults to 30 s,
# `kdebug` is refused with a message rather than ignored.
cd "$(dirname "$0")/../.." || exit 1
. tests/host/lib.sh
require_root_netns
trap ns_cleanup EXIT
ns_setup

BASE_A="run-dir $WORK/a/run lock-dir $WORK/lock noauth $IP_A:$IP_B"
BASE_B="run-dir $WORK/b/run lock-dir $WORK/lock noauth"

CURRENT=silent
# Both silent: nobody may speak first.
start_pair "$BASE_A silent" "$BASE_B silent"
sleep 2
check "silent: nothing sent before the peer's LCP" sh -c "! grep -q 'sent \\[LCP' '$WORK/a.log'"
stop_pair
start_pair "$BASE_A silent" "$BASE_B"
if wait_up; then
	ok "silent: the link comes up once the peer speaks"
	first_rcvd=$(grep -n 'rcvd \[LCP' "$WORK/a.log" | head -1 | cut -d: -f1)
	first_sent=$(grep -n 'sent \[LCP' "$WORK/a.log" | head -1 | cut -d: -f1)
	check "silent: A's first LCP packet follows the peer's" test "$first_sent" -gt "$first_rcvd"
else
	fail "silent: link did not come up"
fi
stop_pair
# passive is not silent: it sends, then waits quietly.
start_pair "$BASE_A passive lcp-restart 1 lcp-max-configure 2" "$BASE_B silent"
sleep 1
check "passive: Configure-Requests are sent" grep -q 'sent \[LCP ConfReq' "$WORK/a.log"
stop_pair

CURRENT=replacedefaultroute
# An existing default route (a veth: this kernel may lack dummy).
ip -n "$NS_A" link add dummy0 type veth peer name dummy1
ip -n "$NS_A" link set dummy1 up
ip -n "$NS_A" link set dummy0 up
ip -n "$NS_A" addr add 192.0.2.1/24 dev dummy0
ip -n "$NS_A" route add default via 192.0.2.254 dev dummy0
start_pair "$BASE_A replacedefaultroute" "$BASE_B"
if wait_up; then
	check "alone it adds no default route" sh -c "! ip -n $NS_A route show default | grep -q ppp0"
	check "alone it keeps the existing one" sh -c "ip -n $NS_A route show default | grep -q dummy0"
else
	fail "link did not come up"
fi
stop_pair
start_pair "$BASE_A defaultroute replacedefaultroute" "$BASE_B"
if wait_up; then
	check "with defaultroute it replaces the default route" \
		sh -c "ip -n $NS_A route show default | grep -q 'dev ppp0'"
else
	fail "link did not come up"
fi
stop_pair
check "the old default route is back" sh -c "ip -n $NS_A route show default | grep -q dummy0"
ip -n "$NS_A" link del dummy0

CURRENT=ms-dns
start_pair "$BASE_A ms-dns 10.77.9.9" "$BASE_B usepeerdns"
if wait_up; then
	sleep 0.5
	check "one ms-dns: primary" grep -q "primary   DNS address 10.77.9.9" "$WORK/b.log"
	check "one ms-dns: secondary too" grep -q "secondary DNS address 10.77.9.9" "$WORK/b.log"
else
	fail "link did not come up"
fi
stop_pair

CURRENT=defaults
check "holdoff defaults to 30 s" sh -c "'$NLPPPD' dryrun notty | grep -q 'holdoff: 30'"
"$NLPPPD" dryrun notty kdebug 1 > /dev/null 2> "$WORK/kdebug.err"; rc=$?
check "kdebug 1 refused, exit 2" test "$rc" = 2
check "kdebug: one line that says why" sh -c \
	"test \$(wc -l < '$WORK/kdebug.err') = 1 && grep -q 'no per-link debug' '$WORK/kdebug.err'"
finish
