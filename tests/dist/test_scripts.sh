#!/bin/bash
# The service files: systemd-analyze verify accepts the unit, the SysV
# script and nlppp-on/off are valid sh with well-formed LSB headers, the
# bash completions parse and offer the daemon's own option names.
cd "$(dirname "$0")/../.." || exit 1
. tests/dist/lib.sh
BUILD=${BUILD:-build}
make --no-print-directory -s BUILD="$BUILD" dist-files "$BUILD/nlpppd" || { echo "0 passed, 1 failed"; exit 1; }
G=$BUILD/dist

CURRENT=systemd
# verify wants ExecStart's program to exist: point it at the built one.
mkdir -p "$T_TMP/units"
sed "s|/usr/local/sbin/nlpppd|$(readlink -f "$BUILD/nlpppd")|" "$G/nlpppd@.service" \
	> "$T_TMP/units/nlpppd@.service"
cp "$T_TMP/units/nlpppd@.service" "$T_TMP/units/nlpppd@provider.service"
if command -v systemd-analyze >/dev/null; then
	check "systemd-analyze verify nlpppd@provider.service: no complaint" \
		bash -c "out=\$(cd $T_TMP/units && SYSTEMD_LOG_LEVEL=notice systemd-analyze verify --man=no ./nlpppd@provider.service 2>&1); echo \"\$out\"; ! echo \"\$out\" | grep -q ."
else
	fail "systemd-analyze is missing (apt-get install systemd)"
fi
sed "s|/etc/ppp/|$T_TMP/etc/ppp/|" "$G/nlppp.service" > "$T_TMP/units/nlppp.service"
check "systemd-analyze verify nlppp.service: no complaint" \
	bash -c "out=\$(cd $T_TMP/units && SYSTEMD_LOG_LEVEL=notice systemd-analyze verify --man=no ./nlppp.service 2>&1); echo \"\$out\"; ! echo \"\$out\" | grep -q ."
# nlppp.service's commands, with systemd's $$ undone and a systemctl that
# only records what it is asked.
mkdir -p "$T_TMP/etc/ppp" "$T_TMP/bin"
printf '#!/bin/sh\necho "$*" >> %s/systemctl.log\n' "$T_TMP" > "$T_TMP/bin/systemctl"
chmod +x "$T_TMP/bin/systemctl"
printf 'myisp\n# office\n\nvpn  # the VPN\n' > "$T_TMP/etc/ppp/nlppp-peers"
unit_cmd() { sed -n "s/^$1=//p" "$T_TMP/units/nlppp.service" | sed 's/\$\$/$/g'; }
runs() { PATH=$T_TMP/bin:$PATH eval "$(unit_cmd "$1")"; }
runs ExecStart; runs ExecStop
check "nlppp.service starts, then stops, nlpppd@NAME of each listed peer" diff - "$T_TMP/systemctl.log" <<EOT
--no-block start nlpppd@myisp.service
--no-block start nlpppd@vpn.service
--no-block stop nlpppd@myisp.service
--no-block stop nlpppd@vpn.service
EOT
rm -f "$T_TMP/etc/ppp/nlppp-peers" "$T_TMP/systemctl.log"
check "without nlppp-peers it starts nothing and succeeds" \
	bash -c "$(declare -f unit_cmd runs); T_TMP=$T_TMP; runs ExecStart && [ ! -e $T_TMP/systemctl.log ]"
check "the unit is Type=notify and runs up_sdnotify" \
	bash -c "grep -qx Type=notify $G/nlpppd@.service && grep -q '^ExecStart=.* up_sdnotify' $G/nlpppd@.service"
reload=$(sed -n 's/^ExecReload=//p' "$G/nlpppd@.service" | sed 's/%n/nlpppd@x.service/')
check "reload does not send SIGHUP" bash -c "! grep -q '^ExecReload=.*HUP' $G/nlpppd@.service"
check "reload fails, saying to restart" bash -c "out=\$(eval \"\$1\" 2>&1) && exit 1; grep -q 'cannot re-read its options; use systemctl restart' <<< \"\$out\"" _ "$reload"
check "modules-load.d names the module" grep -qx nlppp dist/modules-load.d/nlppp.conf

CURRENT=sysv
for f in "$G/nlppp.init" "$G/nlppp-on" "$G/nlppp-off"; do
	check "sh -n $(basename "$f")" sh -n "$f"
	command -v checkbashisms >/dev/null && check "checkbashisms $(basename "$f")" checkbashisms "$f"
done
check "LSB header: the fields insserv needs, each once, with valid values" \
	tests/dist/lsb-header.sh "$G/nlppp.init"
check "the LSB check refuses a header without Provides" \
	bash -c "! tests/dist/lsb-header.sh <(sed '/Provides:/d' $G/nlppp.init)"
check "init script: unknown action is a usage error (2)" \
	bash -c "sh $G/nlppp.init frobnicate; [ \$? = 2 ]" 
mkdir -p "$T_TMP/etc/peers" "$T_TMP/run"
check "init script: status with no peers listed is 3 (not running)" \
	bash -c "NLPPP_ON=/bin/true NLPPP_ETC_DIR=$T_TMP/etc NLPPP_RUN_DIR=$T_TMP/run sh $G/nlppp.init status; [ \$? = 3 ]"

CURRENT=completion
check "bash -n of both completions" bash -c "bash -n $G/nlpppd.bash && bash -n dist/bash-completion/nlpppctl"
words=$(sed -n 's/^\tlocal \(flags\|valued\)="\(.*\)"$/\2/p' "$G/nlpppd.bash" | tr ' ' '\n')
for o in call persist up_sdnotify etc-dir run-dir linkname lcp-echo-interval ipcp-max-configure noauth; do
	grep -qx -- "$o" <<< "$words" || { fail "completion lacks option $o"; continue; }
done
grep -qx demand <<< "$words" && fail "completion offers 'demand', which nlpppd refuses" || ok "no refused pppd option is offered"
ok "completion offers the options it should"
n=$(wc -l <<< "$words")
[ "$n" -gt 100 ] && ok "completion has $n option names" || fail "only $n option names"
check "nlpppctl completion knows every command of its usage text" \
	bash -c "for c in list show down close debug monitor metrics; do grep -q \"\$c\" dist/bash-completion/nlpppctl && $BUILD/nlpppctl --help 2>&1 | grep -q \"\$c\" || exit 1; done"

# What a user gets at the prompt (bash-completion's own machinery).
if [ -r /usr/share/bash-completion/bash_completion ]; then
	offers() { # offers "LINE" EXPECTED...: exactly these completions
		diff <(printf '%s\n' "${@:2}" | sort) <(tests/dist/complete.sh "$G/nlpppd.bash" "$1")
	}
	mkdir -p "$T_TMP/etc/peers"; touch "$T_TMP/etc/peers/myisp" "$T_TMP/etc/peers/office"
	check "nlpppd up_sd<TAB> -> up_sdnotify" offers "nlpppd up_sd" up_sdnotify
	check "nlpppd dataplane <TAB> -> auto kernel user" offers "nlpppd dataplane " auto kernel user
	check "nlpppd call <TAB> lists the peers of etc-dir" offers "nlpppd etc-dir $T_TMP/etc call " myisp office
	check "nlpppd mru <TAB> offers nothing (a number)" offers "nlpppd mru "
	check "nlpppctl <TAB> -> its commands" offers "nlpppctl " list show down close debug monitor metrics
	check "nlpppctl show lo <TAB> -> the sections" offers "nlpppctl show lo " link lcp auth ipcp ipv6cp ccp bundle stats
	check "nlpppctl debug lo <TAB> -> on off" offers "nlpppctl debug lo " on off
else
	fail "bash-completion is missing (apt-get install bash-completion)"
fi
finish
