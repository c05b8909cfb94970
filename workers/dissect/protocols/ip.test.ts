import { describe, expect, it } from 'vitest';
import { NULL_SINK } from '../sinks';
import { dissectFile, dissectHex, readGolden } from '../testing';

const TESTDATA = new URL('../../testdata/', import.meta.url).pathname;
const SHARED = new URL('../../../../shared/captures/public/', import.meta.url).pathname;

// tshark: 1 0.000000 172.16.133.2 → 172.217.11.78 ICMP 98 Echo (ping) request  id=0x04ca, seq=1/256, ttl=64 (reply in 2)
const PING =
  'a683e70c9064000c29cf3015080045000054946a40004001bd04ac108502acd90b4e0800ef2404ca00018bcfcf5f00000000db0d0f00' +
  '00000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637';

describe('ip', () => {
  it('reads the IPv4 header fields with their Wireshark names', () => {
    const d = dissectHex(PING);
    expect(d.cols.src).toBe('172.16.133.2');
    expect(d.cols.dst).toBe('172.217.11.78');
    expect(d.field('ip.version')).toBe('4');
    expect(d.field('ip.hdr_len')).toBe('20');
    expect(d.field('ip.len')).toBe('84');
    expect(d.field('ip.id')).toBe('0x946a');
    expect(d.field('ip.flags.df')).toBe('1');
    expect(d.field('ip.flags.mf')).toBe('0');
    expect(d.field('ip.frag_offset')).toBe('0');
    expect(d.field('ip.ttl')).toBe('64');
    expect(d.field('ip.proto')).toBe('1');
    expect(d.field('ip.checksum')).toBe('0xbd04');
    expect(d.field('ip.checksum.status')).toBe('2');
    expect(d.field('ip.src')).toBe('172.16.133.2');
    expect(d.field('ip.addr')).toBe('172.16.133.2,172.217.11.78');
    expect(d.field('ip.dst_host')).toBe('172.217.11.78');
    expect(d.layers).toBe('eth:ethertype:ip:icmp:data');
  });

  it('says the packet was cut short when the header was not captured', () => {
    // zeek ip4-trunc.pcap — tshark: 1 0.000000 c8:bc:c8:96:d2:a0 → 00:10:db:88:d2:ef IPv4 46 [Packet size limited during capture]
    const d = dissectHex('0010db88d2efc8bcc896d2a00800450000200001', 1, 46);
    expect(d.cols.protocol).toBe('IPv4');
    expect(d.cols.src).toBe('c8:bc:c8:96:d2:a0');
    expect(d.cols.info).toBe('[Packet size limited during capture]');
  });

  it('reports a bogus header length or total length and stops there', () => {
    // The ping above with its header-length nibble set to 4 (16 bytes), then with a total length of 10.
    const shortHeader = PING.replace('080045000054', '080044000054');
    expect(dissectHex(shortHeader).cols.info).toBe('Bogus IP header length (16, must be at least 20)');
    const shortTotal = PING.replace('080045000054', '08004500000a');
    expect(dissectHex(shortTotal).cols.info).toBe('Bogus IP length (10, less than header length 20)');
  });

  it('names an unknown protocol in Info and keeps Protocol "IPv4"', () => {
    // The ping with protocol 253 (experimentation): nothing claims it.
    const d = dissectHex(PING.replace('40004001bd04', '4000 40fd bd04'));
    expect(d.cols.protocol).toBe('IPv4');
    expect(d.cols.info).toBe('Experimentation and testing (253)');
  });

  it('matches tshark on every fragment and reassembles on the last one (ip4_fragments.pcap)', async () => {
    const { packets } = await dissectFile(TESTDATA + 'pcapplusplus-ip4_fragments.pcap');
    const golden = readGolden(SHARED + 'PcapPlusPlus/ip4_fragments.pcap.cols.tsv');
    let fragments = 0;
    packets.forEach((d, i) => {
      const g = golden.get(i + 1)!;
      expect([d.cols.src, d.cols.dst], `frame ${i + 1}`).toEqual([g[2], g[3]]);
      if (g[4] === 'IPv4') {
        fragments++;
        expect([d.cols.protocol, d.cols.info], `frame ${i + 1}`).toEqual([g[4], g[6]]);
      }
    });
    expect(fragments).toBe(44);
    // Frame 6 completes datagram 1ea0: five 1480-byte fragments and a last one of 920 bytes.
    expect(packets[5].cols.protocol).not.toBe('IPv4');
    expect(packets[5].field('ip.reassembled.length')).toBe('8320');
    expect(packets[5].layers).toContain('ip:udp');
    expect(packets[0].field('ip.reassembled_in')).toBe('6');
  });

  it('rebuilds the datagram when only the last fragment is dissected again', async () => {
    const { engine } = await dissectFile(TESTDATA + 'pcapplusplus-ip4_fragments.pcap');
    const rows: string[] = [];
    await engine.dissectRange(11, 12, NULL_SINK, (_p, cols) => rows.push(cols.protocol));
    await engine.dissectRange(10, 11, NULL_SINK, (_p, cols) => rows.push(cols.info));
    expect(rows[0]).not.toBe('IPv4');
    expect(rows[1]).toBe('Fragmented IP protocol (proto=UDP 17, off=5920, ID=1ea1) [Reassembled in #12]');
  });

  it('reassembles fragments whose first piece is padded on the wire (fragmented-1.pcap)', async () => {
    const { packets } = await dissectFile(TESTDATA + 'zeek-fragmented-1.pcap');
    // tshark: 1 … IPv4 60 Fragmented IP protocol (proto=UDP 17, off=0, ID=00f2) [Reassembled in #3]
    expect(packets[0].cols.info).toBe('Fragmented IP protocol (proto=UDP 17, off=0, ID=00f2) [Reassembled in #3]');
    expect(packets[1].cols.info).toBe('Fragmented IP protocol (proto=UDP 17, off=48, ID=00f2) [Reassembled in #3]');
    expect(packets[2].cols.protocol).not.toBe('IPv4');
  });
});
