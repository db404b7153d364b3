#!/bin/sh
# Run every host test script (tests/host/test_*.sh) with $1 as nlpppd; record results in $2.
# HOST_JOBS (default 2) tests run at once: each has its own namespaces,
# work directory and peers, and mostly waits on them. A test's output is
# printed whole when it ends. The longest start first.
set -u
if [ "${1:-}" = --one ]; then
	t=$2 bin=$3 out=$4
	name=$(basename "$t" .sh)
	log=build/host-$name.log
	t0=$(date +%s)
	NLPPPD=$bin timeout 900 bash "$t" > "$log" 2>&1
	rc=$?
	t1=$(date +%s)
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
	p=$(echo "$line" | awk '{print $1}') f=$(echo "$line" | awk '{print $3}')
	[ -n "$p" ] || { p=0; f=1; }
	[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	echo "host $name: $p passed, $f failed ($((t1 - t0)) s)" >> "$log"
	flock "$out.lock" sh -c 'cat "$1"; echo "$2 $3 $4" >> "$5"' sh "$log" "$name" "$p" "$f" "$out"
	exit 0
fi
bin=$(readlink -f "$1") out=$2
mkdir -p "$(dirname "$out")" build
: > "$out"
first="test_ccp test_link test_auth test_lifecycle test_hostile test_pppoe test_vj"
{
	for n in $first; do [ -f "tests/host/$n.sh" ] && echo "tests/host/$n.sh"; done
	for t in tests/host/test_*.sh; do
		case " $first " in *" $(basename "$t" .sh) "*) ;; *) echo "$t" ;; esac
	done
} | xargs -P "${HOST_JOBS:-2}" -I{} "$0" --one {} "$bin" "$out"
rm -f "$out.lock"
exit 0
