import { describe, expect, it } from 'vitest';
import { dissectFile } from '../testing';

describe('cdp', () => {
  it('puts the device and port names in Info (PcapPlusPlus/VlanPackets.pcap)', async () => {
    const { packets } = await dissectFile('workers/testdata/pcapplusplus-VlanPackets.pcap');
    // tshark: 21 … 00:13:c3:df:ae:18 → 01:00:0c:cd:cd:d0 CDP 375 Device ID: R1  Port ID: FastEthernet0/0
    expect(packets[20].cols.protocol).toBe('CDP');
    expect(packets[20].cols.info).toBe('Device ID: R1  Port ID: FastEthernet0/0  ');
    expect(packets[20].field('cdp.deviceid')).toBe('R1');
    expect(packets[20].layers).toBe('eth:ethertype:vlan:llc:cdp');
    // tshark: 23 … CDP 375 Device ID: S2  Port ID: FastEthernet0/13
    expect(packets[22].cols.info).toBe('Device ID: S2  Port ID: FastEthernet0/13  ');
    expect(packets[22].cols.dst).toBe('01:00:0c:cc:cc:cc');
  });

  it('leaves the ICMP rows of the same file to IPv4 behind one or two VLAN tags', async () => {
    const { packets } = await dissectFile('workers/testdata/pcapplusplus-VlanPackets.pcap');
    // tshark: 1 … 10.118.10.1 → 10.118.10.2 ICMP 122 Echo (ping) request …; 11 … 10.209.20.3 → 10.209.20.4 (QinQ)
    expect(packets[0].cols.src).toBe('10.118.10.1');
    expect(packets[10].cols.src).toBe('10.209.20.3');
    expect(packets[10].fields('vlan.id').length).toBeGreaterThan(0);
  });
});
