#!/bin/sh
# Build the Debian packages from the tracked files (committed or not) of
# this tree, in a copy: $1/nlppp-VERSION; binary packages only, unsigned.
# The .debs, .changes and .buildinfo go to $2.
set -eu
src=$1 out=$2
version=$(sed -n 's/^VERSION := //p' Makefile)
rm -rf "$src" "$out"
mkdir -p "$src/nlppp-$version" "$out"
git ls-files -z --cached --others --exclude-standard |
	xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' _ |
	tar --null -T - -cf - | tar xf - -C "$src/nlppp-$version"
(cd "$src/nlppp-$version" && dpkg-buildpackage -us -uc -b) > "$out/build.log" 2>&1 || {
	tail -40 "$out/build.log"; echo "build-deb: dpkg-buildpackage failed (log: $out/build.log)" >&2; exit 1; }
mv "$src"/*.deb "$src"/*.changes "$src"/*.buildinfo "$out"/
ls "$out"/*.deb
