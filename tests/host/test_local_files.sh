#!/bin/bash
# What a hostile local user can plant around the daemon: symlinks where it
# writes its pid files, log file and resolv.conf; signal state and umask
# its scripts inherit; a set-uid copy; an options file others can write.
cd "$(dirname "$0")/../.." || exit 1
. tests/host/lib.sh
require_root_netns
trap ns_cleanup EXIT
ns_setup

BASE_A="run-dir $WORK/a/run lock-dir $WORK/lock noauth $IP_A:$IP_B"
BASE_B="run-dir $WORK/b/run lock-dir $WORK/lock noauth"

# victim NAME: a file someone's symlink points at; prints its path.
victim() {
	printf 'precious %s\n' "$1" > "$WORK/victim-$1"
	chmod 600 "$WORK/victim-$1"
	echo "$WORK/victim-$1"
}
unchanged() { [ "$(sha256sum < "$1")" = "$(sha256sum <<< "precious $2")" ]; }

# Pid files: symlinks at <run-dir>/ppp0.pid and ppp-<linkname>.pid.
CURRENT=pidfile-symlink
ln -s "$(victim pid)" "$WORK/a/run/ppp0.pid"
ln -s "$(victim linkpid)" "$WORK/a/run/ppp-lf.pid"
start_pair "$BASE_A linkname lf" "$BASE_B"
if wait_up; then
	sleep 0.5
	check "the victim of ppp0.pid is unchanged" unchanged "$WORK/victim-pid" pid
	check "the victim of ppp-lf.pid is unchanged" unchanged "$WORK/victim-linkpid" linkpid
	check "ppp0.pid is now a regular file" test -f "$WORK/a/run/ppp0.pid" -a ! -L "$WORK/a/run/ppp0.pid"
	check "ppp0.pid names A" grep -qx "$PID_A" "$WORK/a/run/ppp0.pid"
	check "ppp0.pid is mode 0644" test "$(stat -c %a "$WORK/a/run/ppp0.pid")" = 644
	check "ppp-lf.pid names A and ppp0" sh -c "printf '%s\nppp0\n' $PID_A | cmp -s - $WORK/a/run/ppp-lf.pid"
	check "the link works" ping_ok "$NS_A" "$IP_B"
else fail "link did not come up"; fi
stop_pair
check "A exits 5" test "$A_STATUS" = 5
check "the victims are still unchanged" sh -c \
	"[ \"\$(cat $WORK/victim-pid $WORK/victim-linkpid)\" = \"\$(printf 'precious pid\nprecious linkpid')\" ]"
check "nothing left behind" no_leftovers
rm -f "$WORK"/a/run/*

# logfile: a symlink there is refused like pppd refuses a log file it
# cannot open: one line, exit status 2, the target untouched.
CURRENT=logfile-symlink
ln -s "$(victim log)" "$WORK/a/link.log"
ip netns exec "$NS_A" timeout 20 "$NLPPPD" etc-dir "$WORK/a/etc" nodetach $BASE_A \
	logfile "$WORK/a/link.log" pty "sleep 5" > "$WORK/a.out" 2>&1
rc=$?
check "nlpppd exits 2" test "$rc" = 2
check "with one line naming the log file" sh -c \
	"[ \$(wc -l < $WORK/a.out) = 1 ] && grep -q 'logfile $WORK/a/link.log' $WORK/a.out"
check "the victim is unchanged" unchanged "$WORK/victim-log" log
mkfifo "$WORK/a/fifo.log"
ip netns exec "$NS_A" timeout 20 "$NLPPPD" etc-dir "$WORK/a/etc" nodetach $BASE_A \
	logfile "$WORK/a/fifo.log" pty "sleep 5" > "$WORK/a.out" 2>&1
rc=$?
check "a FIFO as logfile: exit 2 without hanging" test "$rc" = 2
rm -f "$WORK/a/fifo.log" "$WORK/a/link.log"

# resolv.conf (usepeerdns): symlinks at resolv.conf and at the name a
# careless writer would use for its temporary file.
CURRENT=resolv-symlink
ln -s "$(victim resolv)" "$WORK/b/etc/resolv.conf"
ln -s "$(victim resolvtmp)" "$WORK/b/etc/resolv.conf.tmp"
start_pair "$BASE_A ms-dns 10.77.9.1" "$BASE_B usepeerdns"
if wait_up; then
	sleep 1
	check "B's resolv.conf is a regular file now" test -f "$WORK/b/etc/resolv.conf" -a ! -L "$WORK/b/etc/resolv.conf"
	check "with the peer's DNS" grep -qx "nameserver 10.77.9.1" "$WORK/b/etc/resolv.conf"
	check "resolv.conf is mode 0644" test "$(stat -c %a "$WORK/b/etc/resolv.conf")" = 644
	check "the victim of resolv.conf is unchanged" unchanged "$WORK/victim-resolv" resolv
	check "the victim of resolv.conf.tmp is unchanged" unchanged "$WORK/victim-resolvtmp" resolvtmp
	check "the link works" ping_ok "$NS_B" "$IP_A"
else fail "link did not come up"; fi
stop_pair
sleep 0.5
check "the old resolv.conf (the symlink) is put back" test -L "$WORK/b/etc/resolv.conf"
check "the victims are still unchanged" sh -c \
	"[ \"\$(cat $WORK/victim-resolv $WORK/victim-resolvtmp)\" = \"\$(printf 'precious resolv\nprecious resolvtmp')\" ]"
check "no temporary files left in etc" sh -c "[ -z \"\$(ls $WORK/b/etc | grep -v -x -e resolv.conf -e resolv.conf.tmp)\" ]"
rm -f "$WORK/b/etc/resolv.conf" "$WORK/b/etc/resolv.conf.tmp"
check "nothing left behind" no_leftovers

# What scripts inherit: no blocked or ignored SIGTERM/SIGPIPE (the loop
# blocks signals for its signalfd and ignores SIGPIPE), pppd's umask (the
# starting one | 022, here from 000), "/" as working directory. A starts
# in a directory of its own with a relative `file` and run-dir, which
# still mean what they meant there.
CURRENT=script-state
# awk, not sh: dash clears its blocked mask at startup and would hide it.
cat > "$WORK/a/etc/ip-up" <<EOS
#!/usr/bin/awk -f
BEGIN {
	while ((getline l < "/proc/self/status") > 0)
		if (l ~ /^Sig(Blk|Ign)/)
			print l > "$WORK/a/sig"
	system("umask > $WORK/a/umask; pwd > $WORK/a/cwd")
	print ARGV[6] > "$WORK/a/ipparam"
}
EOS
chmod 755 "$WORK/a/etc/ip-up"
mkdir -p "$WORK/a/here/run"
echo "ipparam from-relative-file" > "$WORK/a/here/rel.opts"
here=$(pwd)
old_umask=$(umask)
cd "$WORK/a/here" && umask 000
start_pair "run-dir run file rel.opts lock-dir $WORK/lock noauth $IP_A:$IP_B" "$BASE_B"
umask "$old_umask"; cd "$here" || exit 1
# sigbits NAME: the SIGPIPE (13) and SIGTERM (15) bits of Sig<NAME> the hook saw
sigbits() { local v; v=$(awk -v k="Sig$1:" '$1 == k { print $2 }' "$WORK/a/sig")
	[ -n "$v" ] && echo $(( 0x$v & (1 << 12 | 1 << 14) )); }
if wait_up; then
	for _ in $(seq 20); do [ -s "$WORK/a/ipparam" ] && break; sleep 0.2; done
	check "ip-up ran" test -s "$WORK/a/sig"
	check "nothing blocked in ip-up" grep -Eq '^SigBlk:[[:space:]]+0+$' "$WORK/a/sig"
	# Signals 1-31. 32 and 33 are glibc's own (libc refuses to change them;
	# GNU make, for one, starts its children with them ignored) and every
	# glibc program installs its handlers for them itself.
	check "nothing ignored in ip-up (signals 1-31)" sh -c \
		"v=\$(awk '\$1 == \"SigIgn:\" { print \$2 }' '$WORK/a/sig'); [ -n \"\$v\" ] && [ \$(( 0x\$v & 0x7fffffff )) = 0 ]"
	check "SIGTERM and SIGPIPE not ignored in ip-up" test "$(sigbits Ign)" = 0
	check "ip-up runs with umask 0022" grep -qx 0022 "$WORK/a/umask"
	check "ip-up runs in /" grep -qx / "$WORK/a/cwd"
	check "a relative 'file' is read from the starting directory" \
		grep -qx from-relative-file "$WORK/a/ipparam"
	check "a relative run-dir is under the starting directory" \
		grep -qx "$PID_A" "$WORK/a/here/run/ppp0.pid"
	check "the pid file is 0644 under umask 000" \
		test "$(stat -c %a "$WORK/a/here/run/ppp0.pid")" = 644
else fail "link did not come up"; fi
stop_pair
check "A exits 5" test "$A_STATUS" = 5
rm -f "$WORK/a/etc/ip-up"
check "nothing left behind" no_leftovers

# A set-uid copy run by nobody: refused before any option is read.
CURRENT=setuid
suid_dir=$(mktemp -d /tmp/nlppp-suid.XXXXXX)
chmod 755 "$suid_dir"
cp "$NLPPPD" "$suid_dir/nlpppd"
chown root:root "$suid_dir/nlpppd" && chmod 4755 "$suid_dir/nlpppd"
setpriv --reuid=65534 --regid=65534 --clear-groups "$suid_dir/nlpppd" dryrun notty \
	> "$WORK/suid.out" 2>&1
rc=$?
check "a set-uid nlpppd exits 3" test "$rc" = 3
check "with the one line 'nlpppd: refusing to run set-uid'" sh -c \
	"[ \"\$(cat $WORK/suid.out)\" = 'nlpppd: refusing to run set-uid' ]"
cp "$NLPPPD" "$suid_dir/plain" && chmod 755 "$suid_dir/plain"
HOME=/nonexistent setpriv --reuid=65534 --regid=65534 --clear-groups "$suid_dir/plain" etc-dir /nonexistent \
	dryrun notty > /dev/null 2>&1
check "the same binary without the set-uid bit still does a dryrun for nobody" test $? = 0
rm -rf "$suid_dir"

# Options files others can write (which would let them run commands as root
# through pty) are refused, naming the file, with exit status 2.
CURRENT=options-file-owner
mkdir -p "$WORK/opts/peers"
echo "noauth" > "$WORK/opts/ok"; chmod 644 "$WORK/opts/ok"
cp "$WORK/opts/ok" "$WORK/opts/world"; chmod 666 "$WORK/opts/world"
cp "$WORK/opts/ok" "$WORK/opts/nobody"; chown 65534 "$WORK/opts/nobody"
cp "$WORK/opts/ok" "$WORK/opts/nobodyg"; chown 65534 "$WORK/opts/nobodyg"; chmod 664 "$WORK/opts/nobodyg"
cp "$WORK/opts/ok" "$WORK/opts/peers/isp"; chmod 646 "$WORK/opts/peers/isp"
cp "$WORK/opts/ok" "$WORK/opts/options"; chmod 622 "$WORK/opts/options"
dry() { "$NLPPPD" etc-dir "$WORK/opts" "$@" notty dryrun > "$WORK/dry.out" 2>&1; echo $?; }
one_line_naming() { [ "$(wc -l < "$WORK/dry.out")" = 1 ] && grep -q "$1" "$WORK/dry.out"; }
mv "$WORK/opts/options" "$WORK/opts/options.off"
check "a root-owned 0644 file is read" test "$(dry file "$WORK/opts/ok")" = 0
check "a world-writable file: exit 2" test "$(dry file "$WORK/opts/world")" = 2
check "  with one line naming it" one_line_naming "$WORK/opts/world"
check "a file owned by another user: exit 2" test "$(dry file "$WORK/opts/nobody")" = 2
check "  with one line naming it" one_line_naming "$WORK/opts/nobody"
check "a group-writable file of another user: exit 2" test "$(dry file "$WORK/opts/nobodyg")" = 2
check "a world-writable peers file (call): exit 2" test "$(dry call isp)" = 2
check "  with one line naming it" one_line_naming "$WORK/opts/peers/isp"
mv "$WORK/opts/options.off" "$WORK/opts/options"
check "a world-writable <etc>/options: exit 2" test "$(dry noauth)" = 2
check "  with one line naming it" one_line_naming "$WORK/opts/options"
rm -f "$WORK/opts/options"
"$NLPPPD" etc-dir "$WORK/opts" file <(echo noauth) notty dryrun > /dev/null 2>&1
check "a pipe still works (file <(echo ...))" test $? = 0

finish
