import { describe, expect, it } from 'vitest';
import { dissectHex } from '../testing';

// pcapng-test-generator output_le/basic/test001.pcapng, frame 1.
// tshark: 1 0.000000 0.0.0.0 → 255.255.255.255 DHCP 314 DHCP Discover - Transaction ID 0x3d1d
const DISCOVER =
  'ffffffffffff000b8201fc4208004500012ca8360000fa11178b00000000ffffffff004400430118591f0101060000003d1d' +
  '0000000000000000000000000000000000000000000b8201fc42' +
  '00'.repeat(202) +
  '638253633501013d0701000b8201fc4232040000000037040103062aff00000000000000';

// Frame 2.
// tshark: 2 0.000000 192.168.0.1 → 192.168.0.10 DHCP 342 DHCP Offer    - Transaction ID 0x3d1d
const OFFER =
  '000b8201fc42000874adf19b0800450001480445000080110000c0a80001c0a8000a00430044013422330201060000003d1d' +
  '0000000000000000c0a8000ac0a8000100000000000b8201fc42' +
  '00'.repeat(202) +
  '638253633501020104ffffff003a04000007083b0400000c4e330400000e103604c0a80001ff' +
  '00'.repeat(26);

describe('dhcp', () => {
  it('names a DHCP message by its option 53, padded as Wireshark pads it', () => {
    const d = dissectHex(DISCOVER);
    expect(d.cols.protocol).toBe('DHCP');
    expect(d.cols.info).toBe('DHCP Discover - Transaction ID 0x3d1d');
    expect(d.layers).toBe('eth:ethertype:ip:udp:dhcp');
    expect(d.field('dhcp.type')).toBe('1');
    expect(d.field('dhcp.id')).toBe('0x00003d1d');
    // Once for the client hardware address, once in the client identifier option (tshark -T fields prints both).
    expect(d.field('dhcp.hw.mac_addr')).toBe('00:0b:82:01:fc:42,00:0b:82:01:fc:42');
    expect(d.field('dhcp.option.dhcp')).toBe('1');
    expect(d.field('dhcp.option.requested_ip_address')).toBe('0.0.0.0');
    expect(d.fields('dhcp.option.request_list_item')).toEqual(['1', '3', '6', '42']);

    const o = dissectHex(OFFER);
    expect(o.cols.info).toBe('DHCP Offer    - Transaction ID 0x3d1d');
    expect(o.field('dhcp.ip.your')).toBe('192.168.0.10');
    expect(o.field('dhcp.option.subnet_mask')).toBe('255.255.255.0');
    expect(o.field('dhcp.option.ip_address_lease_time')).toBe('3600');
    expect(o.field('dhcp.option.dhcp_server_id')).toBe('192.168.0.1');
  });

  it('is BOOTP without option 53', () => {
    // The Discover with its DHCP Message Type option turned into a pad-free unknown option (code 0xfa).
    const hex = DISCOVER.replace('3501013d07', 'fa01013d07');
    const d = dissectHex(hex);
    expect(d.cols.protocol).toBe('BOOTP');
    expect(d.cols.info).toBe('Boot Request from 00:0b:82:01:fc:42 (00:0b:82:01:fc:42)');
    const r = dissectHex(OFFER.replace('3501020104', 'fa01020104'));
    expect(r.cols.info).toBe('Boot Reply');
  });

  it('stops where Wireshark stops when the capture is cut short', () => {
    // pcapng-test-generator output_le/difficult/test201.pcapng, frames 1 and 2 (96 and 128 of 314/342 bytes).
    // tshark: 1 0.000000 0.0.0.0 → 255.255.255.255 BOOTP 314 Boot Request from 00:0b:82:01:fc:42
    //   (00:0b:82:01:fc:42)[Packet size limited during capture]
    // tshark: 2 0.000000 192.168.0.1 → 192.168.0.10 BOOTP 342 Boot Reply[Packet size limited during capture]
    const req = dissectHex(DISCOVER.slice(0, 2 * 96), 1, 314);
    expect(req.cols.protocol).toBe('BOOTP');
    expect(req.cols.info).toBe(
      'Boot Request from 00:0b:82:01:fc:42 (00:0b:82:01:fc:42)[Packet size limited during capture]',
    );
    const rep = dissectHex(OFFER.slice(0, 2 * 128), 1, 342);
    expect(rep.cols.info).toBe('Boot Reply[Packet size limited during capture]');
  });
});
