#!/bin/sh
# Build the test VM's initramfs: static busybox, scripts/vm/init as /init, and
# the guest kernel's virtio + 9p modules (with their dependencies, in load
# order) so /init can mount the host root over virtio-9p and chroot into it.
# Rebuilds only when an input changes: a hash of every input is kept next to
# the image.
# Usage: scripts/vm/build-initramfs.sh KVER [OUT]   (OUT: build/vm/initrd.gz)
set -eu
kver=${1:?usage: build-initramfs.sh KVER [OUT]}
out=${2:-build/vm/initrd.gz}
here=$(dirname "$0")
moddir=/lib/modules/$kver
busybox=${BUSYBOX:-/bin/busybox}
# The modules /init needs; their dependencies are pulled in from modules.dep.
want="virtio_pci 9pnet_virtio 9p"

die() { echo "build-initramfs: $*" >&2; exit 1; }
[ -f "$moddir/modules.dep" ] || die "no $moddir/modules.dep: is linux-image-$kver installed?"
[ -x "$busybox" ] || die "no $busybox: install busybox-static"
# A dynamic binary names its loader; the initramfs has no libc to load.
! grep -qa '/ld-linux' "$busybox" || die "$busybox is not statically linked: install busybox-static"

# path_of NAME: the module's path relative to $moddir, from modules.dep
path_of() {
	awk -F: -v n="$1" '{ p = $1; sub(/.*\//, "", p); sub(/\.ko(\.[a-z]+)?$/, "", p);
		gsub(/-/, "_", p); if (p == n) { print $1; exit } }' "$moddir/modules.dep"
}
deps_of() { awk -F: -v p="$1" '$1 == p { print $2; exit }' "$moddir/modules.dep"; }

# order PATH: print PATH's dependencies depth first, then PATH (may repeat;
# duplicates are dropped below, keeping the first = earliest needed).
order() {
	local p d
	p=$1
	for d in $(deps_of "$p" | tr ' ' '\n' | sed '/^$/d' | tac); do order "$d"; done
	echo "$p"
}

list=
for m in $want; do
	p=$(path_of "$m")
	[ -n "$p" ] || die "module $m not found in $moddir/modules.dep"
	list="$list $(order "$p")"
done
list=$(echo "$list" | tr ' ' '\n' | sed '/^$/d' | awk '!seen[$0]++')

hash=$( {
	echo "kver $kver"
	for f in "$0" "$here/init" "$busybox"; do sha256sum < "$f"; done
	for p in $list; do echo "$p"; sha256sum < "$moddir/$p"; done
} | sha256sum | cut -d' ' -f1)
if [ -f "$out" ] && [ "$(cat "$out.hash" 2>/dev/null)" = "$hash" ]; then
	exit 0
fi

stage=$(mktemp -d "${TMPDIR:-/tmp}/nlppp-initramfs.XXXXXX")
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/bin" "$stage/modules" "$stage/proc" "$stage/sys" "$stage/dev" "$stage/newroot"
cp "$busybox" "$stage/bin/busybox"
ln -s busybox "$stage/bin/sh"
cp "$here/init" "$stage/init"
chmod 755 "$stage/init"
: > "$stage/modules/order"
for p in $list; do
	name=$(basename "$p"); base=${name%%.ko*}
	# busybox insmod takes plain ELF objects only: decompress here.
	case "$name" in
	*.ko) cp "$moddir/$p" "$stage/modules/$base.ko" ;;
	*.ko.xz) xz -dc "$moddir/$p" > "$stage/modules/$base.ko" ;;
	*.ko.zst) zstd -qdc "$moddir/$p" > "$stage/modules/$base.ko" ;;
	*.ko.gz) gzip -dc "$moddir/$p" > "$stage/modules/$base.ko" ;;
	*) die "unknown module format: $p" ;;
	esac
	echo "$base" >> "$stage/modules/order"
done

mkdir -p "$(dirname "$out")"
(cd "$stage" && find . | LC_ALL=C sort | "$busybox" cpio -o -H newc -R 0:0 2>/dev/null) | gzip -1 > "$out.tmp"
mv "$out.tmp" "$out"
echo "$hash" > "$out.hash"
echo "build-initramfs: $out for $kver ($(echo $(cat "$stage/modules/order")))"
