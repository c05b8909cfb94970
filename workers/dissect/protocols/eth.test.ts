import { describe, expect, it } from 'vitest';
import { dissectHex } from '../testing';

describe('eth', () => {
  it('reads an Ethernet II header and dispatches on the EtherType', () => {
    // tshark: 1 0.000000 78:31:c1:c6:3f:c2 → ff:ff:ff:ff:ff:ff ARP 42 Who has 10.0.0.1? Tell 10.0.0.2
    const d = dissectHex('ffffffffffff7831c1c63fc2 0806 0001080006040001 7831c1c63fc2 0a000002 000000000000 0a000001');
    expect(d.cols.src).toBe('78:31:c1:c6:3f:c2');
    expect(d.cols.dst).toBe('ff:ff:ff:ff:ff:ff');
    expect(d.field('eth.type')).toBe('0x0806');
    expect(d.field('eth.src')).toBe('78:31:c1:c6:3f:c2');
    expect(d.layers.startsWith('frame:eth:ethertype')).toBe(true);
  });

  it('says the packet was cut short when the header is incomplete', () => {
    const d = dissectHex('ffffffffffff7831c1c6', 1, 60);
    expect(d.cols.info).toBe('[Packet size limited during capture]');
  });
});
