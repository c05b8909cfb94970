import { describe, expect, it } from 'vitest';
import { dissectHex } from '../testing';
import { nullFamily } from './null';

describe('null', () => {
  it('reads a little-endian Darwin IPv6 family (30)', () => {
    // gopacket/test_loopback.pcap #2 — tshark: ::1 → ::1 TCP 76 8080 → 58799 [ACK] Seq=1 Ack=485 Win=8962 Len=0 …
    const d = dissectHex(
      '1e000000600188910020064000000000000000000000000000000001000000000000000000000000000000011f90e5af0a6566ef0897184a80102302002800000101080a05c08cfc05c08cfc',
      0,
    );
    expect(d.field('null.family')).toBe('30');
    expect(d.cols.src).toBe('::1');
    expect(d.layers.startsWith('null:ipv6')).toBe(true);
  });

  it('reads IPv4 (2) and takes the low 16 bits of a large value as an EtherType', () => {
    // PcapPlusPlus/NullLoopback.pcap #2 — tshark: 172.16.1.117 → 172.16.1.255 BJNP 48 Scanner Command: Discover
    const v4 = dissectHex(
      '020000004500002cc169000040115dc3ac100175ac1001ffd84921a4001817ae424a4e42020100000000000000000000',
      0,
    );
    expect(v4.field('null.family')).toBe('2');
    expect(v4.cols.src).toBe('172.16.1.117');
    // PcapPlusPlus/NullLoopback.pcap #3 starts 0f 00 08 00 — tshark: 10.0.0.138 → 10.0.0.1 DNS 397 …
    const swapped = dissectHex('0f0008004500001c000040004011000a0a00008a0a00000100350035000800000000', 0);
    expect(swapped.field('null.type')).toBe('0x0800');
    expect(swapped.cols.src).toBe('10.0.0.138');
  });

  it('puts a family written in either byte order right', () => {
    expect(nullFamily(0x00000002)).toBe(2); // 02 00 00 00 read little-endian
    expect(nullFamily(0x02000000)).toBe(2); // 00 00 00 02: big-endian
    expect(nullFamily(0x1e000000)).toBe(30);
    expect(nullFamily(0x00000200)).toBe(2); // 00 02 00 00: a 16-bit big-endian family
    expect(nullFamily(0x00020000)).toBe(2); // 00 00 02 00: a 16-bit family in the upper half
  });

  it('treats Linux (10) and Windows (23) families as IPv6 only when the packet is IPv6', () => {
    const ipv6 = '60000000000011400000000000000000000000000000000100000000000000000000000000000001';
    expect(dissectHex('0a000000' + ipv6, 0).cols.protocol).toBe('IPv6');
    expect(dissectHex('17000000' + ipv6, 0).cols.protocol).toBe('IPv6');
    const other = dissectHex('17000000ffff0000', 0);
    expect(other.cols.protocol).toBe('N/A');
    expect(other.cols.info).toBe('Null/Loopback');
  });
});
