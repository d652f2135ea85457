#!/bin/bash
# Checks every program under tests/pending with python3 (twice, two hash seeds), then with mpc.
# Exit status expected: 1 if the first-line comment says "uncaught", N if it says "exit status N", else 0.
# Usage: tests/pending/check.sh [path/to/mpc]     (default: target/debug/mpc)
here=$(cd "$(dirname "$0")" && pwd)
MPC=${1:-$here/../../target/debug/mpc}
cd "$here"
for f in $(find . -name '*.py' | sort); do
  first=$(head -1 "$f"); want=0
  echo "$first" | grep -qi uncaught && want=1
  n=$(echo "$first" | grep -o 'exit status [0-9]*' | grep -o '[0-9]*$'); [ -n "$n" ] && want=$n
  o1=$(PYTHONHASHSEED=1 python3 "$f" 2>/dev/null); r1=$?
  o2=$(PYTHONHASHSEED=2 python3 "$f" 2>/dev/null)
  [ "$o1" != "$o2" ] && echo "FLAKY     $f"
  [ "$r1" != "$want" ] && echo "BAD-RC    $f (got $r1, comment says $want)"
  got=$(timeout 20 "$MPC" run "$f" 2>/dev/null); gr=$?
  if [ "$o1" == "$got" ] && [ "$r1" == "$gr" ]; then echo "pass      $f"; else echo "FAIL      $f"; fi
done
