#!/usr/bin/env bash
# Runs bench/accuracy.ts over every checkout set under ROOT (one directory per set: old, session5a, …) and
# prints one line per set plus the pooled total, keeping each set's full report in OUT/<set>.txt.
#   bash bench/accuracy-sets.sh /work/acc /tmp/acc-out [set ...]     (default: every directory under ROOT)
# Set ACC_CACHE=DIR to also keep each repository's scoring input (see accuracy.ts --cache) under DIR/<set>.
set -uo pipefail
root=${1:?usage: accuracy-sets.sh ROOT OUT [set ...]}; out=${2:?usage: accuracy-sets.sh ROOT OUT [set ...]}; shift 2
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
sets=("$@"); [ ${#sets[@]} -gt 0 ] || sets=($(ls "$root"))
agree=0; total=0; inv=0
for s in "${sets[@]}"; do
  cache=(); [ -n "${ACC_CACHE:-}" ] && cache=(--cache "$ACC_CACHE/$s")
  (cd "$here" && node_modules/.bin/tsx bench/accuracy.ts "$root/$s" "${cache[@]}") > "$out/$s.txt" 2>"$out/$s.err"
  # "Agreement:" covers the non-held-out repos, "Held-out agreement:" the held-out ones; a set may have both.
  line=$(grep -E '^(Held-out agreement|Agreement): ' "$out/$s.txt" | sed -E 's/^(Held-out agreement|Agreement): ([0-9]+)\/([0-9]+).*/\2 \3/' | awk '{a+=$1; n+=$2} END {print a+0, n+0}')
  i=$(grep -E 'inversions: [0-9]+' "$out/$s.txt" | grep -E '^(pass<->fail inversions|Held-out agreement)' | sed -E 's/.*inversions: ([0-9]+).*/\1/' | awk '{s+=$1} END {print s+0}')
  set -- $line; agree=$((agree + $1)); total=$((total + $2)); inv=$((inv + i))
  printf '%-12s %4s/%-4s %5s%%  inversions %s\n' "$s" "$1" "$2" "$(awk -v a=$1 -v n=$2 'BEGIN{printf "%.1f", n?100*a/n:0}')" "$i"
done
printf '%-12s %4s/%-4s %5s%%  inversions %s\n' "ALL" "$agree" "$total" "$(awk -v a=$agree -v n=$total 'BEGIN{printf "%.1f", n?100*a/n:0}')" "$inv"
