import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dissectFile, dissectHex, fromHex } from '../testing';

const testdata = (name: string) => fileURLToPath(new URL(`../../testdata/${name}`, import.meta.url));

describe('ntp', () => {
  it('reads a reassembled datagram on port 123 and fails where the header is short, as tshark does', async () => {
    // zeek ipv4/fragmented-1.pcap: three IPv4 fragments of one UDP datagram 123 → 137; port 123 is lower, so NTP.
    // tshark: 3 0.000591 164.1.123.163 → 164.1.123.61 NTP 338 reserved, reserved[Malformed Packet]
    const { packets } = await dissectFile(testdata('zeek-fragmented-1.pcap'));
    expect(packets[2].cols.protocol).toBe('NTP');
    expect(packets[2].cols.info).toBe('reserved, reserved[Malformed Packet]');
    expect(packets[2].layers.endsWith(':udp:ntp')).toBe(true);
  });

  it('names the version and mode of a standard message', () => {
    // The DNS query of tcpdump's dns_udp.pcap (frame 1) re-addressed to port 123, its payload replaced by a 48-byte
    // NTP v4 client request (flags 0x23) and the UDP length set to 56: only the NTP header is new.
    const frame = fromHex(
      '00112233446600112233445508004500005459cd0000401194aec0a8010bd157f912abbe007b00380000' +
        '23000000000000000000000000000000000000000000000000000000000000000000000000000000e9a9b4f1c3d6e8a1',
    );
    const d = dissectHex(frame);
    expect(d.cols.protocol).toBe('NTP');
    expect(d.cols.info).toBe('NTP Version 4, client');
    expect(d.field('ntp.flags.vn')).toBe('4');
    expect(d.field('ntp.flags.mode')).toBe('3');
    // Mode 4 with version 3 (flags 0x1c) is a version-3 server reply.
    frame[42] = 0x1c;
    expect(dissectHex(frame).cols.info).toBe('NTP Version 3, server');
  });
});
