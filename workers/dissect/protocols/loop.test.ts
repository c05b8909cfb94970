import { describe, expect, it } from 'vitest';
import { dissectHex } from '../testing';

describe('loop', () => {
  it('reads the address family in network byte order (OpenBSD, link type 108)', () => {
    // The IPv4 packet of PcapPlusPlus/NullLoopback.pcap #2 behind an OpenBSD loopback header.
    const d = dissectHex(
      '000000024500002cc169000040115dc3ac100175ac1001ffd84921a4001817ae424a4e42020100000000000000000000',
      108,
    );
    expect(d.field('null.family')).toBe('2');
    expect(d.cols.src).toBe('172.16.1.117');
    expect(d.cols.dst).toBe('172.16.1.255');
    // The same family little-endian is not IPv4 here.
    expect(dissectHex('020000004500002c', 108).cols.protocol).toBe('N/A');
  });
});
