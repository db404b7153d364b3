#!/bin/bash
# Guest side of scripts/vm/run.sh: runs inside the VM, chrooted into the
# host's root (read-only), with $NLVM_OUT a writable share back to the host.
# Runs each test listed in $NLVM_OUT/tests.list (paths relative to the repo)
# with a timeout, output to $NLVM_OUT/<name>.log and exit status to
# $NLVM_OUT/<name>.rc; then saves the kernel log and taint flags.
set -u
repo=${NLVM_REPO:?} out=${NLVM_OUT:?}
cd "$repo" || exit 1
tmo=$(cat "$out/test-timeout" 2>/dev/null || echo 600)
KVER=$(uname -r)
export NLVM_REPO NLVM_OUT KVER

echo "vm: up after $(cut -d' ' -f1 /proc/uptime) s, kernel $KVER"
while read -r t; do
	[ -n "$t" ] || continue
	name=$(basename "$t" .sh)
	start=$(cut -d' ' -f1 /proc/uptime)
	echo "vm: $name ..."
	# A marker in the kernel log: run.sh names the test a complaint came from.
	echo "<6>nlvm: === $name" > /dev/kmsg
	# timeout signals its whole process group: the test and its children.
	timeout -k 10 "$tmo" bash "$t" > "$out/$name.log" 2>&1 < /dev/null
	rc=$?
	[ "$rc" = 124 ] && echo "vm: $name timed out after $tmo s" >> "$out/$name.log"
	echo "$rc" > "$out/$name.rc"
	echo "vm: $name exit $rc ($(awk -v s="$start" '{ printf "%.1f", $1 - s }' /proc/uptime) s)"
done < "$out/tests.list"

dmesg > "$out/dmesg.txt" 2>&1
cat /proc/sys/kernel/tainted > "$out/tainted"
sync
echo "vm: done after $(cut -d' ' -f1 /proc/uptime) s"
