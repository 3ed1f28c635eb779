#!/usr/bin/env bash
# Loads the generated completion into bash and completes a few command lines, as a user's
# shell would.
set -u
source <("$1" completion) || { echo "the completion script does not load"; exit 1; }
failures=0
expect() {  # expected words, then the command line being completed (last word is completed)
  local want=$1; shift
  COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()
  _tilsyn
  local got="${COMPREPLY[*]}"
  if [ "$got" != "$want" ]; then
    echo "completing '$*': expected '$want', got '$got'"; failures=$((failures + 1))
  fi
}
expect "plan" tilsyn pl
expect "calendar correct completion" tilsyn c
expect "--year" tilsyn plan --ye
expect "--dialect" tilsyn --today 2027-01-01 plan --di
expect "--rules" tilsyn validate --ru
expect "validate" tilsyn help va
[ $failures -eq 0 ] && echo "completion: 6 command lines complete as expected"
exit $((failures > 0))
