import { describe, expect, it } from 'vitest';
import { dissectFile, dissectHex, readGolden } from '../testing';

const TESTDATA = new URL('../../testdata/', import.meta.url).pathname;
const SHARED = new URL('../../../../shared/captures/public/', import.meta.url).pathname;

// lab/net-veth.pcapng frame 3458 — tshark: 2001:db8:1::10 → ff02::1:ff00:20 ICMPv6 86
//   Neighbor Solicitation for 2001:db8:1::20 from 00:1b:21:3a:5c:10
const NS =
  '3333ff000020001b213a5c1086dd6000000000203aff20010db8000100000000000000000010ff0200000000000000000001ff000020' +
  '8700a0750000000020010db80001000000000000000000200101001b213a5c10';
// frame 3459 — tshark: 2001:db8:1::20 → 2001:db8:1::10 ICMPv6 86
//   Neighbor Advertisement 2001:db8:1::20 (sol, ovr) is at dc:a6:32:12:34:56
const NA =
  '001b213a5c10dca63212345686dd6000000000203aff20010db800010000000000000000002020010db8000100000000000000000010' +
  '880049166000000020010db80001000000000000000000200201dca632123456';

async function matchesGolden(file: string, golden: string): Promise<void> {
  const { packets } = await dissectFile(TESTDATA + file);
  const rows = readGolden(SHARED + golden);
  expect(packets.length).toBe(rows.size);
  packets.forEach((d, i) => {
    const g = rows.get(i + 1)!;
    expect([d.cols.src, d.cols.dst, d.cols.protocol, d.cols.info], `frame ${i + 1}`).toEqual([g[2], g[3], g[4], g[6]]);
  });
}

describe('icmpv6', () => {
  it('shows a neighbour solicitation with its target and source link-layer address', () => {
    const d = dissectHex(NS);
    expect(d.cols.protocol).toBe('ICMPv6');
    expect(d.cols.info).toBe('Neighbor Solicitation for 2001:db8:1::20 from 00:1b:21:3a:5c:10');
    expect(d.field('icmpv6.type')).toBe('135');
    expect(d.field('icmpv6.checksum.status')).toBe('1');
    expect(d.field('icmpv6.nd.ns.target_address')).toBe('2001:db8:1::20');
    expect(d.field('icmpv6.opt.linkaddr')).toBe('00:1b:21:3a:5c:10');
    expect(d.field('icmpv6.opt.src_linkaddr')).toBe('00:1b:21:3a:5c:10');
  });

  it('shows a neighbour advertisement with its flags and target link-layer address', () => {
    const d = dissectHex(NA);
    expect(d.cols.info).toBe('Neighbor Advertisement 2001:db8:1::20 (sol, ovr) is at dc:a6:32:12:34:56');
    expect(d.field('icmpv6.nd.na.flag.s')).toBe('1');
    expect(d.field('icmpv6.nd.na.flag.r')).toBe('0');
  });

  it('flags a bad checksum (pseudo-header included)', () => {
    expect(dissectHex(NA.replace('88004916', '88004917')).field('icmpv6.checksum.status')).toBe('0');
  });

  it('stops at an option of length zero instead of looping', () => {
    const d = dissectHex(NS.replace('0101001b213a5c10', '0100001b213a5c10'));
    expect(d.cols.info).toBe('Neighbor Solicitation for 2001:db8:1::20');
    expect(d.experts).toContain('Invalid option length (Zero)');
  });

  it('matches tshark on router advertisements, MLD queries and MLDv2 reports (tcpdump icmpv6.pcap)', async () => {
    await matchesGolden('tcpdump-icmpv6.pcap', 'tcpdump/icmpv6.pcap.cols.tsv');
  });

  it('pairs echo requests and replies with the hop limit (zeek icmp6-ping.pcap)', async () => {
    await matchesGolden('zeek-icmp6-ping.pcap', 'zeek/icmp6-ping.pcap.cols.tsv');
  });
});
