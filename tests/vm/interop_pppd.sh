#!/bin/bash
# nlpppd (on the data plane NLPPP_DATAPLANE names: kernel or user) against the real pppd 2.4.9 on the guest
# kernel's ppp_async, in both roles: nlpppd dialing pppd and pppd dialing
# nlpppd, PAP, CHAP, MS-CHAP and MS-CHAPv2 with each side as the authenticator, sync framing
# against ppp_synctty, ping, transfer.
cd "$(dirname "$0")/../.." || exit 1
. tests/vm/lib.sh
require_vm

NLPPPD=$NLVM_REPO/build/nlpppd
NS_A=ia NS_B=ib
IP_A=10.90.0.1 IP_B=10.90.0.2
mkdir -p "$WORK/n/etc" "$WORK/n/run" "$WORK/lock"
watch_log "$WORK/a.log" "$WORK/b.log" "$WORK/pppd.log"

CURRENT=setup
if [ "${NLPPP_DATAPLANE:-kernel}" = kernel ]; then
	check "nlppp.ko loads" nlppp_load
else
	check "tun loads" mod_load tun
fi
check "ppp_async loads" mod_load ppp_async
check "ppp_synctty loads" mod_load ppp_synctty
ns_add "$NS_A" "$NS_B" || { finish; exit 1; }

# pppd reads /etc/ppp (options, secrets): give it a private copy in its own
# mount namespace, with this test's secrets, so nothing else sees them.
mkdir -p "$WORK/p"
cp -a /etc/ppp/. "$WORK/p/" 2>/dev/null
cat > "$WORK/pppd" <<EOS
#!/bin/sh
exec unshare -m sh -c 'mount -t tmpfs none /etc/ppp && cp -a $WORK/p/. /etc/ppp/ && exec pppd "\$@"' pppd "\$@"
EOS
chmod 755 "$WORK/pppd"
PPPD=$WORK/pppd
DP=${NLPPP_DATAPLANE:-kernel}
NL="$NLPPPD etc-dir $WORK/n/etc nodetach debug dataplane $DP run-dir $WORK/n/run lock-dir $WORK/lock"
P="nodetach debug noccp novj logfile $WORK/pppd.log"

secrets() { # secrets DIR FILE LINE...
	local d=$1 f=$2; shift 2
	printf '%s\n' "$@" > "$d/$f"; chmod 600 "$d/$f"
}

XFER_MB=5
# On the kernel plane the main cases send 20 MB A->B (XFER_AB_MB, set per
# case below; the way back keeps XFER_MB): the transfer issue 9 asks of
# each case. The lossy and sync cases stay small (TCP resends dominate).
BIG_MB=$([ "$DP" = kernel ] && echo "${INTEROP_BIG_MB:-20}")
XFER_AB_MB=
up() { wait_addr "$NS_A" $IP_A 60 && wait_addr "$NS_B" $IP_B 60; }

run_case() { # NAME "A command (in NS_A)" "B command (pty, in NS_B)"
	CURRENT=$1
	: > "$WORK/a.log"; : > "$WORK/b.log"; : > "$WORK/pppd.log"
	ip netns exec "$NS_A" sh -c "exec $2 pty \"ip netns exec $NS_B $3 2>>$WORK/b.log\"" \
		> "$WORK/a.log" 2>&1 &
	PID_A=$!
	bg_track $PID_A
	if up; then
		ok "link up"
		# pppd shows the addresses before it lets IP through (ip-pre-up,
		# then the NP mode): give the first ping a few tries.
		check "ping A->B" wait_for 10 ping_ok "$NS_A" $IP_B
		check "ping B->A" wait_for 10 ping_ok "$NS_B" $IP_A
		local ab=${XFER_AB_MB:-$XFER_MB}
		if transfer "$NS_A" "$NS_B" $IP_B $ab; then ok "$ab MB A->B, SHA-256 matches ($XFER_RATE MB/s)"
		else fail "transfer corrupted or incomplete"; fi
		if transfer "$NS_B" "$NS_A" $IP_A $XFER_MB; then ok "$XFER_MB MB B->A, SHA-256 matches ($XFER_RATE MB/s)"
		else fail "transfer corrupted or incomplete"; fi
	else
		fail "link did not come up"
	fi
	kill -TERM "$PID_A" 2>/dev/null
	wait_gone 30 "$PID_A"
	check "both ends gone" wait_for 20 sh -c "! pgrep -x pppd >/dev/null && ! pgrep -x nlpppd >/dev/null"
	check "no ppp interface left" wait_for 10 sh -c "! ip -n $NS_A -o link show | grep -q ' ppp' && ! ip -n $NS_B -o link show | grep -q ' ppp'"
}

# ---- Deflate and BSD-Compress against pppd's ppp_deflate and bsd_comp (issue 9) ----
# Run alone (NLPPP_INTEROP_ONLY=comp: tests/vm/test_interop_pppd_comp_kernel.sh,
# its own time budget). Text and random data by turns (the random runs go as
# is and join both histories). tests/vm/droprelay loses every Nth data frame
# each way: the decompressor that sees the gap asks for a Reset, pppd's log
# shows both ways. Then nlpppd on this plane against nlpppd on the other.
comp_cases() {
	local t0=$SECONDS m OP NL2
	XFER_MB=1
	export XFER_GEN=mixed_data
	PZ="nodetach debug novj logfile $WORK/pppd.log"
	DROPRELAY=$(vm_helper_bin droprelay) || fail "droprelay not built"
	check "ppp_deflate, bsd_comp, ppp_mppe and tun load" mod_load ppp_deflate bsd_comp ppp_mppe tun
	XFER_AB_MB=$BIG_MB
	run_case deflate "$NL noauth deflate 15 nobsdcomp $IP_A:$IP_B" \
		"$PPPD notty $PZ noauth deflate 15 nobsdcomp"
	check "pppd runs Deflate 15 (type 26)" grep -q "Deflate (15) compression enabled" "$WORK/pppd.log"
	check "nlpppd runs deflate 15" grep -q "deflate 15 compression enabled" "$WORK/a.log"
	# pppd asks for 26 and 24 and takes 24 when 26 is refused: nlpppd
	# refusing the RFC number (nodeflaterfc) leaves pppd the draft one.
	run_case deflate-draft "$NL noauth deflate 12 nobsdcomp nodeflaterfc $IP_A:$IP_B" \
		"$PPPD notty $PZ noauth deflate 12 nobsdcomp"
	check "pppd runs Deflate(old#) 12 (type 24)" grep -q "Deflate(old#) (12) compression enabled" "$WORK/pppd.log"
	check "nlpppd runs deflate(24) 12" grep -q "deflate(24) 12 compression enabled" "$WORK/a.log"
	# One way, pppd compressing: Linux 6.1's bsd_comp decompressor keeps
	# its bit accumulator in an unsigned long it never cuts back to 32
	# bits, so on 64-bit it decodes garbage (two-way runs here had pppd
	# log "Lost compression sync"). pppd's "bsdcomp 0,15" asks for
	# nothing and compresses what it sends.
	run_case bsdcomp "$PPPD $PZ noauth nodeflate bsdcomp 0,15 $IP_A:$IP_B" \
		"$NL notty noauth nodeflate bsdcomp 15"
	check "pppd compresses with BSD-Compress 15" \
		grep -q "BSD-Compress (15) transmit compression enabled" "$WORK/pppd.log"
	check "nlpppd decompresses bsdcomp 15" grep -q "receive bsdcomp 15" "$WORK/b.log"
	check "nlpppd's decompressor kept sync (pppd got no Reset-Request, no CCP Terminate)" \
		sh -c "! grep -q -e 'rcvd \[CCP ResetReq' -e '\[CCP TermReq' $WORK/pppd.log"
	XFER_AB_MB=
	run_case deflate-lossy "$NL noauth deflate 15 nobsdcomp $IP_A:$IP_B" \
		"$DROPRELAY 60 $PPPD notty $PZ noauth deflate 15 nobsdcomp"
	echo "     $(grep -c 'droprelay: dropped in' "$WORK/b.log") frames lost towards pppd, $(grep -c 'droprelay: dropped out' "$WORK/b.log") from it"
	check "the relay lost frames both ways" sh -c \
		"grep -q 'droprelay: dropped in' $WORK/b.log && grep -q 'droprelay: dropped out' $WORK/b.log"
	check "nlpppd's decompressor saw a gap: pppd got a Reset-Request" \
		grep -q "rcvd \[CCP ResetReq" "$WORK/pppd.log"
	check "pppd's saw one: nlpppd reset its compressor and acked" sh -c \
		"grep -q 'sent \[CCP ResetReq' $WORK/pppd.log && grep -q 'rcvd \[CCP ResetAck' $WORK/pppd.log"
	if [ "${NLPPP_MPPE:-$([ "$DP" = user ] && echo 1)}" = 1 ]; then
		secrets "$WORK/p" chap-secrets 'nluser pppdserver "mppe-s3cret" *'
		secrets "$WORK/n/etc" chap-secrets 'nluser pppdserver "mppe-s3cret"'
		# pppd sends stateful to nlpppd (see mppe-128-stateful); the relay
		# wraps pppd: the kernel plane's line discipline wants a tty.
		run_case mppe-stateful-lossy "$NL user nluser noauth require-mppe mppe-stateful $IP_A:$IP_B" \
			"$DROPRELAY 60 $PPPD notty $PZ name pppdserver require-mschap-v2 require-mppe-128 mppe-stateful"
		echo "     $(grep -c 'droprelay: dropped' "$WORK/b.log") frames lost"
		check "stateful MPPE, frames lost: nlpppd asked pppd to resync (Reset-Request)" \
			grep -q "rcvd \[CCP ResetReq" "$WORK/pppd.log"
	fi
	unset XFER_GEN
	# Across planes: nlpppd here dials nlpppd on the other plane; link up and
	# compressible pings both ways for each method.
	OP=$([ "$DP" = kernel ] && echo user || echo kernel)
	mkdir -p "$WORK/n2/run"
	NL2="$NLPPPD etc-dir $WORK/n/etc debug dataplane $OP run-dir $WORK/n2/run lock-dir $WORK/lock"
	secrets "$WORK/n/etc" chap-secrets 'nlclient nlserver "mppe-s3cret" *'
	# each: A's options|B's options|what both must log
	for m in "noauth deflate 15 nobsdcomp|deflate 15 nobsdcomp|deflate 15" \
		"noauth nodeflate bsdcomp 12|nodeflate bsdcomp 12|bsdcomp 12" \
		"noauth nodeflate nobsdcomp predictor1|nodeflate nobsdcomp predictor1|predictor1" \
		"name nlserver require-mschap-v2 require-mppe-128|user nlclient require-mppe-128|mppe-128 stateless"; do
		local oa=${m%%|*} ob=${m#*|} what=${m##*|}
		ob=${ob%|*}
		CURRENT="cross-plane-${what// /-}"
		: > "$WORK/a.log"; : > "$WORK/b.log"
		ip netns exec "$NS_A" sh -c "exec $NL $oa $IP_A:$IP_B pty \"ip netns exec $NS_B $NL2 notty noauth $ob 2>>$WORK/b.log\"" \
			> "$WORK/a.log" 2>&1 &
		PID_A=$!
		bg_track $PID_A
		if up; then
			check "$DP <-> $OP: $what both ends" sh -c \
				"grep -q '$what compression enabled' $WORK/a.log && grep -q '$what compression enabled' $WORK/b.log"
			check "ping A->B (1000 zero bytes)" wait_for 10 ping_ok "$NS_A" $IP_B "-s 1000 -p 00"
			check "ping B->A" wait_for 10 ping_ok "$NS_B" $IP_A "-s 1000 -p 00"
		else
			fail "link did not come up"
		fi
		kill -TERM "$PID_A" 2>/dev/null
		wait_gone 30 "$PID_A"
		check "both ends gone" wait_for 20 sh -c "! pgrep -x nlpppd >/dev/null"
	done
	echo "     the compression cases took $((SECONDS - t0)) s"
}
if [ "${NLPPP_INTEROP_ONLY:-}" = comp ]; then
	comp_cases
	# The next test loads the module afresh.
	[ "$DP" = kernel ] && check "nlppp unloads" wait_for 20 rmmod nlppp
	finish
	exit
fi
# ---- end of the Deflate/BSD-Compress block ----

# nlpppd dials pppd, no auth.
XFER_AB_MB=$BIG_MB
run_case nlpppd-to-pppd "$NL noauth $IP_A:$IP_B" "$PPPD notty $P noauth"
check "nlpppd used the $DP plane" grep -q "$DP data plane" "$WORK/a.log"

# pppd dials nlpppd, no auth.
run_case pppd-to-nlpppd "$PPPD $P noauth $IP_A:$IP_B" "$NL notty noauth"
check "nlpppd used the $DP plane" grep -q "$DP data plane" "$WORK/b.log"

# Sync framing against pppd's ppp_synctty, both dial directions. nlpppd
# joins what the pty merges or splits; ppp_synctty takes each delivery as a
# frame, so nlpppd writes a frame only once the last one was read (merged
# ones would be lost: TCP crawled at ~0.1 MB/s). nlpppd -> pppd carries
# 5 MB each time, pppd -> nlpppd 1 MB.
XFER_MB=1 XFER_AB_MB=5
run_case nlpppd-to-pppd-sync "$NL noauth sync $IP_A:$IP_B" "$PPPD notty $P noauth sync"
check "nlpppd framed the link sync" grep -q "$DP data plane, sync framing" "$WORK/a.log"
XFER_MB=5 XFER_AB_MB=1
run_case pppd-to-nlpppd-sync "$PPPD $P noauth sync $IP_A:$IP_B" "$NL notty noauth sync"
XFER_MB=5 XFER_AB_MB=$BIG_MB

# nlpppd authenticates pppd with CHAP.
secrets "$WORK/n/etc" chap-secrets 'pppduser nlserver "ch-s3cret" *'
secrets "$WORK/p" chap-secrets 'pppduser nlserver "ch-s3cret"'
run_case nlpppd-chap-authenticator "$NL name nlserver require-chap $IP_A:$IP_B" \
	"$PPPD notty $P noauth user pppduser remotename nlserver"
check "nlpppd logged CHAP success" grep -q "CHAP peer authentication succeeded for pppduser" "$WORK/a.log"

# pppd authenticates nlpppd with PAP.
secrets "$WORK/p" pap-secrets 'nluser * "pa-s3cret" *'
secrets "$WORK/n/etc" pap-secrets 'nluser * "pa-s3cret"'
run_case pppd-pap-authenticator "$PPPD $P require-pap $IP_A:$IP_B" "$NL notty user nluser noauth"
check "nlpppd logged PAP success" grep -q "PAP authentication succeeded" "$WORK/b.log"

# pppd authenticates nlpppd with CHAP.
secrets "$WORK/p" chap-secrets 'nluser pppdserver "ch-s3cret" *'
secrets "$WORK/n/etc" chap-secrets 'nluser pppdserver "ch-s3cret"'
run_case pppd-chap-authenticator "$PPPD $P name pppdserver require-chap $IP_A:$IP_B" \
	"$NL notty user nluser noauth"
check "nlpppd logged CHAP success" grep -q "CHAP authentication succeeded" "$WORK/b.log"

# nlpppd authenticates pppd with PAP.
secrets "$WORK/n/etc" pap-secrets 'pppduser * "pa-s3cret" *'
secrets "$WORK/p" pap-secrets 'pppduser * "pa-s3cret"'
run_case nlpppd-pap-authenticator "$NL require-pap $IP_A:$IP_B" \
	"$PPPD notty $P noauth user pppduser"
check "nlpppd logged PAP success" grep -q "PAP peer authentication succeeded for pppduser" "$WORK/a.log"

# MS-CHAPv2 and MS-CHAP (RFC 2759, 2433) with each side as the authenticator;
# under v2 the client checks the authenticator's proof (pppd does too).
XFER_MB=1
secrets "$WORK/n/etc" chap-secrets 'pppduser nlserver "ms-s3cret" *'
secrets "$WORK/p" chap-secrets 'pppduser nlserver "ms-s3cret"'
run_case nlpppd-mschap-v2-authenticator "$NL name nlserver require-mschap-v2 $IP_A:$IP_B" \
	"$PPPD notty $P noauth user pppduser remotename nlserver"
check "nlpppd logged CHAP success" grep -q "CHAP peer authentication succeeded for pppduser" "$WORK/a.log"
check "pppd answered MS-CHAPv2 and accepted our proof" sh -c \
	"grep -q '<auth chap MS-v2>' $WORK/pppd.log && grep -q 'CHAP authentication succeeded' $WORK/pppd.log"
run_case nlpppd-mschap-authenticator "$NL name nlserver require-mschap $IP_A:$IP_B" \
	"$PPPD notty $P noauth user pppduser remotename nlserver"
check "pppd answered MS-CHAP" sh -c \
	"grep -q '<auth chap MS>' $WORK/pppd.log && grep -q 'CHAP authentication succeeded' $WORK/pppd.log"
secrets "$WORK/p" chap-secrets 'nluser pppdserver "ms-s3cret" *'
secrets "$WORK/n/etc" chap-secrets 'nluser pppdserver "ms-s3cret"'
run_case pppd-mschap-v2-authenticator "$PPPD $P name pppdserver require-mschap-v2 $IP_A:$IP_B" \
	"$NL notty user nluser noauth"
check "nlpppd answered MS-CHAPv2 and checked pppd's proof" sh -c \
	"grep -q 'rcvd \\[LCP ConfReq.*<auth chap MS-v2>' $WORK/b.log && grep -q 'CHAP authentication succeeded' $WORK/b.log"
check "pppd granted our MS-CHAPv2 Response" grep -q "sent \\[CHAP Success" "$WORK/pppd.log"
run_case pppd-mschap-authenticator "$PPPD $P name pppdserver require-mschap $IP_A:$IP_B" \
	"$NL notty user nluser noauth"
check "pppd granted our MS-CHAP Response" sh -c \
	"grep -q '<auth chap MS>' $WORK/pppd.log && grep -q 'sent \\[CHAP Success' $WORK/pppd.log"
# A wrong secret: pppd (authenticator) refuses, nlpppd exits 19.
secrets "$WORK/n/etc" chap-secrets 'nluser pppdserver "wrong-s3cret"'
CURRENT=pppd-mschap-v2-wrong-secret
: > "$WORK/a.log"; : > "$WORK/b.log"; : > "$WORK/pppd.log"
ip netns exec "$NS_A" sh -c "exec $PPPD $P name pppdserver require-mschap-v2 $IP_A:$IP_B pty \"ip netns exec $NS_B $NL notty user nluser noauth 2>>$WORK/b.log\"" \
	> "$WORK/a.log" 2>&1 &
PID_A=$!
bg_track $PID_A
check "nlpppd exits 19 on pppd's E=691" wait_for 60 grep -q "Exit with status 19" "$WORK/b.log"
check "nlpppd printed no secret" sh -c "! grep -q 's3cret' $WORK/b.log"
kill -TERM "$PID_A" 2>/dev/null
wait_gone 30 "$PID_A"

# MPPE (RFC 3078) against pppd's ppp_mppe, keys from MS-CHAP (RFC 3079):
# 128-bit stateless with nlpppd authenticating, stateful with pppd
# authenticating, 40-bit. pppd's log says what it runs.
if [ "${NLPPP_MPPE:-$([ "$DP" = user ] && echo 1)}" = 1 ]; then
	XFER_MB=1
	PC="nodetach debug novj logfile $WORK/pppd.log"
	check "ppp_mppe loads" mod_load ppp_mppe
	secrets "$WORK/n/etc" chap-secrets 'pppduser nlserver "mppe-s3cret" *'
	secrets "$WORK/p" chap-secrets 'pppduser nlserver "mppe-s3cret"'
	run_case mppe-128-stateless "$NL name nlserver require-mschap-v2 require-mppe-128 $IP_A:$IP_B" \
		"$PPPD notty $PC noauth user pppduser remotename nlserver require-mppe-128"
	check "pppd runs MPPE 128-bit stateless" grep -q "MPPE 128-bit stateless compression enabled" "$WORK/pppd.log"
	check "nlpppd runs mppe-128 stateless" grep -q "mppe-128 stateless compression enabled" "$WORK/a.log"
	run_case mppe-40 "$NL name nlserver require-mschap-v2 require-mppe-40 $IP_A:$IP_B" \
		"$PPPD notty $PC noauth user pppduser remotename nlserver require-mppe-40"
	check "pppd runs MPPE 40-bit" grep -q "MPPE 40-bit stateless compression enabled" "$WORK/pppd.log"
	secrets "$WORK/p" chap-secrets 'nluser pppdserver "mppe-s3cret" *'
	secrets "$WORK/n/etc" chap-secrets 'nluser pppdserver "mppe-s3cret"'
	run_case mppe-128-stateful "$PPPD $PC name pppdserver require-mschap-v2 require-mppe-128 mppe-stateful $IP_A:$IP_B" \
		"$NL notty user nluser noauth require-mppe mppe-stateful"
	# pppd asks for stateless first and takes it when offered; nlpppd,
	# allowed stateful, asks for it: pppd then sends stateful to nlpppd.
	check "pppd runs MPPE 128-bit" grep -q "MPPE 128-bit.*compression enabled" "$WORK/pppd.log"
	check "nlpppd receives mppe-128 stateful" grep -Eq "(receive mppe-128 stateful|mppe-128 stateful compression enabled)" "$WORK/b.log"
	check "no key or secret in nlpppd's logs" sh -c "! grep -q 'mppe-s3cret' $WORK/a.log $WORK/b.log"
fi

# ---- VJ (RFC 1144/1332) against pppd's slhc: begin ----
# nlpppd dials pppd with VJ on (pppd's default: 16 slots, slot-id
# compression) and with novj; pppd's debug log shows the IPCP exchange,
# nlpppctl the packets nlpppd compressed and rebuilt. One 2 MB transfer
# each way per case: data one way, its ACKs the other.
vj_case() { # NAME "nlpppd options" want(on|off)
	CURRENT=$1
	local ctl="$NLVM_REPO/build/nlpppctl --run-dir $WORK/n/run --timeout 10" ifc out
	: > "$WORK/a.log"; : > "$WORK/b.log"; : > "$WORK/pppd.log"
	ip netns exec "$NS_A" sh -c "exec $NL noauth $2 $IP_A:$IP_B pty \"ip netns exec $NS_B $PPPD notty nodetach debug noccp logfile $WORK/pppd.log noauth 2>>$WORK/b.log\"" \
		> "$WORK/a.log" 2>&1 &
	PID_A=$!
	bg_track $PID_A
	if up; then
		check "ping A->B" wait_for 10 ping_ok "$NS_A" $IP_B
		local ab=${BIG_MB:-2}
		if transfer "$NS_A" "$NS_B" $IP_B $ab; then ok "$ab MB A->B, SHA-256 matches ($XFER_RATE MB/s)"
		else fail "transfer corrupted or incomplete"; fi
		if transfer "$NS_B" "$NS_A" $IP_A 2; then ok "2 MB B->A, SHA-256 matches ($XFER_RATE MB/s)"
		else fail "transfer corrupted or incomplete"; fi
		ifc=$(ppp_ifaces "$NS_A" | head -1)
		out=$($ctl show "$ifc" ipcp 2>&1)
		local tx rx err
		tx=$(echo "$out" | sed -n 's/^ *vj_tx_compressed: *//p')
		rx=$(echo "$out" | sed -n 's/^ *vj_rx_compressed: *//p')
		err=$(echo "$out" | sed -n 's/^ *vj_rx_errors: *//p')
		if [ "$3" = on ]; then
			check "pppd acked our VJ request" grep -q "sent \[IPCP ConfAck.*<compress VJ 0f 01>" "$WORK/pppd.log"
			check "nlpppd acked pppd's VJ request" grep -q "rcvd \[IPCP ConfAck.*<compress VJ 0f 01>" "$WORK/pppd.log"
			[ "${tx:-0}" -gt 1000 ] && [ "${rx:-0}" -gt 1000 ] && [ "$err" = 0 ] &&
				ok "nlpppd: $tx sent and $rx received compressed, no errors" ||
				{ fail "nlpppd VJ counters: tx ${tx:-none} rx ${rx:-none} errors ${err:-none}"; echo "$out"; }
		else
			check "nlpppd rejected pppd's VJ" grep -q "rcvd \[IPCP ConfRej.*<compress VJ 0f 01>" "$WORK/pppd.log"
			check "no VJ agreed" sh -c "! grep -q 'IPCP ConfAck.*compress' $WORK/pppd.log"
			[ "$tx" = 0 ] && [ "$rx" = 0 ] && ok "nlpppd compressed nothing" ||
				{ fail "nlpppd VJ counters: tx ${tx:-none} rx ${rx:-none}"; echo "$out"; }
		fi
	else
		fail "link did not come up"
	fi
	kill -TERM "$PID_A" 2>/dev/null
	wait_gone 30 "$PID_A"
	check "both ends gone" wait_for 20 sh -c "! pgrep -x pppd >/dev/null && ! pgrep -x nlpppd >/dev/null"
}
vj_case vj-on "" on
vj_case vj-off "novj" off
# ---- VJ: end ----

finish
