import { describe, expect, it } from 'vitest';
import { dissectHex, fromHex } from '../testing';

// zeek/arp-who-has.pcap #1 — tshark: 78:31:c1:c6:3f:c2 → ff:ff:ff:ff:ff:ff ARP 42 Who has 10.0.0.1? Tell 10.0.0.2
const REQUEST = 'ffffffffffff7831c1c63fc20806 0001080006040001 7831c1c63fc2 0a000002 000000000000 0a000001';

/** The request above with some bytes of its ARP part (offset from the ARP header) replaced. */
function edit(changes: Record<number, string>): Uint8Array {
  const b = fromHex(REQUEST);
  for (const [at, hex] of Object.entries(changes)) b.set(fromHex(hex), 14 + Number(at));
  return b;
}

describe('arp', () => {
  it('shows a request as Wireshark does, with the link addresses as Source/Destination', () => {
    const d = dissectHex(REQUEST);
    expect(d.cols.protocol).toBe('ARP');
    expect(d.cols.info).toBe('Who has 10.0.0.1? Tell 10.0.0.2');
    expect(d.cols.src).toBe('78:31:c1:c6:3f:c2');
    expect(d.field('arp.opcode')).toBe('1');
    expect(d.field('arp.src.hw_mac')).toBe('78:31:c1:c6:3f:c2');
    expect(d.field('arp.src.proto_ipv4')).toBe('10.0.0.2');
    expect(d.field('arp.dst.proto_ipv4')).toBe('10.0.0.1');
    expect(d.field('arp.proto.type')).toBe('0x0800');
    expect(d.field('arp.isgratuitous')).toBeUndefined();
  });

  it('shows a reply', () => {
    // zeek/arp-who-has.pcap #2 — tshark: ARP 60 10.0.0.1 is at f8:ed:a5:c0:a4:f1
    const d = dissectHex(
      '7831c1c63fc2f8eda5c0a4f108060001080006040002f8eda5c0a4f10a0000017831c1c63fc20a00000200000000000000000000000000001f0b60ce',
    );
    expect(d.cols.info).toBe('10.0.0.1 is at f8:ed:a5:c0:a4:f1');
  });

  it('names a gratuitous reply', () => {
    // zeek/icmp_dot1q.pcap #1 — tshark: ARP 64 Gratuitous ARP for 192.168.123.1 (Reply)
    const d = dissectHex(
      'ffffffffffff001906eab8c18100007b08060001080006040002001906eab8c1c0a87b01ffffffffffffc0a87b01000000000000000000000000000000000000',
    );
    expect(d.cols.info).toBe('Gratuitous ARP for 192.168.123.1 (Reply)');
    expect(d.field('arp.isgratuitous')).toBe('1');
    expect(d.field('vlan.id')).toBe('123');
  });

  it('names RFC 5227 announcements and probes, and gratuitous requests', () => {
    // Sender IP = target IP, target MAC zero: an announcement.
    expect(dissectHex(edit({ 14: '0a000001' })).cols.info).toBe('ARP Announcement for 10.0.0.1');
    // Sender IP = target IP, target MAC set: a gratuitous request.
    expect(dissectHex(edit({ 14: '0a000001', 18: 'ffffffffffff' })).cols.info).toBe(
      'Gratuitous ARP for 10.0.0.1 (Request)',
    );
    // Sender IP zero, target MAC zero: a probe.
    const probe = dissectHex(edit({ 14: '00000000' }));
    expect(probe.cols.info).toBe('Who has 10.0.0.1? (ARP Probe)');
    expect(probe.field('arp.isprobe')).toBe('1');
  });

  it('shows RARP with its own Protocol column', () => {
    const req = dissectHex(edit({ 6: '0003' }));
    expect(req.cols.protocol).toBe('RARP');
    expect(req.cols.info).toBe('Who is 00:00:00:00:00:00? Tell 78:31:c1:c6:3f:c2');
    const reply = dissectHex(edit({ 6: '0004' }));
    expect(reply.cols.info).toBe('00:00:00:00:00:00 is at 10.0.0.1');
    expect(dissectHex(edit({ 6: '00ff' })).cols.info).toBe('Unknown ARP opcode 0x00ff');
  });

  it('reports a truncated ARP', () => {
    const d = dissectHex(REQUEST.replace(/ 0a000001$/, ''), 1, 42);
    expect(d.cols.info).toBe('[Packet size limited during capture]');
    expect(d.cols.protocol).toBe('ARP');
  });
});
