#!/bin/sh
# Golden outputs for the statistics views (issue 7): tshark's conversation, endpoint and protocol-hierarchy tables
# and capinfos's file properties, one file per capture beside it in workers/testdata:
#   <capture>.stats.txt     tshark -n -r FILE -q -z conv,eth -z conv,ip -z conv,ipv6 -z conv,tcp -z conv,udp
#                             -z endpoints,eth -z endpoints,ip -z endpoints,ipv6 -z endpoints,tcp -z endpoints,udp
#                             -z io,phs
#   <capture>.capinfos.txt  TZ=UTC capinfos -M FILE   (lab captures only)
# Captures of ../shared/captures/lab are read where they are (they are large); their outputs are committed here too.
# Run from the repository root with tshark/capinfos 4.0 (Debian 12: 4.0.17): sh scripts/golden-stats.sh
set -eu
T=workers/testdata
LAB=../shared/captures/lab
STATS="-z conv,eth -z conv,ip -z conv,ipv6 -z conv,tcp -z conv,udp -z endpoints,eth -z endpoints,ip -z endpoints,ipv6 -z endpoints,tcp -z endpoints,udp -z io,phs"

golden() { # golden FILE NAME
  # shellcheck disable=SC2086
  tshark -n -r "$1" -q $STATS 2>/dev/null > "$T/$2.stats.txt" || true
}

for f in lab-null.pcapng lab-tls-proxy.pcapng pcapplusplus-VlanPackets.pcap pcapplusplus-ip4_fragments.pcap \
  pcapplusplus-ip6_fragments.pcap pcapplusplus-pcapng-example.pcapng zeek-wikipedia.pcap zeek-pppoe.pcap \
  tcpdump-dns_udp.pcap tcpdump-icmpv6.pcap zeek-fragmented-1.pcap tcpdump-802.1ad_QinQ.pcap zeek-5-pings.pcap \
  zeek-pipelined-requests.pcap suricata-tcp-opt.pcap; do
  golden "$T/$f" "$f"
done
for f in lab-classic.pcap lab-classic-nsec.pcap lab-loopback.pcapng net-veth.pcapng; do
  golden "$LAB/$f" "$f"
done
for f in lab-classic.pcap lab-classic-nsec.pcap lab-loopback.pcapng lab-null.pcapng net-veth.pcapng tls-proxy.pcapng; do
  (cd "$LAB" && TZ=UTC capinfos -M "$f") > "$T/$f.capinfos.txt"
done
