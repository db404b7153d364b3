#!/bin/bash
# The nlppp generic netlink API, as nlpppd will use it: nlppp_api_test runs
# every command's happy path and rejections (errno and extack message each),
# ownership, capabilities, owner release, hangup and control frames both
# ways over a pty. Then the kernel data path on its own: two bundles in two
# namespaces, each created from a socket opened inside its namespace, their
# links the two ends of a pty pair running the nlppp ldisc; ping and a TCP
# transfer across, and every NP mode (drop, error, queue, pass) observed from
# the sender's side.
cd "$(dirname "$0")/../.." || exit 1
. tests/vm/lib.sh
require_vm

API=$(nlppp_api_bin) || { echo "0 passed, 1 failed"; exit 1; }

CURRENT=load
rmmod nlppp 2>/dev/null
check "insmod nlppp.ko" nlppp_load

# --- the API, command by command (its own ok/FAIL lines) ---
"$API" api > "$WORK/api.out" 2>&1
rc=$?
grep -vE '^[0-9]+ passed, [0-9]+ failed' "$WORK/api.out"
read -r p _ f _ < <(grep -E '^[0-9]+ passed, [0-9]+ failed' "$WORK/api.out" | tail -1)
T_PASS=$((T_PASS + ${p:-0})) T_FAIL=$((T_FAIL + ${f:-0}))
CURRENT=api
[ -n "${p:-}" ] && [ "$rc" -le 1 ] || fail "nlppp_api_test api did not finish (exit $rc)"
check "no ppp interfaces leaked in the root netns but the adopted one" \
	sh -c "[ \"\$(ip -o link show | grep -c ': ppp\\|: nltest')\" -le 3 ]"

# --- the data path between two namespaces ---
CURRENT=datapath
ns_add a b
mkfifo "$WORK/ctl"
"$API" datapath /run/netns/a /run/netns/b < "$WORK/ctl" > "$WORK/dp.out" 2>&1 &
hpid=$!
bg_track $hpid
exec 7> "$WORK/ctl"
watch_log "$WORK/dp.out"
if ! wait_for 20 grep -q '^ready' "$WORK/dp.out"; then
	fail "the data path helper did not come up"
	finish; exit
fi
read -r _ ifa ifb < <(grep '^ready' "$WORK/dp.out")
ok "bundles $ifa (netns a) and $ifb (netns b) over a pty pair"
check "$ifa lives in netns a" ip -n a link show "$ifa"
check "$ifb lives in netns b" ip -n b link show "$ifb"
check "$ifa is not in the root netns" sh -c "! ip link show $ifa"
link=$(ip -n a -o link show "$ifa")
case "$link" in *POINTOPOINT*NOARP*) ok "$ifa is POINTOPOINT,NOARP" ;; *) fail "$ifa flags: $link" ;; esac
case "$link" in *"link/ppp"*) ok "$ifa is ARPHRD_PPP (link/ppp)" ;; *) fail "$ifa type: $link" ;; esac
check "a bundle cannot be moved to another netns" sh -c "! ip -n a link set $ifa netns b"
check "MTU is settable (1400)" ip -n a link set "$ifa" mtu 1400
check "MTU below 68 is refused" sh -c "! ip -n a link set $ifa mtu 60"
ip -n a link set "$ifa" mtu 1500

ip -n a addr add 192.0.2.1 peer 192.0.2.2 dev "$ifa"
ip -n b addr add 192.0.2.2 peer 192.0.2.1 dev "$ifb"
ip -n a addr add 2001:db8::1/64 dev "$ifa" nodad
ip -n b addr add 2001:db8::2/64 dev "$ifb" nodad
ip -n a link set "$ifa" up
ip -n b link set "$ifb" up
check "ping a -> b over IPv4" ping_ok a 192.0.2.2
check "ping b -> a over IPv4" ping_ok b 192.0.2.1
check "ping a -> b over IPv6" ping_ok a 2001:db8::2
check "ping with 1400-byte packets (escaping, full frames)" ping_ok a 192.0.2.2 "-s 1400"
if transfer a b 192.0.2.2 2; then
	ok "2 MB over TCP a -> b, SHA-256 equal ($XFER_RATE MB/s)"
else
	fail "2 MB over TCP a -> b"
fi

stats() { echo stats >&7; sleep 0.5; grep "^$1 " "$WORK/dp.out" | tail -1; }
sa=$(stats a)
echo "     $sa"
n() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k { print $2 }'; }
[ "$(n "$sa" tx_packets)" -gt 100 ] && [ "$(n "$sa" rx_packets)" -gt 100 ] &&
	ok "link a counted the traffic" || fail "link a counters: $sa"
[ "$(n "$sa" fcs_errors)" = 0 ] && [ "$(n "$sa" frame_errors)" = 0 ] &&
	ok "no FCS or frame errors on the link" || fail "errors on link a: $sa"
[ "$(n "$sa" tx_dropped)" = 0 ] &&
	ok "nothing dropped under TCP load: a full tty stops pppN's queue instead" ||
	fail "link a dropped frames: $sa"
rx=$(ip -n b -s -j link show "$ifb" 2>/dev/null | grep -o '"rx":{[^}]*}' | head -1)
case "$rx" in *'"packets":0'*|'') fail "the netdev has no rx stats: $rx" ;; *) ok "the netdev counts packets: $rx" ;; esac

# setnp a|b 4|6 MODE: set an NP mode through the helper, print its answer
setnp() { local before; before=$(grep -c '^np' "$WORK/dp.out"); echo "np $*" >&7
	wait_for 5 sh -c "[ \$(grep -c '^np' $WORK/dp.out) -gt $before ]"; grep '^np' "$WORK/dp.out" | tail -1; }

[ "$(setnp a 4 drop)" = "np ok" ] || fail "setting NP mode drop"
out=$(ip netns exec a ping -c 2 -i 0.3 -W 1 192.0.2.2 2>&1)
case "$out" in *" 0 received"*) ok "NP mode drop: IPv4 from a is dropped" ;; *) fail "NP drop: $out" ;; esac
[ "$(setnp a 4 error)" = "np ok" ] || fail "setting NP mode error"
out=$(ip netns exec a ping -c 1 -W 2 192.0.2.2 2>&1)
case "$out" in *nreachable*) ok "NP mode error: the sender gets ICMP unreachable" ;; *) fail "NP error: $out" ;; esac
check "NP mode error leaves IPv6 alone" ping_ok a 2001:db8::2
[ "$(setnp a 4 queue)" = "np ok" ] || fail "setting NP mode queue"
ip netns exec a ping -c 1 -W 8 192.0.2.2 > "$WORK/qping" 2>&1 &
qpid=$!
sleep 2
check "NP mode queue: the echo request is held" kill -0 $qpid
echo events >&7
wait_for 10 grep -q '^events done' "$WORK/dp.out"
if grep -q '^demand a bundle=[1-9][0-9]* proto=0x0021' "$WORK/dp.out"; then
	ok "NP mode queue: the events group hears DEMAND for IPv4 on a's bundle"
else
	fail "no DEMAND event"
fi
[ "$(setnp a 4 pass)" = "np ok" ] || fail "setting NP mode pass"
if wait $qpid; then ok "NP mode back to pass: the held packet goes out and is answered"; else fail "held packet: $(cat "$WORK/qping")"; fi

echo quit >&7
exec 7>&-
wait_gone 10 $hpid
check "the helper exited" sh -c "! kill -0 $hpid"
check "its bundles are gone from netns a" sh -c "[ -z \"\$(ip -n a -o link show | grep ': ppp')\" ]"
check "its bundles are gone from netns b" sh -c "[ -z \"\$(ip -n b -o link show | grep ': ppp')\" ]"

CURRENT=unload
check "rmmod nlppp" rmmod nlppp
finish
