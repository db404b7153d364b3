#!/bin/sh
# make install / make uninstall. Installs the list below under $DESTDIR and
# records in a manifest every file it wrote and every directory it created,
# so that uninstall removes exactly those (files under /etc that already
# existed are left as they are, and not recorded).
# Usage: scripts/install.sh install|uninstall  (paths from the environment,
# set by the Makefile: PREFIX SBINDIR MANDIR INCLUDEDIR DATADIR DOCDIR
# BASHCOMPDIR SYSTEMDUNITDIR SYSCONFDIR, DESTDIR, and GEN: generated files)
set -eu
: "${DESTDIR:=}" "${BUILD:=build}" "${GEN:=$BUILD/dist}"
manifest=$DATADIR/nlppp/install-manifest

# src dest mode [keep]: "keep" never replaces an existing file (/etc).
list() {
	cat <<EOT
$BUILD/nlpppd $SBINDIR/nlpppd 0755
$BUILD/nlpppctl $SBINDIR/nlpppctl 0755
$GEN/nlppp-on $SBINDIR/nlppp-on 0755
$GEN/nlppp-off $SBINDIR/nlppp-off 0755
docs/nlpppd.8 $MANDIR/man8/nlpppd.8 0644
docs/nlpppctl.8 $MANDIR/man8/nlpppctl.8 0644
docs/nlppp-on.8 $MANDIR/man8/nlppp-on.8 0644
docs/nlppp-off.8 $MANDIR/man8/nlppp-off.8 0644
docs/nlppp.4 $MANDIR/man4/nlppp.4 0644
include/uapi/linux/nlppp.h $INCLUDEDIR/linux/nlppp.h 0644
$GEN/nlpppd.bash $BASHCOMPDIR/nlpppd 0644
dist/bash-completion/nlpppctl $BASHCOMPDIR/nlpppctl 0644
$GEN/nlpppd@.service $SYSTEMDUNITDIR/nlpppd@.service 0644
$GEN/nlppp.service $SYSTEMDUNITDIR/nlppp.service 0644
$GEN/nlppp.init $SYSCONFDIR/init.d/nlppp 0755 keep
README.md $DOCDIR/README.md 0644
dist/examples/peers/nlppp-example $DOCDIR/examples/peers/nlppp-example 0644
dist/examples/peers/nlppp-server $DOCDIR/examples/peers/nlppp-server 0644
dist/examples/nlppp-peers $DOCDIR/examples/nlppp-peers 0644
EOT
}

# mkdirs DIR: create DIR and its missing parents, recording each created one.
mkdirs() {
	[ -d "$DESTDIR$1" ] && return 0
	[ "$1" = / ] && { mkdir -p "$DESTDIR"; return 0; }
	mkdirs "$(dirname "$1")"
	mkdir -m 0755 "$DESTDIR$1"
	echo "d $1" >> "$rec"
}

do_install() {
	rec=$(mktemp)
	# A re-install keeps what the last one created (directories, /etc files).
	[ -r "$DESTDIR$manifest" ] && grep -v "^f $manifest\$" "$DESTDIR$manifest" > "$rec"
	list | while read -r src dst mode keep; do
		[ -r "$src" ] || { echo "install: $src is missing (run make first)" >&2; exit 1; }
		mkdirs "$(dirname "$dst")"
		if [ "${keep:-}" = keep ] && [ -e "$DESTDIR$dst" ] && ! grep -qxF "f $dst" "$rec"; then
			echo "install: $DESTDIR$dst exists; left as it is (ours: $src)"
			continue
		fi
		install -m "$mode" "$src" "$DESTDIR$dst"
		grep -qxF "f $dst" "$rec" || echo "f $dst" >> "$rec"
		echo "  $DESTDIR$dst"
	done
	mkdirs "$(dirname "$manifest")"
	echo "f $manifest" >> "$rec"
	install -m 0644 "$rec" "$DESTDIR$manifest"
	rm -f "$rec"
}

do_uninstall() {
	if [ ! -r "$DESTDIR$manifest" ]; then
		echo "uninstall: no $DESTDIR$manifest: nothing installed with this PREFIX and DESTDIR" >&2
		exit 1
	fi
	rec=$(mktemp)
	cp "$DESTDIR$manifest" "$rec"
	grep '^f ' "$rec" | cut -c3- | while read -r f; do rm -f "$DESTDIR$f"; done
	# Directories last, deepest first; one something else put files in stays.
	grep '^d ' "$rec" | cut -c3- | sort -r | while read -r d; do
		rmdir "$DESTDIR$d" 2>/dev/null || true
	done
	rm -f "$rec"
}

case ${1:-} in
install) do_install ;;
uninstall) do_uninstall ;;
*) echo "usage: $0 install|uninstall" >&2; exit 2 ;;
esac
