import { describe, expect, it } from 'vitest';
import { formatIPv6 } from '../packet';
import { dissectFile, dissectHex, fromHex, readGolden } from '../testing';

const TESTDATA = new URL('../../testdata/', import.meta.url).pathname;
const SHARED = new URL('../../../../shared/captures/public/', import.meta.url).pathname;

// lab/net-veth.pcapng frame 3458 — tshark: 2001:db8:1::10 → ff02::1:ff00:20 ICMPv6 86
//   Neighbor Solicitation for 2001:db8:1::20 from 00:1b:21:3a:5c:10
const NS =
  '3333ff000020001b213a5c1086dd6000000000203aff20010db8000100000000000000000010ff0200000000000000000001ff000020' +
  '8700a0750000000020010db80001000000000000000000200101001b213a5c10';

const v6 = (hex: string) => formatIPv6(fromHex(hex), 0);

describe('ipv6', () => {
  it('reads the fixed header with its Wireshark names', () => {
    const d = dissectHex(NS);
    expect(d.cols.src).toBe('2001:db8:1::10');
    expect(d.cols.dst).toBe('ff02::1:ff00:20');
    expect(d.field('ipv6.version')).toBe('6');
    expect(d.field('ipv6.plen')).toBe('32');
    expect(d.field('ipv6.nxt')).toBe('58');
    expect(d.field('ipv6.hlim')).toBe('255');
    expect(d.field('ipv6.src')).toBe('2001:db8:1::10');
    expect(d.field('ipv6.addr')).toBe('2001:db8:1::10,ff02::1:ff00:20');
    expect(d.layers).toBe('eth:ethertype:ipv6:icmpv6');
  });

  it('formats addresses as RFC 5952 and Wireshark do', () => {
    expect(v6('00000000000000000000000000000000')).toBe('::');
    expect(v6('00000000000000000000000000000001')).toBe('::1');
    expect(v6('fe800000000000000000000000000000')).toBe('fe80::');
    expect(v6('20010db8000000000000000000000001')).toBe('2001:db8::1');
    expect(v6('00010000000000010000000000000001')).toBe('1:0:0:1::1');
    expect(v6('00010000000100000001000000010000')).toBe('1:0:1:0:1:0:1:0');
    expect(v6('20010db8000000010000000000000001')).toBe('2001:db8:0:1::1');
    expect(v6('00000000000000000000ffffc0000201')).toBe('::ffff:192.0.2.1');
    expect(v6('000000000000000000000000c0000201')).toBe('::192.0.2.1');
    expect(v6('fe80000000000000021ff3fffecdf617')).toBe('fe80::21f:f3ff:fecd:f617');
  });

  it('walks a hop-by-hop header before ICMPv6 (MLDv2 report)', () => {
    // tcpdump icmpv6.pcap frame 2 — tshark: fe80::215:17ff:fecc:e546 → ff02::16 ICMPv6 90 Multicast Listener Report Message v2
    const d = dissectHex(
      '333300000016001517cce54686dd6000000000240001fe80000000000000021517fffecce546ff020000000000000000000000000016' +
        '3a000502000001008f001fc50000000104000000ff0200000000000000000db811223344',
    );
    expect(d.layers).toBe('eth:ethertype:ipv6:ipv6.hopopts:icmpv6');
    expect(d.field('ipv6.opt.router_alert')).toBe('0');
    expect(d.cols.info).toBe('Multicast Listener Report Message v2');
  });

  it('shows fragments and reassembles them as tshark does (ip6_fragments.pcap)', async () => {
    const { packets } = await dissectFile(TESTDATA + 'pcapplusplus-ip6_fragments.pcap');
    const golden = readGolden(SHARED + 'PcapPlusPlus/ip6_fragments.pcap.cols.tsv');
    let fragments = 0;
    packets.forEach((d, i) => {
      const g = golden.get(i + 1)!;
      expect([d.cols.src, d.cols.dst], `frame ${i + 1}`).toEqual([g[2], g[3]]);
      if (g[4] === 'IPv6') {
        fragments++;
        expect([d.cols.protocol, d.cols.info], `frame ${i + 1}`).toEqual([g[4], g[6]]);
      } else expect(d.cols.protocol, `frame ${i + 1}`).not.toBe('IPv6');
    });
    expect(fragments).toBe(32);
    expect(packets[0].field('ipv6.fraghdr.ident')).toBe('0x002c5323');
    expect(packets[0].field('ipv6.reassembled_in')).toBe('7');
    expect(packets[6].layers).toContain('ipv6:ipv6.fraghdr:udp');
  });
});
