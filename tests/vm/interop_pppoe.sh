#!/bin/bash
# PPPoE interop (RFC 2516) on a veth pair between two namespaces, nlpppd on
# the data plane NLPPP_DATAPLANE names (user or kernel; NLPPP_DATAPLANE_AC
# and NLPPP_DATAPLANE_CLIENT choose it for (a) and (b) apart):
#   (a) pppd 2.4.9 with its rp-pppoe.so plugin (the kernel's pppoe.ko)
#       dialing an nlpppd access concentrator (`listen pppoe:IF`), CHAP;
#   (b) an nlpppd client (`plugin rp-pppoe.so IF`, persist) dialing
#       rp-pppoe's pppoe-server, which spawns pppd per session; the server
#       killed and started again: the client comes back by itself.
# Each: ping both ways and a transfer both ways whose SHA-256 matches
# (PPPOE_XFER_MB, 20 MB); what pppd negotiated (MRU 1492, CHAP); a PADT
# alone from either side ends the session (the process or interface goes
# away, the other side logs it); tshark decodes the captured discovery and
# session frames with no malformed field and no expert error.
# A PADT with no LCP Terminate before it: nlpppd sends one on SIGHUP, and
# rp-pppoe's `pppoe -k` sends one for the pppd side (pppd itself always
# terminates LCP first). pppd ending a session with a Terminate-Request is
# logged by nlpppd as just that, on both sides.
cd "$(dirname "$0")/../.." || exit 1
. tests/vm/lib.sh
require_vm

NLPPPD=$NLVM_REPO/build/nlpppd
NLPPPCTL=$NLVM_REPO/build/nlpppctl
# NLPPP_DATAPLANE sets both; NLPPP_DATAPLANE_AC / _CLIENT one side each.
DP=${NLPPP_DATAPLANE:-user}
DP_AC=${NLPPP_DATAPLANE_AC:-$DP} DP_CL=${NLPPP_DATAPLANE_CLIENT:-$DP}
NS_A=oa NS_B=ob IF_A=po-a IF_B=po-b
mkdir -p "$WORK/n/etc" "$WORK/n/run" "$WORK/c/etc" "$WORK/c/run" "$WORK/lock"
watch_log "$WORK/ac.log" "$WORK/cl.log" "$WORK/pppd.log"
T0=$(date +%s)

CURRENT=setup
case " $DP_AC $DP_CL " in *" kernel "*) check "nlppp.ko loads" nlppp_load ;; esac
case " $DP_AC $DP_CL " in *" user "*) check "tun loads" mod_load tun ;; esac
check "pppoe.ko loads (pppd's plugin)" mod_load pppoe
check "ppp_async loads (pppoe-server's pppd)" mod_load ppp_async
ns_add "$NS_A" "$NS_B" || { finish; exit 1; }
ip link add "$IF_A" netns "$NS_A" type veth peer name "$IF_B" netns "$NS_B"
ip -n "$NS_A" link set "$IF_A" up
ip -n "$NS_B" link set "$IF_B" up
mac_of() { ip -n "$1" -o link show "$2" | sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p'; }
MAC_A=$(mac_of "$NS_A" "$IF_A") MAC_B=$(mac_of "$NS_B" "$IF_B")

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
XFER_MB=${PPPOE_XFER_MB:-20}
ses_count() { ip netns exec "$NS_A" "$NLPPPCTL" --run-dir "$WORK/n/run" --json list 2>/dev/null | jq length; }
no_sessions() { [ "$(ses_count)" = 0 ]; }
count() { grep -c "$1" "$2" 2>/dev/null; }
section() { CURRENT=$1; echo "---- $1 at $(( $(date +%s) - T0 )) s"; }

both_ways() { # NS_CLIENT CLIENT_IP SERVER_IP
	check "ping client -> server" wait_for 15 ping_ok "$1" "$3"
	check "ping server -> client" ping_ok "$NS_A" "$2"
	if transfer "$1" "$NS_A" "$3" "$XFER_MB"; then ok "$XFER_MB MB client -> server, SHA-256 matches ($XFER_RATE MB/s)"
	else fail "transfer client -> server corrupted or incomplete"; fi
	if transfer "$NS_A" "$1" "$2" "$XFER_MB"; then ok "$XFER_MB MB server -> client, SHA-256 matches ($XFER_RATE MB/s)"
	else fail "transfer server -> client corrupted or incomplete"; fi
}

# cap_start NAME: capture on the client's side of the veth, all discovery
# frames and the first 400 session frames (LCP, CHAP, IPCP, the pings and
# the start of a transfer: the bulk of it would only slow tshark down).
cap_start() {
	ip netns exec "$NS_B" dumpcap -q -i "$IF_B" -f pppoed -w "$WORK/$1-disc.pcap" > /dev/null 2>&1 &
	CAP_D=$!
	bg_track $CAP_D
	ip netns exec "$NS_B" dumpcap -q -i "$IF_B" -f pppoes -c 400 -w "$WORK/$1-ses.pcap" > /dev/null 2>&1 &
	CAP_S=$!
	bg_track $CAP_S
	wait_for 20 test -s "$WORK/$1-disc.pcap"
	wait_for 20 test -s "$WORK/$1-ses.pcap"
}
# cap_check NAME: every discovery code seen, session frames of each kind,
# nothing malformed (the transfers' TCP ports are decoded as plain data:
# random bytes must not be taken for some protocol a heuristic guesses).
cap_check() {
	local f=$WORK/$1.pcap c n bad
	kill -INT $CAP_D $CAP_S 2>/dev/null
	wait_gone 20 $CAP_D; wait_gone 20 $CAP_S
	if ! mergecap -w "$f" "$WORK/$1-disc.pcap" "$WORK/$1-ses.pcap" 2>/dev/null; then
		fail "no capture"
		return
	fi
	tshark -r "$f" -d 'tcp.port==5000-5999,data' -T fields -e pppoe.code -e ppp.protocol \
		-e _ws.malformed -e _ws.expert.severity 2>/dev/null > "$WORK/codes"
	for c in 0x09 0x07 0x19 0x65 0xa7; do
		check "tshark: discovery code $c" grep -q "^$c	" "$WORK/codes"
	done
	for c in 0xc021 0xc223 0x8021 0x0021; do
		check "tshark: session frames of protocol $c" grep -q "^0x00	$c" "$WORK/codes"
	done
	n=$(wc -l < "$WORK/codes")
	bad=$(awk -F'\t' '{ split($4, sev, ","); e = $3 != ""; for (k in sev) e = e || sev[k] >= 8388608;
		n += e } END { print n + 0 }' "$WORK/codes")
	check "tshark: no malformed frame or expert error in $n frames ($bad)" test "$bad" = 0 -a "$n" -gt 20
	save_artifact "$f"
}

# --- (a) pppd + rp-pppoe.so -> nlpppd listen pppoe: ------------------------------
section pppd-to-nlpppd-ac
cap_start a
ip netns exec "$NS_A" "$NLPPPD" etc-dir "$WORK/n/etc" run-dir "$WORK/n/run" lock-dir "$WORK/lock" \
	nodetach debug dataplane "$DP_AC" listen "pppoe:$IF_A" name ac require-chap \
	10.93.0.1: remote-ip-pool 10.93.1.0/24 pppoe-ac-name nlt-ac lcp-echo-interval 1 \
	lcp-echo-failure 3 > "$WORK/ac.log" 2>&1 &
AC=$!
bg_track $AC
wait_for 10 test -S "$WORK/n/run/nlpppd-ac.sock" || sleep 1
start_pppd() {
	: > "$WORK/pppd.log"
	ip netns exec "$NS_B" "$PPPD" nodetach debug noccp novj plugin rp-pppoe.so "nic-$IF_B" \
		user bob noauth noipdefault lcp-restart 1 logfile "$WORK/pppd.log" > /dev/null 2>&1 &
	PPPD_PID=$!
	bg_track $PPPD_PID
	wait_for 60 sh -c "ip -n $NS_B -4 addr | grep -q 'inet 10.93.1.'"
}
if start_pppd; then
	ok "pppd is up with an address from nlpppd's pool"
	CL_IP=$(ip -n "$NS_B" -4 -o addr | awk '$4 ~ /^10\.93\.1\./ { sub(/\/.*/, "", $4); print $4 }')
	check "pppd's log: a PPPoE session with nlpppd's MAC" grep -q "Connected to $MAC_A via interface $IF_B" "$WORK/pppd.log"
	check "pppd's log: MRU 1492 both ways" sh -c "grep -q 'sent \[LCP ConfAck id=0x[0-9a-f]* <mru 1492>' '$WORK/pppd.log' &&
		grep -q 'rcvd \[LCP ConfAck id=0x[0-9a-f]* <mru 1492>' '$WORK/pppd.log'"
	check "pppd's log: CHAP MD5 asked and passed" sh -c "grep -q 'sent \[LCP ConfAck.*<auth chap MD5>' '$WORK/pppd.log' &&
		grep -q 'CHAP authentication succeeded' '$WORK/pppd.log'"
	check "pppd's interface has MTU 1492" sh -c "ip -n $NS_B -o link show | grep -q 'ppp[0-9]*: .* mtu 1492 '"
	check "nlpppd used the $DP_AC plane" grep -q "$DP_AC data plane" "$WORK/ac.log"
	check "nlpppctl lists the session" test "$(ses_count)" = 1
	both_ways "$NS_B" "$CL_IP" 10.93.0.1
else
	fail "pppd did not come up"
fi

section padt-from-pppd-side
SID=$(sed -n 's/.*PPP session is \([0-9]*\).*/\1/p' "$WORK/pppd.log" | tail -1)
check "rp-pppoe's pppoe -k sends a PADT for session ${SID:-?} from pppd's side" \
	ip netns exec "$NS_B" pppoe -I "$IF_B" -e "${SID:-0}:$MAC_A" -k
check "the concentrator ends the session" wait_for 10 no_sessions
check "the concentrator logs the PADT" grep -q "PADT from the host" "$WORK/ac.log"
check "no interface left in the concentrator" wait_for 10 sh -c "! ip -n $NS_A -o link show | grep -Eq ' (ppp|tun)[0-9]'"
kill -TERM $PPPD_PID 2>/dev/null
check "pppd exits" wait_gone 20 $PPPD_PID

section padt-from-ac-side
if start_pppd; then
	ok "pppd is up again"
	check "the concentrator lists one session" test "$(ses_count)" = 1
	SID=$(sed -n 's/.*PPP session is \([0-9]*\).*/\1/p' "$WORK/pppd.log" | tail -1)
	check "rp-pppoe's pppoe -k sends a PADT for session ${SID:-?} from the concentrator's side" \
		ip netns exec "$NS_A" pppoe -I "$IF_A" -e "${SID:-0}:$MAC_B" -k
	check "pppd exits on the PADT" wait_gone 20 $PPPD_PID
	check "pppd's log: the link went down with no LCP Terminate" sh -c "grep -q 'Modem hangup' '$WORK/pppd.log' &&
		! grep -q 'rcvd \[LCP TermReq' '$WORK/pppd.log'"
	check "no interface left in pppd's namespace" wait_for 10 sh -c "! ip -n $NS_B -o link show | grep -q ' ppp[0-9]'"
	# The concentrator hears nothing more: its LCP echoes go unanswered.
	check "the concentrator ends the session (LCP echo)" wait_for 20 no_sessions
	check "the concentrator keeps running" kill -0 $AC
else
	fail "pppd did not come up again"
fi
section pppd-terminates-a
# pppd ends the session with an LCP Terminate-Request: the concentrator
# logs it as such, not as a negotiation timeout (it did once: the link is
# back in the establish phase when LCP's Restart timer ends).
if start_pppd; then
	kill -TERM $PPPD_PID
	check "pppd exits" wait_gone 20 $PPPD_PID
	check "the concentrator ends the session" wait_for 20 no_sessions
	check "the concentrator's log: LCP terminated by pppd" grep -q 'LCP terminated by peer: User request' "$WORK/ac.log"
	check "the concentrator's log: no Config-Request timeout" sh -c "! grep -q 'timeout sending Config-Requests' '$WORK/ac.log'"
else
	fail "pppd did not come up a third time"
fi
kill -TERM $AC 2>/dev/null
check "the concentrator exits" wait_gone 20 $AC
# one PADT heard (pppoe -k); two sent: the session whose LCP echoes went
# unanswered and the one pppd terminated
check "the concentrator counted its PADTs" grep -q "padt-rx 1 padt-tx 2;" "$WORK/ac.log"
section capture-a
cap_check a

# --- (b) nlpppd client -> rp-pppoe's pppoe-server (+ pppd) ------------------------
section nlpppd-to-pppoe-server
# pppd answers CHAP in its own name: not the VM's host name, which is
# nlpppd's too (nlpppd refuses a Challenge in its own name).
cat > "$WORK/pso" <<EOT
name rp-ac
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
# up_again N: the client made more than N sessions and has its address
# (pppoe-server gives each session the next address of its pool)
up_again() { [ "$(count 'PPPoE session' "$WORK/cl.log")" -gt "$1" ] &&
	ip -n "$NS_B" -4 addr | grep -q 'inet 10\.93\.2\.1[0-9] '; }
: > "$WORK/pppd.log"
cap_start b
check "pppoe-server starts" start_ps
ip netns exec "$NS_B" "$NLPPPD" etc-dir "$WORK/c/etc" run-dir "$WORK/c/run" lock-dir "$WORK/lock" \
	nodetach debug dataplane "$DP_CL" plugin rp-pppoe.so "$IF_B" user bob noauth persist holdoff 1 \
	noipdefault lcp-echo-interval 1 lcp-echo-failure 3 > "$WORK/cl.log" 2>&1 &
CL=$!
bg_track $CL
if wait_addr "$NS_B" 10.93.2.10 60; then
	ok "nlpppd is up through pppoe-server"
	check "nlpppd used the $DP_CL plane" grep -q "$DP_CL data plane" "$WORK/cl.log"
	check "nlpppd's log: a session with pppoe-server's MAC" grep -q "PPPoE session [0-9]* with $MAC_A on $IF_B" "$WORK/cl.log"
	check "pppd's log: MRU 1492 both ways" sh -c "grep -q 'sent \[LCP ConfAck id=0x[0-9a-f]* <mru 1492>' '$WORK/pppd.log' &&
		grep -q 'rcvd \[LCP ConfAck id=0x[0-9a-f]* <mru 1492>' '$WORK/pppd.log'"
	check "pppd's log: CHAP MD5 asked, bob passed" sh -c "grep -q 'sent \[LCP ConfReq.*<auth chap MD5>' '$WORK/pppd.log' &&
		grep -q 'rcvd \[CHAP Response id=0x[0-9a-f]* <[0-9a-f]*>, name = \"bob\"\]' '$WORK/pppd.log' &&
		grep -q 'sent \[CHAP Success' '$WORK/pppd.log'"
	check "nlpppd's interface has MTU 1492" sh -c "ip -n $NS_B -o link show | grep -q 'ppp[0-9]*: .* mtu 1492 '"
	both_ways "$NS_B" 10.93.2.10 10.93.2.1
else
	fail "nlpppd did not come up"
fi

section padt-from-client-side
n=$(count 'PPPoE session' "$WORK/cl.log")
PS_PPPD=$(pgrep -x pppd)
mark=$(wc -l < "$WORK/pppd.log")
SID=$(sed -n 's/.*PPPoE session \([0-9]*\) with.*/\1/p' "$WORK/cl.log" | tail -1)
check "rp-pppoe's pppoe -k sends a PADT for session ${SID:-?} from the client's side" \
	ip netns exec "$NS_B" pppoe -I "$IF_B" -e "${SID:-0}:$MAC_A" -k
check "the server's pppd exits on the PADT" wait_gone 20 "${PS_PPPD:-0}"
check "pppd's log: the link went down with no LCP Terminate" sh -c "tail -n +$((mark + 1)) '$WORK/pppd.log' > '$WORK/tail' &&
	grep -q 'Modem hangup' '$WORK/tail' && ! grep -q 'rcvd \[LCP TermReq' '$WORK/tail'"
check "the client redials (persist) and is up again" wait_for 40 up_again "$n"

section padt-from-server-side
n=$(count 'PPPoE session' "$WORK/cl.log")
SID=$(sed -n 's/.*PPPoE session \([0-9]*\) with.*/\1/p' "$WORK/cl.log" | tail -1)
check "rp-pppoe's pppoe -k sends a PADT for session ${SID:-?} from the server's side" \
	ip netns exec "$NS_A" pppoe -I "$IF_A" -e "${SID:-0}:$MAC_B" -k
check "nlpppd logs the PADT" wait_for 10 grep -q "PADT: the access concentrator ended the session" "$WORK/cl.log"
check "the client redials (persist) and is up again" wait_for 40 up_again "$n"
check "ping after the redial" wait_for 15 ping_ok "$NS_B" 10.93.2.1

section pppd-terminates
# pppd's Terminate-Request is no negotiation timeout (nlpppd said so once:
# the link goes back to the establish phase before LCP's Restart timer ends)
n=$(count 'PPPoE session' "$WORK/cl.log")
# (the pppd of the session the PADT ended goes once its LCP echoes fail)
check "one pppd left in pppoe-server" wait_for 20 sh -c '[ "$(pgrep -cx pppd)" = 1 ]'
kill -TERM "$(pgrep -nx pppd)"
check "nlpppd's log: LCP terminated by pppd" wait_for 10 grep -q 'LCP terminated by peer: User request' "$WORK/cl.log"
check "the client redials (persist) and is up again" wait_for 40 up_again "$n"
check "nlpppd's log: no Config-Request timeout" sh -c "! grep -q 'timeout sending Config-Requests' '$WORK/cl.log'"

section pppoe-server-restart
n=$(count 'PPPoE session' "$WORK/cl.log")
kill "$(head -1 "$WORK/ps.pid" 2>/dev/null)" 2>/dev/null
pkill -x pppd; pkill -x pppoe
check "the client sees the session end" wait_for 30 sh -c "! ip -n $NS_B -4 addr | grep -q 'inet 10\.93\.2\.1[0-9] '"
check "nlpppd keeps running (persist)" kill -0 $CL
rm -f "$WORK/ps.pid"
check "pppoe-server starts again" start_ps
check "the client comes back by itself" wait_for 60 up_again "$n"
check "ping after the restart" wait_for 15 ping_ok "$NS_B" 10.93.2.1
kill -TERM $CL 2>/dev/null
check "nlpppd exits" wait_gone 30 $CL
kill "$(head -1 "$WORK/ps.pid" 2>/dev/null)" 2>/dev/null
pkill -x pppd; pkill -x pppoe
check "nothing left" wait_for 20 sh -c "! pgrep -x pppd && ! pgrep -x pppoe && ! pgrep -x pppoe-server && ! pgrep -x nlpppd"
section capture-b
cap_check b
CURRENT=module
if [ "$DP_AC" = kernel ] || [ "$DP_CL" = kernel ]; then
	check "no PPPoE link left: nlppp.ko unloads" rmmod nlppp
fi
check "no pppd session left: pppoe.ko unloads" modprobe -r pppoe
echo "guest time: $(( $(date +%s) - T0 )) s"
finish
