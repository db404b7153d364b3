#!/bin/bash
# PAP, CHAP-MD5, MS-CHAP and MS-CHAPv2 between two nlpppd peers, in both roles, with pppd's
# secrets files; a wrong secret ends with pppd's exit codes and a clear log
# line; no secret ever reaches a log.
cd "$(dirname "$0")/../.." || exit 1
. tests/host/lib.sh
require_root_netns
trap ns_cleanup EXIT
ns_setup

BASE_A="run-dir $WORK/a/run lock-dir $WORK/lock name serverA $IP_A:$IP_B"
BASE_B="run-dir $WORK/b/run lock-dir $WORK/lock"
SECRETS="s3cret-Xyzzy-42 papPW-Plugh-7 wrongWRONG-9"

no_secret_in_logs() {
	for s in $SECRETS; do
		grep -q -- "$s" "$WORK/a.log" "$WORK/b.log" && return 1
	done
	return 0
}

auth_ok_case() {
	CURRENT=$1
	start_pair "$BASE_A $2" "$BASE_B $3"
	if wait_up; then
		ok "authenticated, link up"
		check "ping A->B" ping_ok "$NS_A" "$IP_B"
		check "log names the protocol and peer" grep -q "$4" "$WORK/a.log" "$WORK/b.log"
	else
		fail "link did not come up"
	fi
	stop_pair
	check "no secret in any log" no_secret_in_logs
	check "nothing left behind" no_leftovers
}

# PAP: B proves itself to A.
secrets "$WORK/a/etc/pap-secrets" '# client server secret addresses' 'bob * "papPW-Plugh-7" *'
secrets "$WORK/b/etc/pap-secrets" 'bob * papPW-Plugh-7'
auth_ok_case pap "require-pap" "user bob noauth" "PAP peer authentication succeeded for bob"

# CHAP-MD5: B proves itself to A.
secrets "$WORK/a/etc/chap-secrets" 'bob serverA "s3cret-Xyzzy-42" *'
secrets "$WORK/b/etc/chap-secrets" 'bob serverA "s3cret-Xyzzy-42"'
auth_ok_case chap "require-chap" "user bob noauth" "CHAP peer authentication succeeded for bob"

# Both roles at once: A demands CHAP from B, B demands PAP from A.
secrets "$WORK/b/etc/pap-secrets" 'bob * papPW-Plugh-7' 'alice * "papPW-Plugh-7" *'
secrets "$WORK/a/etc/pap-secrets" 'alice * papPW-Plugh-7' 'bob * "papPW-Plugh-7" *'
auth_ok_case both-roles "require-chap user alice" "user bob require-pap name clientB" \
	"PAP authentication succeeded"

# password option instead of a secrets entry on the client side.
secrets "$WORK/b/etc/chap-secrets" ''
auth_ok_case chap-password-option "require-chap" "user bob password s3cret-Xyzzy-42 noauth" \
	"CHAP authentication succeeded"

# chap-interval: the authenticator challenges again on a running link.
CURRENT=chap-interval
start_pair "$BASE_A require-chap chap-interval 1" "$BASE_B user bob password s3cret-Xyzzy-42 noauth"
if wait_up; then
	sleep 3
	n=$(grep -c "rcvd \[CHAP Response" "$WORK/a.log")
	check "re-challenged while running ($n responses)" test "$n" -ge 3
	check "link still up after re-challenges" ping_ok "$NS_A" "$IP_B"
else fail "link did not come up"; fi
stop_pair

# Address column: bob may only use 10.77.0.2, so the link comes up; then
# restrict bob to another address and the link must not come up.
secrets "$WORK/b/etc/chap-secrets" 'bob serverA "s3cret-Xyzzy-42"'
secrets "$WORK/a/etc/chap-secrets" 'bob serverA "s3cret-Xyzzy-42" 10.77.0.99'
CURRENT=address-not-allowed
start_pair "$BASE_A require-chap" "$BASE_B user bob noauth"
wait_exit "$PID_A" 20; PID_A=
check "A refuses the peer's address, exit 11" test "$A_STATUS" = 11
check "log says why" grep -q "not authorized to use remote address" "$WORK/a.log"
check "nothing left behind" no_leftovers

# MS-CHAPv2 and MS-CHAP (RFC 2759, 2433): B proves itself to A; under v2, A's
# Success proves A knows the secret too (B checks it).
secrets "$WORK/a/etc/chap-secrets" 'bob serverA "s3cret-Xyzzy-42" *'
secrets "$WORK/b/etc/chap-secrets" 'bob serverA "s3cret-Xyzzy-42"'
auth_ok_case mschap-v2 "require-mschap-v2" "user bob noauth" "CHAP peer authentication succeeded for bob"
check "LCP settled on MS-CHAPv2" grep -q "rcvd \[LCP ConfAck.*<auth chap MS-v2>" "$WORK/a.log"
check "B checked A's authenticator response" grep -q "CHAP authentication succeeded" "$WORK/b.log"
auth_ok_case mschap "require-mschap" "user bob noauth" "CHAP peer authentication succeeded for bob"
check "LCP settled on MS-CHAP" grep -q "rcvd \[LCP ConfAck.*<auth chap MS>" "$WORK/a.log"
# `auth` alone asks for the strongest first (pppd's order); a peer refusing
# MS-CHAPv2 Naks and gets MS-CHAP; refusing both, CHAP-MD5.
auth_ok_case auth-prefers-mschap-v2 "auth" "user bob noauth" "CHAP peer authentication succeeded for bob"
check "MS-CHAPv2 chosen" grep -q "rcvd \[LCP ConfAck.*<auth chap MS-v2>" "$WORK/a.log"
auth_ok_case auth-peer-refuses-mschap-v2 "auth" "user bob noauth refuse-mschap-v2" \
	"CHAP peer authentication succeeded for bob"
check "MS-CHAP chosen" grep -q "rcvd \[LCP ConfAck.*<auth chap MS>" "$WORK/a.log"
auth_ok_case auth-peer-refuses-both-mschaps "auth" "user bob noauth refuse-mschap-v2 refuse-mschap" \
	"CHAP peer authentication succeeded for bob"
check "CHAP-MD5 chosen" grep -q "rcvd \[LCP ConfAck.*<auth chap MD5>" "$WORK/a.log"

# Wrong MS-CHAPv2 secret: A exits 11, B exits 19; neither prints a secret.
secrets "$WORK/b/etc/chap-secrets" 'bob serverA "wrongWRONG-9"'
CURRENT=mschap-v2-wrong-secret
start_pair "$BASE_A require-mschap-v2" "$BASE_B user bob noauth"
wait_exit "$PID_A" 20; PID_A=
check "authenticator exits 11 (peer auth failed)" test "$A_STATUS" = 11
check "authenticator logs one clear line" grep -q "MS-CHAP-v2 peer authentication failed for bob" "$WORK/a.log"
check "peer got E=691" grep -q "E=691" "$WORK/b.log"
sleep 0.5
check "peer exits 19 (auth to peer failed)" grep -q "Exit with status 19" "$WORK/b.log"
check "no secret in any log" no_secret_in_logs
check "nothing left behind" no_leftovers

# Wrong CHAP secret: A (authenticator) exits 11, B (peer) exits 19.
secrets "$WORK/a/etc/chap-secrets" 'bob serverA "s3cret-Xyzzy-42" *'
secrets "$WORK/b/etc/chap-secrets" 'bob serverA "wrongWRONG-9"'
CURRENT=chap-wrong-secret
start_pair "$BASE_A require-chap" "$BASE_B user bob noauth"
wait_exit "$PID_A" 20; PID_A=
check "authenticator exits 11 (peer auth failed)" test "$A_STATUS" = 11
check "authenticator logs one clear line" grep -q "CHAP peer authentication failed for bob" "$WORK/a.log"
sleep 0.5
check "peer exits 19 (auth to peer failed)" grep -q "Exit with status 19" "$WORK/b.log"
check "no secret in any log" no_secret_in_logs
check "nothing left behind" no_leftovers

# Wrong PAP password.
secrets "$WORK/b/etc/pap-secrets" 'bob * wrongWRONG-9'
CURRENT=pap-wrong-secret
start_pair "$BASE_A require-pap" "$BASE_B user bob noauth"
wait_exit "$PID_A" 20; PID_A=
check "authenticator exits 11" test "$A_STATUS" = 11
check "authenticator logs one clear line" grep -q "PAP peer authentication failed for bob" "$WORK/a.log"
sleep 0.5
check "peer exits 19" grep -q "Exit with status 19" "$WORK/b.log"
check "no secret in any log" no_secret_in_logs

# A secrets file readable by others is refused with a message.
secrets "$WORK/a/etc/pap-secrets" 'bob * "papPW-Plugh-7" *'
chmod 644 "$WORK/a/etc/pap-secrets"
secrets "$WORK/b/etc/pap-secrets" 'bob * papPW-Plugh-7'
CURRENT=secrets-permissions
start_pair "$BASE_A require-pap" "$BASE_B user bob noauth"
wait_exit "$PID_A" 20; PID_A=
check "world-readable pap-secrets refused, exit 11" test "$A_STATUS" = 11
check "message names the file and the fix" grep -q "pap-secrets.*chmod 600" "$WORK/a.log"

finish
