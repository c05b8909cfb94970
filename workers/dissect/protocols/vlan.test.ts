import { describe, expect, it } from 'vitest';
import { dissectFile, dissectHex } from '../testing';

describe('vlan', () => {
  it('reads an 802.1Q tag and shows the padding under it', () => {
    // zeek/icmp_dot1q.pcap #3 — tshark: 00:18:73:de:57:c1 → ff:ff:ff:ff:ff:ff ARP 64 Who has 192.168.123.1? Tell 192.168.123.2
    const d = dissectHex(
      'ffffffffffff001873de57c18100007b08060001080006040001001873de57c1c0a87b02000000000000c0a87b01000000000000000000000000000000000000',
    );
    expect(d.cols.info).toBe('Who has 192.168.123.1? Tell 192.168.123.2');
    expect(d.cols.src).toBe('00:18:73:de:57:c1');
    expect(d.field('vlan.id')).toBe('123');
    expect(d.field('vlan.priority')).toBe('0');
    expect(d.field('vlan.dei')).toBe('0');
    expect(d.field('vlan.etype')).toBe('0x0806');
    expect(d.layers).toBe('eth:ethertype:vlan:ethertype:arp');
    // 14 + 4 + 28 = 46 bytes used: 14 bytes of padding to 60, and no FCS is assumed at the VLAN level.
    expect(d.field('eth.padding')).toBe('00:00:00:00:00:00:00:00:00:00:00:00:00:00');
    expect(d.field('vlan.trailer')).toBe('00:00:00:00');
    expect(d.field('eth.fcs')).toBeUndefined();
  });

  it('shows PRI/DEI/ID as Info when nothing above the tag is decoded', () => {
    const d = dissectHex('ffffffffffff001873de57c1 8100 b07b 88b5 0102030405');
    expect(d.cols.info).toBe('PRI: 5  DEI: 1  ID: 123');
    expect(d.cols.protocol).toBe('0x88b5');
    expect(d.field('vlan.priority')).toBe('5');
    expect(d.field('vlan.dei')).toBe('1');
  });

  it('reads an 802.1ad S-tag followed by a C-tag (QinQ)', () => {
    // tcpdump/802.1ad_QinQ.pcap #1 — tshark: 00:20:d2:5a:fb:3f → ff:ff:ff:ff:ff:ff ARP 64 Who has 172.21.79.100? Tell 172.21.79.97
    const d = dissectHex(
      'ffffffffffff0020d25afb3f88a800c8810007d1080600010800060400010020d25afb3fac154f61000000000000ac154f640000000000000000000000000000',
    );
    expect(d.cols.protocol).toBe('ARP');
    expect(d.cols.info).toBe('Who has 172.21.79.100? Tell 172.21.79.97');
    expect(d.field('ieee8021ad.svid')).toBe('200');
    expect(d.field('ieee8021ad.cvid')).toBe('2001');
    expect(d.layers).toBe('eth:ethertype:ieee8021ad:ethertype:arp');
  });

  it('reads stacked 802.1Q tags (0x9100 outer)', () => {
    const d = dissectHex('ffffffffffff001873de57c1 9100 0064 8100 007b 88b5 00');
    expect(d.fields('vlan.id')).toEqual(['100', '123']);
  });
});

describe('vlan in a whole file', () => {
  it('reads both tags of the QinQ ARP in tcpdump/802.1ad_QinQ.pcap', async () => {
    const { packets } = await dissectFile('workers/testdata/tcpdump-802.1ad_QinQ.pcap');
    // tshark: 2 0.000268 00:80:ea:81:88:63 → 00:20:d2:5a:fb:3f ARP 64 172.21.79.100 is at 00:80:ea:81:88:63
    expect(packets[1].cols.info).toBe('172.21.79.100 is at 00:80:ea:81:88:63');
    expect(packets[1].cols.src).toBe('00:80:ea:81:88:63');
    expect(packets[1].field('ieee8021ad.svid')).toBe('200');
  });
});
