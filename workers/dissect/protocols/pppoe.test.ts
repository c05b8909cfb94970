import { describe, expect, it } from 'vitest';
import { dissectHex } from '../testing';

describe('pppoe', () => {
  it('shows a discovery offer with its AC-Name', () => {
    // zeek/pppoe.pcap #2 — tshark: ca:01:0e:88:00:06 → cc:05:0e:88:00:00 PPPoED 60 Active Discovery Offer (PADO) AC-Name='BRAS'
    const d = dissectHex(
      'cc050e880000ca010e88000688631107000000280101000001030004641385180102000442524153010400103d0f0587062484f2df32b9ddfd77bd5b',
    );
    expect(d.cols.protocol).toBe('PPPoED');
    expect(d.cols.info).toBe("Active Discovery Offer (PADO) AC-Name='BRAS'");
    expect(d.cols.src).toBe('ca:01:0e:88:00:06');
    expect(d.field('pppoe.code')).toBe('0x07');
    expect(d.field('pppoe.payload_length')).toBe('40');
    expect(d.field('pppoed.tags.ac_name')).toBe('BRAS');
    expect(d.field('pppoed.tags.host_uniq')).toBe('64:13:85:18');
    expect(d.fields('pppoed.tag')).toEqual(['0x0101', '0x0103', '0x0102', '0x0104']);
  });

  it('shows a discovery initiation without tags in Info', () => {
    // tcpdump/pppoe.pcap #1 — tshark: 00:0c:29:90:3a:8b → ff:ff:ff:ff:ff:ff PPPoED 38 Active Discovery Initiation (PADI)
    const d = dissectHex('ffffffffffff000c29903a8b8863110900000012010100000120000205dc0103000416372c16');
    expect(d.cols.info).toBe('Active Discovery Initiation (PADI)');
    expect(d.field('pppoed.tags.max_payload')).toBe('1500');
  });

  it('stops at a tag whose length runs past the payload', () => {
    const d = dissectHex('ffffffffffff000c29903a8b 8863 1109 0000 0008 0102 00ff 42524153');
    expect(d.cols.info).toBe('Active Discovery Initiation (PADI)');
    expect(d.field('pppoed.tags.ac_name')).toBeUndefined();
  });

  it('hands session data to PPP, bounded by the PPPoE length', () => {
    // zeek/pppoe.pcap #5 — tshark: cc:05:0e:88:00:00 → ca:01:0e:88:00:06 PPP LCP 60 Configuration Request
    const d = dissectHex(
      'ca010e880006cc050e880000886411000011000cc0210101000a050605fcd45900000000000000000000000000000000000000000000000000000000',
    );
    expect(d.cols.protocol).toBe('PPP LCP');
    expect(d.cols.info).toBe('Configuration Request');
    expect(d.field('pppoe.session_id')).toBe('0x0011');
    expect(d.field('ppp.protocol')).toBe('0xc021');
    expect(d.field('lcp.opt.magic_number')).toBe('0x05fcd459');
    expect(d.layers).toBe('eth:ethertype:pppoes:ppp:lcp');
  });
});
