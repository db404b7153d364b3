#!/bin/sh
# Run every unit-test binary in $1; record "name passed failed" lines in $2.
set -u
dir=$1 out=$2
mkdir -p "$(dirname "$out")"
: > "$out"
status=0
for t in "$dir"/test_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	log=$(mktemp)
	"$t" > "$log" 2>&1
	rc=$?
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
	p=$(echo "$line" | awk '{print $1}') f=$(echo "$line" | awk '{print $3}')
	[ -n "$p" ] || { p=0; f=1; }
	[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	if [ "$f" -ne 0 ]; then
		status=1
		echo "---- $name (exit $rc)"; cat "$log"
	fi
	echo "unit $dir/$name: $p passed, $f failed"
	echo "$name $p $f" >> "$out"
	rm -f "$log"
done
exit 0
