import { describe, expect, it } from 'vitest';
import { dissectHex } from '../testing';

describe('sll', () => {
  it('shows the sender as Source and no Destination', () => {
    // PcapPlusPlus/sll.pcap #10 — tshark: 08:00:27:19:1c:78 →  ARP 44 Who has 10.0.0.138? Tell 10.0.0.8
    const d = dissectHex(
      '000400010006080027191c78000008060001080006040001080027191c780a0000080000000000000a00008a',
      113,
    );
    expect(d.cols.src).toBe('08:00:27:19:1c:78');
    expect(d.cols.dst).toBe('');
    expect(d.cols.info).toBe('Who has 10.0.0.138? Tell 10.0.0.8');
    expect(d.field('sll.pkttype')).toBe('4');
    expect(d.field('sll.etype')).toBe('0x0806');
    expect(d.field('sll.src.eth')).toBe('08:00:27:19:1c:78');
    expect(d.layers).toBe('sll:ethertype:arp');
  });

  it('shows what follows a short ARP as trailer (PcapPlusPlus/sll.pcap #11)', () => {
    // tshark: 30:46:9a:23:fb:fa →  ARP 62 10.0.0.138 is at 30:46:9a:23:fb:fa
    // tshark -V: "Trailer: 742066726f6d20627269646765002a2a2a20" (not zeros: no padding)
    const d = dissectHex(
      '00000001000630469a23fbfa00000806000108000604000230469a23fbfa0a00008a080027191c780a000008742066726f6d20627269646765002a2a2a20',
      113,
    );
    expect(d.cols.info).toBe('10.0.0.138 is at 30:46:9a:23:fb:fa');
    expect(d.field('eth.padding')).toBeUndefined();
    expect(d.field('sll.trailer')).toBe('74:20:66:72:6f:6d:20:62:72:69:64:67:65:00:2a:2a:2a:20');
  });

  it('reads SLL2 (link type 276)', () => {
    // tcpdump/tcp-handshake-nano.pcap #1's IPv4 packet behind an SLL2 header (protocol 0x0800, ifindex 2, sent by us).
    const d = dissectHex(
      '08000000000000020001040600000000000000004500003c29a940004006db5f839bd7458974515eb64000502f842acb00000000a0026a4050c40000020405500402080a436a03620000000001030307',
      276,
    );
    expect(d.field('sll.ifindex')).toBe('2');
    expect(d.field('sll.pkttype')).toBe('4');
    expect(d.cols.src).toBe('131.155.215.69');
    expect(d.layers.startsWith('sll:ethertype:ip')).toBe(true);
  });

  it('hands Linux protocol 4 to LLC', () => {
    const d = dissectHex('0000000100060000000000000000 0004 f0f0020200', 113);
    expect(d.cols.protocol).toBe('LLC');
    expect(d.cols.info).toBe('I, N(R)=1, N(S)=1; DSAP NetBIOS Individual, SSAP NetBIOS Command');
    expect(d.field('sll.ltype')).toBe('0x0004');
  });
});
