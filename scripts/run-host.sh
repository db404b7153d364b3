#!/bin/sh
# Run every host test script (tests/host/test_*.sh) with $1 as nlpppd; record results in $2.
set -u
bin=$(readlink -f "$1") out=$2
mkdir -p "$(dirname "$out")"
: > "$out"
for t in tests/host/test_*.sh; do
	name=$(basename "$t" .sh)
	log=build/host-$name.log
	t0=$(date +%s)
	NLPPPD=$bin timeout 900 bash "$t" > "$log" 2>&1
	rc=$?
	t1=$(date +%s)
	cat "$log"
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
	p=$(echo "$line" | awk '{print $1}') f=$(echo "$line" | awk '{print $3}')
	[ -n "$p" ] || { p=0; f=1; }
	[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	echo "host $name: $p passed, $f failed ($((t1 - t0)) s)"
	echo "$name $p $f" >> "$out"
done
exit 0
