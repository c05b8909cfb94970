import { describe, expect, it } from 'vitest';
import { dissectHex } from '../testing';

describe('nflog', () => {
  it('finds the payload TLV and hands it to IPv4', () => {
    // zeek/nflog-http.pcap #5 — tshark: 10.0.2.15 → 93.184.216.34 TCP 88 49762 → 80 [ACK] Seq=1 Ack=1 Win=29200 Len=0
    const d = dissectHex(
      '0200002a080001000000030005000a0000000000080005000000000208000b000000000008000e00000000002c00090045000028e8f0400040060ff60a00020f5db8d822c26200503f32bad243777c025010721042040000',
      239,
    );
    expect(d.cols.src).toBe('10.0.2.15');
    expect(d.cols.dst).toBe('93.184.216.34');
    expect(d.field('nflog.family')).toBe('2');
    expect(d.layers.startsWith('nflog:ip')).toBe(true);
  });

  it('stops at a TLV whose length is impossible', () => {
    const d = dissectHex('0200002a 0200 0900', 239);
    expect(d.cols.protocol).toBe('NFLOG');
    expect(d.experts).toContain('TLV length is invalid');
  });
});
