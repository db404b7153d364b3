#!/bin/bash
# PPP over TCP between nlpppd and the real pppd 2.4.9, each in its own
# network namespace joined by a veth pair. First pppd dials (`socket
# HOST:PORT`) a `listen` nlpppd that gives it an address from its pool;
# then nlpppd dials (`socket HOST:PORT`) a listening pppd. pppd 2.4.9's
# `socket` option only connects (`socket :PORT` is "Can't parse host:port"),
# so the listening pppd takes its one connection through a pty command,
# socat TCP-LISTEN. Either way nlpppd authenticates pppd with CHAP, IPCP
# comes up, both sides ping, 5 MB goes each way with SHA-256 checked, and a
# SIGTERM to one side ends the other and leaves nothing behind. nlpppd
# carries TCP on its user data plane (TUN); pppd on ppp_generic/ppp_async,
# its socket or pty command shunted through a pty of its own.
cd "$(dirname "$0")/../.." || exit 1
. tests/vm/lib.sh
require_vm

NLPPPD=$NLVM_REPO/build/nlpppd
NS_N=tn NS_P=tp			# nlpppd's and pppd's namespaces
VETH_N=10.91.0.1 VETH_P=10.91.0.2
IP_N=10.92.0.1			# nlpppd's end of the PPP link
POOL=10.92.4.0/24		# what the listen server hands out
PORT=7600
mkdir -p "$WORK/n/etc" "$WORK/n/run" "$WORK/lock" "$WORK/p"
watch_log "$WORK/n.log" "$WORK/pppd.log" "$WORK/pppd.out"

CURRENT=setup
check "tun loads" mod_load tun
check "ppp_async loads" mod_load ppp_async
ns_add "$NS_N" "$NS_P" || { finish; exit 1; }
ip link add tcp-n netns "$NS_N" type veth peer name tcp-p netns "$NS_P"
ip -n "$NS_N" addr add $VETH_N/24 dev tcp-n
ip -n "$NS_P" addr add $VETH_P/24 dev tcp-p
ip -n "$NS_N" link set tcp-n up
ip -n "$NS_P" link set tcp-p up
check "veth pair carries traffic" wait_for 10 ping_ok "$NS_N" $VETH_P

# pppd reads /etc/ppp (options, secrets): a private copy in its own mount
# namespace, with this test's secrets, so nothing else sees them.
cp -a /etc/ppp/. "$WORK/p/" 2>/dev/null
cat > "$WORK/pppd" <<EOS
#!/bin/sh
exec unshare -m sh -c 'mount -t tmpfs none /etc/ppp && cp -a $WORK/p/. /etc/ppp/ && exec pppd "\$@"' pppd "\$@"
EOS
chmod 755 "$WORK/pppd"
secrets() { # secrets FILE LINE...
	local f=$1; shift
	printf '%s\n' "$@" > "$f"; chmod 600 "$f"
}
secrets "$WORK/n/etc/chap-secrets" 'pppduser nlserver "tcp-ch4p" *'
secrets "$WORK/p/chap-secrets" 'pppduser nlserver "tcp-ch4p"'

NL="$NLPPPD etc-dir $WORK/n/etc run-dir $WORK/n/run lock-dir $WORK/lock \
	nodetach debug dataplane user name nlserver require-chap"
# pppd asks for its address (noipdefault) and does not authenticate nlpppd.
P="nodetach debug noccp novj noipdefault noauth user pppduser remotename nlserver \
	logfile $WORK/pppd.log"

start_pppd() { # start_pppd OPTIONS...: pppd in NS_P, PID_P
	ip netns exec "$NS_P" "$WORK/pppd" "$@" > "$WORK/pppd.out" 2>&1 &
	PID_P=$!
	bg_track $PID_P
}
start_nlpppd() { # start_nlpppd OPTIONS...: nlpppd in NS_N, PID_N
	ip netns exec "$NS_N" $NL "$@" > "$WORK/n.log" 2>&1 &
	PID_N=$!
	bg_track $PID_N
}
listening() { ip netns exec "$1" ss -ltn | grep -q "$2:$PORT "; }
# pppd's address on its ppp0 (from nlpppd's pool in the first case)
peer_ip() { ip -n "$NS_P" -4 -o addr show dev ppp0 2>/dev/null | awk '{ sub(/\/.*/, "", $4); print $4 }'; }
in_pool() { case "$(peer_ip)" in 10.92.4.*) true;; *) false;; esac; }
peer_up() { [ -n "$(peer_ip)" ]; }
up() { wait_addr "$NS_N" $IP_N 60 && wait_for 60 peer_up; }
no_ppp_in() { [ -z "$(ppp_ifaces "$1")" ]; }
no_ppp() { no_ppp_in "$NS_N" && no_ppp_in "$NS_P"; }
none_running() { ! pgrep -x pppd && ! pgrep -x nlpppd && ! pgrep -x socat; }

# keep_logs: this case's logs in build/vm/out/test_tcp_pppd/ for the host
keep_logs() {
	cp "$WORK/n.log" "$WORK/$CURRENT.nlpppd.log"
	cp "$WORK/pppd.log" "$WORK/$CURRENT.pppd.log"
	save_artifact "$WORK/$CURRENT.nlpppd.log" "$WORK/$CURRENT.pppd.log"
}

# CHAP, IPCP, ping both ways, 5 MB each way: the same for both cases.
exercise() {
	local peer
	check "CHAP: nlpppd authenticated pppduser" \
		grep -q "CHAP peer authentication succeeded for pppduser" "$WORK/n.log"
	check "CHAP: pppd was authenticated" grep -q "CHAP authentication succeeded" "$WORK/pppd.log"
	check "nlpppd carries TCP on the user data plane" grep -q "user data plane" "$WORK/n.log"
	check "pppd's IPCP is up" grep -q "remote IP address $IP_N" "$WORK/pppd.log"
	peer=$(peer_ip)
	check "ping nlpppd -> pppd ($peer)" ping_ok "$NS_N" "$peer"
	check "ping pppd -> nlpppd" ping_ok "$NS_P" $IP_N
	if transfer "$NS_N" "$NS_P" "$peer" 5; then ok "5 MB nlpppd -> pppd, SHA-256 matches ($XFER_RATE MB/s)"
	else fail "5 MB nlpppd -> pppd corrupted or incomplete"; fi
	if transfer "$NS_P" "$NS_N" $IP_N 5; then ok "5 MB pppd -> nlpppd, SHA-256 matches ($XFER_RATE MB/s)"
	else fail "5 MB pppd -> nlpppd corrupted or incomplete"; fi
}

# What pppd 2.4.9 makes of a listening `socket :PORT`: written to the log
# for the reader, not asserted (it is pppd's behaviour, not ours).
CURRENT=pppd-socket-listen
ip netns exec "$NS_P" timeout 20 "$WORK/pppd" socket :$PORT nodetach noauth \
	> "$WORK/probe.out" 2>&1
echo "note: pppd socket :$PORT exits $? with: $(head -3 "$WORK/probe.out" | tr '\n' ' ')"

# 1. pppd dials a listen nlpppd, which hands out an address from its pool.
CURRENT=pppd-dials-listen
: > "$WORK/pppd.log"
start_nlpppd listen $VETH_N:$PORT $IP_N: remote-ip-pool $POOL
if ! wait_for 30 listening "$NS_N" $VETH_N; then
	fail "nlpppd does not listen on $VETH_N:$PORT"
else
	start_pppd socket $VETH_N:$PORT $P
	if up; then
		ok "link up"
		check "pppd's address is from the pool ($(peer_ip))" in_pool
		exercise
	else
		fail "link did not come up"
	fi
fi
kill -TERM "$PID_P" 2>/dev/null
check "pppd exits on SIGTERM" wait_gone 30 "$PID_P"
check "nlpppd's session interface goes with it" wait_for 20 no_ppp_in "$NS_N"
check "nlpppd logged the hangup" wait_for 10 grep -q "Connection terminated\|Modem hangup\|LCP terminated" "$WORK/n.log"
check "the listen server is still serving" listening "$NS_N" $VETH_N
kill -TERM "$PID_N" 2>/dev/null
if wait_gone 30 "$PID_N"; then wait "$PID_N"; N_STATUS=$?; else N_STATUS=timeout; fi
check "the listen server exits 5 on SIGTERM (got $N_STATUS)" test "$N_STATUS" = 5
check "no ppp interface left" wait_for 10 no_ppp
check "no pppd, nlpppd or socat left" wait_for 20 none_running
check "no secret in either log" sh -c "! grep -q tcp-ch4p $WORK/n.log $WORK/pppd.log"
keep_logs

# 2. nlpppd dials pppd, which takes one connection through socat.
CURRENT=nlpppd-dials-pppd
: > "$WORK/pppd.log"
start_pppd pty "socat STDIO TCP-LISTEN:$PORT,bind=$VETH_P" $P
if ! wait_for 30 listening "$NS_P" $VETH_P; then
	fail "pppd's socat does not listen on $VETH_P:$PORT"
else
	start_nlpppd socket $VETH_P:$PORT $IP_N:10.92.0.2
	if up; then
		ok "link up"
		check "pppd took the address nlpppd gave it" test "$(peer_ip)" = 10.92.0.2
		exercise
	else
		fail "link did not come up"
	fi
fi
kill -TERM "$PID_N" 2>/dev/null
if wait_gone 30 "$PID_N"; then wait "$PID_N"; N_STATUS=$?; else N_STATUS=timeout; fi
check "nlpppd exits 5 on SIGTERM (got $N_STATUS)" test "$N_STATUS" = 5
check "pppd ends with it" wait_gone 30 "$PID_P"
check "pppd saw the peer terminate" grep -q "LCP terminated by peer\|Connection terminated\|Modem hangup" "$WORK/pppd.log"
check "no ppp interface left" wait_for 10 no_ppp
check "no pppd, nlpppd or socat left" wait_for 20 none_running
check "no secret in either log" sh -c "! grep -q tcp-ch4p $WORK/n.log $WORK/pppd.log"
keep_logs

finish
