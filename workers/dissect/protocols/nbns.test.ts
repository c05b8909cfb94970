import { describe, expect, it } from 'vitest';
import { dissectHex } from '../testing';
import { netbiosName } from './nbns';

// zeek wikipedia.pcap, frame 117.
// tshark: 117 3.765849 141.142.220.226 → 141.142.220.255 NBNS 92 Name query NB BRWC0CB383D1F42<00>
const QUERY =
  'fffffffffffff04da247ba2508004500004e7e1900008011e7868d8edce28d8edcff00890089003ac27c' +
  'ff6e0110000100000000000020454346434648454444414544454344444449444445454442454744454443414100' +
  '00200001';

describe('nbns', () => {
  it('decodes the first-level encoded name of a query', () => {
    const d = dissectHex(QUERY);
    expect(d.cols.protocol).toBe('NBNS');
    expect(d.cols.info).toBe('Name query NB BRWC0CB383D1F42<00>');
    expect(d.layers).toBe('eth:ethertype:ip:udp:nbns');
    expect(d.field('nbns.id')).toBe('0xff6e');
    expect(d.field('nbns.flags.broadcast')).toBe('1');
    expect(d.field('nbns.name')).toBe('BRWC0CB383D1F42<00>');
    expect(d.field('nbns.type')).toBe('32');
  });

  it('shows a positive response with the address it gives', () => {
    // The query turned into its answer: response flag and authoritative bit set (0x8500), the question moved to the
    // answer section (ancount 1) with TTL 300 and one NB entry for 141.142.220.226.
    const hex =
      'fffffffffffff04da247ba2508004500005a7e1900008011e77a8d8edce28d8edcff008900890046c27c' +
      'ff6e8500000000010000000020454346434648454444414544454344444449444445454442454744454443414100' +
      '00200001 0000012c 0006 0000 8d8edce2';
    const d = dissectHex(hex);
    expect(d.cols.info).toBe('Name query response NB 141.142.220.226');
    expect(d.field('nbns.addr')).toBe('141.142.220.226');
    expect(d.field('nbns.ttl')).toBe('300');
  });

  it('writes unprintable name bytes as <xx> and keeps the scope', () => {
    // "*" followed by NULs, as in node-status queries: "CK" then "AA" fifteen times.
    expect(netbiosName('CK' + 'AA'.repeat(15))).toBe('*<00><00><00><00><00><00><00><00><00><00><00><00><00><00><00>');
    // "WORKGROUP" padded with spaces, type 0x1d, with a scope.
    const enc = 'FHEPFCELEHFCEPFFFACACACACACACABN';
    expect(netbiosName(enc + '.lab')).toBe('WORKGROUP<1d>.lab');
    // Not 32 letters: left as it was read.
    expect(netbiosName('WPAD')).toBe('WPAD');
  });
});
