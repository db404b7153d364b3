#!/bin/bash
# What crosses the link decodes cleanly in tshark. nlpppd on the kernel data
# plane talks over a relayed pty pair (socat, which records each direction
# raw) to a second nlpppd on the kernel plane, to pppd 2.4.9 on ppp_async,
# and to pppd on ppp_synctty (sync framing): CHAP, IPCP, IPv6CP, ping, a
# TCP transfer, termination. The raw streams are deframed into a pcap
# (tests/vm/hdlc2pcap.c) and dumpcap records ppp0 itself; tshark must find
# every protocol we spoke and no malformed packet or error-level expert item
# in either capture. Every compression and encryption method (issue 9):
# Deflate, MPPE-128 and BSD-Compress against pppd, Predictor-1 between two
# nlpppd, VJ against pppd; the line carries CCP and compressed datagrams
# (VJ: compressed and uncompressed TCP), ppp0 the packets in the clear.
cd "$(dirname "$0")/../.." || exit 1
. tests/vm/lib.sh
require_vm

NLPPPD=$NLVM_REPO/build/nlpppd
H2P=$NLVM_REPO/build/kmod-vm/hdlc2pcap
NS_A=ca NS_B=cb
IP_A=10.92.0.1 IP_B=10.92.0.2
mkdir -p "$WORK/a/etc" "$WORK/b/etc" "$WORK/run" "$WORK/lock" "$WORK/p"
watch_log "$WORK/a.log" "$WORK/b.log" "$WORK/b.pppd.log" "$WORK/relay.log" "$WORK/dumpcap.log"

CURRENT=setup
check "nlppp.ko loads" nlppp_load
check "ppp_async loads" mod_load ppp_async
check "hdlc2pcap was built on the host" test -x "$H2P"
check "tshark is installed" command -v tshark
ns_add "$NS_A" "$NS_B" || { finish; exit 1; }

printf '%s\n' 'bob serverA "cap-s3cret" *' > "$WORK/a/etc/chap-secrets"
printf '%s\n' 'bob serverA "cap-s3cret"' > "$WORK/b/etc/chap-secrets"
chmod 600 "$WORK/a/etc/chap-secrets" "$WORK/b/etc/chap-secrets"
# pppd reads /etc/ppp: its own copy, in a mount namespace of its own.
cp -a /etc/ppp/. "$WORK/p/" 2>/dev/null
printf '%s\n' 'bob serverA "cap-s3cret"' > "$WORK/p/chap-secrets"
chmod 600 "$WORK/p/chap-secrets"

# tshark_scan FILE: one tshark pass over a capture (tshark starts slowly
# under TCG: a pass per assertion cost more than the link itself). FILE.txt
# gets a line per packet: its protocols (frame.protocols, as display filters
# name them), its PPP protocol numbers, its PPP codes, the malformed-packet
# label if any, its expert items' severities; the last four comma-separated.
# transfer() (lib.sh) sends random bytes to a port in 5000-5999: that
# payload is data, not whatever protocol owns the port (random bytes are
# malformed in any).
tshark_scan() {
	tshark -n -r "$1" -d tcp.port==5000-5999,data -T fields -E separator=/t \
		-E occurrence=a -E aggregator=, -e frame.protocols -e ppp.protocol \
		-e ppp.code -e _ws.malformed -e _ws.expert.severity > "$1.txt" 2> "$1.err" &&
		[ -s "$1.txt" ]
}
# scan_count FILE CONDITION: packets in FILE's scan for which the awk
# CONDITION holds, written with proto("tcp") (a protocol in the packet),
# pppp("0x00fd") (a PPP protocol number), code(5) (a PPP code) and bad()
# (malformed, or an expert item of severity error: PI_ERROR, 0x00800000).
scan_count() {
	awk -F '\t' '
	function has(l, v,   a, n, i) {
		n = split(l, a, ",")
		for (i = 1; i <= n; i++) if (a[i] == v) return 1
		return 0
	}
	function proto(p) { return index(":" $1 ":", ":" p ":") > 0 }
	function pppp(x) { return has($2, x) }
	function code(c) { return has($3, c) }
	function bad(   a, n, i) {
		if ($4 != "") return 1
		n = split($5, a, ",")
		for (i = 1; i <= n; i++) if (a[i] + 0 >= 8388608) return 1
		return 0
	}
	'"$2"' { n++ } END { print n + 0 }' "$1.txt"
}

# capture_case NAME "A options" "B command": A (nlpppd, kernel plane, CHAP
# authenticator) on one end of the relay, B on the other; traffic; checks.
# A "sync" in A's options means sync framing: the streams are cut into
# frames at their recorded lengths (hdlc2pcap -s), there being no FCS.
# XFER_BA=1: the megabyte goes B->A; XFER_GEN: what it is (lib.sh).
capture_case() {
	local name=$1 a_opts=$2 b_cmd=$3 d=$WORK/$1 n h2p_opts=
	case " $a_opts " in *" sync "*) h2p_opts=-s ;; esac
	CURRENT=$name
	mkdir -p "$d"
	: > "$WORK/a.log"; : > "$WORK/b.log"; : > "$WORK/b.pppd.log"
	socat -b 65536 -r "$d/a2b.raw" -R "$d/b2a.raw" PTY,link="$d/ttyA",raw,echo=0 \
		PTY,link="$d/ttyB",raw,echo=0 2> "$WORK/relay.log" &
	RELAY=$!
	bg_track $RELAY
	wait_for 10 test -e "$d/ttyB" || { fail "the pty relay did not start"; return; }
	ip netns exec "$NS_A" "$NLPPPD" etc-dir "$WORK/a/etc" "$d/ttyA" nodetach debug \
		dataplane kernel local run-dir "$WORK/run" lock-dir "$WORK/lock" \
		name serverA require-chap +ipv6 ipv6 ::1,::2 $a_opts $IP_A:$IP_B > "$WORK/a.log" 2>&1 &
	PID_A=$!
	bg_track $PID_A
	ip netns exec "$NS_B" sh -c "exec $b_cmd $d/ttyB" > "$WORK/b.log" 2>&1 &
	PID_B=$!
	bg_track $PID_B
	DUMPCAP=
	if wait_addr "$NS_A" $IP_A 60 && wait_addr "$NS_B" $IP_B 60; then
		ok "link up (CHAP)"
		# ppp0 is up now: record what the device carries from here on.
		ip netns exec "$NS_A" dumpcap -q -i ppp0 -w "$d/ppp0.pcapng" > "$WORK/dumpcap.log" 2>&1 &
		DUMPCAP=$!
		bg_track $DUMPCAP
		check "dumpcap records ppp0" wait_for 30 grep -q "Capturing on" "$WORK/dumpcap.log"
		check "ping A->B" ping_ok "$NS_A" $IP_B
		check "ping6 A->B" wait_for 20 ip netns exec "$NS_A" ping -6 -c 1 -W 2 fe80::2%ppp0
		# Toward ppp_synctty, which loses what the pty merges, TCP crawls:
		# a sync link carries its megabyte the other way.
		if [ -z "$h2p_opts" ] && [ -z "${XFER_BA:-}" ]; then
			transfer "$NS_A" "$NS_B" $IP_B 1
		else
			transfer "$NS_B" "$NS_A" $IP_A 1
		fi && ok "1 MB, SHA-256 matches ($XFER_RATE MB/s)" || fail "transfer corrupted or incomplete"
	else
		fail "link did not come up"
	fi
	kill -TERM "$PID_A" 2>/dev/null
	wait_gone 30 "$PID_A"
	wait_gone 30 "$PID_B" || kill -9 "$PID_B" 2>/dev/null
	[ -n "$DUMPCAP" ] && { kill -INT "$DUMPCAP" 2>/dev/null; wait_gone 20 "$DUMPCAP"; }
	kill -TERM "$RELAY" 2>/dev/null; wait_gone 10 "$RELAY"

	check "A's line discipline counted no FCS error" grep -q "link counters (kernel): .* 0 fcs errors" "$WORK/a.log"
	# The pty streams.
	if "$H2P" $h2p_opts "$d/link.pcap" "$d/a2b.raw" "$d/b2a.raw" > "$d/h2p.txt" 2>&1; then
		ok "both streams deframe ($(tr '\n' ';' < "$d/h2p.txt"))"
	else
		fail "hdlc2pcap: $(cat "$d/h2p.txt")"
	fi
	if [ -z "$h2p_opts" ]; then
		check "no FCS error, abort or runt on the line" sh -c \
			"! grep -Ev ' 0 fcs errors, 0 aborts, 0 runts, 0 oversize$' $d/h2p.txt | grep -q ."
	else
		# ppp_synctty resends a frame whole after a short write; we never do.
		check "A's stream is whole frames, nothing to skip" \
			grep -q "a2b.raw: [0-9]* sync frames, 0 skipped, 0 oversize, 0 bytes left over" "$d/h2p.txt"
	fi
	# Every count below is 0 if tshark could not read the file: that it
	# did, and found packets, is an assertion of its own.
	if tshark_scan "$d/link.pcap"; then
		ok "tshark reads the pty stream ($(wc -l < "$d/link.pcap.txt") packets)"
	else
		fail "tshark cannot read the pty stream: $(head -3 "$d/link.pcap.err")"
	fi
	for p in ${PTY_PROTOS:-lcp chap ipcp ipv6cp icmp icmpv6 tcp}; do
		n=$(scan_count "$d/link.pcap" "proto(\"$p\")")
		if [ "$n" -gt 0 ]; then ok "pty stream: $n $p packets"; else fail "pty stream: no $p packet"; fi
	done
	n=$(scan_count "$d/link.pcap" 'proto("lcp") && (code(5) || code(6))')
	check "pty stream: both LCP Terminate-Request and -Ack ($n)" test "$n" -ge 2
	n=$(scan_count "$d/link.pcap" 'bad()')
	check "pty stream: no malformed packet or expert error ($n)" test "$n" = 0
	# The device.
	if tshark_scan "$d/ppp0.pcapng"; then
		ok "tshark reads ppp0's capture ($(wc -l < "$d/ppp0.pcapng.txt") packets)"
	else
		fail "tshark cannot read ppp0's capture: $(head -3 "$d/ppp0.pcapng.err")"
	fi
	n=$(scan_count "$d/ppp0.pcapng" 'proto("icmp") || proto("tcp")')
	check "ppp0: IP traffic captured ($n packets)" test "$n" -gt 0
	n=$(scan_count "$d/ppp0.pcapng" 'bad()')
	check "ppp0: no malformed packet or expert error ($n)" test "$n" = 0
	mkdir -p "$WORK/keep/$name"
	cp "$d/link.pcap" "$d/ppp0.pcapng" "$d/link.pcap.txt" "$d/ppp0.pcapng.txt" "$d/h2p.txt" \
		"$d/a2b.raw" "$d/b2a.raw" "$WORK/keep/$name/" 2>/dev/null
	check "nothing left behind" wait_for 20 all_gone
}

all_gone() {
	! pgrep -x nlpppd >/dev/null && ! pgrep -x pppd >/dev/null &&
		[ -z "$(ppp_ifaces $NS_A)$(ppp_ifaces $NS_B)" ]
}

# B: nlpppd (CCP off unless the case says), or pppd with its own /etc/ppp
# in a mount namespace of its own: pppd_b OPTIONS prints its command.
B_NL="$NLPPPD etc-dir $WORK/b/etc nodetach debug dataplane kernel local \
	run-dir $WORK/run lock-dir $WORK/lock user bob noauth +ipv6"
pppd_b() {
	echo "unshare -m sh -c 'mount -t tmpfs none /etc/ppp && cp -a $WORK/p/. /etc/ppp/ && \
		exec pppd nodetach debug local nolock noauth user bob +ipv6 logfile $WORK/b.pppd.log $* \"\$0\"'"
}
# novj: tshark's VJ dissector rebuilds a compressed header that carries TCP
# options (Linux's timestamps) with the IP length of an option-less one and
# calls it malformed; the vj case below turns the options off.
capture_case nlpppd "novj" "$B_NL noccp novj"
check "A used the kernel data plane" grep -q "kernel data plane" "$WORK/a.log"
capture_case pppd "" "$(pppd_b noccp novj)"

# Compressed and encrypted data (issue 9): CCP, then 0x00fd frames tshark
# shows as compressed datagrams, never as malformed; ppp0 sees the packets
# in the clear.
check "ppp_deflate, ppp_mppe and bsd_comp load" mod_load ppp_deflate ppp_mppe bsd_comp
comp_case() { # comp_case NAME "A options" "B command"
	# On the line, IP travels inside 0x00fd only.
	PTY_PROTOS="lcp chap ipcp ipv6cp ccp" capture_case "$1" "$2" "$3"
	n=$(scan_count "$WORK/$1/link.pcap" 'pppp("0x00fd")')
	check "pty stream: $n compressed datagrams" test "$n" -gt 100
}
comp_case pppd-deflate "novj" "$(pppd_b novj nobsdcomp)"
check "pppd's log: Deflate 15 both ways" grep -q "Deflate (15) compression enabled" "$WORK/b.pppd.log"
comp_case pppd-mppe "novj require-mschap-v2 require-mppe-128" "$(pppd_b novj require-mppe-128)"
check "pppd's log: MPPE-128 stateless both ways" \
	grep -q "MPPE 128-bit stateless compression enabled" "$WORK/b.pppd.log"
# BSD-Compress one way, pppd compressing: Linux 6.1's bsd_comp decompressor
# keeps its bit accumulator in an unsigned long it never cuts back to 32
# bits, so on 64-bit it decodes garbage. pppd's "bsdcomp 0,15" asks for
# nothing and compresses what it sends, so the megabyte (text and random
# by turns: compressible) goes B->A.
XFER_BA=1 XFER_GEN=mixed_data comp_case pppd-bsdcomp "novj nodeflate bsdcomp 15" \
	"$(pppd_b novj nodeflate bsdcomp 0,15)"
check "pppd's log: BSD-Compress 15 transmit" \
	grep -q "BSD-Compress (15) transmit compression enabled" "$WORK/b.pppd.log"
check "A's log: receive bsdcomp 15, transmit none" \
	grep -q "Compression: transmit none, receive bsdcomp 15" "$WORK/a.log"
check "A's decompressor kept sync (pppd got no Reset-Request, no CCP Terminate)" \
	sh -c "! grep -q -e 'rcvd \[CCP ResetReq' -e '\[CCP TermReq' $WORK/b.pppd.log"
# Predictor-1 (CCP type 1): pppd has none, so nlpppd at both ends.
XFER_GEN=mixed_data comp_case predictor1 "novj nodeflate nobsdcomp predictor1" \
	"$B_NL novj nodeflate nobsdcomp predictor1"
check "A's log: predictor1 both ways" grep -q "predictor1 compression enabled" "$WORK/a.log"
check "B's log: predictor1 both ways" grep -q "predictor1 compression enabled" "$WORK/b.log"

# VJ against pppd: the TCP transfer crosses the line as VJ-compressed
# (0x002d) and uncompressed (0x002f) TCP, which tshark decodes back to TCP.
# tshark's VJ dissector gets TCP options wrong (above): for this case only,
# no timestamps and no SACK in either namespace (the namespaces' own
# settings; back to the defaults after).
vj_tcp_opts() { # vj_tcp_opts 0|1
	ip netns exec "$NS_A" sysctl -qw net.ipv4.tcp_timestamps=$1 net.ipv4.tcp_sack=$1 &&
		ip netns exec "$NS_B" sysctl -qw net.ipv4.tcp_timestamps=$1 net.ipv4.tcp_sack=$1
}
CURRENT=vj
check "TCP timestamps and SACK off in both namespaces" vj_tcp_opts 0
capture_case vj "" "$(pppd_b noccp)"
check "TCP timestamps and SACK back on" vj_tcp_opts 1
check "A's log: VJ both ways" \
	grep -q "VJ compression: send [1-9][0-9]* slots.*, receive [1-9][0-9]* slots" "$WORK/a.log"
n=$(scan_count "$WORK/vj/link.pcap" 'pppp("0x002d")')
check "pty stream: $n VJ-compressed TCP packets" test "$n" -gt 100
n=$(scan_count "$WORK/vj/link.pcap" 'pppp("0x002f")')
check "pty stream: $n VJ uncompressed-TCP packets" test "$n" -gt 0

# Sync framing against pppd on ppp_synctty.
check "ppp_synctty loads" mod_load ppp_synctty
capture_case pppd-sync "sync" "$(pppd_b noccp novj sync)"
check "A framed the link sync" grep -q "kernel data plane, sync framing" "$WORK/a.log"
save_artifact "$WORK/keep/."

CURRENT=module
check "no links or bundles left: module unloads" rmmod nlppp
finish
