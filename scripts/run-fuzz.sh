#!/bin/sh
# Run each fuzz target in $1 for $2 seconds from its seed corpus; record results in $3.
set -u
dir=$1 secs=$2 out=$3
mkdir -p "$(dirname "$out")"
: > "$out"
for f in "$dir"/fuzz_*; do
	[ -x "$f" ] || continue
	name=$(basename "$f")
	seeds=tests/fuzz/corpus/${name#fuzz_}
	work=build/fuzz/corpus/${name#fuzz_}
	mkdir -p "$work"
	[ -d "$seeds" ] && cp -n "$seeds"/* "$work"/ 2>/dev/null
	log=build/fuzz/$name.log
	if "$f" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix=build/fuzz/"$name"- "$work" > "$log" 2>&1; then
		echo "fuzz $name: ${secs}s, $(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | awk '{print $2}') runs, ok"
		echo "$name 1 0" >> "$out"
	else
		echo "fuzz $name: FAILED"; tail -40 "$log"
		echo "$name 0 1" >> "$out"
	fi
done
exit 0
