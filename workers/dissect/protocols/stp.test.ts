import { describe, expect, it } from 'vitest';
import { dissectHex } from '../testing';

// zeek/wikipedia.pcap #4 — tshark: 00:13:7f:4f:8e:f2 → 01:80:c2:00:00:00 STP 60 RST. Root = 32768/720/00:13:7f:be:8c:c0  Cost = 0  Port = 0x8193
const RST =
  '0180c200000000137f4f8ef20027424203000002023c82d000137fbe8cc00000000082d000137fbe8cc081930000140002000f000000000000000000';

describe('stp', () => {
  it('shows a rapid spanning tree BPDU as Wireshark does', () => {
    const d = dissectHex(RST);
    expect(d.cols.protocol).toBe('STP');
    expect(d.cols.info).toBe('RST. Root = 32768/720/00:13:7f:be:8c:c0  Cost = 0  Port = 0x8193');
    expect(d.field('stp.root.hw')).toBe('00:13:7f:be:8c:c0');
    expect(d.field('stp.port')).toBe('0x8193');
    expect(d.field('stp.hello')).toBe('2');
    expect(d.layers).toBe('eth:llc:stp');
  });

  it('shows configuration and topology change BPDUs', () => {
    // The same BPDU as version 0, type 0 (configuration), with the TC flag set.
    const conf = dissectHex(RST.replace('000002023c82d0', '00000000' + '0182d0'));
    expect(conf.cols.info).toBe('Conf. TC + Root = 32768/720/00:13:7f:be:8c:c0  Cost = 0  Port = 0x8193');
    const tcn = dissectHex(RST.replace('000002023c82d0', '00000080' + '0082d0'));
    expect(tcn.cols.info).toBe('Topology Change Notification');
  });
});
