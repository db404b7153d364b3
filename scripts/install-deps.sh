#!/bin/sh
# Idempotent installer for everything nlppp builds and tests with (Debian 12).
# Usage: scripts/install-deps.sh [host|vm|all]   (default: host)
set -eu
what=${1:-host}

# prometheus: only for promtool, which checks `nlpppctl metrics` (tests).
# systemd: systemd-analyze verify of the unit; debhelper .. fakeroot: make deb;
# bash-completion: the completions are tried in its machinery.
host_pkgs="build-essential clang pkg-config libnl-3-dev libnl-genl-3-dev
libnl-route-3-dev libssl-dev zlib1g-dev libclang-rt-14-dev libjson-c-dev jq iproute2
iputils-ping socat procps psmisc ppp prometheus systemd
debhelper dh-dkms dkms lintian fakeroot bash-completion"
vm_pkgs="qemu-system-x86 linux-image-amd64 linux-headers-amd64 busybox-static
sparse ppp pppoe socat iproute2 iputils-ping procps iperf3 tshark jq"

case "$what" in
host) pkgs=$host_pkgs ;;
vm) pkgs=$vm_pkgs ;;
all) pkgs="$host_pkgs $vm_pkgs" ;;
*) echo "install-deps: unknown set '$what' (host, vm or all)" >&2; exit 2 ;;
esac

missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "install-deps: need root to install:$missing" >&2
	exit 1
fi
echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
