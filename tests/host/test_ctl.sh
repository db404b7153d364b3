#!/bin/bash
# nlpppctl against a live link on the user plane: list, show (every section,
# --json checked with jq against the documented fields), monitor, metrics
# (Prometheus text), debug, down (persist redials), close (exit 5); a
# non-root caller and malformed requests are refused and the link keeps running.
cd "$(dirname "$0")/../.." || exit 1
. tests/host/lib.sh
require_root_netns
trap 'kill $MON 2>/dev/null; ns_cleanup' EXIT
ns_setup
NLPPPCTL=${NLPPPCTL:-$(dirname "$NLPPPD")/nlpppctl}
MON=

BASE_A="run-dir $WORK/a/run lock-dir $WORK/lock name serverA $IP_A:$IP_B"
BASE_B="run-dir $WORK/b/run lock-dir $WORK/lock"
secrets "$WORK/a/etc/chap-secrets" 'bob serverA "s3cret-Xyzzy-42" *'
secrets "$WORK/b/etc/chap-secrets" 'bob serverA "s3cret-Xyzzy-42"'
ctl() { "$NLPPPCTL" --run-dir "$WORK/a/run" "$@"; }
ctl_sock() { ls "$WORK/a/run/nlpppd/"*.sock 2>/dev/null | head -1; }
# raw LINE: send one line on the control socket, print the reply
raw() { printf '%s\n' "$1" | timeout 5 socat -t 2 - UNIX-CONNECT:"$(ctl_sock)"; }

CURRENT=live
start_pair "$BASE_A require-chap +ipv6 persist holdoff 1 lcp-echo-interval 1" \
	"$BASE_B user bob noauth +ipv6"
if ! wait_up; then fail "link did not come up"; finish; exit; fi
ctl --json monitor > "$WORK/monitor.json" 2> "$WORK/monitor.err" &
MON=$!
check "control socket is mode 0600" test "$(stat -c %a "$(ctl_sock)")" = 600
check "ping A->B" ping_ok "$NS_A" "$IP_B"
sleep 1.5	# an echo round trip or two

ctl list > "$WORK/list.txt"
check "list: ppp0 running, peer bob" grep -Eq "^ppp0 +[0-9]+ +running +bob +$IP_A +$IP_B " "$WORK/list.txt"
ctl --json list > "$WORK/list.json"
check "list --json: the documented fields" jq -e --arg a "$IP_A" --arg b "$IP_B" '
	length == 1 and .[0].ifname == "ppp0" and .[0].phase == "running" and
	.[0].peer_name == "bob" and .[0].local_ip == $a and .[0].remote_ip == $b and
	.[0].dataplane == "user" and (.[0].pid | type) == "number" and
	(.[0].bundle_id | type) == "number" and (.[0].uptime_s | type) == "number" and
	.[0].links[0].transport == "pty" and .[0].links[0].phase == "running" and
	(.[0].links[0].link_id | type) == "number"' "$WORK/list.json"

ctl --json show ppp0 > "$WORK/show.json"
check "show --json: link section" jq -e '.link.framing == "async" and
	.link.phase == "running" and (.link.tx.accm | test("^0x[0-9a-f]{8}$")) and
	.link.rx.mru == 1500 and (.link.tx.acfc | type) == "boolean"' "$WORK/show.json"
check "show --json: lcp section (negotiated both ways, echo RTT)" jq -e '
	.lcp.state == "opened" and .lcp.ours.auth == "chap" and .lcp.peer.auth == null and
	(.lcp.ours.magic | type) == "number" and .lcp.ours.pfc == true and
	.lcp.echo.interval_s == 1 and (.lcp.echo.rtt_ms | type) == "number"' "$WORK/show.json"
check "show --json: auth section" jq -e '.auth.peer.protocol == "chap" and
	.auth.peer.state == "success" and .auth.peer.name == "bob" and
	.auth.ours.protocol == null and .auth.ours.state == "none"' "$WORK/show.json"
check "show --json: ipcp and ipv6cp sections" jq -e --arg a "$IP_A" --arg b "$IP_B" '
	.ipcp.state == "opened" and .ipcp.local_ip == $a and .ipcp.remote_ip == $b and
	.ipv6cp.state == "opened" and (.ipv6cp.local_ll | startswith("fe80::")) and
	(.ipv6cp.remote_ll | startswith("fe80::"))' "$WORK/show.json"
check "show --json: bundle section" jq -e '.bundle.ifname == "ppp0" and
	.bundle.dataplane == "user" and (.bundle.links | length) == 1 and
	(.bundle.ifindex | type) == "number"' "$WORK/show.json"
check "show --json: live counters" jq -e '.stats.counters.rx_packets >= 3 and
	.stats.counters.tx_packets >= 3 and .stats.counters.tx_bytes > 0 and
	.stats.counters.rx_frames > 0 and .stats.counters.echo_requests >= 1 and
	.stats.counters.echo_replies >= 1 and .stats.counters.rx_fcs_errors == 0 and
	(.stats.gauges.uptime_seconds | type) == "number"' "$WORK/show.json"
check "show ppp0 lcp: one section, readable" sh -c \
	"'$NLPPPCTL' --run-dir '$WORK/a/run' show ppp0 lcp | grep -q 'state: opened'"
ctl --json show ppp0 ipcp > "$WORK/ipcp.json"
check "show ppp0 ipcp --json: only that section" jq -e 'has("ipcp") and (has("lcp") | not)' "$WORK/ipcp.json"
ctl show ppp9 > /dev/null 2> "$WORK/err.txt"; rc=$?
check "show of an unknown interface: exit 1, one line" test "$rc" = 1 -a "$(wc -l < "$WORK/err.txt")" = 1
ctl show ppp0 nosuch > /dev/null 2>&1; rc=$?
check "show with an unknown section: usage error 2" test "$rc" = 2

ctl metrics > "$WORK/metrics.prom"
check "metrics: counters of ppp0" grep -Eq '^nlppp_rx_packets_total\{.*ifname="ppp0".*\} [1-9]' "$WORK/metrics.prom"
check "metrics: every sample line is Prometheus text" awk '
	/^#/ { next }
	!/^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? -?[0-9.eE+]+$/ { bad = 1 }
	END { exit bad }' "$WORK/metrics.prom"
if command -v promtool >/dev/null; then
	promtool check metrics < "$WORK/metrics.prom" > "$WORK/promtool.txt" 2>&1; rc=$?
	# 3 = lint findings only (unit suffixes), 0 = clean; 1 = does not parse
	check "promtool parses the metrics" test "$rc" = 0 -o "$rc" = 3
fi

check "debug ppp0 on" sh -c "'$NLPPPCTL' --run-dir '$WORK/a/run' debug ppp0 on | grep -q 'debug on'"
check "daemon logs the debug switch" grep -q "ppp0: debug on" "$WORK/a.log"
ctl debug ppp0 off > /dev/null

# A caller that is not root gets a clear refusal.
setpriv --reuid=65534 --regid=65534 --clear-groups "$NLPPPCTL" --run-dir "$WORK/a/run" list \
	> /dev/null 2> "$WORK/nonroot.txt"; rc=$?
check "non-root caller refused (exit $rc)" test "$rc" -ne 0
check "non-root refusal says root" grep -qi "root" "$WORK/nonroot.txt"
chmod 755 "$WORK" "$WORK/a" "$WORK/a/run" "$WORK/a/run/nlpppd"
setpriv --reuid=65534 --regid=65534 --clear-groups socat -t 2 - UNIX-CONNECT:"$(ctl_sock)" \
	<<< '{"cmd":"list"}' > "$WORK/nonroot2.txt" 2>&1
check "non-root connect to the socket itself is refused" sh -c "! grep -q '\"ok\":true' '$WORK/nonroot2.txt'"
chmod 700 "$WORK/a/run/nlpppd"

# Malformed requests: one error line each, the link carries on.
check "truncated JSON refused" sh -c "printf '{\"cmd\":\n' | socat -t 2 - UNIX-CONNECT:'$(ctl_sock)' | grep -q '\"ok\":false'"
check "unknown key refused" sh -c "printf '{\"cmd\":\"list\",\"x\":1}\n' | socat -t 2 - UNIX-CONNECT:'$(ctl_sock)' | grep -q '\"ok\":false'"
check "unknown command refused" sh -c "printf '{\"cmd\":\"reboot\"}\n' | socat -t 2 - UNIX-CONNECT:'$(ctl_sock)' | grep -q '\"ok\":false'"
# (4500 bytes in one write: the daemon answers, then closes)
{ head -c 4500 /dev/zero | tr '\0' 'x'; echo; } | timeout 5 socat -t 2 - UNIX-CONNECT:"$(ctl_sock)" > "$WORK/big.txt" 2>&1
check "oversized request refused" grep -q '"ok":false' "$WORK/big.txt"
check "link still up after bad requests" ping_ok "$NS_A" "$IP_B"

# down: the link drops and, with persist, comes back.
CURRENT=down
check "down ppp0 accepted" ctl down ppp0
sleep 1
n=0; until ctl --json list 2>/dev/null | jq -e '.[0].phase == "running"' >/dev/null; do
	sleep 0.5; n=$((n + 1)); [ $n -gt 40 ] && break; done
check "link redialed after down (persist)" test $n -le 40
check "log says who dropped it" grep -q "ppp0: link dropped by nlpppctl" "$WORK/a.log"
check "ping after redial" ping_ok "$NS_A" "$IP_B"

# close: terminate like SIGTERM, no redial, exit status 5.
CURRENT=close
check "close ppp0 accepted" ctl close ppp0
wait_exit "$PID_A" 15; PID_A=
check "A exits 5 (user request) and does not redial" test "$A_STATUS" = 5
check "nothing left behind" no_leftovers
check "control socket removed at exit" test -z "$(ctl_sock)"

CURRENT=monitor
sleep 0.5; kill $MON 2>/dev/null; wait $MON 2>/dev/null; MON=
check "monitor: every line is JSON with event and time" sh -c \
	"jq -e -s 'length > 0 and all(.[]; has(\"event\") and (.time | type) == \"number\")' '$WORK/monitor.json'"
check "monitor: phase changes" jq -e -s 'any(.[]; .event == "phase" and .phase == "establish")' "$WORK/monitor.json"
check "monitor: protocols up" jq -e -s 'any(.[]; .event == "up" and .protocol == "ipcp")' "$WORK/monitor.json"
check "monitor: auth result" jq -e -s 'any(.[]; .event == "auth" and .result == "success" and .peer_name == "bob")' "$WORK/monitor.json"
check "monitor: link down and why" jq -e -s 'any(.[]; .event == "link_down" and .reason == "terminated" and .exit_status == 16)' "$WORK/monitor.json"
finish
