#!/bin/bash
# Boot the Debian kernel in qemu (TCG, no NIC) once and run guest tests in it.
#   scripts/vm/run.sh TEST...      run tests (paths relative to the repo)
#   scripts/vm/run.sh --shell      interactive shell in the VM (Ctrl-A x quits)
# The guest sees the host root read-only and writes results to $VM_OUT over a
# second 9p share. Per test: its log is printed, its "N passed, N failed" line
# is recorded as "name passed failed" in $RESULTS. The guest kernel log is a
# test of its own (vm_kernel_log): any BUG/WARNING/Oops/leak/lockdep/stall,
# or a taint other than O (out-of-tree) and E (unsigned), fails the run.
# Env: KVER, VM_TIMEOUT (whole boot, s), VM_TEST_TIMEOUT (each test, s),
#      VM_OUT, RESULTS, VM_MEM, VM_SMP, VM_APPEND (extra kernel command line).
set -u
cd "$(dirname "$0")/../.." || exit 1
repo=$(pwd -P)

die() { echo "vm: $*" >&2; exit 2; }

KVER=${KVER:-$(ls /lib/modules 2>/dev/null | grep -vxF "$(uname -r)" | sort -V | tail -1)}
[ -n "$KVER" ] && [ -d "/lib/modules/$KVER" ] ||
	die "no guest kernel in /lib/modules (besides the running one): run scripts/install-deps.sh vm"
kernel=/boot/vmlinuz-$KVER
[ -r "$kernel" ] || die "no readable $kernel: install linux-image-$KVER"
command -v qemu-system-x86_64 >/dev/null || die "no qemu-system-x86_64: run scripts/install-deps.sh vm"

VM_TIMEOUT=${VM_TIMEOUT:-2700}
VM_TEST_TIMEOUT=${VM_TEST_TIMEOUT:-600}
VM_OUT=${VM_OUT:-build/vm/out}
RESULTS=${RESULTS:-build/results/vm}
VM_MEM=${VM_MEM:-1024}
VM_SMP=${VM_SMP:-2}
VM_APPEND=${VM_APPEND:-}

shell=0
[ "${1:-}" = --shell ] && { shell=1; shift; }
[ "$shell" = 1 ] || [ $# -gt 0 ] || die "usage: scripts/vm/run.sh TEST... | --shell"
case "$repo" in *[[:space:]]*) die "the repository path must not contain spaces: $repo" ;; esac

tests=()
for t in "$@"; do
	[ -f "$t" ] || die "no such test: $t"
	t=$(realpath "$t")
	case "$t" in
	"$repo"/*) tests+=("${t#"$repo"/}") ;;
	*) die "test $t is outside the repository (the guest sees only the host root, read-only, and tmpfs on /tmp)" ;;
	esac
done

scripts/vm/build-initramfs.sh "$KVER" build/vm/initrd.gz || die "cannot build the initramfs"

# One VM at a time per output directory.
mkdir -p "$VM_OUT"
out=$(cd "$VM_OUT" && pwd -P)
exec 9> "$out.lock"
flock -w "$VM_TIMEOUT" 9 || die "another VM run holds $out.lock"
# Emptied on every run, so refuse a directory that is not ours.
[ -z "$(ls -A "$out")" ] || [ -f "$out/.nlvm-out" ] ||
	die "VM_OUT=$out is not empty and not a previous VM output directory"
find "$out" -mindepth 1 -delete
: > "$out/.nlvm-out"
printf '%s\n' "${tests[@]}" > "$out/tests.list"
echo "$VM_TEST_TIMEOUT" > "$out/test-timeout"

run=scripts/vm/guest-run.sh
[ "$shell" = 1 ] && run=shell
# Serial 0 is the console (as -nographic alone makes it); serial 1, a UART
# whose output goes nowhere, is /dev/ttyS1 for tests that need a real
# serial driver (test_hardening: its transmit buffer is finite).
qemu=(qemu-system-x86_64 -accel tcg -m "$VM_MEM" -smp "$VM_SMP" -nographic -no-reboot -nic none
	-serial mon:stdio -serial null
	-kernel "$kernel" -initrd build/vm/initrd.gz
	-append "console=ttyS0 panic=-1 quiet loglevel=5 nlvm.repo=$repo nlvm.out=$out nlvm.run=$run $VM_APPEND"
	-virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap
	-virtfs "local,path=$out,mount_tag=out,security_model=none")

if [ "$shell" = 1 ]; then
	exec "${qemu[@]}"
fi

strip='s/\x1b\[[0-9;?]*[A-Za-z]//g; s/\x1bc//g; s/\r$//'	# terminal noise from the BIOS
t0=$(date +%s.%N)
timeout -k 10 "$VM_TIMEOUT" "${qemu[@]}" < /dev/null 2>&1 | tee "$out/console.log" |
	sed -u -e "$strip" -e 's/^/  | /'
qrc=${PIPESTATUS[0]}
secs=$(echo "$t0 $(date +%s.%N)" | awk '{ printf "%.1f", $2 - $1 }')
[ "$qrc" = 124 ] && echo "vm: TIMEOUT: the VM ran longer than VM_TIMEOUT=$VM_TIMEOUT s and was killed"
[ "$qrc" != 0 ] && [ "$qrc" != 124 ] && echo "vm: qemu exited with status $qrc"
echo "vm: VM ran $secs s"

mkdir -p "$(dirname "$RESULTS")"
total_f=0
record() { echo "$1 $2 $3" >> "$RESULTS"; total_f=$((total_f + $3)); }

for t in "${tests[@]}"; do
	name=$(basename "$t" .sh)
	log=$out/$name.log
	echo "==== vm $name"
	[ -f "$log" ] && cat "$log"
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" 2>/dev/null | tail -1)
	p=$(echo "$line" | awk '{print $1}') f=$(echo "$line" | awk '{print $3}')
	[ -n "$p" ] || { p=0; f=1; }
	rc=$(cat "$out/$name.rc" 2>/dev/null)
	if [ -z "$rc" ]; then
		echo "vm $name: did not finish (guest hung, crashed or timed out)"
		[ "$f" -eq 0 ] && f=1
	elif [ "$rc" != 0 ]; then
		[ "$rc" = 124 ] && echo "vm $name: timed out after $VM_TEST_TIMEOUT s"
		[ "$f" -eq 0 ] && f=1
	fi
	echo "vm $name: $p passed, $f failed"
	record "$name" "$p" "$f"
done

# The kernel log is a verdict of its own: a test may pass while the module
# warns, leaks or deadlocks underneath it.
bad_re='\<BUG\>|\<WARNING\>|Oops|KASAN|UBSAN|kmemleak|[Ll]eak|lockdep|possible circular locking|possible recursive locking|RCU stall|rcu_.*stall|self-detected stall|general protection|Call Trace|soft lockup|hard LOCKUP|blocked for more than|list_(add|del) corruption|refcount_t:|double free|use-after-free|Kernel panic'
echo "==== vm kernel log"
if [ ! -f "$out/dmesg.txt" ]; then
	echo "vm_kernel_log: no kernel log came back (the guest did not finish); last console lines:"
	tail -30 "$out/console.log" | sed -e "$strip" -e 's/^/  | /'
	grep -aE "$bad_re" "$out/console.log" | sed -e "$strip" -e 's/^/  ! /' | head -60
	record vm_kernel_log 0 1
else
	kfail=0
	# Prefix each line with the test that was running (guest-run.sh's markers).
	awk '/ nlvm: === /{ cur = $NF; next } { print "[" (cur == "" ? "boot" : cur) "]\t" $0 }' \
		"$out/dmesg.txt" | grep -E "	.*($bad_re)" | tr '\t' ' ' > "$out/dmesg.bad"
	if [ -s "$out/dmesg.bad" ]; then
		echo "vm_kernel_log: the guest kernel complained:"
		sed 's/^/  ! /' "$out/dmesg.bad" | head -60
		kfail=1
	fi
	taint=$(cat "$out/tainted" 2>/dev/null || echo unknown)
	# 4096 = O (out-of-tree module), 8192 = E (unsigned module): expected.
	if ! [[ "$taint" =~ ^[0-9]+$ ]] || [ $(( taint & ~(4096 | 8192) )) -ne 0 ]; then
		echo "vm_kernel_log: unexpected kernel taint $taint (only O=4096 and E=8192 are expected)"
		kfail=1
	fi
	echo "vm_kernel_log: taint $taint, $(wc -l < "$out/dmesg.txt") lines, $([ $kfail = 0 ] && echo clean || echo FAILED) (full log: $out/dmesg.txt)"
	if [ $kfail = 0 ]; then record vm_kernel_log 1 0; else record vm_kernel_log 0 1; fi
fi

[ "$qrc" = 0 ] || [ "$total_f" -gt 0 ] || { record vm_boot 0 1; }
[ "$total_f" -eq 0 ] && [ "$qrc" = 0 ]
