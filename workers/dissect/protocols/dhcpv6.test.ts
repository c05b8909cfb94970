import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dissectFile } from '../testing';

const testdata = (name: string) => fileURLToPath(new URL(`../../testdata/${name}`, import.meta.url));

describe('dhcpv6', () => {
  it('shows message type, transaction id and client DUID over PPPoE', async () => {
    // zeek pppoe.pcap, frames 36–39 (IPv6 in PPP in a PPPoE session).
    // tshark: 36 11.182 fe80::ce05:eff:fe88:0 → ff02::1:2 DHCPv6 120 Solicit XID: 0xfc24ab CID: 00030001cc050e880000
    // tshark: 37 11.234 fe80::c801:eff:fe88:8 → fe80::ce05:eff:fe88:0 DHCPv6 166 Advertise XID: 0xfc24ab CID: 00030001cc050e880000
    // tshark: 38 11.260 fe80::ce05:eff:fe88:0 → ff02::1:2 DHCPv6 134 Request XID: 0xfcf776 CID: 00030001cc050e880000
    // tshark: 39 11.330 fe80::c801:eff:fe88:8 → fe80::ce05:eff:fe88:0 DHCPv6 166 Reply XID: 0xfcf776 CID: 00030001cc050e880000
    const { packets } = await dissectFile(testdata('zeek-pppoe.pcap'));
    const info = (n: number) => packets[n - 1].cols.info;
    expect(packets[35].cols.protocol).toBe('DHCPv6');
    expect(info(36)).toBe('Solicit XID: 0xfc24ab CID: 00030001cc050e880000 ');
    expect(info(37)).toBe('Advertise XID: 0xfc24ab CID: 00030001cc050e880000 ');
    expect(info(38)).toBe('Request XID: 0xfcf776 CID: 00030001cc050e880000 ');
    expect(info(39)).toBe('Reply XID: 0xfcf776 CID: 00030001cc050e880000 ');
    const reply = packets[38];
    expect(reply.field('dhcpv6.msgtype')).toBe('7');
    expect(reply.field('dhcpv6.xid')).toBe('0xfcf776');
    expect(reply.fields('dhcpv6.duid.bytes')).toEqual([
      '00:03:00:01:ca:01:0e:88:00:08',
      '00:03:00:01:cc:05:0e:88:00:00',
    ]);
    expect(reply.layers.endsWith(':ipv6:udp:dhcpv6')).toBe(true);
  });
});
