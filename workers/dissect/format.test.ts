import { describe, expect, it } from 'vitest';
import { formatTextLine } from './format';

describe('the CLI line', () => {
  it('pads like tshark 4.0 (lines from `tshark -n -r`)', () => {
    // zeek/arp-who-has.pcap frame 1
    expect(
      formatTextLine(
        1,
        '0.000000',
        '78:31:c1:c6:3f:c2',
        'ff:ff:ff:ff:ff:ff',
        'ARP',
        42,
        'Who has 10.0.0.1? Tell 10.0.0.2',
      ),
    ).toBe('    1   0.000000 78:31:c1:c6:3f:c2 → ff:ff:ff:ff:ff:ff ARP 42 Who has 10.0.0.1? Tell 10.0.0.2');
    // PcapPlusPlus/ip6_fragments.pcap frame 1
    expect(
      formatTextLine(
        1,
        '0.000000',
        'fe80::21f:f3ff:fecd:f617',
        'ff02::fb',
        'IPv6',
        182,
        'IPv6 fragment (off=0 more=y ident=0x002c5323 nxt=17)',
      ),
    ).toBe(
      '    1   0.000000 fe80::21f:f3ff:fecd:f617 → ff02::fb     IPv6 182 IPv6 fragment (off=0 more=y ident=0x002c5323 nxt=17)',
    );
    // PcapPlusPlus/microsecs_big_endian.pcap frame 1: no addresses, empty Info keeps its space
    expect(formatTextLine(1, '0.000000', '', '', 'Netlink route', 1196, '')).toBe(
      '    1   0.000000              →              Netlink route 1196 ',
    );
    // pcapng-test-generator test018 frame 3: a long time pushes the rest right
    expect(
      formatTextLine(
        3,
        '1340954905.298858',
        '192.168.0.1',
        '192.168.0.10',
        'DHCP',
        342,
        'DHCP Offer    - Transaction ID 0x3d1d',
      ),
    ).toBe('    3 1340954905.298858  192.168.0.1 → 192.168.0.10 DHCP 342 DHCP Offer    - Transaction ID 0x3d1d');
  });
});
