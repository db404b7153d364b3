#!/bin/bash
# PPPoE on the user plane: an nlpppd access concentrator (`listen pppoe:IF`)
# in one namespace, an nlpppd client started with `call dsl-provider` (the
# peers file pppoeconf writes, unchanged) in the other, a veth pair between.
# Ping and 4 MB whose SHA-256 matches; PADT from the server (SIGHUP) and
# from the client end the session and the client redials (persist); the
# server killed and restarted, the client comes back. Hostile discovery
# frames, a PADI flood and session frames for unknown sessions are counted
# and dropped, and a PADR replayed with its cookie makes no second session,
# while the server keeps serving.
cd "$(dirname "$0")/../.." || exit 1
. tests/host/lib.sh
require_root_netns
NLPPPCTL=${NLPPPCTL:-$(dirname "$NLPPPD")/nlpppctl}
INJECT=${PPPOE_INJECT:-$(dirname "$NLPPPD")/host/pppoe_inject}
SRV_PID= CL_PID=
SIF=nlt-ps-$T_ID CIF=nlt-pc-$T_ID SIF2=nlt-qs-$T_ID CIF2=nlt-qc-$T_ID
CL2_PID=
cleanup() {
	kill -9 $SRV_PID $CL_PID $CL2_PID 2>/dev/null
	ns_cleanup
}
trap cleanup EXIT
[ -n "${KEEP_LOG:-}" ] && trap "cp \"\$WORK\"/a.log \"\$WORK\"/b.log /tmp/ 2>/dev/null; cleanup" EXIT
[ -x "$INJECT" ] || { echo "FAIL setup: no $INJECT (make $INJECT)"; echo "0 passed, 1 failed"; exit 1; }
ns_setup
ip link add "$SIF" netns "$NS_A" type veth peer name "$CIF" netns "$NS_B" ||
	{ echo "FAIL setup: no veth"; echo "0 passed, 1 failed"; exit 1; }
ip link add "$SIF2" netns "$NS_A" type veth peer name "$CIF2" netns "$NS_B"
# The second pair carries RFC 4638's 1500-byte PPP payloads.
ip -n "$NS_A" link set "$SIF2" mtu 1508
ip -n "$NS_B" link set "$CIF2" mtu 1508
for l in "$SIF" "$SIF2"; do ip -n "$NS_A" link set "$l" up; done
for l in "$CIF" "$CIF2"; do ip -n "$NS_B" link set "$l" up; done

secrets "$WORK/a/etc/chap-secrets" 'bob * "bob-Secret-77" *'
secrets "$WORK/b/etc/chap-secrets" 'bob * "bob-Secret-77"'
mkdir -p "$WORK/b/etc/peers"
# As pppoeconf writes it, but for the interface's name.
cat > "$WORK/b/etc/peers/dsl-provider" <<EOF
# Minimalistic default options file for DSL/PPPoE connections
noipdefault
usepeerdns
defaultroute
hide-password
lcp-echo-interval 20
lcp-echo-failure 3
connect /bin/true
noauth
persist
mtu 1492
noaccomp
default-asyncmap
plugin rp-pppoe.so $CIF
user "bob"
EOF

start_server() {
	ip netns exec "$NS_A" "$NLPPPD" etc-dir "$WORK/a/etc" run-dir "$WORK/a/run" \
		lock-dir "$WORK/lock" nodetach debug listen "pppoe:$SIF" name srv require-chap \
		10.67.0.1: remote-ip-pool 10.67.1.0/24 pppoe-ac-name nlt-ac \
		pppoe-service-name internet pppoe-padi-limit 20 pppoe-max-sessions-per-mac 2 \
		lcp-echo-interval 1 lcp-echo-failure 3 "$@" >> "$WORK/a.log" 2>&1 &
	SRV_PID=$!
	sleep 0.3
}
# The client: the peers file, and on the command line what a test needs
# sooner than pppoeconf's 60 s dead-peer detection and 30 s holdoff.
start_client() {
	ip netns exec "$NS_B" "$NLPPPD" etc-dir "$WORK/b/etc" run-dir "$WORK/b/run" \
		lock-dir "$WORK/lock" nodetach call dsl-provider ifname pc0 holdoff 1 \
		maxfail 0 lcp-echo-interval 1 lcp-echo-failure 3 pppoe-padi-timeout 1 \
		pppoe-padi-attempts 4 "$@" >> "$WORK/b.log" 2>&1 &
	CL_PID=$!
}
client_addr() { ip -n "$NS_B" -4 -o addr show dev pc0 2>/dev/null | awk '{print $4}' | cut -d/ -f1; }
wait_client() { # wait_client SECS
	local n=$(( $1 * 4 ))
	while [ -z "$(client_addr)" ] && [ $n -gt 0 ]; do sleep 0.25; n=$((n - 1)); done
	[ -n "$(client_addr)" ]
}
wait_gone() { # wait_gone SECS: until the client's interface has no address
	local n=$(( $1 * 4 ))
	while [ -n "$(client_addr)" ] && [ $n -gt 0 ]; do sleep 0.25; n=$((n - 1)); done
	[ -z "$(client_addr)" ]
}
count() { grep -c "$1" "$2" 2>/dev/null; }
wait_grep() { # wait_grep SECS PATTERN FILE [MIN]: until PATTERN is in FILE MIN (1) times
	local n=$(( $1 * 4 ))
	while [ "$(count "$2" "$3")" -lt "${4:-1}" ] && [ $n -gt 0 ]; do sleep 0.25; n=$((n - 1)); done
	[ "$(count "$2" "$3")" -ge "${4:-1}" ]
}
ctl_list() { ip netns exec "$NS_A" "$NLPPPCTL" --run-dir "$WORK/a/run" --json list; }

CURRENT=options
check "PPPoE:iface:provider is the reference page's device" sh -c \
	"'$NLPPPD' etc-dir '$WORK/b/etc' dryrun PPPoE:eth9:myisp | grep -qx 'device: pppoe eth9 service myisp'"
check "nic-IF names the interface after the plugin line" sh -c \
	"'$NLPPPD' etc-dir '$WORK/b/etc' dryrun plugin pppoe.so nic-eth7 rp_pppoe_service x | grep -qx 'device: pppoe eth7 service x'"
check "another plugin is refused in one line" sh -c \
	"'$NLPPPD' etc-dir '$WORK/b/etc' dryrun plugin pppol2tp.so 2>&1 | grep -q 'built in'"

CURRENT=discovery
# No concentrator yet: PADI at 0 s, again after 1 s, then 2 s more (backoff).
t0=$(date +%s%N)
ip netns exec "$NS_B" timeout 20 "$NLPPPD" etc-dir "$WORK/b/etc" run-dir "$WORK/b/run" \
	lock-dir "$WORK/lock" nodetach "nic-$CIF" user bob noauth pppoe-padi-timeout 1 \
	pppoe-padi-attempts 2 > "$WORK/nopado.log" 2>&1
st=$? ms=$(( ($(date +%s%N) - t0) / 1000000 ))
check "no concentrator: exit status 8 (connect failed)" test "$st" = 8
check "after 1 s + 2 s of waiting (${ms} ms)" test "$ms" -ge 2900 -a "$ms" -lt 6000
check "it says why" grep -q "no PADO" "$WORK/nopado.log"
start_server
# One try each, one second: offers that do not match are not taken.
one_try() { # one_try LOG OPTIONS...: a client that gives up after one PADI
	local log=$1; shift
	ip netns exec "$NS_B" timeout 20 "$NLPPPD" etc-dir "$WORK/b/etc" run-dir "$WORK/b/run" \
		lock-dir "$WORK/lock" nodetach "nic-$CIF" user bob noauth pppoe-padi-timeout 1 \
		pppoe-padi-attempts 1 "$@" > "$WORK/$log" 2>&1
}
one_try ac.log pppoe-ac other-ac
check "pppoe-ac other-ac: no session (status $?)" grep -q "no PADO" "$WORK/ac.log"
one_try svc.log pppoe-service nosuch
check "pppoe-service nosuch: no offer" grep -q "no PADO" "$WORK/svc.log"
one_try mac.log pppoe-mac 02:00:00:00:00:99
check "pppoe-mac of another host: no session" grep -q "no PADO" "$WORK/mac.log"
check "the concentrator made no session for them" sh -c "! grep -q 'pppoe:$SIF:.*: session' '$WORK/a.log'"

CURRENT=session
start_client
if wait_client 20; then
	ok "client came up through call dsl-provider ($(client_addr))"
	check "the address is from the pool" sh -c "case '$(client_addr)' in 10.67.1.*) true;; *) false;; esac"
	check "ping client -> server" ping_ok "$NS_B" 10.67.0.1 "-I pc0"
	check "ping server -> client" ping_ok "$NS_A" "$(client_addr)"
	check "MTU 1492 (RFC 2516)" sh -c "ip -n $NS_B link show pc0 | grep -q 'mtu 1492'"
	# Frames queue in the Ethernet device's qdisc: the TUNs get none of their own.
	check "the client's TUN has the noqueue qdisc" sh -c \
		"tc -n $NS_B qdisc show dev pc0 | grep -q '^qdisc noqueue'"
	check "the server's session TUN has the noqueue qdisc" sh -c \
		"tc -n $NS_A qdisc show | grep -q '^qdisc noqueue .* dev ppp' &&
		 ! tc -n $NS_A qdisc show | grep -v '^qdisc noqueue' | grep -q ' dev ppp'"
	head -c $((4 * 1024 * 1024)) /dev/urandom > "$WORK/in.bin"
	ip netns exec "$NS_A" timeout 60 socat -u TCP-LISTEN:5202,bind=10.67.0.1,reuseaddr \
		OPEN:"$WORK/out.bin",creat,trunc &
	lp=$!; sleep 0.5
	ip netns exec "$NS_B" timeout 60 socat -u OPEN:"$WORK/in.bin" TCP:10.67.0.1:5202
	wait $lp
	check "4 MB client -> server, SHA-256 matches" test \
		"$(sha256sum < "$WORK/in.bin")" = "$(sha256sum < "$WORK/out.bin")"
	check "nlpppctl list shows the session running" sh -c \
		"$(declare -f ctl_list); NLPPPCTL='$NLPPPCTL' WORK='$WORK' NS_A='$NS_A'; ctl_list | jq -e 'length == 1 and .[0].phase == \"running\"'"
	check "no ACFC asked on PPPoE" sh -c "! grep -q 'accomp' '$WORK/a.log'"
	check "nlpppctl show: transport pppoe, the concentrator's MAC and the session" sh -c \
		"ip netns exec $NS_B '$NLPPPCTL' --run-dir '$WORK/b/run' --json show pc0 link | \
		 jq -e '.link.transport == \"pppoe\" and (.link.transport_peer | test(\"^([0-9a-f]{2}:){5}[0-9a-f]{2} session [0-9]+$\"))'"
else
	fail "client did not come up"
fi

CURRENT=padt-from-server
before=$(count "PPPoE session" "$WORK/b.log")
kill -HUP "$SRV_PID"
check "client hears the server's PADT" wait_grep 10 'PADT: the access concentrator ended the session' "$WORK/b.log"
check "client redials (persist) and is up again" wait_client 20
check "a new session was made" test "$(count "PPPoE session" "$WORK/b.log")" -gt "$before"

CURRENT=padt-from-client
sessions_before=$(count "PPPoE session" "$WORK/b.log")
kill -HUP "$CL_PID"
check "the session ends on the client's PADT" wait_gone 10
check "client redials" wait_client 20
check "a new session was made" test "$(count "PPPoE session" "$WORK/b.log")" -gt "$sessions_before"

CURRENT=server-restart
kill -9 "$SRV_PID"; wait "$SRV_PID" 2>/dev/null
check "client sees the server gone (LCP echo)" wait_gone 15
# Back on two interfaces, answering PADIs after 300 ms.
start_server listen "pppoe:$SIF2" pppoe-pado-delay 300
check "client reconnects to the restarted server" wait_client 30
check "ping after the restart" ping_ok "$NS_B" 10.67.0.1 "-I pc0"
ip netns exec "$NS_B" "$NLPPPD" etc-dir "$WORK/b/etc" run-dir "$WORK/b/run" lock-dir "$WORK/lock" \
	nodetach "PPPoE:$CIF2:internet" user bob noauth ifname pd0 mru 1500 > "$WORK/b2.log" 2>&1 &
CL2_PID=$!
n=0; until ip -n "$NS_B" -4 -o addr show dev pd0 2>/dev/null | grep -q inet || [ $n -gt 80 ]; do
	sleep 0.25; n=$((n + 1)); done
check "a second client (PPPoE:iface:service) on the second interface is up" \
	sh -c "ip -n $NS_B -4 -o addr show dev pd0 | grep -q 'inet 10.67.1.'"
check "ping over the second interface" ping_ok "$NS_B" 10.67.0.1 "-I pd0"
check "RFC 4638: PPP-Max-Payload 1500 granted, pd0 has MTU 1500" sh -c \
	"ip -n $NS_B link show pd0 | grep -q 'mtu 1500'"
check "a 1500-byte packet crosses unfragmented" ping_ok "$NS_B" 10.67.0.1 "-I pd0 -s 1472 -M do"
check "nlpppctl list shows both sessions, on two interfaces" sh -c \
	"$(declare -f ctl_list); NLPPPCTL='$NLPPPCTL' WORK='$WORK' NS_A='$NS_A'; ctl_list | jq -e 'length == 2 and all(.[]; .phase == \"running\")'"
kill -TERM "$CL2_PID"; wait_exit "$CL2_PID" 15; CL2_PID=

CURRENT=hostile
for k in short length tag duplicate huge code cookie session; do
	check "inject $k" ip netns exec "$NS_B" "$INJECT" "$CIF" "$k"
done
check "a PADR sent twice with one cookie gets one session" \
	ip netns exec "$NS_B" "$INJECT" "$CIF" replay
# pppoe-max-sessions-per-mac 2: two hosts behind one MAC (each its own
# Host-Uniq, the same cookie) get two sessions, a third is refused.
ip netns exec "$NS_B" "$INJECT" "$CIF" permac 3 > "$WORK/permac.out" 2>&1
read -r _ s1 s2 s3 < "$WORK/permac.out"
check "one MAC, two Host-Uniqs: two sessions ($s1 $s2)" \
	sh -c "[ '${s1:-0}' != 0 ] && [ '${s2:-0}' != 0 ] && [ '$s1' != '$s2' ]"
check "the third from that MAC is refused (${s3:-none})" test "${s3:-x}" = 0
check "the server says why" grep -q "refusing pppoe:$SIF:02:4e:00:01:00:.*max-sessions-per-source 2" "$WORK/a.log"
check "inject a flood of 500 PADIs" ip netns exec "$NS_B" "$INJECT" "$CIF" flood 500
sleep 1
check "the server is alive after the garbage" kill -0 "$SRV_PID"
check "the session still passes traffic" ping_ok "$NS_B" 10.67.0.1 "-I pc0"
kill -TERM "$SRV_PID"; wait_exit "$SRV_PID" 15; SRV_PID=
line=$(grep "pppoe $SIF: discovery frames" "$WORK/a.log" | tail -1)
echo "server counters: $line"
field() { echo "$line" | sed -n "s/.* $1 \([0-9]*\).*/\1/p"; }
check "6 malformed discovery frames counted ($(field malformed))" test "$(field malformed)" -ge 6
check "the forged cookie counted ($(field bad-cookie))" test "$(field bad-cookie)" -ge 1
check "the second PADR counted as sent again ($(field padr-again))" test "$(field padr-again)" = 1
# What the socket delivered was limited, found the PADO-delay queue full,
# came while shutting down (the client redials) or was parsed; at 20 PADIs a second, a flood of 500 mostly is not answered.
check "the PADI flood was limited ($(field padi-limited) dropped)" test "$(field padi-limited)" -ge 150
check "every discovery frame read is accounted for ($(field frames) = $(field parsed) + $(field padi-limited) + $(field pado-queue-full) + $(field closing))" \
	test "$(field frames)" = $(( $(field parsed) + $(field padi-limited) + $(field pado-queue-full) + $(field closing) ))
check "one PADR refused: the third from one MAC ($(field refused))" test "$(field refused)" = 1
check "at most a few seconds' worth of PADIs parsed ($(field parsed))" test "$(field parsed)" -le 90
check "the unknown session frame counted ($(field unknown-session))" test "$(field unknown-session)" -ge 1
check "the server sent PADT to its session on exit" test "$(field padt-tx)" -ge 1
check "the client hears it" wait_grep 10 'PADT: the access' "$WORK/b.log" 2

CURRENT=cleanup
kill -TERM "$CL_PID"; wait_exit "$CL_PID" 15; CL_PID=
check "client exits with status 5 (user request)" test "$A_STATUS" = 5
check "no pppN left in either namespace" sh -c \
	"! ip -n $NS_A -o link show | grep -q ' ppp' && ! ip -n $NS_B -o link show | grep -q ' pc0'"
echo "$T_PASS passed, $T_FAIL failed"
[ "$T_FAIL" = 0 ]
