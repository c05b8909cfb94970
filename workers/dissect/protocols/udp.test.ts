import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dissectFile, dissectHex, fromHex } from '../testing';

const testdata = (name: string) => fileURLToPath(new URL(`../../testdata/${name}`, import.meta.url));

// tcpdump tests/dns_udp.pcap, frame 1.
// tshark: 1 0.000000 192.168.1.11 → 209.87.249.18 DNS 98 Standard query 0x5934 A www.tcpdump.org OPT
const DNS_QUERY =
  '001122334466001122334455080045000054 59cd0000401194aec0a8010bd157f912' +
  'abbe003500407824' +
  '593401200001000000000001037777770774637064756d70036f72670000010001000029100000000000000c000a000842f5d00996f90b13';

/** The same frame with bytes replaced at a position of the frame (a mutation of a real packet). */
function patch(hex: string, at: number, bytes: string): Uint8Array {
  const d = fromHex(hex);
  d.set(fromHex(bytes), at);
  return d;
}

describe('udp', () => {
  it('reads the header and hands port 53 to DNS', () => {
    const d = dissectHex(DNS_QUERY);
    expect(d.field('udp.srcport')).toBe('43966');
    expect(d.field('udp.dstport')).toBe('53');
    expect(d.fields('udp.port')).toEqual(['43966', '53']);
    expect(d.field('udp.length')).toBe('64');
    expect(d.field('udp.checksum')).toBe('0x7824');
    expect(d.field('udp.checksum.status')).toBe('2');
    expect(d.field('udp.stream')).toBe('0');
    expect(d.field('udp.payload')?.length).toBe(56 * 3 - 1);
    expect(d.layers).toBe('eth:ethertype:ip:udp:dns');
    expect(d.cols.protocol).toBe('DNS');
  });

  it('shows "sport → dport Len=n" for a payload no dissector claims', () => {
    // Destination port changed from 53 to 9999 (0x270f).
    const d = dissectHex(patch(DNS_QUERY, 36, '270f'));
    expect(d.cols.protocol).toBe('UDP');
    expect(d.cols.info).toBe('43966 \u2192 9999 Len=56');
    expect(d.layers).toBe('eth:ethertype:ip:udp:data');
  });

  it('stops at a length below the header size', () => {
    const d = dissectHex(patch(DNS_QUERY, 38, '0004'));
    expect(d.cols.info).toBe('43966 \u2192 53 [BAD UDP LENGTH 4 < 8]');
    expect(d.layers).toBe('eth:ethertype:ip:udp');
  });

  it('flags a length past the IP payload and still dissects what is there', () => {
    const d = dissectHex(patch(DNS_QUERY, 38, '0100'));
    expect(d.experts).toContain('Bad length value 256 > IP payload length');
    expect(d.cols.info).toBe('Standard query 0x5934 A www.tcpdump.org OPT');
  });

  it('says a zero checksum over IPv4 is not present', () => {
    const d = dissectHex(patch(DNS_QUERY, 40, '0000'));
    expect(d.field('udp.checksum.status')).toBe('3');
  });

  it('numbers conversations in order of appearance, the same in both directions', async () => {
    const { packets } = await dissectFile(testdata('zeek-wikipedia.pcap'));
    // Frame 1 is mDNS over IPv4 (the capture's first UDP conversation), frame 2 mDNS over IPv6 (the second); the
    // DNS query in frame 16 and its response in frame 17 share one conversation.
    const stream = (n: number) => packets[n - 1].field('udp.stream');
    expect(stream(1)).toBe('0');
    expect(stream(2)).toBe('1');
    expect(stream(16)).toBe(stream(17));
    expect(stream(16)).not.toBe(stream(1));
  });
});
