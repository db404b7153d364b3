#!/bin/bash
# The Debian packages as an admin installs them: `dpkg -i` of nlppp and
# nlppp-dkms (built on the host by `make deb`) in a root of our own, an
# overlay whose writes go to tmpfs on top of the host's read-only root.
# nlppp-dkms's postinst has DKMS build nlppp.ko for the running kernel
# (its headers are the host's); `modprobe nlppp` loads that build, not the
# tree's kmod/nlppp.ko; and `nlpppd call NAME` from a peers file in
# /etc/ppp/peers brings a link up on the kernel plane against a second
# installed nlpppd in another netns, and the installed nlppp-on/nlppp-off
# start and end it. Removing nlppp-dkms removes the module. The DKMS
# build's guest time is printed (TCG is slow).
cd "$(dirname "$0")/../.." || exit 1
. tests/vm/lib.sh
require_vm

VERSION=$(sed -n 's/^VERSION := //p' Makefile)
DEB=$NLVM_REPO/build/deb-out/nlppp_${VERSION}_amd64.deb
DKMS_DEB=$NLVM_REPO/build/deb-out/nlppp-dkms_${VERSION}_all.deb
O=$WORK/root		# the overlay root: host root below, tmpfs above
NS_A=da NS_B=db
IP_A=10.92.0.1 IP_B=10.92.0.2
KO=/lib/modules/$KVER/updates/dkms/nlppp.ko

in_root() { chroot "$O" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "$@"; }

umount_root() {
	local m
	# Deepest first.
	for m in $(awk -v o="$O" '$2 == o || index($2, o "/") == 1 { print $2 }' /proc/mounts | sort -r); do
		umount -l "$m" 2>/dev/null
	done
}
cleanup() {
	[ -n "${PID_A:-}" ] && kill -9 "$PID_A" 2>/dev/null
	rmmod nlppp 2>/dev/null
	umount_root
	t_cleanup
}
trap cleanup EXIT

CURRENT=setup
if ! [ -s "$DEB" ] || ! [ -s "$DKMS_DEB" ]; then
	fail "no packages in build/deb-out: make deb (make check-vm builds them)"; finish; exit 1
fi
check "the host root is read-only here" sh -c "! touch /usr/.nlppp-dkms-test 2>/dev/null"
rmmod nlppp 2>/dev/null
mkdir -p "$WORK/ov/upper" "$WORK/ov/work" "$O"
if ! mount -t overlay overlay -o "lowerdir=/,upperdir=$WORK/ov/upper,workdir=$WORK/ov/work" "$O"; then
	fail "cannot mount an overlay on the host root"; finish; exit 1
fi
ok "overlay root: host root (9p, read-only) below, tmpfs above"
mount -t proc proc "$O/proc"
mount --rbind /sys "$O/sys"
mount --rbind /dev "$O/dev"
for d in /run /tmp /var/tmp; do mount -t tmpfs -o mode=1777 tmp "$O$d"; done
mkdir -p "$O/run/lock" "$O/run/netns"
# No service may start in here, and no man-db index rebuild (slow under TCG).
printf '#!/bin/sh\nexit 101\n' > "$O/usr/sbin/policy-rc.d"
chmod 755 "$O/usr/sbin/policy-rc.d"
rm -f "$O/var/lib/man-db/auto-update"
# The guest kernel's headers, copied once from 9p to tmpfs mounted over
# them: the compiler then looks its thousands of includes up in memory.
# The same files: DKMS builds against them as it would on the host.
t0=$(cut -d' ' -f1 /proc/uptime)
for h in $(cd /usr/src && ls -d linux-headers-"${KVER%-*}"-common linux-headers-"$KVER" 2>/dev/null); do
	mount -t tmpfs tmp "$O/usr/src/$h" && cp -a "/usr/src/$h/." "$O/usr/src/$h/"
done
echo "     kernel headers copied to tmpfs in $(awk -v s="$t0" '{ printf "%.1f", $1 - s }' /proc/uptime) s"
check "no DKMS state for nlppp before" sh -c "! [ -e $O/var/lib/dkms/nlppp ]"

CURRENT=dpkg
if in_root dpkg -i "$DEB" > "$WORK/dpkg-nlppp.log" 2>&1; then ok "dpkg -i nlppp"
else fail "dpkg -i nlppp"; tail -20 "$WORK/dpkg-nlppp.log"; fi
t0=$(cut -d' ' -f1 /proc/uptime)
if in_root dpkg -i "$DKMS_DEB" > "$WORK/dpkg-dkms.log" 2>&1; then ok "dpkg -i nlppp-dkms"
else fail "dpkg -i nlppp-dkms"; tail -40 "$WORK/dpkg-dkms.log"; fi
secs=$(awk -v s="$t0" '{ printf "%.1f", $1 - s }' /proc/uptime)
echo "     dpkg -i nlppp-dkms (DKMS build for $KVER, make -j$(nproc)): $secs s of guest time"
sed 's/^/     | /' "$WORK/dpkg-dkms.log" | grep -iE 'building|installing|signing|error|depmod' | head -12
mlog=$O/var/lib/dkms/nlppp/$VERSION/$KVER/$(uname -m)/log/make.log
# DKMS dates its make.log when make starts; the file's mtime is when it ended.
if start=$(date -d "$(sed -n 2p "$mlog" 2>/dev/null)" +%s 2>/dev/null) && end=$(stat -c %Y "$mlog" 2>/dev/null); then
	echo "     of which the module's make (make.log): $((end - start)) s"
fi
check "dkms status: nlppp/$VERSION installed for $KVER" \
	sh -c "chroot $O dkms status nlppp/$VERSION -k $KVER | grep -q ': installed'"
check "the module is in $KO" test -s "$O$KO"
check "both packages are installed (dpkg -s)" in_root dpkg -s nlppp nlppp-dkms
check "nothing of it reached the host root" sh -c "! [ -e $KO ] && ! [ -e /usr/sbin/nlpppd ] && ! [ -e /var/lib/dkms/nlppp ]"

CURRENT=modprobe
if in_root modprobe -v nlppp > "$WORK/modprobe.log" 2>&1; then ok "modprobe nlppp"
else fail "modprobe nlppp: $(cat "$WORK/modprobe.log")"; fi
check "it loaded DKMS's build ($(grep -o '/[^ ]*nlppp.ko' "$WORK/modprobe.log"))" grep -q "insmod $KO" "$WORK/modprobe.log"
check "nlppp is loaded" test -d /sys/module/nlppp
check "modules-load.d names it" grep -qx nlppp "$O/usr/lib/modules-load.d/nlppp.conf"

CURRENT=call
ns_add "$NS_A" "$NS_B" || { finish; exit 1; }
mount --rbind /run/netns "$O/run/netns"
mkdir -p "$O/etc/ppp/peers"
# The admin's own options file (the host's is pppd's, with options for a modem).
echo '# nlpppd test: no global options' > "$O/etc/ppp/options"
cat > "$O/etc/ppp/peers/dkmstest" <<EOF
# The far end: the installed nlpppd again, in netns $NS_B.
pty "ip netns exec $NS_B /usr/sbin/nlpppd notty noauth dataplane kernel"
noauth
dataplane kernel
$IP_A:$IP_B
EOF
ip netns exec "$NS_A" chroot "$O" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
	/usr/sbin/nlpppd call dkmstest nodetach debug > "$WORK/a.log" 2>&1 &
PID_A=$!
bg_track $PID_A
watch_log "$WORK/a.log"
if wait_addr "$NS_A" $IP_A 60 && wait_addr "$NS_B" $IP_B 60; then
	ok "nlpppd call dkmstest: the link is up"
	check "on the kernel data plane" grep -q "kernel data plane" "$WORK/a.log"
	check "ppp0 is the module's (nlppp/ in sysfs)" ip netns exec "$NS_A" test -d /sys/class/net/ppp0/nlppp
	check "ping A->B" ping_ok "$NS_A" $IP_B
else
	fail "the link did not come up"
fi
kill -TERM "$PID_A" 2>/dev/null
wait_gone 30 "$PID_A" && ok "nlpppd ends on TERM" || fail "nlpppd did not end"
PID_A=
check "no nlpppd left" wait_for 20 sh -c "! pgrep -x nlpppd >/dev/null"

# The installed pon/poff on the kernel plane.
CURRENT=nlppp-on
if ip netns exec "$NS_A" chroot "$O" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
	timeout 60 /usr/sbin/nlppp-on dkmstest > "$WORK/on.log" 2>&1; then
	ok "nlppp-on dkmstest returns (nlpppd detached)"
else
	fail "nlppp-on dkmstest: $(cat "$WORK/on.log")"
fi
check "the link comes up" wait_addr "$NS_A" $IP_A 60
check "ping A->B" ping_ok "$NS_A" $IP_B
check "nlppp-off dkmstest" in_root /usr/sbin/nlppp-off dkmstest
check "the link goes down: no nlpppd left" wait_for 30 sh -c "! pgrep -x nlpppd >/dev/null"
check "ppp0 is gone" wait_for 20 sh -c "! ip -n $NS_A -o link show | grep -q ' ppp'"
check "rmmod nlppp" wait_for 10 rmmod nlppp

CURRENT=remove
check "dpkg -r nlppp-dkms" in_root dpkg -r nlppp-dkms
check "DKMS removed the module" sh -c "! [ -e $O$KO ]"

finish
