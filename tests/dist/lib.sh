# Helpers of the packaging tests (tests/dist/test_*.sh): assertions and the
# closing "N passed, N failed" line that scripts/run-dist.sh counts.
set -u
T_PASS=0 T_FAIL=0 CURRENT=
ok() { T_PASS=$((T_PASS + 1)); echo "ok   $CURRENT: $*"; }
fail() { T_FAIL=$((T_FAIL + 1)); echo "FAIL $CURRENT: $*"; }
check() { # check "description" command...
	local what=$1; shift
	if "$@" > "$T_TMP/check.out" 2>&1; then ok "$what"; else fail "$what"; sed 's/^/    /' "$T_TMP/check.out" | tail -20; fi
}
finish() {
	rm -rf "$T_TMP"
	echo "$T_PASS passed, $T_FAIL failed"
	[ "$T_FAIL" -eq 0 ]
}
T_TMP=$(mktemp -d /tmp/nlppp-dist.XXXXXX)
