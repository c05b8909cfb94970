import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../capture/source';
import { Engine } from '../../engine';
import { allFields } from '../registry';
import { FieldSink } from '../sinks';
import { exportValue } from '../format';
import { dissectFile, dissectHex, fromHex } from '../testing';
import { tcpFlagsLetters, tcpFlagsText } from './tcp';

const testdata = (name: string) => new URL(`../../testdata/${name}`, import.meta.url).pathname;

// lab/lab-classic.pcap #1 — tshark: 127.0.0.1 → 127.0.0.1 TCP 74
//   42960 → 8080 [SYN] Seq=0 Win=65495 Len=0 MSS=65495 SACK_PERM TSval=3987542406 TSecr=0 WS=1024
const LAB_SYN =
  '000000000000000000000000 0800 4500003c033f40004006397b7f0000017f000001' +
  'a7d0 1f90 50204018 00000000 a002ffd7 fe30 0000 0204ffd7 0402 080aedad118600000000 01 03030a';

describe('tcp flags', () => {
  it('names the flags in Info order, FIN first, as Wireshark 4.0', () => {
    expect(tcpFlagsText(0x012)).toBe('SYN, ACK');
    expect(tcpFlagsText(0x011)).toBe('FIN, ACK');
    expect(tcpFlagsText(0x014)).toBe('RST, ACK');
    expect(tcpFlagsText(0x018)).toBe('PSH, ACK');
    expect(tcpFlagsText(0x0c2)).toBe('SYN, ECN, CWR');
    expect(tcpFlagsText(0x100)).toBe('NS');
    expect(tcpFlagsText(0x800)).toBe('Reserved');
    expect(tcpFlagsText(0)).toBe('<None>');
  });

  it('writes tcp.flags.str with one letter per bit, reserved bits first', () => {
    expect(tcpFlagsLetters(0x002)).toBe('··········S·');
    expect(tcpFlagsLetters(0x012)).toBe('·······A··S·');
    expect(tcpFlagsLetters(0x014)).toBe('·······A·R··');
    expect(tcpFlagsLetters(0xfff)).toBe('RRRNCEUAPRSF');
  });
});

describe('tcp header and options (single frames)', () => {
  it('dissects a SYN with MSS, SACK_PERM, timestamps and window scale', () => {
    const d = dissectHex(LAB_SYN);
    expect(d.cols.protocol).toBe('TCP');
    expect(d.cols.info).toBe(
      '42960 → 8080 [SYN] Seq=0 Win=65495 Len=0 MSS=65495 SACK_PERM TSval=3987542406 TSecr=0 WS=1024',
    );
    expect(d.layers).toBe('eth:ethertype:ip:tcp');
    expect(d.field('tcp.srcport')).toBe('42960');
    expect(d.field('tcp.dstport')).toBe('8080');
    expect(d.fields('tcp.port')).toEqual(['42960', '8080']);
    expect(d.field('tcp.stream')).toBe('0');
    expect(d.field('tcp.seq')).toBe('0');
    expect(d.field('tcp.seq_raw')).toBe(String(0x50204018));
    expect(d.field('tcp.nxtseq')).toBe('1');
    expect(d.field('tcp.ack')).toBe('0');
    expect(d.field('tcp.ack_raw')).toBe('0');
    expect(d.field('tcp.len')).toBe('0');
    expect(d.field('tcp.hdr_len')).toBe('40');
    expect(d.field('tcp.flags')).toBe('0x0002');
    expect(d.field('tcp.flags.syn')).toBe('1');
    expect(d.field('tcp.flags.ack')).toBe('0');
    expect(d.field('tcp.flags.str')).toBe('··········S·');
    expect(d.field('tcp.window_size_value')).toBe('65495');
    expect(d.field('tcp.window_size')).toBe('65495');
    // SYNs are never scaled, so no scaling factor is shown for them.
    expect(d.field('tcp.window_size_scalefactor')).toBeUndefined();
    expect(d.field('tcp.checksum')).toBe('0xfe30');
    expect(d.field('tcp.checksum.status')).toBe('2');
    expect(d.field('tcp.urgent_pointer')).toBe('0');
    expect(d.fields('tcp.option_kind')).toEqual(['2', '4', '8', '1', '3']);
    expect(d.fields('tcp.option_len')).toEqual(['4', '2', '10', '3']);
    expect(d.field('tcp.options.mss_val')).toBe('65495');
    expect(d.field('tcp.options.sack_perm')).toBe('04:02');
    expect(d.field('tcp.options.timestamp.tsval')).toBe('3987542406');
    expect(d.field('tcp.options.timestamp.tsecr')).toBe('0');
    expect(d.field('tcp.options.wscale.shift')).toBe('10');
    expect(d.field('tcp.options.wscale.multiplier')).toBe('1024');
    expect(d.field('tcp.payload')).toBeUndefined();
  });

  it('counts the segment length from the IP length when the capture cut the frame short', () => {
    // tcpdump/tcp_rst_data-trunc.pcap #1 (112 bytes on the wire, fewer captured) — tshark:
    //   199.204.31.89 → 172.16.133.41 TCP 112 80 → 52875 [RST, ACK] Seq=1 Ack=1 Win=5785 Len=58
    const hex =
      '002170676f5000907f3e02d008004520006220334000f3064ee3c7cc1f59ac1085290050ce8b6063e721736f1989501416998471' +
      '00004249472d49503a205b3078313163353637323a333034355d207b706565727d20544350205253542066726f6d2072656d6f7465207379737465';
    const d = dissectHex(hex, 1, 112);
    expect(d.cols.info).toBe('80 → 52875 [RST, ACK] Seq=1 Ack=1 Win=5785 Len=58');
    expect(d.field('tcp.len')).toBe('58');
    expect(d.field('tcp.nxtseq')).toBe('59');
    // The text a RST carries is shown as its reason, not handed to other protocols.
    expect(d.field('tcp.reset_cause')).toMatch(/^BIG-IP: \[0x11c5672:3045\] \{peer\} TCP RST from remote syste/);
    expect(d.layers).toBe('eth:ethertype:ip:tcp');
  });

  it('marks a SACK option without blocks malformed, as the D-SACK check does in Wireshark', () => {
    // suricata-verify/tcp-empty-sack/tcp-opt.pcap #24 (raw IP). In the whole file tshark shows
    //   443 → 49506 [ACK] Seq=5221 Ack=2084 Win=1046000 Len=0[Malformed Packet]
    // alone, the numbers start at 1 and the window scale is unknown.
    const d = dissectHex(
      '4500002ce5c04000f0068fcc11ad42b3c0a8003601bbc162eb4e1a02df102c406010ff5fb16f000001010502',
      101,
    );
    expect(d.cols.info).toBe('443 → 49506 [ACK] Seq=1 Ack=1 Win=65375 Len=0[Malformed Packet]');
    expect(d.field('tcp.window_size_scalefactor')).toBe('-1');
  });

  it('shows SACK edges relative to the other direction', () => {
    // suricata-verify/tcp-empty-sack/tcp-opt.pcap #25 alone (ack 0xdf102c40 sets the other side's base to ack − 1).
    const d = dissectHex(
      '45000034e5c14000f0068fc311ad42b3c0a8003601bbc162eb4e1a02df102c408010ff5f738300000101050adf102ea0df10311a',
      101,
    );
    expect(d.cols.info).toBe('443 → 49506 [ACK] Seq=1 Ack=1 Win=65375 Len=0 SLE=609 SRE=1243');
    expect(d.field('tcp.options.sack_le')).toBe('609');
    expect(d.field('tcp.options.sack_re')).toBe('1243');
    expect(d.field('tcp.options.sack.count')).toBe('1');
  });

  it('stops at an option whose length is impossible, without hanging', () => {
    // The lab SYN with the MSS option's length byte set to 0, then to 200.
    const zero = dissectHex(LAB_SYN.replace('0204ffd7', '0200ffd7'));
    expect(zero.cols.info).toBe('42960 → 8080 [SYN] Seq=0 Win=65495 Len=0');
    expect(zero.experts.some((e) => e.includes('too-short option length = 0 bytes'))).toBe(true);
    const long = dissectHex(LAB_SYN.replace('0204ffd7', '02c8ffd7'));
    expect(long.cols.info).toBe('42960 → 8080 [SYN] Seq=0 Win=65495 Len=0');
    expect(long.experts.some((e) => e.includes('says option goes past end of options'))).toBe(true);
    // An option with the wrong fixed length is named but not decoded; the walk goes on.
    // A Window Scale option of length 2: named, not decoded, and the walk goes on after it.
    const badWs = dissectHex(LAB_SYN.replace('03030a', '03020a'));
    expect(badWs.cols.info).toBe(
      '42960 → 8080 [SYN] Seq=0 Win=65495 Len=0 MSS=65495 SACK_PERM TSval=3987542406 TSecr=0',
    );
    expect(badWs.field('tcp.options.wscale.shift')).toBeUndefined();
    expect(badWs.experts).toContain('option length should be 3');
  });

  it('says so when the header length is below 20 bytes', () => {
    const d = dissectHex(LAB_SYN.replace('a002ffd7', '4002ffd7'));
    expect(d.cols.info).toBe('42960 → 8080 [SYN] Seq=0 Win=65495, bogus TCP header length (16, must be at least 20)');
    expect(d.field('tcp.hdr_len')).toBe('16');
  });

  it('reports a cut header as cut, after the ports', () => {
    const frame = fromHex(LAB_SYN).subarray(0, 34 + 10);
    const d = dissectHex(frame, 1, 74);
    expect(d.cols.info).toBe('42960 → 8080[Packet size limited during capture]');
    expect(d.field('tcp.srcport')).toBe('42960');
  });
});

/** The nine basic columns of a tshark `-e tcp.*` golden row for each frame of a file. */
async function tcpColumns(path: string): Promise<string[]> {
  const { packets } = await dissectFile(path);
  const names = [
    'tcp.stream',
    'tcp.srcport',
    'tcp.dstport',
    'tcp.seq',
    'tcp.ack',
    'tcp.len',
    'tcp.nxtseq',
    'tcp.flags.str',
    'tcp.window_size',
  ];
  return packets.map((p) => names.map((n) => p.field(n) ?? '').join(' '));
}

describe('tcp streams, relative numbers and window scaling (whole files)', () => {
  it('matches tshark on tcpdump/print-flags.pcap', async () => {
    // From print-flags.pcap.tcp.tsv.
    expect(await tcpColumns(testdata('tcpdump-print-flags.pcap'))).toEqual([
      '0 55920 80 0 0 0 1 ··········S· 32767',
      '0 80 55920 0 1 0 1 ·······A··S· 32767',
      '0 55920 80 1 1 0 1 ·······A···· 32768',
      '0 55920 80 1 1 202 203 ·······AP··· 32768',
      '0 80 55920 1 203 0 1 ·······A···· 32768',
      '0 80 55920 1 203 5559 5560 ·······AP··· 32768',
      '0 55920 80 203 5560 0 203 ·······A···· 49532',
      '0 55920 80 203 5560 0 204 ·······A···F 49532',
      '0 80 55920 5560 204 0 5561 ·······A···F 32768',
      '0 55920 80 204 5561 0 204 ·······A···· 49532',
    ]);
  });

  it('numbers streams in order of first appearance and handles TCP Fast Open (tcpdump tfo)', async () => {
    const { packets } = await dissectFile(testdata('tcpdump-tfo.pcap'));
    expect(packets.map((p) => p.field('tcp.stream')).join('')).toBe('01100101100122');
    expect(packets[0].cols.info).toBe('13047 → 13054 [SYN] Seq=0 Win=1400 Len=0 TFO=R');
    expect(packets[3].cols.info).toBe('13054 → 13047 [SYN, ACK] Seq=0 Ack=1 Win=1400 Len=0 MSS=1500 TFO=C');
    // A SYN carrying data: its sequence space holds the SYN and 4 bytes.
    expect(packets[12].cols.info.startsWith('13048 → 13054 [SYN] Seq=0 Win=1400 Len=4 TFO=C')).toBe(true);
    expect(packets[12].field('tcp.nxtseq')).toBe('5');
    expect(packets[13].cols.info).toBe('13048 → 13054 [FIN, ACK] Seq=5 Ack=1 Win=1400 Len=0');
    expect(packets[13].field('tcp.nxtseq')).toBe('6');
  });

  it('scales windows by the shift both SYNs announced, clamping it at 14 (zeek window-scale-range)', async () => {
    const { packets } = await dissectFile(testdata('zeek-window-scale-range.pcap'));
    expect(packets.map((p) => p.cols.info)).toEqual([
      '40000 → 80 [SYN] Seq=0 Win=8192 Len=0 MSS=1460 WS=16384',
      '80 → 40000 [SYN, ACK] Seq=0 Ack=1 Win=8192 Len=0 MSS=1460 WS=128',
      '40000 → 80 [ACK] Seq=1 Ack=1 Win=8388608 Len=0',
      expect.stringMatching(/^40000 → 80 \[PSH, ACK\] Seq=1 Ack=1 Win=1073725440 Len=5/),
      '80 → 40000 [ACK] Seq=1 Ack=6 Win=8388480 Len=0',
    ]);
    expect(packets[2].field('tcp.window_size_value')).toBe('512');
    expect(packets[2].field('tcp.window_size_scalefactor')).toBe('16384');
    expect(packets[4].field('tcp.window_size_scalefactor')).toBe('128');
  });

  it('keeps the raw ACK number without the ACK flag and scales a FIN sent before the SYN/ACK (zeek)', async () => {
    const { packets } = await dissectFile(testdata('zeek-fin-retransmission.pcap'));
    // From fin_retransmission.pcap.tcp.tsv (the [TCP Retransmission] tags are TCP analysis, not checked here).
    expect(packets.map((p) => `${p.field('tcp.seq')} ${p.field('tcp.ack')} ${p.field('tcp.window_size')}`)).toEqual([
      '0 0 65535',
      '0 0 1048560',
      '0 1 8190',
      '0 1 262144',
      '1 2397663729 131216',
    ]);
    expect(packets[0].cols.info).toBe(
      '55344 → 443 [SYN] Seq=0 Win=65535 Len=0 MSS=1460 WS=16 TSval=1240600619 TSecr=0 SACK_PERM',
    );
    expect(packets[4].cols.info).toBe('443 → 55344 [RST] Seq=1 Win=131216 Len=0');
  });

  it('shows SACK blocks of SYNs as sent when the other side is unknown (zeek option-sack)', async () => {
    const { packets } = await dissectFile(testdata('zeek-option-sack.pcap'));
    expect(packets[0].cols.info).toBe('20 → 80 [SYN] Seq=0 Win=8192 Len=0 SLE=1 SRE=16');
    // tshark: "[TCP Retransmission] 20 → 80 [SYN] Seq=0 …" (the same SYN sent again)
    expect(packets[3].cols.info).toBe(
      '[TCP Retransmission] 20 → 80 [SYN] Seq=0 Win=8192 Len=0 SLE=1 SRE=16 SLE=256 SRE=4096 SLE=65536 SRE=1048576 SLE=16777216 SRE=268435456',
    );
    expect(packets[3].field('tcp.options.sack.count')).toBe('4');
    expect(packets.map((p) => p.field('tcp.stream')).join('')).toBe('0000');
  });

  it('uses the whole stream for SACK edges and the empty SACK (suricata tcp-opt)', async () => {
    const { packets } = await dissectFile(testdata('suricata-tcp-opt.pcap'));
    expect(packets[23].cols.info).toBe('443 → 49506 [ACK] Seq=5221 Ack=2084 Win=1046000 Len=0[Malformed Packet]');
    expect(packets[24].cols.info).toBe(
      '[TCP Dup ACK 24#1] 443 → 49506 [ACK] Seq=5221 Ack=2084 Win=1046000 Len=0 SLE=2692 SRE=3326',
    );
    expect(packets[41].cols.info).toBe('49506 → 443 [RST] Seq=3985 Win=0 Len=0');
  });

  it('shows a packet the same whichever packets the second pass dissected before it', async () => {
    const engine = new Engine();
    await engine.open(bytesSource(new Uint8Array(readFileSync(testdata('zeek-window-scale-range.pcap'))), 'w.pcap'));
    const all = (await engine.rows(0, engine.count)).map((r) => r.info);
    for (const i of [4, 2, 0, 3, 1]) expect((await engine.rows(i, 1))[0].info).toBe(all[i]);
    expect(all[4]).toBe('80 → 40000 [ACK] Seq=1 Ack=6 Win=8388480 Len=0');
  });

  it('starts a new stream when a SYN with a new ISN reuses the ports', async () => {
    // The handshake of print-flags.pcap, then its SYN again with another initial sequence number.
    const bytes = new Uint8Array(readFileSync(testdata('tcpdump-print-flags.pcap')));
    const records: Uint8Array[] = [];
    let o = 24;
    for (let i = 0; i < 3; i++) {
      const len = 16 + new DataView(bytes.buffer, bytes.byteOffset + o + 8, 4).getUint32(0, true);
      records.push(bytes.slice(o, o + len));
      o += len;
    }
    const again = records[0].slice();
    const seqAt = 16 + 14 + 20 + 4;
    again[seqAt] ^= 0x40; // another ISN
    again[4] += 1; // a later timestamp
    const parts = [bytes.slice(0, 24), ...records, again];
    const file = new Uint8Array(parts.reduce((n, b) => n + b.length, 0));
    let at = 0;
    for (const b of parts) {
      file.set(b, at);
      at += b.length;
    }
    const engine = new Engine();
    await engine.open(bytesSource(file, 'reuse.pcap'));
    const sink = new FieldSink(
      allFields().map((f) => f.id),
      allFields().length,
    );
    const got: string[] = [];
    const stream = allFields().find((f) => f.abbrev === 'tcp.stream')!;
    await engine.dissectRange(0, engine.count, sink, (_p, cols) => {
      got.push(`${(sink.values.get(stream.id) ?? []).map((v) => exportValue(stream, v)).join()} ${cols.info}`);
      sink.clear();
    });
    // tshark 4.0 on this file: "[TCP Port numbers reused] 55920 → 80 [SYN] …"
    expect(got[3]).toBe(
      '1 [TCP Port numbers reused] 55920 → 80 [SYN] Seq=0 Win=32767 Len=0 MSS=16396 SACK_PERM TSval=1306300950 TSecr=0 WS=4',
    );
    expect(got.slice(0, 3).map((s) => s[0])).toEqual(['0', '0', '0']);
  });
});
