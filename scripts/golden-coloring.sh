#!/usr/bin/env bash
# Regenerates workers/testdata/*.color.tsv: the colouring rule tshark 4.0 applies to each frame of each test capture
# (frame.number, frame.coloring_rule.name), with default preferences. Needs tshark; the tests only read the results.
set -euo pipefail
cd "$(dirname "$0")/../workers/testdata"
for f in *.pcap *.pcapng *.pcap.gz *.pcapng.gz; do
  [ -e "$f" ] || continue
  TZ=UTC tshark --color -n -2 -r "$f" -T fields -e frame.number -e frame.coloring_rule.name >"$f.color.tsv" 2>/dev/null || true
  [ -s "$f.color.tsv" ] || rm -f "$f.color.tsv"
done
