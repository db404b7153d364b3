#!/bin/sh
# Run every packaging test (tests/dist/test_*.sh); record "name passed failed"
# lines in $1 (as run-host.sh does), with BUILD passed through.
set -u
out=$1
mkdir -p "$(dirname "$out")"
: > "$out"
for t in tests/dist/test_*.sh; do
	name=$(basename "$t" .sh)
	log=build/dist-$name.log
	timeout 900 bash "$t" > "$log" 2>&1
	rc=$?
	cat "$log"
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
	p=$(echo "$line" | awk '{print $1}') f=$(echo "$line" | awk '{print $3}')
	[ -n "$p" ] || { p=0; f=1; }
	[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	echo "dist $name: $p passed, $f failed"
	echo "dist-$name $p $f" >> "$out"
done
exit 0
