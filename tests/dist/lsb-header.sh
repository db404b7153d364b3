#!/bin/sh
# lsb-header.sh FILE: check an init script's LSB comment block (the LSB's
# "Comment Conventions for Init Scripts", as insserv and update-rc.d read it):
# one BEGIN/END pair at the top, every line "# Keyword: value" or a
# continuation, the required keywords present once, runlevels 0-6 and S.
awk '
	/^### BEGIN INIT INFO$/ { if (begin++) bad("two BEGIN lines"); inside = 1; next }
	/^### END INIT INFO$/ { if (!inside) bad("END before BEGIN"); inside = 0; done = 1; next }
	!inside { next }
	/^# [A-Z][A-Za-z-]*:/ {
		key = $2; sub(/:$/, "", key); seen[key]++
		if (seen[key] > 1) bad("keyword " key " twice")
		val = $0; sub(/^# [A-Za-z-]*:[ \t]*/, "", val)
		if (key ~ /^Default-(Start|Stop)$/) {
			n = split(val, lv, /[ \t]+/)
			for (i = 1; i <= n; i++) if (lv[i] !~ /^[0-6S]$/) bad(key " has runlevel " lv[i])
		}
		if (key !~ /^(Provides|Required-Start|Required-Stop|Should-Start|Should-Stop|X-Start-Before|X-Stop-After|Default-Start|Default-Stop|Short-Description|Description|X-[A-Za-z-]+)$/)
			bad("unknown keyword " key)
		last = key; next
	}
	/^#(\t|  )/ { if (last != "Description") bad("continuation after " last); next }
	{ bad("not a header line: " $0) }
	function bad(m) { print FILENAME ": " m; err = 1 }
	END {
		if (!done) bad("no BEGIN/END INIT INFO block")
		split("Provides Required-Start Required-Stop Default-Start Default-Stop Short-Description", req, " ")
		for (k in req) if (!seen[req[k]]) bad("no " req[k])
		exit err
	}' "$1"
