import { describe, expect, it } from 'vitest';
import { dissectFile, dissectHex, readGolden } from '../testing';

const TESTDATA = new URL('../../testdata/', import.meta.url).pathname;
const SHARED = new URL('../../../../shared/captures/public/', import.meta.url).pathname;

// zeek 5-pings.pcap frame 1 — tshark: 172.16.133.2 → 172.217.11.78 ICMP 98
//   Echo (ping) request  id=0x04ca, seq=1/256, ttl=64 (reply in 2)
const REQUEST =
  'a683e70c9064000c29cf3015080045000054946a40004001bd04ac108502acd90b4e0800ef2404ca00018bcfcf5f00000000db0d0f00' +
  '00000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637';
// frame 2 — tshark: 172.217.11.78 → 172.16.133.2 ICMP 98 Echo (ping) reply    id=0x04ca, seq=1/256, ttl=113 (request in 1)
const REPLY =
  '000c29cf3015a683e70c9064080045200054000000007101604facd90b4eac1085020000f72404ca00018bcfcf5f00000000db0d0f00' +
  '00000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637';

describe('icmp', () => {
  it('reads an echo request; alone, it has no reply', () => {
    const d = dissectHex(REQUEST);
    expect(d.cols.protocol).toBe('ICMP');
    expect(d.cols.info).toBe('Echo (ping) request  id=0x04ca, seq=1/256, ttl=64 (no response found!)');
    expect(d.field('icmp.type')).toBe('8');
    expect(d.field('icmp.code')).toBe('0');
    expect(d.field('icmp.checksum')).toBe('0xef24');
    expect(d.field('icmp.checksum.status')).toBe('1');
    expect(d.field('icmp.seq')).toBe('1');
    expect(d.field('icmp.seq_le')).toBe('256');
    expect(d.field('icmp.no_resp')).toBe('1');
  });

  it('pads the type name of a reply as tshark does and finds no request when alone', () => {
    expect(dissectHex(REPLY).cols.info).toBe('Echo (ping) reply    id=0x04ca, seq=1/256, ttl=113');
  });

  it('flags a bad checksum', () => {
    const d = dissectHex(REQUEST.replace('0800ef24', '0800ef25'));
    expect(d.field('icmp.checksum.status')).toBe('0');
  });

  it('pairs requests and replies across the capture (5-pings.pcap)', async () => {
    const { packets } = await dissectFile(TESTDATA + 'zeek-5-pings.pcap');
    const golden = readGolden(SHARED + 'zeek/5-pings.pcap.cols.tsv');
    expect(packets.length).toBe(golden.size);
    packets.forEach((d, i) => {
      const g = golden.get(i + 1)!;
      expect([d.cols.src, d.cols.dst, d.cols.protocol, d.cols.info], `frame ${i + 1}`).toEqual([
        g[2],
        g[3],
        g[4],
        g[6],
      ]);
    });
    expect(packets[0].field('icmp.resp_in')).toBe('2');
    expect(packets[1].field('icmp.resp_to')).toBe('1');
  });

  it('shows a destination unreachable with the quoted datagram, keeping the outer columns', () => {
    // The reply above turned into a port unreachable from 172.217.11.78 quoting the request's IP header and 8 bytes.
    const quoted = '45000054946a40004001bd04ac108502acd90b4e0800ef2404ca0001';
    const icmp = '0303' + '0000' + '00000000' + quoted;
    const ipLen = (20 + icmp.length / 2).toString(16).padStart(4, '0');
    const ip = '4520' + ipLen + '0000' + '0000' + '71' + '01' + '0000' + 'acd90b4e' + 'ac108502';
    const frame = '000c29cf3015a683e70c9064' + '0800' + ip + icmp;
    const d = dissectHex(frame);
    expect(d.cols.protocol).toBe('ICMP');
    expect(d.cols.info).toBe('Destination unreachable (Port unreachable)');
    expect(d.cols.src).toBe('172.217.11.78');
    expect(d.cols.dst).toBe('172.16.133.2');
    expect(d.layers).toBe('eth:ethertype:ip:icmp:ip:icmp');
    expect(d.fields('ip.src')).toEqual(['172.217.11.78', '172.16.133.2']);
  });
});
