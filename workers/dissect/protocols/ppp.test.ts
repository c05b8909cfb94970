import { describe, expect, it } from 'vitest';
import { dissectHex } from '../testing';

// PPPoE session frames from zeek/pppoe.pcap (tshark's line beside each).
describe('ppp', () => {
  it('shows a PAP request with the peer and password', () => {
    // #11 — tshark: PPP PAP 60 Authenticate-Request (Peer-ID='cisco', Password='cisco')
    const d = dissectHex(
      'ca010e880006cc050e8800008864110000110012c0230101001005636973636f05636973636f00000000000000000000000000000000000000000000',
    );
    expect(d.cols.protocol).toBe('PPP PAP');
    expect(d.cols.info).toBe("Authenticate-Request (Peer-ID='cisco', Password='cisco')");
    expect(d.field('pap.peer_id')).toBe('cisco');
    expect(d.field('pap.password')).toBe('cisco');
  });

  it('shows a PAP ack with its (empty) message', () => {
    // #12 — tshark: PPP PAP 60 Authenticate-Ack (Message='')
    const d = dissectHex(
      'cc050e880000ca010e8800068864110000110007c0230201000500000000000000000000000000000000000000000000000000000000000000000000',
    );
    expect(d.cols.info).toBe("Authenticate-Ack (Message='')");
  });

  it('shows IPCP and IPV6CP requests with their options', () => {
    // #13 — tshark: PPP IPCP 60 Configuration Request
    const ipcp = dissectHex(
      'cc050e880000ca010e880006886411000011000c80210101000a03060a00000100000000000000000000000000000000000000000000000000000000',
    );
    expect(ipcp.cols.protocol).toBe('PPP IPCP');
    expect(ipcp.cols.info).toBe('Configuration Request');
    expect(ipcp.field('ipcp.opt.ip_address')).toBe('10.0.0.1');
    // #14 — tshark: PPP IPV6CP 60 Configuration Request
    const v6 = dissectHex(
      'cc050e880000ca010e880006886411000011001080570101000e010ac8010efffe880008000000000000000000000000000000000000000000000000',
    );
    expect(v6.cols.protocol).toBe('PPP IPV6CP');
    expect(v6.field('ipv6cp.opt.interface_identifier')).toBe('c8:01:0e:ff:fe:88:00:08');
  });

  it('shows LCP echoes', () => {
    // #28 — tshark: PPP LCP 60 Echo Request
    const d = dissectHex(
      'ca010e880006cc050e880000886411000011000ec0210901000c05fcd45901fccbfb0000000000000000000000000000000000000000000000000000',
    );
    expect(d.cols.info).toBe('Echo Request');
    expect(d.field('ppp.magic_number')).toBe('0x05fcd459');
    // tcpdump/pppoes.pcap #1 — tshark: 00:04:23:a9:5d:8e → 00:02:18:03:00:07 PPP LCP 34 Echo Request
    expect(dissectHex('000218030007000423a95d8e886411000017000ec021096a000ca4cbea340ee2f609').cols.info).toBe(
      'Echo Request',
    );
  });

  it('labels a PPP protocol nothing decodes', () => {
    const d = dissectHex('ca010e880006cc050e880000 8864 1100 0011 0004 c025 0102');
    expect(d.cols.protocol).toBe('0xc025');
    expect(d.cols.info).toBe('PPP Link Quality Report (0xc025)');
  });

  it('reads PPP in HDLC framing (link type 9) and an LCP option with a bad length', () => {
    const d = dissectHex('ff03 c021 0101 0008 0501 0000', 9);
    expect(d.cols.protocol).toBe('PPP LCP');
    expect(d.field('ppp.address')).toBe('0xff');
    expect(d.field('lcp.opt.type')).toBeUndefined();
    expect(d.experts).toContain('Invalid option length');
  });
});
