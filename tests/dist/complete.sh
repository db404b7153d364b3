#!/bin/bash
# complete.sh GENERATED_NLPPPD_COMPLETION "COMMAND LINE": print, one a line,
# what bash-completion offers for the last word of the line (a trailing
# space: a new word), with both of nlppp's completions loaded.
. /usr/share/bash-completion/bash_completion || exit 1
. "$1" || exit 1
. "$(dirname "$0")/../../dist/bash-completion/nlpppctl" || exit 1
line=$2
read -ra COMP_WORDS <<< "$line"
[[ $line == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
COMP_LINE=$line COMP_POINT=${#line}
COMPREPLY=()
"_${COMP_WORDS[0]}"
printf '%s\n' "${COMPREPLY[@]}" | sort
