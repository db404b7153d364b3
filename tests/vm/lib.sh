# Shared helpers for the guest tests (tests/vm/test_*.sh), which run inside
# the qemu VM started by scripts/vm/run.sh: chrooted into the host's root
# (read-only), tmpfs on /tmp /run /var/tmp /root, the Debian kernel's own
# modules available to modprobe, and $NLVM_OUT a writable share back to the
# host. Sourced after `cd` to the repository root. Traffic stays inside the
# network namespaces this file creates (the VM has no network card anyway).

set -u
T_PASS=0 T_FAIL=0
CURRENT=
T_NAME=$(basename "$0" .sh)
WORK=$(mktemp -d /tmp/nlppp-vmtest.XXXXXX)
T_NETNS=
T_PIDS=
T_LOGS=

log() { printf '%s\n' "$*" >&2; }

ok() { T_PASS=$((T_PASS + 1)); echo "ok   $CURRENT: $*"; }
fail() {
	T_FAIL=$((T_FAIL + 1)); echo "FAIL $CURRENT: $*"
	local f
	for f in $T_LOGS; do
		[ -s "$f" ] && { echo "---- $f (last 25 lines)"; tail -25 "$f"; }
	done
	return 0
}
check() { # check "description" command...
	local what=$1; shift
	if "$@" >/dev/null 2>&1; then ok "$what"; else fail "$what"; fi
}

# watch_log FILE...: tail these files when an assertion fails
watch_log() { T_LOGS="$T_LOGS $*"; }

finish() {
	echo "$T_PASS passed, $T_FAIL failed"
	[ "$T_FAIL" -eq 0 ]
}

# require_vm: refuse to run anywhere but in the test VM (we load modules and
# touch the kernel: never on the host).
require_vm() {
	if [ -z "${NLVM_OUT:-}" ] || [ "$(id -u)" != 0 ]; then
		echo "$T_NAME runs inside the VM only: scripts/vm/run.sh tests/vm/$T_NAME.sh"
		echo "0 passed, 1 failed"; exit 1
	fi
	trap t_cleanup EXIT
}

# --- waiting -----------------------------------------------------------------

# wait_for SECS command...: poll every 0.2 s until the command succeeds.
# TCG is slow: be generous with SECS, it costs nothing when things work.
wait_for() {
	local n=$(( $1 * 5 )); shift
	while ! "$@" >/dev/null 2>&1; do
		n=$((n - 1)); [ "$n" -gt 0 ] || return 1
		sleep 0.2
	done
}

# wait_gone SECS PID: until PID has exited (works for non-children too)
wait_gone() { wait_for "$1" sh -c "! kill -0 $2 2>/dev/null"; }

# --- modules -----------------------------------------------------------------

mod_loaded() { [ -d "/sys/module/$1" ]; }

# mod_load NAME...: modprobe each (the guest kernel's own modules)
mod_load() {
	local m
	for m in "$@"; do modprobe "$m" || { echo "modprobe $m failed"; return 1; }; done
}

# nlppp_ko: path of the module built on the host for this kernel
nlppp_ko() { echo "$NLVM_REPO/kmod/nlppp.ko"; }

# nlppp_load [PARAM=VALUE...]: insmod the freshly built nlppp.ko
nlppp_load() {
	local ko; ko=$(nlppp_ko)
	[ -f "$ko" ] || { echo "no $ko: build it with make check-vm"; return 1; }
	# insmod resolves no dependencies: MPPE's RC4 is the kernel's libarc4.
	modprobe libarc4 || { echo "modprobe libarc4 failed"; return 1; }
	# A test before may have left it loaded: start from a fresh one (its
	# parameters are this test's), unless something still holds it.
	if [ -d /sys/module/nlppp ]; then
		rmmod nlppp || { echo "nlppp is loaded and in use"; return 1; }
	fi
	insmod "$ko" "$@"
}

# nlppp_api_bin: path of the netlink API test client (tests/vm/nlppp_api_test.c):
# the one make check-vm built on the host, else one compiled here (slow).
nlppp_api_bin() {
	local src=tests/vm/nlppp_api_test.c bin=build/kmod-vm/nlppp_api_test
	if ! [ -x "$bin" ] || [ "$src" -nt "$bin" ]; then
		bin=$WORK/nlppp_api_test
		gcc -std=gnu11 -O2 -Iinclude/uapi -o "$bin" "$src" \
			$(pkg-config --cflags --libs libnl-genl-3.0 libnl-3.0) >&2 || {
			echo "cannot build $src" >&2; return 1; }
	fi
	echo "$bin"
}

# --- network namespaces --------------------------------------------------------

# ns_add NAME...: new namespaces with lo up, deleted (their processes
# killed) when the test exits
ns_add() {
	local ns
	for ns in "$@"; do
		ip netns add "$ns" || { echo "cannot create netns $ns"; return 1; }
		ip -n "$ns" link set lo up
		T_NETNS="$T_NETNS $ns"
	done
}

ns_exec() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

# bg_track PID: kill PID (and wait) at exit if still running
bg_track() { T_PIDS="$T_PIDS $1"; }

t_cleanup() {
	local p ns
	for p in $T_PIDS; do kill -9 "$p" 2>/dev/null; done
	for ns in $T_NETNS; do
		ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null
		ip netns del "$ns" 2>/dev/null
	done
	rm -rf "$WORK"
}

# has_addr NS ADDR: ADDR is configured in NS
has_addr() { ip -n "$1" -4 addr show 2>/dev/null | grep -q "inet $2[/ ]"; }
# wait_addr NS ADDR [SECS]
wait_addr() { wait_for "${3:-30}" has_addr "$1" "$2"; }
# ppp_ifaces NS: names of ppp interfaces in NS
ppp_ifaces() { ip -n "$1" -o link show 2>/dev/null | awk -F': ' '$2 ~ /^ppp/ { sub(/@.*/, "", $2); print $2 }'; }

# mixed_data BYTES: runs of 16 KiB, text (compressible: counting numbers,
# a line each) and random by turns
mixed_data() {
	python3 -c '
import os, sys
n, out, i, done = int(sys.argv[1]), sys.stdout.buffer, 0, 0
while done < n:
	text = "".join("%d\n" % k for k in range(i * 3000, i * 3000 + 4000)).encode()[:16384]
	chunk = (text + os.urandom(16384))[:n - done]
	out.write(chunk)
	done += len(chunk)
	i += 1' "$1"
}

# proc_kb FILE KEY: the number after "KEY:" in a /proc file (kB there)
proc_kb() { awk -v k="$2" '$1 == k":" { print $2 }' "$1"; }
# slab_kb: the kernel's slab, kB, with reclaimable caches dropped first
slab_kb() { sync; echo 2 > /proc/sys/vm/drop_caches; proc_kb /proc/meminfo Slab; }

. "$(dirname "${BASH_SOURCE[0]}")/../common.sh"

ping_ok() { ip netns exec "$1" ping -c 3 -i 0.2 -W 3 ${3:-} "$2" >/dev/null 2>&1; }

# vm_helper_bin NAME: absolute path of tests/vm/NAME.c built (make check-vm
# builds it into build/kmod-vm; else compiled here, slowly)
vm_helper_bin() {
	local src=tests/vm/$1.c bin=build/kmod-vm/$1
	if ! [ -x "$bin" ] || [ "$src" -nt "$bin" ]; then
		bin=$WORK/$1
		gcc -std=gnu11 -O2 -o "$bin" "$src" >&2 || { echo "cannot build $src" >&2; return 1; }
	fi
	case $bin in /*) echo "$bin" ;; *) echo "$PWD/$bin" ;; esac
}

# transfer FROM_NS TO_NS TO_ADDR MB: TCP bulk transfer, SHA-256 compared;
# sets XFER_RATE (MB/s). Random bytes, or what "$XFER_GEN BYTES" writes.
transfer() {
	local from=$1 to=$2 addr=$3 mb=$4 port=$((5000 + RANDOM % 1000)) lpid t0 t1
	if [ -n "${XFER_GEN:-}" ]; then
		$XFER_GEN "$((mb * 1024 * 1024))" > "$WORK/xfer.in"
	else
		head -c "$((mb * 1024 * 1024))" /dev/urandom > "$WORK/xfer.in"
	fi
	rm -f "$WORK/xfer.out"
	ip netns exec "$to" timeout 300 socat -u TCP-LISTEN:$port,reuseaddr \
		OPEN:"$WORK/xfer.out",creat,trunc &
	lpid=$!
	wait_for 10 sh -c "ip netns exec $to ss -ltn | grep -q ':$port '"
	t0=$(date +%s.%N)
	ip netns exec "$from" timeout 300 socat -u OPEN:"$WORK/xfer.in" TCP:"$addr":$port
	wait $lpid
	t1=$(date +%s.%N)
	XFER_RATE=$(echo "$mb $t0 $t1" | awk '{ printf "%.2f", $1 / ($3 - $2) }')
	[ "$(sha256sum < "$WORK/xfer.in")" = "$(sha256sum < "$WORK/xfer.out" 2>/dev/null)" ]
}

# --- kernel log ------------------------------------------------------------------

# kmsg_mark: remember where the kernel log is now; kmsg_since prints what
# came after. (run.sh fails the whole run on any kernel complaint anyway;
# this is for asserting on the module's own messages.)
kmsg_mark() { T_KMSG=$(dmesg | wc -l); }
kmsg_since() { dmesg | tail -n +$(( ${T_KMSG:-0} + 1 )); }

# save_artifact FILE...: keep files in the results share for the host
save_artifact() {
	mkdir -p "$NLVM_OUT/$T_NAME" && cp -r "$@" "$NLVM_OUT/$T_NAME/" 2>/dev/null
}
