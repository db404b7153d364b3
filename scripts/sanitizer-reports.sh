#!/bin/sh
# Fail (in the results file $2) if any ASan/UBSan/LSan report landed in $1.
set -u
dir=$1 out=$2
mkdir -p "$(dirname "$out")"
n=$(find "$dir" -type f 2>/dev/null | wc -l)
if [ "$n" -eq 0 ]; then
	echo "sanitizers: no ASan/UBSan/LSan report from nlpppd in the host tests"
	echo "sanitizer-reports 1 0" > "$out"
else
	echo "sanitizers: $n report(s) from nlpppd:"
	for f in "$dir"/*; do echo "---- $f"; head -40 "$f"; done
	echo "sanitizer-reports 0 1" > "$out"
fi
