import { describe, expect, it } from 'vitest';
import { dissectHex } from '../testing';

describe('eth', () => {
  it('reads an Ethernet II header and dispatches on the EtherType', () => {
    // zeek/arp-who-has.pcap #1 — tshark: 78:31:c1:c6:3f:c2 → ff:ff:ff:ff:ff:ff ARP 42 Who has 10.0.0.1? Tell 10.0.0.2
    const d = dissectHex('ffffffffffff7831c1c63fc2 0806 0001080006040001 7831c1c63fc2 0a000002 000000000000 0a000001');
    expect(d.cols.src).toBe('78:31:c1:c6:3f:c2');
    expect(d.cols.dst).toBe('ff:ff:ff:ff:ff:ff');
    expect(d.field('eth.type')).toBe('0x0806');
    expect(d.field('eth.src')).toBe('78:31:c1:c6:3f:c2');
    expect(d.fields('eth.addr')).toEqual(['ff:ff:ff:ff:ff:ff', '78:31:c1:c6:3f:c2']);
    expect(d.fields('eth.ig')).toEqual(['1', '0']);
    expect(d.fields('eth.lg')).toEqual(['1', '0']);
    expect(d.layers).toBe('eth:ethertype:arp');
    // 42 bytes: nothing left over, so no padding or trailer.
    expect(d.field('eth.padding')).toBeUndefined();
    expect(d.field('eth.trailer')).toBeUndefined();
  });

  it('shows the bytes after a 28-byte ARP in a 60-byte frame as a trailer when they are not all zeros', () => {
    // zeek/arp-who-has.pcap #2 — tshark: f8:ed:a5:c0:a4:f1 → 78:31:c1:c6:3f:c2 ARP 60 10.0.0.1 is at f8:ed:a5:c0:a4:f1
    // tshark -V: "Trailer: 00000000000000000000000000001f0b60ce" with the note "Didn't find padding of zeros, …"
    const d = dissectHex(
      '7831c1c63fc2f8eda5c0a4f108060001080006040002f8eda5c0a4f10a0000017831c1c63fc20a00000200000000000000000000000000001f0b60ce',
    );
    expect(d.cols.info).toBe('10.0.0.1 is at f8:ed:a5:c0:a4:f1');
    expect(d.field('eth.trailer')).toBe('00:00:00:00:00:00:00:00:00:00:00:00:00:00:1f:0b:60:ce');
    expect(d.field('eth.padding')).toBeUndefined();
    expect(d.field('eth.fcs')).toBeUndefined();
    expect(d.experts).toContain(
      "Didn't find padding of zeros, and an undecoded trailer exists. There may be padding of non-zeros.",
    );
  });

  it('shows zeros after a short payload in a 60-byte frame as padding', () => {
    // The same ARP with its last four bytes zeroed: all 18 bytes are padding.
    const d = dissectHex(
      '7831c1c63fc2f8eda5c0a4f108060001080006040002f8eda5c0a4f10a0000017831c1c63fc20a000002000000000000000000000000000000000000',
    );
    expect(d.field('eth.padding')).toBe('00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00');
    expect(d.field('eth.trailer')).toBeUndefined();
  });

  it('labels an unknown EtherType with its number and leaves "Ethernet II" as Info', () => {
    // PcapPlusPlus/microsecs.pcap #1 — tshark: 06:07:08:09:0a:0b → 00:01:02:03:04:05 0x0c0d 16 Ethernet II
    const d = dissectHex('000102030405060708090a0b0c0d0e0f');
    expect(d.cols.protocol).toBe('0x0c0d');
    expect(d.cols.info).toBe('Ethernet II');
    expect(d.cols.src).toBe('06:07:08:09:0a:0b');
    expect(d.field('data.data')).toBe('0e:0f');
  });

  it('hands an 802.3 frame to LLC, bounded by its length field', () => {
    // zeek/wikipedia.pcap #4 — tshark: 00:13:7f:4f:8e:f2 → 01:80:c2:00:00:00 STP 60 RST. Root = 32768/720/00:13:7f:be:8c:c0 …
    const d = dissectHex(
      '0180c200000000137f4f8ef20027424203000002023c82d000137fbe8cc00000000082d000137fbe8cc081930000140002000f000000000000000000',
    );
    expect(d.field('eth.len')).toBe('39');
    expect(d.field('llc.dsap')).toBe('0x42');
    expect(d.cols.protocol).toBe('STP');
    // 14 + 39 = 53 bytes used: 7 bytes of padding.
    expect(d.field('eth.padding')).toBe('00:00:00:00:00:00:00');
    expect(d.layers).toBe('eth:llc:stp');
  });

  it('strips the FCS the interface declares and shows it', () => {
    // zeek/arp-who-has.pcap #1 with a 4-byte FCS appended, on an interface that says it keeps 4 FCS bytes.
    const hex = 'ffffffffffff7831c1c63fc2 0806 0001080006040001 7831c1c63fc2 0a000002 000000000000 0a000001 deadbeef';
    const d = dissectHex(hex, 1, undefined, 4);
    expect(d.field('eth.fcs')).toBe('0xdeadbeef');
    expect(d.field('eth.trailer')).toBeUndefined();
    const without = dissectHex(hex, 1, undefined, 0);
    expect(without.field('eth.fcs')).toBeUndefined();
    expect(without.field('eth.trailer')).toBe('de:ad:be:ef');
  });

  it('says the packet was cut short when the header is incomplete', () => {
    const d = dissectHex('ffffffffffff7831c1c6', 1, 60);
    expect(d.cols.info).toBe('[Packet size limited during capture]');
    expect(d.cols.protocol).toBe('Ethernet');
    expect(d.cols.src).toBe('');
  });
});
