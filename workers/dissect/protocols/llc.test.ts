import { describe, expect, it } from 'vitest';
import { dissectHex } from '../testing';

describe('llc', () => {
  it('reads SNAP with a Cisco OUI and leaves a PID nothing decodes as data', () => {
    // PcapPlusPlus/VlanPackets.pcap #21 (CDP, PID 0x2000) cut after the SNAP header, with the PID changed to 0x2004.
    const d = dissectHex(
      '01000ccdcdd00013c3dfae188100a0760165aaaa0300000c200402b4bae2000100065231000500fd436973636f20494f5320536f667477617265',
      1,
      375,
    );
    expect(d.cols.protocol).toBe('LLC');
    expect(d.cols.info).toBe('U, func=UI; SNAP, OUI 0x00000C (Cisco Systems, Inc), PID 0x2004');
    expect(d.field('llc.dsap')).toBe('0xaa');
    expect(d.field('llc.control')).toBe('0x0003');
    expect(d.field('llc.oui')).toBe('0x00000c');
    expect(d.field('llc.pid')).toBe('0x2004');
    expect(d.field('vlan.len')).toBe('357');
    expect(d.layers).toBe('eth:ethertype:vlan:llc:data');
  });

  it('hands SNAP with the EtherType OUI to the EtherType table', () => {
    // zeek/arp-who-has.pcap #1's ARP carried in 802.3 + LLC/SNAP.
    const d = dissectHex(
      'ffffffffffff7831c1c63fc2 0024 aaaa03 000000 0806 0001080006040001 7831c1c63fc2 0a000002 000000000000 0a000001',
    );
    expect(d.cols.info).toBe('Who has 10.0.0.1? Tell 10.0.0.2');
    expect(d.field('llc.type')).toBe('0x0806');
    expect(d.layers).toBe('eth:llc:arp');
  });

  it('describes I and S frames', () => {
    expect(dissectHex('0180c2000000001122334455 0006 f0f0 0203 0000').cols.info).toMatch(/^I P, N\(R\)=1, N\(S\)=1;/);
    expect(dissectHex('0180c2000000001122334455 0006 f0f0 0202 0000').cols.info).toBe(
      'I, N(R)=1, N(S)=1; DSAP NetBIOS Individual, SSAP NetBIOS Command',
    );
    expect(dissectHex('0180c2000000001122334455 0006 f0f1 0104 0000').cols.info).toBe(
      'S, func=RR, N(R)=2; DSAP NetBIOS Individual, SSAP NetBIOS Response',
    );
  });
});
