#!/bin/bash
# make deb builds nlppp and nlppp-dkms with dpkg-buildpackage, debhelper and
# dh-dkms; the packages hold what they should (programs, units, docs; the
# module's source, DKMS hooks, modules-load.d) and lintian reports no error.
cd "$(dirname "$0")/../.." || exit 1
. tests/dist/lib.sh
out=build/deb-out

CURRENT=build
t0=$(date +%s)
check "make deb succeeds" make --no-print-directory -s deb
echo "    (make deb took $(( $(date +%s) - t0 )) s)"
deb=$out/nlppp_0.1_amd64.deb dkms=$out/nlppp-dkms_0.1_all.deb
check "both packages are built" test -s "$deb" -a -s "$dkms"
contents() { dpkg-deb -c "$1" | awk '{print $6}' | sed 's|^\./|/|'; }

CURRENT=nlppp
for f in /usr/sbin/nlpppd /usr/sbin/nlpppctl /usr/sbin/nlppp-on /usr/sbin/nlppp-off \
	/lib/systemd/system/nlpppd@.service /lib/systemd/system/nlppp.service /etc/init.d/nlppp /usr/share/man/man8/nlpppd.8.gz \
	/usr/share/man/man4/nlppp.4.gz /usr/share/bash-completion/completions/nlpppd \
	/usr/share/doc/nlppp/examples/peers/nlppp-example; do
	contents "$deb" | grep -qxF "$f" || { fail "nlppp lacks $f"; missing=1; }
done
[ -z "${missing:-}" ] && ok "nlppp holds the programs, unit, init script, man pages, completions, examples"
check "nlppp writes nothing under /etc/ppp and no module source" \
	bash -c "! dpkg-deb -c $deb | awk '{print \$6}' | grep -E '^\./(etc/ppp|usr/src)/'"
check "the unit runs /usr/sbin/nlpppd" \
	bash -c "dpkg-deb --fsys-tarfile $deb | tar xOf - ./lib/systemd/system/nlpppd@.service | grep -q '^ExecStart=/usr/sbin/nlpppd '"

CURRENT=nlppp-dkms
check "nlppp-dkms holds dkms.conf, Kbuild and the module's sources" \
	bash -c "c=\$(dpkg-deb -c $dkms | awk '{print \$6}'); for f in dkms.conf Kbuild kmod/Kbuild kmod/main.c include/uapi/linux/nlppp.h libppp/fcs.c; do grep -qx ./usr/src/nlppp-0.1/\$f <<< \"\$c\" || exit 1; done"
check "and loads the module at boot (modules-load.d)" \
	bash -c "dpkg-deb -c $dkms | grep -q './usr/lib/modules-load.d/nlppp.conf'"
mkdir -p "$T_TMP/ctl"
dpkg-deb -e "$dkms" "$T_TMP/ctl"
check "its postinst hands the source to DKMS" grep -q "dkms" "$T_TMP/ctl/postinst"
check "it depends on dkms" bash -c "dpkg-deb -f $dkms Depends | grep -q dkms"

# What DKMS does with it (dkms.conf's MAKE line on a copy of the source),
# without registering anything with the system's dkms.
kver=$(ls /lib/modules 2>/dev/null | sort -V | while read -r k; do [ -d "/lib/modules/$k/build" ] && echo "$k"; done | tail -1)
if [ -n "$kver" ]; then
	mkdir -p "$T_TMP/x" "$T_TMP/dkms"
	dpkg-deb -x "$dkms" "$T_TMP/x"
	cp -a "$T_TMP/x/usr/src/nlppp-0.1" "$T_TMP/dkms/build"
	mk=$(kernel_source_dir=/lib/modules/$kver/build dkms_tree=$T_TMP/dkms
		. "$T_TMP/dkms/build/dkms.conf"
		echo "${MAKE[0]}" | sed "s|$T_TMP/dkms/nlppp/0.1/build|$T_TMP/dkms/build|")
	echo "    $mk"
	check "the packaged source builds nlppp.ko for $kver as dkms.conf says" \
		bash -c "cd $T_TMP/dkms/build && env -u MAKEFLAGS $mk >/dev/null && test -s kmod/nlppp.ko"
else
	ok "no kernel headers installed: module build skipped"
fi

CURRENT=lintian
lintian --fail-on error "$out"/*.changes > "$T_TMP/lintian.out" 2>&1
rc=$?
sed 's/^/    /' "$T_TMP/lintian.out"
[ $rc = 0 ] && ok "no errors ($(grep -c '^W:' "$T_TMP/lintian.out") warnings)" || fail "lintian reports errors"
finish
