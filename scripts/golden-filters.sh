#!/usr/bin/env bash
# Regenerates the display-filter goldens in workers/filter/testdata from tshark 4.0 (needs tshark; tests only read):
#   filters.tsv  (capture <TAB> filter, hand-written)  → expectations.tsv (capture <TAB> filter <TAB> frame numbers)
#   invalid.txt  (one filter per line, hand-written)   → invalid.tsv      (filter <TAB> tshark's message <TAB> start
#                                                         <TAB> length of the part tshark underlines, when it does)
# Each valid filter runs as `tshark -n -2 -r CAPTURE -Y FILTER` over workers/testdata/CAPTURE with default
# preferences; a filter tshark rejects is reported and left out. An invalid filter tshark accepts is reported too.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/workers/filter/testdata"
captures="$root/workers/testdata"
conf="$(mktemp -d)"
trap 'rm -rf "$conf"' EXIT
export TZ=UTC WIRESHARK_CONFIG_DIR="$conf"
status=0

out="$dir/expectations.tsv"
printf '# capture\tfilter\tframes (made by scripts/golden-filters.sh with %s)\n' "$(tshark --version 2>/dev/null | head -1)" >"$out"
while IFS=$'\t' read -r capture filter || [ -n "$capture" ]; do
  case "$capture" in '#'* | '') continue ;; esac
  if ! frames=$(tshark -n -2 -r "$captures/$capture" -Y "$filter" -T fields -e frame.number 2>"$conf/err"); then
    echo "tshark rejects [$filter] on $capture: $(grep -v '^Running as' "$conf/err" | head -1)" >&2
    status=1
    continue
  fi
  printf '%s\t%s\t%s\n' "$capture" "$filter" "$(echo $frames)" >>"$out"
done <"$dir/filters.tsv"

out="$dir/invalid.tsv"
printf '# filter\ttshark message\tstart\tlength\n' >"$out"
while IFS= read -r filter || [ -n "$filter" ]; do
  case "$filter" in '#'* | '') continue ;; esac
  if tshark -n -r "$captures/tcpdump-dns_udp.pcap" -Y "$filter" >/dev/null 2>"$conf/err"; then
    echo "tshark accepts [$filter]" >&2
    status=1
    continue
  fi
  grep -v '^Running as' "$conf/err" >"$conf/msg" || true
  message=$(head -1 "$conf/msg" | sed 's/^tshark: //')
  # tshark prints the filter indented by 4 and underlines the culprit (^~~~) on the next line.
  caret=$(sed -n 3p "$conf/msg")
  start='' length=''
  if [[ "$caret" =~ ^(\ *)(\^~*)$ ]]; then
    start=$((${#BASH_REMATCH[1]} - 4))
    length=${#BASH_REMATCH[2]}
  fi
  printf '%s\t%s\t%s\t%s\n' "$filter" "$message" "$start" "$length" >>"$out"
done <"$dir/invalid.txt"
exit $status
