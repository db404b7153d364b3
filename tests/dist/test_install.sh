#!/bin/bash
# make install DESTDIR=... writes exactly the expected files with their
# modes, never replaces an existing /etc/init.d/nlppp, and make uninstall
# removes everything it wrote, down to the directories it created.
cd "$(dirname "$0")/../.." || exit 1
. tests/dist/lib.sh
BUILD=${BUILD:-build}
root=$T_TMP/root

expected() {
	cat <<EOT
0755 etc/init.d/nlppp
0644 usr/local/include/linux/nlppp.h
0644 usr/local/lib/systemd/system/nlppp.service
0644 usr/local/lib/systemd/system/nlpppd@.service
0755 usr/local/sbin/nlppp-off
0755 usr/local/sbin/nlppp-on
0755 usr/local/sbin/nlpppctl
0755 usr/local/sbin/nlpppd
0644 usr/local/share/bash-completion/completions/nlpppctl
0644 usr/local/share/bash-completion/completions/nlpppd
0644 usr/local/share/doc/nlppp/README.md
0644 usr/local/share/doc/nlppp/examples/nlppp-peers
0644 usr/local/share/doc/nlppp/examples/peers/nlppp-example
0644 usr/local/share/doc/nlppp/examples/peers/nlppp-server
0644 usr/local/share/man/man4/nlppp.4
0644 usr/local/share/man/man8/nlppp-off.8
0644 usr/local/share/man/man8/nlppp-on.8
0644 usr/local/share/man/man8/nlpppctl.8
0644 usr/local/share/man/man8/nlpppd.8
0644 usr/local/share/nlppp/install-manifest
EOT
}
listing() { (cd "$root" && find . -type f -printf '%m %P\n' | sed 's/^\([0-7]\{3\}\) /0\1 /' | sort -k2); }
inst() { make --no-print-directory -s BUILD="$BUILD" DESTDIR="$root" "$@"; }

mkdir -p "$root"
CURRENT=install
check "make install DESTDIR= succeeds" inst install
check "installs exactly the expected files with their modes" diff <(expected) <(listing)
check "the unit and the scripts name the installed nlpppd" \
	grep -q '^ExecStart=/usr/local/sbin/nlpppd call %i nodetach up_sdnotify$' \
	"$root/usr/local/lib/systemd/system/nlpppd@.service"
check "nlppp-on runs /usr/local/sbin/nlpppd" grep -q 'NLPPPD:-/usr/local/sbin/nlpppd}' "$root/usr/local/sbin/nlppp-on"
check "the installed nlpppd is the built one" cmp "$BUILD/nlpppd" "$root/usr/local/sbin/nlpppd"
check "no /etc/ppp file is installed" test ! -e "$root/etc/ppp"
check "a second install gives the same listing" bash -c "$(declare -f inst listing expected); root=$root BUILD=$BUILD; inst install >/dev/null && diff <(expected) <(listing)"

CURRENT=uninstall
check "make uninstall succeeds" inst uninstall
left=$(cd "$root" && find . -mindepth 1 | head)
if [ -z "$left" ]; then ok "nothing is left, not even a directory"; else fail "left behind: $left"; fi

CURRENT=keep
mkdir -p "$root/etc/init.d" "$root/usr/local/share/man"
echo "the admin's own" > "$root/etc/init.d/nlppp"
check "install with an existing /etc/init.d/nlppp succeeds" inst install
check "the existing init script is left as it was" grep -qx "the admin's own" "$root/etc/init.d/nlppp"
check "uninstall succeeds" inst uninstall
check "the admin's init script survives uninstall" grep -qx "the admin's own" "$root/etc/init.d/nlppp"
check "directories that existed before stay" test -d "$root/usr/local/share/man"
check "directories install created are gone" test ! -e "$root/usr/local/sbin"

CURRENT=prefix
rm -rf "$root" && mkdir -p "$root"
check "PREFIX=/usr installs under /usr/sbin" bash -c "make --no-print-directory -s BUILD=$BUILD DESTDIR=$root PREFIX=/usr install >/dev/null && test -x $root/usr/sbin/nlpppd && grep -q NLPPPD:-/usr/sbin/nlpppd $root/usr/sbin/nlppp-on"
check "and uninstalls with the same PREFIX" bash -c "make --no-print-directory -s BUILD=$BUILD DESTDIR=$root PREFIX=/usr uninstall && [ -z \"\$(find $root -mindepth 1)\" ]"
finish
