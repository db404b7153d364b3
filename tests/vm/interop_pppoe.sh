#!/bin/bash
# PPPoE interop (RFC 2516) on a veth pair between two namespaces, nlpppd on
# the data plane NLPPP_DATAPLANE names (user or kernel):
#   pppd 2.4.9 with its rp-pppoe.so plugin (the kernel's pppoe.ko) dialing
#   an nlpppd access concentrator (`listen pppoe:IF`), CHAP;
#   an nlpppd client (`plugin rp-pppoe.so IF`, persist) dialing rp-pppoe's
#   pppoe-server, which spawns pppd per session; the server killed and
#   started again: the client comes back by itself.
# Each: ping and a transfer both ways whose SHA-256 matches; the session's
# end leaves nothing behind. tshark decodes the capture of the first case
# (discovery and session frames) with no malformed field.
cd "$(dirname "$0")/../.." || exit 1
. tests/vm/lib.sh
require_vm

NLPPPD=$NLVM_REPO/build/nlpppd
NLPPPCTL=$NLVM_REPO/build/nlpppctl
DP=${NLPPP_DATAPLANE:-user}
NS_A=oa NS_B=ob IF_A=po-a IF_B=po-b
mkdir -p "$WORK/n/etc" "$WORK/n/run" "$WORK/c/etc" "$WORK/c/run" "$WORK/lock"
watch_log "$WORK/ac.log" "$WORK/cl.log" "$WORK/pppd.log"

CURRENT=setup
if [ "$DP" = kernel ]; then
	check "nlppp.ko loads" nlppp_load
else
	check "tun loads" mod_load tun
fi
check "pppoe.ko loads (pppd's plugin)" mod_load pppoe
check "ppp_async loads (pppoe-server's pppd)" mod_load ppp_async
ns_add "$NS_A" "$NS_B" || { finish; exit 1; }
ip link add "$IF_A" netns "$NS_A" type veth peer name "$IF_B" netns "$NS_B"
ip -n "$NS_A" link set "$IF_A" up
ip -n "$NS_B" link set "$IF_B" up

# pppd (and pppoe-server's pppd) read /etc/ppp: a private copy in their own
# mount namespace with this test's secrets (as interop_pppd.sh does).
mkdir -p "$WORK/p"
cp -a /etc/ppp/. "$WORK/p/" 2>/dev/null
cat > "$WORK/pppd" <<EOS
#!/bin/sh
exec unshare -m sh -c 'mount -t tmpfs none /etc/ppp && cp -a $WORK/p/. /etc/ppp/ && exec pppd "\$@"' pppd "\$@"
EOS
chmod 755 "$WORK/pppd"
PPPD=$WORK/pppd
sec() { printf '%s\n' "$2" > "$1"; chmod 600 "$1"; }
sec "$WORK/p/chap-secrets" 'bob * "po-Secret-19" *'
sec "$WORK/n/etc/chap-secrets" 'bob * "po-Secret-19" *'
sec "$WORK/c/etc/chap-secrets" 'bob * "po-Secret-19" *'
XFER_MB=${PPPOE_XFER_MB:-2}
ses_count() { ip netns exec "$NS_A" "$NLPPPCTL" --run-dir "$WORK/n/run" --json list 2>/dev/null | jq length; }

both_ways() { # NS_CLIENT CLIENT_IP SERVER_IP
	check "ping client -> server" wait_for 15 ping_ok "$1" "$3"
	if transfer "$1" "$NS_A" "$3" $XFER_MB; then ok "$XFER_MB MB client -> server, SHA-256 matches ($XFER_RATE MB/s)"
	else fail "transfer client -> server corrupted or incomplete"; fi
	if transfer "$NS_A" "$1" "$2" $XFER_MB; then ok "$XFER_MB MB server -> client, SHA-256 matches ($XFER_RATE MB/s)"
	else fail "transfer server -> client corrupted or incomplete"; fi
}

# --- pppd + rp-pppoe.so -> nlpppd listen pppoe: -------------------------------------
CURRENT=pppd-to-nlpppd-ac
ip netns exec "$NS_B" tshark -i "$IF_B" -w "$WORK/po.pcap" -q > /dev/null 2>&1 &
TS=$!
bg_track $TS
sleep 2
ip netns exec "$NS_A" "$NLPPPD" etc-dir "$WORK/n/etc" run-dir "$WORK/n/run" lock-dir "$WORK/lock" \
	nodetach debug dataplane "$DP" listen "pppoe:$IF_A" name ac require-chap \
	10.93.0.1: remote-ip-pool 10.93.1.0/24 pppoe-ac-name nlt-ac > "$WORK/ac.log" 2>&1 &
AC=$!
bg_track $AC
wait_for 10 test -S "$WORK/n/run/nlpppd-ac.sock" || sleep 1
ip netns exec "$NS_B" "$PPPD" nodetach debug noccp novj plugin rp-pppoe.so "nic-$IF_B" \
	user bob noauth noipdefault logfile "$WORK/pppd.log" > /dev/null 2>&1 &
PPPD_PID=$!
bg_track $PPPD_PID
if wait_for 60 sh -c "ip -n $NS_B -4 addr | grep -q 'inet 10.93.1.'"; then
	ok "pppd is up with an address from nlpppd's pool"
	CL_IP=$(ip -n "$NS_B" -4 -o addr | awk '$4 ~ /^10\.93\.1\./ { sub(/\/.*/, "", $4); print $4 }')
	check "pppd's log: PPPoE session and CHAP" sh -c \
		"grep -q 'PPP session is' '$WORK/pppd.log' && grep -q 'CHAP authentication succeeded' '$WORK/pppd.log'"
	check "nlpppd used the $DP plane" grep -q "$DP data plane" "$WORK/ac.log"
	check "nlpppctl lists the session" test "$(ses_count)" = 1
	both_ways "$NS_B" "$CL_IP" 10.93.0.1
else
	fail "pppd did not come up"
fi
kill -TERM $PPPD_PID 2>/dev/null
check "pppd exits" wait_gone 20 $PPPD_PID
check "the concentrator ends the session" wait_for 20 sh -c "[ \"\$(ip netns exec $NS_A $NLPPPCTL --run-dir $WORK/n/run --json list | jq length)\" = 0 ]"
check "no interface left in the concentrator" wait_for 10 sh -c "! ip -n $NS_A -o link show | grep -Eq ' (ppp|tun)[0-9]'"
kill -TERM $AC 2>/dev/null
check "the concentrator exits" wait_gone 20 $AC
kill -INT $TS 2>/dev/null; wait_gone 20 $TS
if [ -s "$WORK/po.pcap" ]; then
	tshark -r "$WORK/po.pcap" -T fields -e pppoed.code -e pppoes.code 2>/dev/null > "$WORK/codes"
	for c in 0x09 0x07 0x19 0x65 0xa7; do
		check "tshark sees discovery code $c" grep -q "^$c" "$WORK/codes"
	done
	check "tshark sees session frames" grep -q "	0x00" "$WORK/codes"
	malformed=$(tshark -r "$WORK/po.pcap" -Y '_ws.malformed || _ws.expert.severity >= 8388608' 2>/dev/null | wc -l)
	check "tshark: no malformed frame in $(wc -l < "$WORK/codes") ($malformed)" test "$malformed" = 0
	save_artifact "$WORK/po.pcap"
else
	fail "no capture"
fi

# --- nlpppd client -> rp-pppoe's pppoe-server (+ pppd) ----------------------------
CURRENT=nlpppd-to-pppoe-server
cat > "$WORK/pso" <<EOT
require-chap
noccp
novj
debug
logfile $WORK/pppd.log
lcp-echo-interval 1
lcp-echo-failure 3
EOT
start_ps() {
	ip netns exec "$NS_A" pppoe-server -I "$IF_A" -L 10.93.2.1 -R 10.93.2.10 -N 4 \
		-O "$WORK/pso" -q "$PPPD" -X "$WORK/ps.pid" -C rp-ac
}
: > "$WORK/pppd.log"
check "pppoe-server starts" start_ps
ip netns exec "$NS_B" "$NLPPPD" etc-dir "$WORK/c/etc" run-dir "$WORK/c/run" lock-dir "$WORK/lock" \
	nodetach debug dataplane "$DP" plugin rp-pppoe.so "$IF_B" user bob noauth persist holdoff 1 \
	noipdefault lcp-echo-interval 1 lcp-echo-failure 3 > "$WORK/cl.log" 2>&1 &
CL=$!
bg_track $CL
if wait_addr "$NS_B" 10.93.2.10 60; then
	ok "nlpppd is up through pppoe-server"
	check "nlpppd used the $DP plane" grep -q "$DP data plane" "$WORK/cl.log"
	check "pppd's log: CHAP with nlpppd" grep -q "peer bob" "$WORK/pppd.log"
	both_ways "$NS_B" 10.93.2.10 10.93.2.1
else
	fail "nlpppd did not come up"
fi
CURRENT=pppoe-server-restart
kill "$(head -1 "$WORK/ps.pid" 2>/dev/null)" 2>/dev/null
pkill -x pppd; pkill -x pppoe
check "the client sees the session end" wait_for 30 sh -c "! ip -n $NS_B -4 addr | grep -q 'inet 10.93.2.10'"
check "nlpppd keeps running (persist)" kill -0 $CL
rm -f "$WORK/ps.pid"
check "pppoe-server starts again" start_ps
check "the client comes back by itself" wait_addr "$NS_B" 10.93.2.10 90
check "ping after the restart" wait_for 15 ping_ok "$NS_B" 10.93.2.1
kill -TERM $CL 2>/dev/null
check "nlpppd exits" wait_gone 30 $CL
kill "$(head -1 "$WORK/ps.pid" 2>/dev/null)" 2>/dev/null
pkill -x pppd; pkill -x pppoe
check "nothing left" wait_for 20 sh -c "! pgrep -x pppd && ! pgrep -x pppoe && ! pgrep -x nlpppd"
finish
