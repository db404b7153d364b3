#!/bin/sh
# Sum the "name passed failed" records under $1 and print the closing line.
set -u
cat "$1"/* 2>/dev/null | awk '
	{ p += $2; f += $3; if ($3 > 0) bad = bad " " $1 }
	END {
		if (bad != "") print "failing:" bad
		printf "check: %d passed, %d failed\n", p, f
		exit (f > 0 || p == 0) ? 1 : 0
	}'
