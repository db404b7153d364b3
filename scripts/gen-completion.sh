#!/bin/sh
# Write nlpppd's bash completion: dist/bash-completion/nlpppd.in with
# @FLAGS@ and @VALUED@ replaced by the option names of daemon/options.c's
# table (options that take no value, and options that take one). pppd
# options nlpppd refuses (UNSUP) are not offered.
# Usage: scripts/gen-completion.sh daemon/options.c template > out
set -eu
src=$1 tmpl=$2
table=$(sed -n '/^static const struct opt options\[\] = {/,/^};/p' "$src")
names() { # names MACRO...: the first string argument of each use
	for m in "$@"; do
		printf '%s\n' "$table" | grep -o "\b$m(\"[^\"]*\"" | sed 's/.*("//; s/"$//'
	done
}
flags=$(names F FN NOOP CCPM MPPE | sort -u | xargs)
valued=$( { names U S FA FX CCPS
	for p in $(names FSM); do
		printf '%s\n' "$p-restart" "$p-max-configure" "$p-max-failure" "$p-max-terminate"
	done; } | sort -u | xargs)
[ -n "$flags" ] && [ -n "$valued" ] || { echo "gen-completion: no options found in $src" >&2; exit 1; }
sed -e "s|@FLAGS@|$flags|" -e "s|@VALUED@|$valued|" "$tmpl"
