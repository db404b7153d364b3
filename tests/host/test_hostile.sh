#!/bin/bash
# A hostile peer (tests/host/hostile_peer.c) against nlpppd on the user data
# plane, over a socketpair (notty): line noise, malformed LCP/PAP/CHAP, an
# NCP renegotiation storm, an echo flood while not reading, a flood of valid
# frames while nlpppctl asks questions, then a proper renegotiation, an ICMP
# echo through the TUN and pppd's exit status. Wrong secrets and a Challenge
# in the daemon's own name end the link with 11 and 19, a hangup with 16.
# No secret may show up in anything the daemon prints.
cd "$(dirname "$0")/../.." || exit 1
. tests/host/lib.sh
require_root_netns
trap ns_cleanup EXIT
ns_setup
PEER=${HOSTILE_PEER:-$(dirname "$NLPPPD")/host/hostile_peer}
NLPPPCTL=${NLPPPCTL:-$(dirname "$NLPPPD")/nlpppctl}
[ -x "$PEER" ] || { echo "no $PEER: make $(dirname "$NLPPPD")/host/hostile_peer"; echo "0 passed, 1 failed"; exit 1; }

# The secrets: what the daemon must never print, whole or minus its first byte.
CHAP_S='Hx-chapS3cret-91q'
PAP_S='Hx-papPassw0rd-77z'
WRONG_S='Hx-wrongGuess-55k'
secrets "$WORK/a/etc/chap-secrets" "hpeer hsrv \"$CHAP_S\" *"
secrets "$WORK/a/etc/pap-secrets" "hcli * \"$PAP_S\"" "hpeer * \"$CHAP_S\" *"
BASE="etc-dir $WORK/a/etc notty debug run-dir $WORK/a/run lock-dir $WORK/lock name hsrv $IP_A:$IP_B"
CTL="$NLPPPCTL --run-dir $WORK/a/run --timeout 10"
# The sanitizers make the daemon bigger and its memory noisier.
SLACK=1024
case "$NLPPPD" in *asan*) SLACK=4096 ;; esac

# run_peer NAME PEER-OPTIONS -- NLPPPD-OPTIONS: the peer's ok/FAIL lines
# become this test's; its exit status is the peer's verdict.
run_peer() {
	local name=$1; shift
	local popts=() line
	while [ "$1" != -- ]; do popts+=("$1"); shift; done; shift
	: > "$WORK/$name.log"
	ip netns exec "$NS_A" timeout 80 "$PEER" --ctl "$CTL" --daemon-log "$WORK/$name.log" \
		--our-ip $IP_B --daemon-ip $IP_A --chap-name hpeer --chap-secret "$CHAP_S" \
		--pap-user hcli --pap-pass "$PAP_S" --wrong "$WRONG_S" --own-name hcli \
		"${popts[@]}" -- "$NLPPPD" $BASE "$@" > "$WORK/$name.out" 2>&1
	local rc=$?
	while IFS= read -r line; do
		case "$line" in
		"ok   "*) CURRENT=${line#ok   }; CURRENT=${CURRENT%%:*}; ok "${line#*: }" ;;
		"FAIL "*) CURRENT=${line#FAIL }; CURRENT=${CURRENT%%:*}; fail "${line#*: }"
			echo "---- $name.log (last 25 lines)"; tail -25 "$WORK/$name.log" ;;
		*) echo "     $line" ;;
		esac
	done < "$WORK/$name.out"
	CURRENT=$name
	[ "$rc" = 0 ] || [ "$rc" = 1 ] || fail "hostile_peer ended with status $rc"
}

# no_secret LOG...: neither secret, nor either one without its first byte
no_secret() {
	local s
	for s in "$CHAP_S" "$PAP_S" "$WRONG_S" "${CHAP_S#?}" "${PAP_S#?}" "${WRONG_S#?}"; do
		grep -aqF -- "$s" "$@" && return 1
	done
	return 0
}

T0=$(date +%s)
run_peer main --ipv6 --expect-exit 0 --rss-slack-kb $SLACK -- \
	require-chap user hcli +ipv6 ipv6 ::1,::2 lcp-echo-interval 1 lcp-echo-failure 10 \
	logfile "$WORK/main.logfile"
CURRENT=main
check "the daemon's log and output hold no secret" no_secret "$WORK/main.log" "$WORK/main.logfile"
check "the daemon logged the CHAP success of hpeer" \
	grep -q "CHAP peer authentication succeeded for hpeer" "$WORK/main.log"
check "the daemon logged its link counters at the end" grep -q "link counters:" "$WORK/main.log"
grep -ao 'link counters:.*' "$WORK/main.log" | tail -1 | sed 's/^/     /'

run_peer pap-wrong --scenario pap-wrong -- require-pap
CURRENT=pap-wrong
check "the daemon says why" grep -q "PAP peer authentication failed" "$WORK/pap-wrong.log"
check "no secret printed" no_secret "$WORK/pap-wrong.log"

run_peer chap-wrong --scenario chap-wrong -- require-chap
CURRENT=chap-wrong
check "the daemon says why" grep -q "CHAP peer authentication failed" "$WORK/chap-wrong.log"
check "no secret printed" no_secret "$WORK/chap-wrong.log"

run_peer chap-own-name --scenario chap-own-name -- noauth user hcli
CURRENT=chap-own-name
check "the daemon says why" grep -q "not answering a Challenge in our own name" "$WORK/chap-own-name.log"
check "no secret printed" no_secret "$WORK/chap-own-name.log"

run_peer hangup --scenario hangup -- noauth
CURRENT=hangup
check "the daemon logs the hangup" grep -q "Modem hangup" "$WORK/hangup.log"

CURRENT=all
check "no nlpppd left running" sh -c "! ip netns pids $NS_A | grep -q ."
check "no ppp interface left" sh -c "! ip -n $NS_A -o link show | grep -q ppp"
echo "     run time $(( $(date +%s) - T0 )) s"
finish
