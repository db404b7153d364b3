# Shell functions shared by tests/host/lib.sh and tests/vm/lib.sh (sourced).

# ping_sample NS ADDR_FILE N: ping N addresses drawn (the same every run)
# from the first column of ADDR_FILE, once each from NS, each given
# PING_WAIT seconds (default 3); prints how many went unanswered.
ping_sample() {
	local a bad=0
	for a in $(awk '{print $1}' "$2" | shuf -n "$3" --random-source=/dev/zero); do
		ip netns exec "$1" ping -c 1 -W "${PING_WAIT:-3}" "$a" >/dev/null 2>&1 || bad=$((bad + 1))
	done
	echo $bad
}
