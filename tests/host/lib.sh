# Shared helpers for the host tests: two network namespaces, two nlpppd
# peers over a pty pair (A runs B through `pty "ip netns exec B nlpppd notty"`),
# assertions and leftover checks. Sourced by tests/host/test_*.sh.
# Traffic stays inside the namespaces this file creates.

set -u
NLPPPD=${NLPPPD:-$(pwd)/build/nlpppd}
T_PASS=0 T_FAIL=0
T_ID=$$
NS_A=nlt-a-$T_ID
NS_B=nlt-b-$T_ID
WORK=$(mktemp -d /tmp/nlppp-test.XXXXXX)
IP_A=10.77.0.1
IP_B=10.77.0.2
PID_A=
CURRENT=

log() { printf '%s\n' "$*" >&2; }

ok() { T_PASS=$((T_PASS + 1)); echo "ok   $CURRENT: $*"; }
fail() {
	T_FAIL=$((T_FAIL + 1)); echo "FAIL $CURRENT: $*"
	for f in "$WORK"/a.log "$WORK"/b.log; do
		[ -s "$f" ] && { echo "---- $f (last 25 lines)"; tail -25 "$f"; }
	done
}
check() { # check "description" command...
	local what=$1; shift
	if "$@" >/dev/null 2>&1; then ok "$what"; else fail "$what"; fi
}

ns_setup() {
	ip netns add "$NS_A" && ip netns add "$NS_B" || { echo "cannot create netns"; exit 1; }
	ip -n "$NS_A" link set lo up
	ip -n "$NS_B" link set lo up
	mkdir -p "$WORK/a/etc" "$WORK/b/etc" "$WORK/a/run" "$WORK/b/run" "$WORK/lock"
}

ns_cleanup() {
	[ -n "$PID_A" ] && kill -9 "$PID_A" 2>/dev/null
	for ns in "$NS_A" "$NS_B"; do
		ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null
		ip netns del "$ns" 2>/dev/null
	done
	rm -rf "$WORK"
}

# secrets FILE LINE...: root-owned, mode 600
secrets() {
	local f=$1; shift
	printf '%s\n' "$@" > "$f"
	chmod 600 "$f"
}

# script NAME SIDE: an ip-up style hook that records its arguments and env
hook() {
	local side=$1 name=$2
	cat > "$WORK/$side/etc/$name" <<EOS
#!/bin/sh
echo "\$*" > "$WORK/$side/$name.args"
env > "$WORK/$side/$name.env"
EOS
	chmod 755 "$WORK/$side/etc/$name"
}

# start_pair "A options" "B options": A in NS_A runs B in NS_B through a pty.
start_pair() {
	local a_opts=$1 b_opts=$2
	: > "$WORK/a.log"; : > "$WORK/b.log"; rm -f "$WORK/b.status"
	ip netns exec "$NS_A" "$NLPPPD" etc-dir "$WORK/a/etc" nodetach debug \
		pty "ip netns exec $NS_B $NLPPPD etc-dir $WORK/b/etc notty debug \
			$b_opts 2>>$WORK/b.log; echo \$? > $WORK/b.status" \
		$a_opts > "$WORK/a.log" 2>&1 &
	PID_A=$!
}

# wait_ip NS ADDR [secs]: until ADDR is configured on a ppp interface in NS
wait_ip() {
	local ns=$1 addr=$2 n=${3:-20}
	while [ "$n" -gt 0 ]; do
		ip -n "$ns" -4 addr show 2>/dev/null | grep -q "inet $addr " && return 0
		sleep 0.5; n=$((n - 1))
		[ -n "$PID_A" ] && ! kill -0 "$PID_A" 2>/dev/null && return 1
	done
	return 1
}

wait_up() { wait_ip "$NS_A" "$IP_A" "${1:-30}" && wait_ip "$NS_B" "$IP_B" "${1:-30}"; }

# stop_pair: TERM A, wait for it; sets A_STATUS
stop_pair() {
	A_STATUS=
	[ -n "$PID_A" ] || return 0
	kill -TERM "$PID_A" 2>/dev/null
	wait_exit "$PID_A" 15
	PID_A=
}

# wait_exit PID SECS: wait for a child of this shell; A_STATUS = its status
wait_exit() {
	local pid=$1 n=$(( $2 * 10 ))
	while kill -0 "$pid" 2>/dev/null && [ "$n" -gt 0 ]; do sleep 0.1; n=$((n - 1)); done
	if kill -0 "$pid" 2>/dev/null; then
		kill -9 "$pid"; wait "$pid" 2>/dev/null; A_STATUS=timeout; return 1
	fi
	wait "$pid"; A_STATUS=$?
	return 0
}

b_pid() { ip netns pids "$NS_B" 2>/dev/null | while read -r p; do
	[ "$(readlink /proc/$p/exe 2>/dev/null)" = "$(readlink -f "$NLPPPD")" ] && echo "$p"; done | head -1; }

ping_ok() { ip netns exec "$1" ping -c 3 -i 0.2 -W 2 ${3:-} "$2" >/dev/null 2>&1; }

. "$(dirname "${BASH_SOURCE[0]}")/../common.sh"

# transfer MB: send MB megabytes A -> B over TCP and compare SHA-256
transfer() {
	local mb=$1 port=5${RANDOM:0:3}
	head -c "$((mb * 1024 * 1024))" /dev/urandom > "$WORK/in.bin"
	rm -f "$WORK/out.bin"
	ip netns exec "$NS_B" timeout 120 socat -u TCP-LISTEN:$port,reuseaddr \
		OPEN:"$WORK/out.bin",creat,trunc &
	local lpid=$! i=0
	while ! ip netns exec "$NS_B" ss -ltn 2>/dev/null | grep -q ":$port "; do
		sleep 0.1; i=$((i + 1)); [ $i -gt 50 ] && break
	done
	local t0=$(date +%s.%N)
	ip netns exec "$NS_A" timeout 120 socat -u OPEN:"$WORK/in.bin" TCP:$IP_B:$port
	wait $lpid
	local t1=$(date +%s.%N)
	XFER_RATE=$(echo "$mb $t0 $t1" | awk '{ printf "%.2f", $1 / ($3 - $2) }')
	[ "$(sha256sum < "$WORK/in.bin")" = "$(sha256sum < "$WORK/out.bin" 2>/dev/null)" ]
}

# no_leftovers: after both peers exited, nothing of theirs remains. B ends
# after A (it sees the hangup), so its teardown gets up to 5 s to finish.
no_leftovers() {
	local n=25
	while ! leftovers >/dev/null && [ $((n -= 1)) -gt 0 ]; do sleep 0.2; done
	leftovers
}

leftovers() {
	local bad=
	for ns in "$NS_A" "$NS_B"; do
		ip -n "$ns" link show 2>/dev/null | grep -q ' ppp[0-9]' && bad="$bad iface($ns)"
		ip -n "$ns" route show 2>/dev/null | grep -q 'ppp' && bad="$bad route($ns)"
	done
	for side in a b; do
		[ -e "$WORK/$side/etc/resolv.conf" ] && bad="$bad resolv.conf($side)"
		ls "$WORK/$side/run/"*.pid >/dev/null 2>&1 && bad="$bad pidfile($side)"
	done
	ls "$WORK/lock/"LCK..* >/dev/null 2>&1 && bad="$bad lockfile"
	[ -n "$(b_pid)" ] && bad="$bad peer-still-running"
	[ -z "$bad" ] || { echo "leftovers:$bad"; return 1; }
}

finish() {
	echo "$T_PASS passed, $T_FAIL failed"
	[ "$T_FAIL" -eq 0 ]
}

require_root_netns() {
	if [ "$(id -u)" != 0 ] || ! ip netns add nlt-probe-$$ 2>/dev/null; then
		echo "host tests need root and network namespaces"; echo "0 passed, 1 failed"; exit 1
	fi
	ip netns del nlt-probe-$$
}
