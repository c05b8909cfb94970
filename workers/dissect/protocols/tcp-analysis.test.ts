import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../capture/source';
import { Engine } from '../../engine';
import { allFields } from '../registry';
import { FieldSink } from '../sinks';
import { exportValue } from '../format';
import { dissectFile } from '../testing';

const testdata = (name: string) => new URL(`../../testdata/${name}`, import.meta.url).pathname;

/** One segment: client (c) or server (s), relative seq/ack, flags letters, window, payload length, time in ms. */
type Seg = [from: 'c' | 's', seq: number, ack: number, flags: string, win: number, len: number, ms: number];

const FLAG_BITS: Record<string, number> = { F: 1, S: 2, R: 4, P: 8, A: 16 };
const ISN = { c: 1000, s: 5000 };

/** A classic pcap (Ethernet, IPv4, TCP 10.0.0.1:40000 ↔ 10.0.0.2:80) built in memory. */
function buildPcap(segs: Seg[]): Uint8Array {
  const recs: Uint8Array[] = [];
  for (const [from, seq, ack, fl, win, len, ms] of segs) {
    const frame = new Uint8Array(14 + 20 + 20 + len);
    const dv = new DataView(frame.buffer);
    dv.setUint16(12, 0x0800);
    frame[14] = 0x45;
    dv.setUint16(16, 40 + len);
    frame[22] = 64;
    frame[23] = 6;
    const [a, b] = from === 'c' ? [1, 2] : [2, 1];
    frame.set([10, 0, 0, a], 26);
    frame.set([10, 0, 0, b], 30);
    dv.setUint16(34, from === 'c' ? 40000 : 80);
    dv.setUint16(36, from === 'c' ? 80 : 40000);
    dv.setUint32(38, (ISN[from] + seq) >>> 0);
    dv.setUint32(42, fl.includes('A') ? (ISN[from === 'c' ? 's' : 'c'] + ack) >>> 0 : 0);
    let flags = 0;
    for (const ch of fl) flags |= FLAG_BITS[ch];
    dv.setUint16(46, (5 << 12) | flags);
    dv.setUint16(48, win);
    const rec = new Uint8Array(16 + frame.length);
    const rv = new DataView(rec.buffer);
    rv.setUint32(0, 1_700_000_000 + Math.floor(ms / 1000), true);
    rv.setUint32(4, Math.round((ms % 1000) * 1000), true);
    rv.setUint32(8, frame.length, true);
    rv.setUint32(12, frame.length, true);
    rec.set(frame, 16);
    recs.push(rec);
  }
  const head = new Uint8Array(24);
  const hv = new DataView(head.buffer);
  hv.setUint32(0, 0xa1b2c3d4, true);
  hv.setUint16(4, 2, true);
  hv.setUint16(6, 4, true);
  hv.setUint32(16, 65535, true);
  hv.setUint32(20, 1, true);
  const out = new Uint8Array(24 + recs.reduce((n, r) => n + r.length, 0));
  out.set(head);
  let o = 24;
  for (const r of recs) {
    out.set(r, o);
    o += r.length;
  }
  return out;
}

/** Info of every packet and the values of some fields, as the CLI prints them. */
async function run(file: Uint8Array, fields: string[]): Promise<{ info: string[]; f: Record<string, string>[] }> {
  const engine = new Engine();
  await engine.open(bytesSource(file, 'crafted.pcap'));
  const defs = fields.map((n) => allFields().find((d) => d.abbrev === n)!);
  const sink = new FieldSink(
    defs.map((d) => d.id),
    allFields().length,
  );
  const info: string[] = [];
  const f: Record<string, string>[] = [];
  await engine.dissectRange(0, engine.count, sink, (_p, cols) => {
    info.push(cols.info);
    const row: Record<string, string> = {};
    for (const d of defs) row[d.abbrev] = (sink.values.get(d.id) ?? []).map((v) => exportValue(d, v)).join(',');
    f.push(row);
    sink.clear();
  });
  return { info, f };
}

const HANDSHAKE: Seg[] = [
  ['c', 0, 0, 'S', 64000, 0, 0],
  ['s', 0, 1, 'SA', 64000, 0, 1],
  ['c', 1, 1, 'A', 64000, 0, 2],
];

// Every expected Info below is what tshark 4.0.17 (-n -2) prints for the same crafted capture.
describe('tcp analysis on crafted sequences (through the real engine)', () => {
  it('finds dup ACKs, a fast retransmission, a lost segment and the acked frames', async () => {
    const file = buildPcap([
      ...HANDSHAKE,
      ['s', 1, 1, 'A', 64000, 100, 10], // 4
      ['s', 201, 1, 'A', 64000, 100, 11], // 5: 101..201 not captured
      ['c', 1, 101, 'A', 64000, 0, 12], // 6
      ['c', 1, 101, 'A', 64000, 0, 13], // 7 dup 1
      ['c', 1, 101, 'A', 64000, 0, 14], // 8 dup 2
      ['s', 101, 1, 'A', 64000, 100, 15], // 9 fast retransmission
      ['c', 1, 301, 'A', 64000, 0, 16], // 10
    ]);
    const { info, f } = await run(file, [
      'tcp.analysis.acks_frame',
      'tcp.analysis.duplicate_ack_num',
      'tcp.analysis.duplicate_ack_frame',
      'tcp.analysis.retransmission',
      'tcp.analysis.initial_rtt',
    ]);
    expect(info[4]).toBe('[TCP Previous segment not captured] 80 → 40000 [ACK] Seq=201 Ack=1 Win=64000 Len=100');
    expect(info[6]).toBe('[TCP Dup ACK 6#1] 40000 → 80 [ACK] Seq=1 Ack=101 Win=64000 Len=0');
    expect(info[7]).toBe('[TCP Dup ACK 6#2] 40000 → 80 [ACK] Seq=1 Ack=101 Win=64000 Len=0');
    expect(info[8]).toBe('[TCP Fast Retransmission] 80 → 40000 [ACK] Seq=101 Ack=1 Win=64000 Len=100');
    expect(f[7]['tcp.analysis.duplicate_ack_num']).toBe('2');
    expect(f[7]['tcp.analysis.duplicate_ack_frame']).toBe('6');
    expect(f[8]['tcp.analysis.retransmission']).toBe('1');
    expect(f[1]['tcp.analysis.acks_frame']).toBe('1');
    expect(f[5]['tcp.analysis.acks_frame']).toBe('4');
    expect(f[2]['tcp.analysis.initial_rtt']).toBe('0.002000000');
    expect(f[0]['tcp.analysis.initial_rtt']).toBe(''); // a SYN has no [SEQ/ACK analysis]
  });

  it('tells a retransmission from an out-of-order segment by time, and flags spurious ones', async () => {
    const file = buildPcap([
      ...HANDSHAKE,
      ['s', 1, 1, 'A', 64000, 100, 10], // 4
      ['s', 101, 1, 'A', 64000, 100, 10.5], // 5
      ['s', 1, 1, 'A', 64000, 100, 11], // 6: within the iRTT of frame 5 → out-of-order
      ['s', 101, 1, 'A', 64000, 100, 500], // 7: long after → retransmission
      ['c', 1, 201, 'A', 64000, 0, 501], // 8
      ['s', 101, 1, 'A', 64000, 100, 900], // 9: already acknowledged → spurious
    ]);
    const { info, f } = await run(file, ['tcp.analysis.rto_frame', 'tcp.analysis.out_of_order']);
    expect(info[5]).toBe('[TCP Out-Of-Order] 80 → 40000 [ACK] Seq=1 Ack=1 Win=64000 Len=100');
    expect(info[6]).toBe('[TCP Retransmission] 80 → 40000 [ACK] Seq=101 Ack=1 Win=64000 Len=100');
    expect(f[6]['tcp.analysis.rto_frame']).toBe('4');
    expect(info[8]).toBe('[TCP Spurious Retransmission] 80 → 40000 [ACK] Seq=101 Ack=1 Win=64000 Len=100');
  });

  it('marks zero windows, probes, their ACKs, window updates, window full and keep-alives', async () => {
    const file = buildPcap([
      ...HANDSHAKE,
      ['s', 1, 1, 'A', 64000, 64000, 10], // 4 fills the client's window
      ['c', 1, 64001, 'A', 0, 0, 11], // 5 zero window
      ['s', 64001, 1, 'A', 64000, 1, 12], // 6 probe
      ['c', 1, 64001, 'A', 0, 0, 13], // 7 probe ack
      ['c', 1, 64001, 'A', 64000, 0, 14], // 8 window update
      ['c', 0, 64001, 'A', 64000, 0, 15], // 9 keep-alive
      ['s', 64001, 1, 'A', 64000, 0, 16], // 10 keep-alive ack
    ]);
    const { info } = await run(file, []);
    expect(info[3]).toBe('[TCP Window Full] 80 → 40000 [ACK] Seq=1 Ack=1 Win=64000 Len=64000');
    expect(info[4]).toBe('[TCP ZeroWindow] 40000 → 80 [ACK] Seq=1 Ack=64001 Win=0 Len=0');
    expect(info[5]).toBe('[TCP ZeroWindowProbe] 80 → 40000 [ACK] Seq=64001 Ack=1 Win=64000 Len=1');
    expect(info[6]).toBe('[TCP ZeroWindowProbeAck] [TCP ZeroWindow] 40000 → 80 [ACK] Seq=1 Ack=64001 Win=0 Len=0');
    expect(info[7]).toBe('[TCP Window Update] 40000 → 80 [ACK] Seq=1 Ack=64001 Win=64000 Len=0');
    expect(info[8]).toBe('[TCP Keep-Alive] 40000 → 80 [ACK] Seq=0 Ack=64001 Win=64000 Len=0');
    expect(info[9]).toBe('[TCP Keep-Alive ACK] 80 → 40000 [ACK] Seq=64001 Ack=1 Win=64000 Len=0');
  });

  it('shows the same analysis whichever packets the second pass dissected before', async () => {
    const engine = new Engine();
    const file = buildPcap([...HANDSHAKE, ['c', 1, 1, 'A', 64000, 0, 3], ['c', 1, 1, 'A', 64000, 0, 4]]);
    await engine.open(bytesSource(file, 'x.pcap'));
    const all = (await engine.rows(0, engine.count)).map((r) => r.info);
    for (const i of [4, 0, 3]) expect((await engine.rows(i, 1))[0].info).toBe(all[i]);
    expect(all[4]).toBe('[TCP Dup ACK 3#2] 40000 → 80 [ACK] Seq=1 Ack=1 Win=64000 Len=0');
  });
});

describe('tcp analysis on real files', () => {
  it('suricata tcp-opt: dup ACKs, fast retransmission, retransmission with its RTO frame, keep-alive', async () => {
    const { packets } = await dissectFile(testdata('suricata-tcp-opt.pcap'));
    // tshark -n -2: "[TCP Dup ACK 24#2] 443 → 49506 [ACK] Seq=5221 Ack=2084 Win=1046000 Len=0 SLE=2692 SRE=3954"
    expect(packets[25].cols.info).toBe(
      '[TCP Dup ACK 24#2] 443 → 49506 [ACK] Seq=5221 Ack=2084 Win=1046000 Len=0 SLE=2692 SRE=3954',
    );
    expect(packets[25].field('tcp.analysis.duplicate_ack_num')).toBe('2');
    expect(packets[26].cols.info.startsWith('[TCP Fast Retransmission] 49506 → 443 [ACK] Seq=2084')).toBe(true);
    expect(packets[27].cols.info.startsWith('[TCP Retransmission] 49506 → 443 [PSH, ACK] Seq=3326')).toBe(true);
    expect(packets[27].field('tcp.analysis.rto_frame')).toBe('21');
    expect(packets[28].field('tcp.analysis.acks_frame')).toBe('22');
    expect(packets[33].cols.info).toBe('[TCP Keep-Alive] 49506 → 443 [ACK] Seq=3953 Ack=6603 Win=262144 Len=0');
  });
});
