import { describe, expect, it } from 'vitest';
import { dissectHex } from '../testing';

// tcpdump/LINKTYPE_IPV4_invalid.pcap #1 (an IPv6 packet) — tshark: 2001:db8::1 → 2620:fe::9 DNS 77 Standard query 0x1234 A example.com
const IPV6 =
  '600000000025114020010db8000000000000000000000001262000fe00000000000000000000000930390035002598b3123401000001000000000000076578616d706c6503636f6d0000010001';
// PcapPlusPlus/four_ipv6_http_streams.pcap #1 (link type 12) — tshark: 2001:618:400::5199:cc70 → 2001:618:1:8000::5 TCP 80 35995 → 80 [SYN] …
const IPV6_SYN =
  '60000000002806402001061804000000000000005199cc70200106180001800000000000000000058c9b00506ae7073600000000a0021630299c00000204058c0402080a00dd1a390000000001030302';

describe('raw', () => {
  it('dispatches link type 101 (and 12, 14) by the version nibble', () => {
    for (const lt of [101, 12, 14]) {
      const d = dissectHex(IPV6_SYN, lt);
      expect(d.cols.src).toBe('2001:618:400::5199:cc70');
      expect(d.layers.startsWith('raw:ipv6')).toBe(true);
    }
  });

  it('shows IPv6 on link type 228 as Wireshark does, and on 229', () => {
    expect(dissectHex(IPV6, 228).cols.src).toBe('2001:db8::1');
    expect(dissectHex(IPV6, 229).cols.dst).toBe('2620:fe::9');
  });

  it('leaves bytes that are neither IPv4 nor IPv6 as raw data', () => {
    const d = dissectHex('0123456789', 101);
    expect(d.cols.protocol).toBe('N/A');
    expect(d.cols.info).toBe('Raw packet data');
    expect(d.field('data.len')).toBe('5');
  });
});
