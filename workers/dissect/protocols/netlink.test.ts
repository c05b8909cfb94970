import { describe, expect, it } from 'vitest';
import { dissectHex } from '../testing';

// PcapPlusPlus/microsecs_big_endian.pcap #3 (link type 253, captured on a big-endian host) — tshark: Netlink route 84, empty Info
const ROUTE =
  '0004033800000000000000000000000000000044001d00000000000000000000070000000000000500020000000a0002f46d048facd2000000080009000000040014000300000000000026ef0000181000000000';

describe('netlink', () => {
  it('labels routing messages and reads their headers in the host byte order', () => {
    const d = dissectHex(ROUTE, 253);
    expect(d.cols.protocol).toBe('Netlink route');
    expect(d.cols.info).toBe('');
    expect(d.field('netlink.family')).toBe('0x0000');
    expect(d.field('netlink.len')).toBe('68');
    expect(d.field('netlink.type')).toBe('0x001d');
    expect(d.field('netlink.seq')).toBe('0');
    expect(d.field('netlink.pid')).toBe('0');
  });

  it('says just Netlink for a family it has no name for', () => {
    const d = dissectHex(ROUTE.slice(0, 28) + '0007' + ROUTE.slice(32), 253);
    expect(d.cols.protocol).toBe('Netlink');
  });
});
