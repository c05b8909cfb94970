#!/usr/bin/env bash
# Wall-clock time of the built CLI and of tshark reading the same capture and printing every packet, interleaved
# (so that both see the same machine load), RUNS times each; prints the minimum and the median of each.
#   npm run build:cli && bash scripts/bench-cli-vs-tshark.sh ../shared/captures/lab/net-veth.pcapng [RUNS=20]
set -euo pipefail
file=${1:?usage: bench-cli-vs-tshark.sh FILE [RUNS]}
runs=${2:-20}
cd "$(dirname "$0")/.."
command -v tshark >/dev/null || { echo "tshark is not installed (apt-get install tshark)" >&2; exit 2; }
cfg=$(mktemp -d)
node dist/cli.cjs -r "$file" >/dev/null # the first run writes the code cache
ours=() theirs=()
for _ in $(seq "$runs"); do
  s=$(date +%s.%N); node dist/cli.cjs -r "$file" >/dev/null; e=$(date +%s.%N); ours+=("$(echo "$e - $s" | bc)")
  s=$(date +%s.%N); TZ=UTC WIRESHARK_CONFIG_DIR=$cfg tshark -n -2 -r "$file" >/dev/null 2>&1; e=$(date +%s.%N)
  theirs+=("$(echo "$e - $s" | bc)")
done
stats() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {printf "min %.3f s, median %.3f s", v[1], (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
echo "$file, $runs runs each"
echo "  wirelens (node dist/cli.cjs -r): $(stats "${ours[@]}")"
echo "  tshark -n -2 -r:                 $(stats "${theirs[@]}")"
