import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readAll } from './testing';
import { sniffPcap } from './pcap';

const testFile = (name: string) => new Uint8Array(readFileSync(new URL(`../testdata/${name}`, import.meta.url)));

function patched(name: string, ...patches: [number, ...number[]][]): Uint8Array {
  const b = testFile(name).slice();
  for (const [at, ...bytes] of patches) b.set(bytes, at);
  return b;
}

describe('pcap', () => {
  it('recognises both byte orders and both resolutions by the magic number', () => {
    expect(sniffPcap(new Uint8Array([0xd4, 0xc3, 0xb2, 0xa1]))).toMatchObject({ littleEndian: true, nanos: false });
    expect(sniffPcap(new Uint8Array([0xa1, 0xb2, 0xc3, 0xd4]))).toMatchObject({ littleEndian: false, nanos: false });
    expect(sniffPcap(new Uint8Array([0x4d, 0x3c, 0xb2, 0xa1]))).toMatchObject({ littleEndian: true, nanos: true });
    expect(sniffPcap(new Uint8Array([0xa1, 0xb2, 0x3c, 0x4d]))).toMatchObject({ littleEndian: false, nanos: true });
    expect(sniffPcap(new Uint8Array([0x34, 0xcd, 0xb2, 0xa1]))).toMatchObject({ recordHeader: 24 });
    expect(sniffPcap(new Uint8Array([0x0a, 0x0d, 0x0d, 0x0a]))).toBeNull();
    expect(sniffPcap(new Uint8Array([0xd4, 0xc3]))).toBeNull();
  });

  it('reads a little-endian microsecond file (PcapPlusPlus microsecs.pcap)', async () => {
    // tshark: #1 0.000000000 16, #2 -0.000001000 16 (the second packet is 1 µs earlier)
    const { records, info, problem } = await readAll(testFile('pcapplusplus-microsecs.pcap'));
    expect(problem).toBeNull();
    expect(info).toMatchObject({ format: 'pcap', byteOrder: 'little', versionMajor: 2, versionMinor: 4 });
    expect(info.interfaces[0]).toMatchObject({ linkType: 1, tsDigits: 6, tsUnitsPerSec: 1e6, fcsLen: -1 });
    expect(records.map((r) => [r.tsSec, r.tsNs, r.capLen, r.origLen, r.offset])).toEqual([
      [1, 2000, 16, 16, 40],
      [1, 1000, 16, 16, 72],
    ]);
    expect(records[0].data).toBe('000102030405060708090a0b0c0d0e0f');
  });

  it('reads a big-endian nanosecond file (PcapPlusPlus nanosecs_big_endian.pcap)', async () => {
    // tshark: #2 0.000010800 74, #3 0.000019000 66
    const { records, info, problem } = await readAll(testFile('pcapplusplus-nanosecs_big_endian.pcap'));
    expect(problem).toBeNull();
    expect(info.byteOrder).toBe('big');
    expect(info.interfaces[0]).toMatchObject({ tsDigits: 9, tsUnitsPerSec: 1e9 });
    expect(records.length).toBe(10);
    expect(records[1].tsNs - records[0].tsNs + (records[1].tsSec - records[0].tsSec) * 1e9).toBe(10800);
    expect(records.slice(0, 3).map((r) => r.origLen)).toEqual([74, 74, 66]);
  });

  it('reads a big-endian microsecond file of another link type (PcapPlusPlus microsecs_big_endian.pcap)', async () => {
    // tshark: frame.len 1196, 312, 84, …; link type 253 (Linux Netlink)
    const { records, info, problem } = await readAll(testFile('pcapplusplus-microsecs_big_endian.pcap'));
    expect(problem).toBeNull();
    expect(info.byteOrder).toBe('big');
    expect(info.interfaces[0].linkType).toBe(253);
    expect(records.length).toBe(13);
    expect(records.slice(0, 3).map((r) => r.origLen)).toEqual([1196, 312, 84]);
    expect(records.every((r) => r.linkType === 253)).toBe(true);
  });

  it('keeps invalid fractions of a second as Wireshark does (32-bit ints, microseconds × 1000 wrapping)', async () => {
    const micro = await readAll(testFile('tcpdump-timestamp_invalid_micro.pcap'));
    // usec 999999, 1000000 and 2147483648 (× 1000 wraps to 0 in 32 bits)
    expect(micro.records.map((r) => r.tsNs)).toEqual([999999000, 1000000000, 0]);
    const nano = await readAll(testFile('tcpdump-timestamp_invalid_nano.pcap'));
    // ns 999999999, 1000000000 and 2147483648, which is -2147483648 as a 32-bit int.
    expect(nano.records.map((r) => r.tsNs)).toEqual([999999999, 1000000000, -2147483648]);
  });

  it('reads an empty file (header only) as no packets and no problem', async () => {
    const { records, problem, info } = await readAll(testFile('tcpdump-empty.pcap'));
    expect(records).toEqual([]);
    expect(problem).toBeNull();
    expect(info.interfaces.length).toBe(1);
  });

  it('exposes the FCS length given in the link-type field', async () => {
    // zeek 5-pings.pcap with its link-type field set to Ethernet + "FCS present, 2 × 16 bits".
    const { info, records } = await readAll(patched('zeek-5-pings.pcap', [20, 0x01, 0x00, 0x00, 0x24]));
    expect(info.interfaces[0]).toMatchObject({ linkType: 1, fcsLen: 4 });
    expect(records.every((r) => r.linkType === 1)).toBe(true);
  });

  it('reads records cut by the snaplen (tcpdump tcp_rst_data-trunc.pcap)', async () => {
    // tshark: #1 frame.len 112 "80 → 52875 [RST, ACK] Seq=1 Ack=1 Win=5785 Len=58"; 111 bytes were captured.
    const { records, info } = await readAll(testFile('tcpdump-tcp_rst_data-trunc.pcap'));
    expect(records.map((r) => [r.capLen, r.origLen, r.data.length / 2])).toEqual([[111, 112, 111]]);
    expect(info.interfaces[0].snaplen).toBe(65535);
  });
});

describe('pcap: damaged files', () => {
  it('reports a file cut inside its file header (derived get.cut-in-file-header.pcap)', async () => {
    // tshark: "appears to have been cut short in the middle of a packet or other data"
    const { records, problem } = await readAll(testFile('derived-get.cut-in-file-header.pcap'));
    expect(records).toEqual([]);
    expect(problem).toMatchObject({ kind: 'cut-short', offset: 0 });
    expect(problem?.message).toMatch(/cut short in the middle of a packet or other data/);
  });

  it('reports a file cut inside a record, after the 6 packets before it (derived get.cut-mid-record.pcap)', async () => {
    // tshark: 6 packets, "appears to have been cut short in the middle of a packet"
    const { records, problem } = await readAll(testFile('derived-get.cut-mid-record.pcap'));
    expect(records.length).toBe(6);
    expect(problem).toMatchObject({ kind: 'cut-short', offset: 2120 });
  });

  it('stops at an oversized record (suricata tls_DER-incomplete-header.pcap)', async () => {
    // tshark: 6 packets, then "pcap: File has 4325376-byte packet, bigger than maximum of 262144"
    const { records, problem } = await readAll(testFile('suricata-tls_DER-incomplete-header.pcap'));
    expect(records.length).toBe(6);
    expect(problem).toMatchObject({
      kind: 'damaged',
      detail: 'pcap: File has 4325376-byte packet, bigger than maximum of 262144',
    });
  });

  it('picks the record layout Wireshark picks for a file of another patched libpcap (suricata fuzz.pcap)', async () => {
    // tshark reads this file with 24-byte record headers: #1 188 bytes (src 45:00:00:ae:11:16), #2 1048576 bytes,
    // then "pcap: File has 16711424-byte packet, bigger than maximum of 262144".
    const { records, problem } = await readAll(testFile('suricata-bug-6875-fuzz.pcap'));
    expect(records.map((r) => [r.offset, r.capLen, r.origLen])).toEqual([
      [0x30, 188, 188],
      [0x104, 1, 1048576],
    ]);
    expect(records[0].data.slice(12, 24)).toBe('450000ae1116');
    expect(problem?.detail).toBe('pcap: File has 16711424-byte packet, bigger than maximum of 262144');
  });

  it('reads the modified (Kuznetzov) format: its own magic and 8 more bytes per record header', async () => {
    // zeek 5-pings.pcap rewritten here in that format: ifindex 2, protocol 0x0800, packet type 0, one pad byte.
    const src = testFile('zeek-5-pings.pcap');
    const dv = new DataView(src.buffer, src.byteOffset);
    const parts: number[] = [0x34, 0xcd, 0xb2, 0xa1, ...src.subarray(4, 24)];
    for (let at = 24; at < src.length;) {
      const cap = dv.getUint32(at + 8, true);
      parts.push(...src.subarray(at, at + 16), 2, 0, 0, 0, 0x00, 0x08, 0, 0, ...src.subarray(at + 16, at + 16 + cap));
      at += 16 + cap;
    }
    const original = await readAll(src);
    const modified = await readAll(new Uint8Array(parts));
    expect(modified.problem).toBeNull();
    expect(modified.records.length).toBe(10);
    const strip = (r: (typeof original.records)[0]) => ({ ...r, offset: 0 });
    expect(modified.records.map(strip)).toEqual(original.records.map(strip));
    expect(modified.records[1].offset).toBe(original.records[1].offset + 16);
  });

  it('refuses major versions before 2', async () => {
    const { records, problem } = await readAll(patched('zeek-5-pings.pcap', [4, 1, 0]));
    expect(records).toEqual([]);
    expect(problem).toMatchObject({ kind: 'unsupported', detail: 'pcap: major version 1 unsupported' });
  });

  it('swaps the two lengths of files older than version 2.3', async () => {
    // zeek 5-pings.pcap claiming version 2.2, with the first record's lengths written the old way round.
    const b = patched('zeek-5-pings.pcap', [6, 2, 0]);
    const dv = new DataView(b.buffer);
    dv.setUint32(24 + 8, 98, true);
    dv.setUint32(24 + 12, 60, true);
    const { records } = await readAll(b);
    expect([records[0].capLen, records[0].origLen]).toEqual([60, 98]);
  });
});

describe('pcap: chunk boundaries', () => {
  for (const name of [
    'pcapplusplus-nanosecs_big_endian.pcap',
    'derived-get.cut-mid-record.pcap',
    'suricata-bug-6875-fuzz.pcap',
    'tcpdump-timestamp_invalid_nano.pcap',
  ]) {
    it(`reads ${name} identically in 1-, 7- and 64-byte chunks`, async () => {
      const bytes = testFile(name);
      const whole = await readAll(bytes);
      expect(whole.records.length).toBeGreaterThan(0);
      for (const size of [1, 7, 64]) {
        const part = await readAll(bytes, size);
        expect(part.records).toEqual(whole.records);
        expect(part.problem).toEqual(whole.problem);
        expect(part.info).toEqual(whole.info);
      }
    });
  }
});
